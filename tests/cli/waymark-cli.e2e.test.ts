/**
 * The `waymark` command line as a user runs it: the real launcher (package.json's bin) in a
 * child process for help, a usage error and a failure (exit codes 0, 2 and 1 as the shell sees
 * them), the rest inside this process (tests/helpers/cli.ts: the same `main`, without loading
 * the kit again for each run). Exit codes: 0 success, 2 usage error (with the command's usage on stderr),
 * 1 any other error (`waymark: <message>`, maybe `    → <hint>`, a stack trace only with --debug).
 * Nothing here builds PDFs.
 */
import { execFile } from "node:child_process";
import { access, constants, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { waymark as cli, type Run } from "../helpers/cli.ts";
import { PROJECT_ROOT, sampleCampaigns, sampleFile, smallSample } from "../helpers/sample-campaign.ts";

const LAUNCHER = path.join(PROJECT_ROOT, "scripts", "waymark.mjs");
const STACK_LINE = /^ {4}at /m;

/** A launched run that loads a campaign: tsx compiles the build modules, then fifteen languages load (about 4 s alone on 2 cores; 4x beside another test file). */
const RUN_MS = 16_000;

/** `waymark <args>` in this process. */
const waymark = (...args: string[]) => cli(args);

/** `waymark <args>` through the launcher, in a child process. */
function launched(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [LAUNCHER, ...args],
      {
        cwd: PROJECT_ROOT,
        env: { ...process.env, NO_COLOR: "1", WAYMARK_REVIEWER: "", WEBLATE_URL: "", WEBLATE_TOKEN: "", WEBLATE_PROJECT: "" },
        timeout: 2 * RUN_MS,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** The first line of stderr: the error message the user reads. */
const firstLine = (r: Run) => r.stderr.split("\n")[0] ?? "";

describe("waymark command line", () => {
  const copy = sampleCampaigns();

  it("--help exits 0 and lists every command", { timeout: 20_000 }, async () => {
    const r = await launched("--help");
    expect(r.code, r.stderr).toBe(0);
    for (const command of ["build", "status", "review", "context", "source-json", "xliff", "serve", "bench", "audit"])
      expect(r.stdout).toMatch(new RegExp(`^ {2}${command}\\b`, "m"));
    expect(r.stdout).toContain("--root <dir>");
    expect(r.stdout).toContain("--debug");
  });

  it("package.json's bin points to an executable launcher with a node shebang", { timeout: 5_000 }, async () => {
    const pkg = JSON.parse(await readFile(path.join(PROJECT_ROOT, "package.json"), "utf8")) as {
      bin?: Record<string, string>;
      dependencies?: Record<string, string>;
    };
    const bin = pkg.bin?.waymark;
    expect(bin).toBeDefined();
    const file = path.join(PROJECT_ROOT, bin!);
    expect(path.resolve(file)).toBe(LAUNCHER);
    expect((await stat(file)).isFile()).toBe(true);
    await expect(access(file, constants.X_OK)).resolves.toBeUndefined();
    expect((await readFile(file, "utf8")).startsWith("#!/usr/bin/env node\n")).toBe(true);
    // The launcher needs these at run time, so they cannot be dev-only.
    expect(Object.keys(pkg.dependencies ?? {})).toEqual(expect.arrayContaining(["commander", "tsx"]));
  });

  it("an unknown command exits 2 with the usage on stderr", { timeout: 20_000 }, async () => {
    const r = await launched("bogus");
    expect(r.code, r.stderr).toBe(2);
    expect(firstLine(r)).toBe("waymark: unknown command 'bogus'");
    expect(r.stderr).toContain("Usage: waymark [options] [command]");
    expect(r.stdout).toBe("");
  });

  it("an unknown option exits 2 with the command's usage on stderr", { timeout: 20_000 }, async () => {
    const r = await waymark("status", "--frobnicate");
    expect(r.code, r.stderr).toBe(2);
    expect(firstLine(r)).toBe("waymark: unknown option '--frobnicate'");
    expect(r.stderr).toContain("Usage: waymark status [options]");
  });

  it("build --concurrency abc exits 2 at once, naming the option and what it accepts, without a stack trace", { timeout: 20_000 }, async () => {
    const root = await copy(); // should the check fail, nothing is built in the project itself
    const r = await waymark("build", "--no-pdf", "--concurrency", "abc", "--root", root);
    expect(r.code, r.stderr).toBe(2);
    expect(firstLine(r)).toMatch(/^waymark: option '--concurrency <n>' argument 'abc' is invalid\. It must be a whole number from 1 to 16\.$/);
    expect(r.stderr).toContain("Usage: waymark build [options]");
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.stdout).toBe(""); // no stage was started
  });

  it("build --pdfx with --no-pdf or --shard exits 2 at once: the PDF/X files are made from the print PDFs of one build", { timeout: 20_000 }, async () => {
    const root = await copy();
    for (const [other, named] of [
      [["--no-pdf"], "--no-pdf"],
      [["--shard", "1/2"], "--shard <i/n>"],
    ] as const) {
      const r = await waymark("build", "--pdfx", ...other, "--root", root);
      expect(r.code, r.stderr).toBe(2);
      expect(firstLine(r)).toBe(`waymark: option '--pdfx' cannot be used with option '${named}'`);
      expect(r.stdout).toBe("");
    }
  });

  it("review --state bogus exits 2, naming the choices", { timeout: 20_000 }, async () => {
    const r = await waymark("review", "--lang", "nl", "--state", "bogus");
    expect(r.code, r.stderr).toBe(2);
    expect(firstLine(r)).toBe("waymark: option '--state <state>' argument 'bogus' is invalid. Allowed choices are draft, reviewed, approved.");
    expect(r.stderr).toContain("Usage: waymark review [options]");
  });

  it("review --state approved without a reviewer's name exits 2, saying how to give it, and records nothing", { timeout: 20_000 }, async () => {
    const root = await copy(await smallSample(["en", "nl"], ["leaflet"]));
    const r = await waymark("review", "--lang", "nl", "--state", "approved", "--root", root);
    expect(r.code, r.stderr).toBe(2);
    expect(firstLine(r)).toBe('waymark: an approval needs the reviewer\'s name: --by "Your name" (or WAYMARK_REVIEWER in the environment)');
    expect(r.stdout).toBe("");
  });

  it("context --lang of the source language, or push to an unconfigured Weblate, exits 1 with the reason and what to give", {
    timeout: 2 * RUN_MS + 5_000,
  }, async () => {
    const root = await copy(await smallSample(["en", "nl"], ["leaflet"]));
    const source = await waymark("context", "--lang", "en", "--root", root);
    expect(source.code, source.stderr).toBe(1);
    expect(source.stderr).toMatch(/"en" is the source language[\s\S]*give one of nl/);
    expect(source.stderr).not.toMatch(STACK_LINE);
    const push = await waymark("context", "--lang", "nl", "--push", "weblate", "--root", root);
    expect(push.code, push.stderr).toBe(1);
    expect(push.stderr).toMatch(/WEBLATE_URL, WEBLATE_TOKEN, WEBLATE_PROJECT are not set/);
    expect(push.stdout).toBe(""); // refused before any page was shot
  });

  it("xliff export --all gives one zip of every language, and one import takes it back unchanged, recording the reviewer", {
    timeout: 4 * RUN_MS + 5_000,
  }, async () => {
    const root = await copy(await smallSample(["en", "nl", "ar"], ["leaflet"]));
    const zip = path.join(root, "all.zip");
    const out = await waymark("xliff", "export", "--all", "--out", zip, "--root", root);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain("2 languages (nl, ar), with screenshots for none");
    const files = Object.keys(unzipSync(await readFile(zip)));
    expect(files.sort()).toEqual(["ar/ar.xlf", "nl/nl.xlf"]);
    // A decision in the agency's file: the Dutch title approved.
    const entries = unzipSync(await readFile(zip));
    const nl = new TextDecoder()
      .decode(entries["nl/nl.xlf"])
      .replace(/(<file id="leaflet">[\s\S]*?<unit id="title"[\s\S]*?<segment) state="translated"/, '$1 state="final"');
    expect(nl).toContain('state="final"');
    await writeFile(zip, zipSync({ ...entries, "nl/nl.xlf": new TextEncoder().encode(nl) }));
    const back = await waymark("xliff", "import", zip, "--by", "Agency reviewer", "--root", root);
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout).toMatch(/all\.zip:ar\/ar\.xlf into locales\/ar\/: 0 added, 0 changed, 0 review state\(s\) changed/);
    expect(back.stdout).toMatch(/all\.zip:nl\/nl\.xlf into locales\/nl\/: 0 added, 0 changed, 1 review state\(s\) changed/);
    const review = JSON.parse(await readFile(path.join(root, "locales", "nl", "_review.json"), "utf8"));
    expect(review["leaflet:title"]).toMatchObject({ state: "approved", by: "Agency reviewer", at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) });
  });

  it("xliff import of a file that is not XML exits 1 with one line naming the file and a hint, without a stack trace", {
    timeout: 2 * RUN_MS + 5_000,
  }, async () => {
    const root = await copy(await smallSample(["en", "nl"], ["leaflet"]));
    const file = path.join(root, "notes.xlf");
    await writeFile(file, "These are my notes, not an XLIFF file.\n");
    const r = await waymark("xliff", "import", file, "--root", root);
    expect(r.code, r.stderr).toBe(1);
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines[0]!.startsWith(`waymark: ${file}: not well-formed XML`)).toBe(true);
    expect(lines[1]).toMatch(/^ {4}→ .*xliff export/);
    expect(lines).toHaveLength(2);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it("status on a campaign with a broken campaign.yaml exits 1, naming the file; a stack trace only with --debug", {
    timeout: 4 * RUN_MS + 5_000,
  }, async () => {
    const campaign = (await sampleFile("content/campaign.yaml")).replace(/^languages: \[/m, "languages: [[");
    const root = await copy({ "content/campaign.yaml": campaign });
    const r = await launched("status", "--root", root);
    expect(r.code, r.stderr).toBe(1);
    expect(firstLine(r)).toBe("waymark: 1 problem in the campaign content:");
    expect(r.stderr).toMatch(/^ {2}content\/campaign\.yaml:\d+: not valid YAML/m);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.stderr).not.toContain("--debug"); // an expected error: its own hint, not the stack-trace one

    const debug = await waymark("status", "--root", root, "--debug");
    expect(debug.code, debug.stderr).toBe(1);
    expect(debug.stderr.startsWith(r.stderr)).toBe(true); // the same message, then the stack trace
    expect(debug.stderr).toMatch(STACK_LINE);
  });
});

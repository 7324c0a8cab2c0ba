/**
 * `npm run verify`: the whole campaign, as a user and CI would have it. Builds every edition with
 * the README's own command, reads dist/ back with the checks of a built edition (vitest, over
 * tests/verify/), runs the slower test tier (the editor driven in Chromium, tests/workflows/; the
 * fixed formats with room for translation, tests/margins/; Chromium's life, tests/lifecycle/; PDF/X
 * of every document in four scripts), then runs every other command the README names on the real campaign: the
 * audit of every page, a split build merged (byte for byte the single build), the release gate,
 * status, review and XLIFF round trip (in a copy: they write locales/), the preview server, the
 * benchmark on a small scale, a build on a Chromium reached by WebSocket, --help. A command that
 * crashes or says the wrong thing fails verify. Each step's time and result go to
 * dist/reports/verify.json.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { cp, mkdtemp, readdir, readFile, rm, symlink } from "node:fs/promises";
import { networkInterfaces, tmpdir } from "node:os";
import path from "node:path";
import { findChromium } from "../../build/chromium/find-chromium.mjs";
import { writeWhole } from "../../build/write-whole.ts";
import { freePort } from "../helpers/free-port.ts";

const root = path.resolve(import.meta.dirname, "../..");
const dist = path.join(root, "dist");
const steps: { step: string; ok: boolean; seconds: number; detail?: string }[] = [];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command in the project, its output shown as it comes and kept. */
function run(cmd: string, args: string[], { quiet = false, env = {} }: { quiet?: boolean; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, FORCE_COLOR: "0", ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d;
      if (!quiet) process.stdout.write(d);
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d;
      if (!quiet) process.stderr.write(d);
    });
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const waymark = (...args: string[]) => run("npx", ["tsx", "scripts/waymark.ts", ...args], { quiet: true });

/** One step: its check throws to fail it, with what to look at. */
async function step(name: string, check: () => Promise<unknown>): Promise<void> {
  console.log(`\n▶ ${name}`);
  const started = performance.now();
  try {
    const said = await check();
    const detail = typeof said === "string" ? said : undefined;
    steps.push({ step: name, ok: true, seconds: seconds(started), ...(detail ? { detail } : {}) });
    console.log(`✔ ${name} (${seconds(started)} s)${detail ? `: ${detail}` : ""}`);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    steps.push({ step: name, ok: false, seconds: seconds(started), detail });
    console.error(`✘ ${name} (${seconds(started)} s): ${detail}`);
  }
}

const seconds = (since: number) => Math.round((performance.now() - since) / 100) / 10;

function expectCode(r: Run, code: number, what: string): void {
  if (r.code !== code) throw new Error(`${what} exited ${r.code}, not ${code}:\n${(r.stderr || r.stdout).split("\n").slice(-15).join("\n")}`);
}

/** Every file under a folder, relative, sorted. */
async function files(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

/** The files of b that differ from a's (missing, extra, or other bytes). */
async function differences(a: string, b: string): Promise<string[]> {
  const [fa, fb] = [await files(a), await files(b)];
  const out = [...fa.filter((f) => !fb.includes(f)).map((f) => `only in ${a}: ${f}`), ...fb.filter((f) => !fa.includes(f)).map((f) => `only in ${b}: ${f}`)];
  for (const f of fa.filter((x) => fb.includes(x))) if (!(await readFile(path.join(a, f))).equals(await readFile(path.join(b, f)))) out.push(`differs: ${f}`);
  return out;
}

/** A copy of the campaign for the commands that write locales/. */
async function campaignCopy(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "waymark-verify-"));
  for (const sub of ["content", "locales", "templates"]) await cp(path.join(root, sub), path.join(dir, sub), { recursive: true });
  await symlink(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}

/** Throws if the port answers on any of this machine's network addresses (not loopback): what it serves is for this machine only. */
async function onlyOnThisMachine(port: number, what: string): Promise<string> {
  const addresses = Object.values(networkInterfaces())
    .flat()
    .filter((i) => i && !i.internal && i.family === "IPv4")
    .map((i) => i!.address);
  for (const address of addresses) {
    const reached = await fetch(`http://${address}:${port}/`, { signal: AbortSignal.timeout(5_000) }).then(
      () => true,
      () => false,
    );
    if (reached) throw new Error(`${what} answers on the network address ${address}:${port}: it must listen on 127.0.0.1 only`);
  }
  return addresses.length ? `${what} not reachable on ${addresses.join(", ")}` : `${what}: no network address to try it on`;
}

/** Polls a URL until it answers 200 or `ms` pass. */
async function answers(url: string, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("close", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 5000).unref();
  });
}

const work = await mkdtemp(path.join(tmpdir(), "waymark-verify-out-"));
const started = performance.now();
try {
  await step("npm run build: every edition", async () => {
    const r = await run("npm", ["run", "build"]);
    expectCode(r, 0, "npm run build");
    if (!/Open dist\/site\/index\.html first/.test(r.stdout)) throw new Error("the build's last lines do not say what to open first");
  });

  await step("the built campaign, read back (vitest: tests/verify/)", async () => {
    expectCode(await run("npx", ["vitest", "run", "--config", "vitest.verify.config.ts"]), 0, "vitest");
  });

  await step("a script the kit has never seen (Bengali, Burmese), in every format (vitest: tests/e2e/unseen-script.e2e.test.ts)", async () => {
    const r = await run("npx", ["vitest", "run", "tests/e2e/unseen-script.e2e.test.ts"], { env: { WAYMARK_EVERY_FORMAT: "1" } });
    expectCode(r, 0, "vitest");
  });

  await step(
    "the editor, driven in Chromium: lists, saves, refuses, uploads a logo onto a poster, rewords an edition, writes a new story onto the preview (vitest: tests/workflows/)",
    async () => {
      expectCode(await run("npx", ["vitest", "run", "--config", "vitest.workflows.config.ts", "tests/workflows/"]), 0, "vitest");
    },
  );

  await step(
    "Chromium's life: killed with its process group when close() hangs or the build is cancelled, left running with no tab of ours when reached by WebSocket (vitest: tests/lifecycle/)",
    async () => {
      expectCode(await run("npx", ["vitest", "run", "--config", "vitest.workflows.config.ts", "tests/lifecycle/"]), 0, "vitest");
    },
  );

  await step(
    "room for translation: the leaflet, poster, fiche and every story's card and poster hold texts 30% longer than the English (vitest: tests/margins/)",
    async () => {
      expectCode(await run("npx", ["vitest", "run", "--config", "vitest.workflows.config.ts", "tests/margins/"]), 0, "vitest");
    },
  );

  await step(
    "PDF/X of the poster and the brochure with its stories' posters and cards, in Latin, Arabic, Ethiopic and Han (vitest: tests/e2e/pdfx.e2e.test.ts)",
    async () => {
      const r = await run("npx", ["vitest", "run", "tests/e2e/pdfx.e2e.test.ts"], { env: { WAYMARK_PDFX_EVERY_DOCUMENT: "1" } });
      expectCode(r, 0, "vitest");
    },
  );

  await step("npm run audit: every page of every edition passes axe and weighs what the build says", async () => {
    const r = await run("npm", ["run", "audit"]);
    expectCode(r, 0, "npm run audit");
    return /(\d+ of \d+ pages pass)/.exec(r.stdout)?.[1];
  });

  await step("waymark build --shard 1/2 and 2/2 (no cache), then waymark merge: the same files as the single build", async () => {
    const out = path.join(work, "sharded");
    for (const shard of ["1/2", "2/2"]) expectCode(await waymark("build", "--shard", shard, "--no-cache", "--out", out), 0, `build --shard ${shard}`);
    expectCode(await waymark("merge", "--out", out), 0, "merge");
    const diff = [
      ...(await differences(path.join(dist, "pdf"), path.join(out, "pdf"))),
      ...(await differences(path.join(dist, "site"), path.join(out, "site"))),
      ...(await differences(path.join(dist, "offline"), path.join(out, "offline"))),
    ];
    if (diff.length) throw new Error(`${diff.length} file(s) differ from the single build: ${diff.slice(0, 8).join("; ")}`);
    return `${(await files(path.join(out, "pdf"))).length} PDFs and the site, byte for byte`;
  });

  await step("waymark build --release: refused, every blocker listed, nothing written", async () => {
    const out = path.join(work, "release");
    const r = await waymark("build", "--release", "--out", out);
    expectCode(r, 1, "build --release");
    if (!/Release refused: \d+ things? may not be published yet/.test(r.stderr)) throw new Error(`no list of what blocks release:\n${r.stderr.slice(0, 500)}`);
    const written = await files(out).catch(() => []);
    if (written.some((f) => !f.startsWith("."))) throw new Error(`a refused release wrote ${written.join(", ")}`);
    const edition = await waymark("build", "--release", "--edition", "brazil", "--out", path.join(work, "release-brazil"));
    expectCode(edition, 1, "build --release --edition brazil");
    return `${/Release refused: (\d+)/.exec(r.stderr)?.[1]} blockers listed`;
  });

  await step("waymark build --no-pdf (the site only)", async () => {
    const out = path.join(work, "no-pdf");
    expectCode(await waymark("build", "--no-pdf", "--edition", "main", "--out", out), 0, "build --no-pdf");
    if (!(await files(path.join(out, "site"))).includes("index.html")) throw new Error("no site");
  });

  await step("waymark build --pdfx (the main edition): a PDF/X file beside each print PDF, every one press-ready", async () => {
    const out = path.join(work, "pdfx");
    const r = await waymark("build", "--pdfx", "--edition", "main", "--out", out);
    expectCode(r, 0, "build --pdfx");
    const pdfs = await files(path.join(out, "pdf"));
    const prints = pdfs.filter((f) => f.endsWith(".print.pdf"));
    const pdfx = pdfs.filter((f) => f.endsWith(".pdfx.pdf"));
    const report = JSON.parse(await readFile(path.join(out, "reports", "preflight.json"), "utf8")) as { pdfs: { file: string; ok: boolean }[] };
    const lines = r.stdout.split("\n").filter((l) => l.trimStart().startsWith("preflight "));
    if (pdfx.length !== prints.length) throw new Error(`${pdfx.length} PDF/X files for ${prints.length} print PDFs`);
    if (report.pdfs.length !== prints.length || report.pdfs.some((p) => !p.ok)) throw new Error("reports/preflight.json does not pass every PDF/X file");
    if (lines.length !== prints.length) throw new Error(`${lines.length} preflight lines for ${prints.length} PDF/X files`);
    return `${pdfx.length} PDF/X files, all press-ready; ${lines.find((l) => l.includes("/en/poster.pdfx.pdf"))?.trim()}`;
  });

  await step("waymark status, and status --edition", async () => {
    const r = await waymark("status");
    expectCode(r, 0, "status");
    if (!/block release/.test(r.stdout)) throw new Error("no line on what blocks release");
    expectCode(await waymark("status", "--edition", "horn-of-africa"), 0, "status --edition horn-of-africa");
  });

  await step("waymark xliff export, xliff import (in a copy): a lossless round trip; waymark review", async () => {
    const copy = await campaignCopy();
    try {
      const xlf = path.join(work, "ar.xlf");
      expectCode(await waymark("--root", copy, "xliff", "export", "--lang", "ar", "--out", xlf), 0, "xliff export");
      const imported = await waymark("--root", copy, "xliff", "import", xlf);
      expectCode(imported, 0, "xliff import");
      // The English base files source-json wrote are the copy's own; every other file must come back as it was.
      const changed = (await differences(path.join(root, "locales"), path.join(copy, "locales"))).filter((d) => !/: en\/[^/]+\.json$/.test(d));
      if (changed.length) throw new Error(`a round trip changed ${changed.join(", ")}`);
      const review = await waymark("--root", copy, "review", "--lang", "nl", "--document", "leaflet", "--state", "approved", "--by", "Verify run");
      expectCode(review, 0, "review");
      if (!/Recorded \d+ text\(s\) of nl as approved/.test(review.stdout)) throw new Error(review.stdout);
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });

  await step("waymark context --lang ti: a screenshot of every text shown; source-json; xliff export --all and its import (in a copy)", async () => {
    const copy = await campaignCopy();
    try {
      const r = await waymark("--root", copy, "context", "--lang", "ti");
      expectCode(r, 0, "context --lang ti");
      const counted = /(\d+) of (\d+) texts shown somewhere have a screenshot/.exec(r.stdout);
      if (!counted || counted[1] !== counted[2]) throw new Error(`texts without a screenshot:\n${r.stdout}`);
      expectCode(await waymark("--root", copy, "source-json"), 0, "source-json");
      const zip = path.join(work, "all.zip");
      expectCode(await waymark("--root", copy, "xliff", "export", "--all", "--out", zip), 0, "xliff export --all");
      expectCode(await waymark("--root", copy, "xliff", "import", zip), 0, "xliff import all.zip");
      // The English base files source-json wrote are the copy's own; every other file must come back as it was.
      const changed = (await differences(path.join(root, "locales"), path.join(copy, "locales"))).filter((d) => !/: en\/[^/]+\.json$/.test(d));
      if (changed.length) throw new Error(`a round trip of every language changed ${changed.join(", ")}`);
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });

  await step("npm run serve: the preview answers on 127.0.0.1, and on no network address", async () => {
    const port = await freePort();
    const child = spawn("npm", ["run", "serve", "--", "--port", String(port)], { cwd: root, stdio: "ignore", detached: true });
    try {
      if (!(await answers(`http://127.0.0.1:${port}/en/`, 60_000))) throw new Error(`nothing answered on port ${port} within 60 s`);
      return await onlyOnThisMachine(port, "the preview");
    } finally {
      try {
        process.kill(-child.pid!, "SIGTERM"); // npm, tsx and the server: the whole group
      } catch {
        // already gone
      }
      await stop(child);
    }
  });

  await step(
    "npm run edit: the editor and its live preview answer on 127.0.0.1 and on no network address; the editor's configuration and code served by the kit",
    async () => {
      const [port, previewPort] = [await freePort(), await freePort()];
      const child = spawn("npm", ["run", "edit", "--", "--port", String(port), "--preview-port", String(previewPort)], {
        cwd: root,
        stdio: "ignore",
        detached: true,
      });
      try {
        if (!(await answers(`http://127.0.0.1:${port}/admin/config.yml`, 60_000))) throw new Error(`nothing answered on port ${port} within 60 s`);
        for (const file of ["", "decap-cms.js", "shapes.json", "formats.js", "yaml/index.js"]) {
          const r = await fetch(`http://127.0.0.1:${port}/admin/${file}`);
          if (!r.ok) throw new Error(`/admin/${file}: ${r.status}`);
        }
        if (!(await answers(`http://127.0.0.1:${previewPort}/en/`, 90_000))) throw new Error(`the preview did not answer on port ${previewPort} within 90 s`);
        return `${await onlyOnThisMachine(port, "the editor")}; ${await onlyOnThisMachine(previewPort, "the preview")}`;
      } finally {
        try {
          process.kill(-child.pid!, "SIGTERM"); // npm, tsx and the server: the whole group
        } catch {
          // already gone
        }
        await stop(child);
      }
    },
  );

  await step("waymark ready: what blocks release, per edition, in words; waymark content-model --check", async () => {
    const r = await waymark("ready");
    expectCode(r, 1, "ready");
    if (!/^Edition main: not ready, \d+ things block release\./m.test(r.stdout)) throw new Error(r.stdout.slice(0, 500));
    if (!r.stdout.includes("the site's address: https://waymark.example/ is a stand-in")) throw new Error("the stand-in site address is not named");
    expectCode(await waymark("content-model", "--check"), 0, "content-model --check");
  });

  await step("npm run bench, on a small scale (English and German, which has no story pages)", async () => {
    const r = await run("npm", ["run", "bench", "--", "--languages", "en,de", "--scale"], { quiet: true });
    expectCode(r, 0, "npm run bench");
    return /kit \/ bare loop = [\d.]+/.exec(r.stdout)?.[0];
  });

  await step("waymark build on a Chromium reached by WebSocket (--browser-ws-endpoint)", async () => {
    const chromium = findChromium();
    if (!chromium) throw new Error("no Chromium");
    const port = await freePort();
    const browser = spawn(
      chromium,
      [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        `--remote-debugging-port=${port}`,
        `--user-data-dir=${path.join(work, "profile")}`,
        "--no-first-run",
        "--disable-background-networking",
      ],
      { stdio: "ignore" },
    );
    try {
      if (!(await answers(`http://127.0.0.1:${port}/json/version`, 20_000))) throw new Error("the Chromium did not start");
      const { webSocketDebuggerUrl } = (await (await fetch(`http://127.0.0.1:${port}/json/version`)).json()) as { webSocketDebuggerUrl: string };
      expectCode(
        await waymark("build", "--edition", "brazil", "--no-cache", "--browser-ws-endpoint", webSocketDebuggerUrl, "--out", path.join(work, "remote")),
        0,
        "build --browser-ws-endpoint",
      );
    } finally {
      await stop(browser);
    }
  });

  await step("waymark --help, and help for each command", async () => {
    const top = await waymark("--help");
    expectCode(top, 0, "--help");
    const commands = [...top.stdout.matchAll(/^ {2}([a-z]+(?:-[a-z]+)*)\b/gm)].map((m) => m[1]!).filter((c) => c !== "help");
    for (const c of commands) expectCode(await waymark(c, "--help"), 0, `${c} --help`);
    return commands.join(", ");
  });
} finally {
  await rm(work, { recursive: true, force: true });
  const failed = steps.filter((s) => !s.ok);
  await writeWhole(path.join(dist, "reports", "verify.json"), JSON.stringify({ seconds: seconds(started), steps }, null, 2) + "\n");
  console.log(`\nverify: ${steps.length - failed.length} of ${steps.length} steps passed in ${seconds(started)} s → dist/reports/verify.json`);
  for (const f of failed) console.error(`  failed: ${f.step}`);
  process.exitCode = failed.length ? 1 : 0;
}

/**
 * The `waymark` command line: parses and checks the arguments, calls build/, shows progress. No logic.
 * scripts/waymark.ts runs it as a process; tests call `main` in theirs (tests/helpers/cli.ts).
 * `waymark --help` lists the commands; `waymark <command> --help` shows one.
 *
 * Exit codes: 0 success; 2 a usage error (unknown command or option, missing argument, invalid
 * value: the command's usage is printed to stderr); 1 any other error. An error prints as
 * `waymark: <message>` and, where there is one, `    → <hint>`; its stack trace only with --debug.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { inspect } from "node:util";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { ContentError, formatProblem, PrintError, ReleaseBlockedError, SetupError } from "../build/errors.ts";
import { EDITOR_LOCALES, type EditorLocale } from "../build/editor/locales.ts";
import { REVIEW_STATES, type ReviewState } from "../build/i18n/review-state.ts";
import type { BuildEvent, BuildResult } from "../build/pipeline.ts";
import { BuildProgress, formatSeconds } from "../build/progress.ts";
import { parseShard, type Shard } from "../build/print/shards.ts";
// The rest of build/ is imported by the command that needs it, so --help and usage errors are quick.

const projectRoot = path.resolve(import.meta.dirname, "..");
const { version } = JSON.parse(readFileSync(path.join(projectRoot, "package.json"), "utf8")) as { version: string };

/** An error the user can act on, found by the command line itself (a file to read, ...). */
class CliError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = "CliError";
  }
}

// ---- option values, checked as they are parsed (a bad one is a usage error, exit 2) ----

function wholeNumber(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || n < min || n > max) throw new InvalidArgumentError(`It must be a whole number from ${min} to ${max}.`);
    return n;
  };
}
const concurrency = () => new Option("--concurrency <n>", "pages printed at once").argParser(wholeNumber(1, 16)).default(2);
const editionOption = (what: string) =>
  new Option("--edition <id>", `${what}: main (the campaign as written) or a partner's (content/editions/<id>.yaml)`).argParser(editionId);

function editionId(value: string): string {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(value)) throw new InvalidArgumentError('It must be an edition id, like "main" or "brazil".');
  return value;
}

function positiveSeconds(value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError("It must be a positive number of seconds (60, 90, 2.5).");
  return n;
}

function shardOption(value: string): Shard {
  const shard = parseShard(value);
  if (!shard) throw new InvalidArgumentError('It must be i/n with 1 ≤ i ≤ n, like "2/4".');
  return shard;
}

function folder(value: string): string {
  const dir = path.resolve(value);
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new InvalidArgumentError(`No folder ${dir}: it must be a campaign folder holding content/ and locales/.`);
  return dir;
}

// ---- output ----

let lineOpen = false; // a progress bar drawn with \r and not yet ended

/** Prints a build's events: the edition, each stage, a bar for counted work, problems; with the time left. */
function progressPrinter(): (event: BuildEvent) => void {
  const tracker = new BuildProgress();
  return (event) => {
    const status = tracker.on(event);
    const left = status.secondsLeft !== undefined ? `, ${formatSeconds(status.secondsLeft)} left` : "";
    const endLine = () => lineOpen && process.stdout.write("\n");
    if (event.type === "edition") {
      endLine();
      lineOpen = false;
      console.log(`\n== edition ${event.index + 1} of ${event.count}: ${event.edition}${left}`);
    } else if (event.type === "stage") {
      endLine();
      lineOpen = false;
      console.log(`• ${event.stage}${left ? ` (${left.slice(2)})` : ""}`);
    } else if (event.type === "preflight") {
      endLine();
      lineOpen = false;
      console.log(`  preflight ${event.line}`);
    } else if (event.type === "problem") {
      endLine();
      lineOpen = false;
      console.warn(`  ${event.level === "rejected" ? "rejected" : "warning"}: ${formatProblem(event.problem)}`);
    } else if (event.type === "progress") {
      const width = 24;
      const filled = Math.round((event.done / event.total) * width);
      const line = `  [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${event.done}/${event.total} ${event.item}${left}`;
      if (process.stdout.isTTY) {
        process.stdout.write(`\r${line.padEnd(100)}`);
        lineOpen = event.done !== event.total;
        if (!lineOpen) process.stdout.write("\n");
      } else if (event.done === event.total || event.done % Math.max(1, Math.round(event.total / 10)) === 0) console.log(line); // a log, not a screen: a line every tenth
    }
  };
}

const rel = (p: string) => path.relative(process.cwd(), p) || ".";

const done = (started: number) => console.log(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s.`);

/** What a build made and where, and what to open first. */
function summary(results: BuildResult[]) {
  console.log("");
  for (const r of results) {
    const out = rel(r.outDir);
    const pdfs = r.pdfs.length
      ? `, ${r.pdfs.length} PDFs in ${out}/pdf/ (${r.printed + r.reused ? `${r.printed} pages printed, ${r.reused} reused` : "from the shards"})`
      : "";
    const offline = r.offline?.length ? `, ${r.offline.length} offline bundles in ${out}/offline/` : "";
    const pdfx = r.pdfx
      ? `, ${r.pdfx.files.length} PDF/X files for the press (${r.pdfx.made} converted, ${r.pdfx.reused} reused; preflight: ${out}/reports/preflight.json)`
      : "";
    console.log(`Built ${r.edition}: ${r.pages} pages in ${r.languages.join(", ")} → ${out}/site/${pdfs}${offline}${pdfx}`);
  }
  const first = results[0];
  if (first)
    console.log(
      `\nOpen ${rel(path.join(first.outDir, "site", "index.html"))} first (or run npm run serve); stage times in ${rel(path.join(first.outDir, "reports", "build.json"))}.`,
    );
}

// ---- commands ----

/** The live preview: the site rebuilt on every change to content/ or locales/ (Eleventy's dev server). */
async function preview(root: string, port: number): Promise<void> {
  const [{ loadSite }, { writeAssets }, { serveSite }] = await Promise.all([
    import("../build/load.ts"),
    import("../build/site/assets.ts"),
    import("../build/site/eleventy.ts"),
  ]);
  const out = path.join(root, "dist", "preview");
  const { campaign } = await loadSite(root);
  await writeAssets(campaign, out); // print pages can be previewed too
  await serveSite(
    {
      templatesDir: path.join(root, "templates"),
      outDir: out,
      load: () => loadSite(root),
      watch: [path.join(root, "content"), path.join(root, "locales")],
    },
    port,
  );
}

type Globals = {
  root: string;
  debug?: boolean;
};

function program(): Command {
  const cli = new Command("waymark")
    .description("Build a multilingual prevention campaign into a static site and print-ready PDFs.")
    .version(version, "-V, --version", "print the version")
    .addOption(new Option("--root <dir>", "the campaign folder (with content/ and locales/)").argParser(folder).default(projectRoot, "this project"))
    .option("--debug", "print the stack trace of an error")
    .helpOption("-h, --help", "show help")
    .helpCommand("help [command]", "show help for a command")
    .configureOutput({ outputError: (message, write) => write(message.replace(/^error: /, "waymark: ")) })
    .showHelpAfterError()
    .exitOverride(); // settings above are inherited by every command added below
  const globals = (cmd: Command) => cmd.optsWithGlobals<Globals>();

  cli
    .command("build")
    .description("build the site and PDFs into dist/")
    .option("--out <dir>", "output folder (default: <root>/dist)")
    .option("--no-pdf", "build the site only")
    .addOption(
      new Option(
        "--pdfx",
        "also write each print PDF as PDF/X-3 in CMYK for a press (<doc>.pdfx.pdf, needs Ghostscript) and preflight it → reports/preflight.json",
      ).conflicts(["shard", "pdf"]),
    )
    .addOption(concurrency())
    .addOption(new Option("--timeout <seconds>", "seconds a PDF may take before its retry").argParser(positiveSeconds).default(60))
    .option("--release", "refuse anything missing, stale, unapproved, unverified or unsigned")
    .option("--no-cache", "print every PDF again, even those whose inputs did not change (.waymark-cache/)")
    .addOption(new Option("--shard <i/n>", "print share i of n of the PDFs into dist/shards/<i>-of-<n>/ (then: waymark merge)").argParser(shardOption))
    .addOption(
      new Option("--browser-ws-endpoint <url>", "print on a Chromium already running (a browserless container, say) instead of launching one").env(
        "PUPPETEER_BROWSER_WS_ENDPOINT",
      ),
    )
    .option("--print-host <address>", "with --browser-ws-endpoint: the address of this machine that Chromium reaches the print pages at (default 127.0.0.1)")
    .addOption(editionOption("build only this edition (default: the main edition, then every partner edition into dist/editions/<id>/)"))
    .action(
      async (
        o: {
          out?: string;
          pdf: boolean;
          pdfx?: boolean;
          cache: boolean;
          shard?: Shard;
          concurrency: number;
          timeout: number;
          release?: boolean;
          browserWsEndpoint?: string;
          printHost?: string;
          edition?: string;
        },
        cmd: Command,
      ) => {
        const [{ buildEditions }, { MAIN_EDITION }] = await Promise.all([import("../build/pipeline.ts"), import("../build/content/editions.ts")]);
        const started = performance.now();
        // Ctrl-C cancels the build: Chromium is killed and dist/ is left as it was.
        const cancel = new AbortController();
        process.once("SIGINT", () => cancel.abort());
        const results = await buildEditions({
          signal: cancel.signal,
          root: globals(cmd).root,
          // A shard is a share of one edition's PDFs: the main one unless named.
          ...(o.edition ? { editions: [o.edition] } : o.shard ? { editions: [MAIN_EDITION] } : {}),
          ...(o.out ? { outDir: o.out } : {}),
          pdf: o.pdf,
          pdfx: Boolean(o.pdfx),
          release: Boolean(o.release),
          cache: o.cache,
          ...(o.shard ? { shard: o.shard } : {}),
          ...(o.browserWsEndpoint ? { browserWSEndpoint: o.browserWsEndpoint } : {}),
          ...(o.printHost ? { printHost: o.printHost } : {}),
          concurrency: o.concurrency,
          timeoutMs: o.timeout * 1000,
          onEvent: progressPrinter(),
        });
        if (o.shard)
          for (const r of results)
            console.log(
              `\nShard ${o.shard.index}/${o.shard.count}: ${r.pdfs.length} PDFs → ${rel(path.join(r.outDir, "shards"))}/ (${r.printed} pages printed, ${r.reused} reused); when every shard is there: waymark merge`,
            );
        else summary(results);
        done(started);
      },
    );

  cli
    .command("merge")
    .description("assemble the PDFs and share cards of every shard (dist/shards/) into dist/ and build the site (no Chromium needed)")
    .option("--out <dir>", "output folder holding shards/ (default: <root>/dist)")
    .action(async (o: { out?: string }, cmd: Command) => {
      const { buildCampaign } = await import("../build/pipeline.ts");
      const started = performance.now();
      summary([await buildCampaign({ root: globals(cmd).root, ...(o.out ? { outDir: o.out } : {}), fromShards: true, onEvent: progressPrinter() })]);
      done(started);
    });

  cli
    .command("status")
    .description("translation status per language and document → dist/reports/translation-status.json")
    .option("--json", "print the status as JSON")
    .addOption(editionOption("judge this edition (default: main)"))
    .action(async (o: { json?: boolean; edition?: string }, cmd: Command) => {
      const [{ loadSite }, { editionOutDir }, { statusTable, translationStatus }] = await Promise.all([
        import("../build/load.ts"),
        import("../build/content/editions.ts"),
        import("../build/i18n/status.ts"),
      ]);
      const root = globals(cmd).root;
      const { campaign, sources, translations, blockers } = await loadSite(root, o.edition);
      const rows = translationStatus(campaign, sources, translations);
      const out = path.join(editionOutDir(root, o.edition), "reports", "translation-status.json");
      await mkdir(path.dirname(out), { recursive: true });
      await writeFile(out, JSON.stringify({ revision: campaign.revision, rows, blockers }, null, 2) + "\n");
      if (o.json) console.log(JSON.stringify({ rows, blockers }, null, 2));
      else console.log(`${statusTable(rows)}\n\n${blockers.length} thing(s) block release (waymark build --release lists them) → ${rel(out)}`);
    });

  cli
    .command("ready")
    .description("is it ready? what blocks the release of each edition, per language and document, in plain words (exit 1 if anything does)")
    .option("--json", "print it as JSON")
    .addOption(editionOption("only this edition (default: the main edition and every partner edition)"))
    .action(async (o: { json?: boolean; edition?: string }, cmd: Command) => {
      const [{ loadSite }, { editionIds, MAIN_EDITION }, { formatReadiness, readiness }] = await Promise.all([
        import("../build/load.ts"),
        import("../build/content/editions.ts"),
        import("../build/release/ready.ts"),
      ]);
      const root = globals(cmd).root;
      const ids = o.edition ? [o.edition] : [MAIN_EDITION, ...(await editionIds(root))];
      const report = [];
      for (const id of ids) {
        const { campaign, blockers } = await loadSite(root, id);
        report.push(readiness(id, campaign, blockers));
      }
      if (o.json) console.log(JSON.stringify(report, null, 2));
      else console.log(report.map(formatReadiness).join("\n\n"));
      if (report.some((r) => !r.ready)) process.exitCode = 1;
    });

  cli
    .command("review")
    .description("record a review of translated texts in locales/<lang>/_review.json (an edition's own texts: locales/<lang>/editions/<id>/)")
    .requiredOption("--lang <code>", "the language reviewed")
    .addOption(new Option("--state <state>", "the review state").choices(REVIEW_STATES).makeOptionMandatory())
    .option("--document <id>", "only this document's texts")
    .option("--key <key>", "only this text")
    .addOption(new Option("--by <name>", "who decides: kept with each text recorded, with the time (needed to approve)").env("WAYMARK_REVIEWER"))
    .addOption(editionOption("review the texts as this edition shows them, its own included (default: main)"))
    .action(async (o: { lang: string; state: ReviewState; document?: string; key?: string; by?: string; edition?: string }, cmd: Command) => {
      // An approval says who approved it: the release build trusts it.
      if (o.state === "approved" && !o.by?.trim())
        cmd.error('waymark: an approval needs the reviewer\'s name: --by "Your name" (or WAYMARK_REVIEWER in the environment)', {
          exitCode: 2,
          code: "waymark.missingReviewer",
        });
      const [{ loadSite }, { recordReview }] = await Promise.all([import("../build/load.ts"), import("../build/i18n/review.ts")]);
      const { campaign, sources, translations } = await loadSite(globals(cmd).root, o.edition);
      const n = await recordReview(campaign, sources, translations, {
        lang: o.lang,
        state: o.state,
        ...(o.document ? { document: o.document } : {}),
        ...(o.key ? { key: o.key } : {}),
        ...(o.by?.trim() ? { by: o.by.trim() } : {}),
      });
      console.log(
        `Recorded ${n} text(s) of ${o.lang} as ${o.state}${o.by ? ` by ${o.by.trim()}` : ""} in locales/${o.lang}/_review.json${o.edition ? ` and locales/${o.lang}/editions/${o.edition}/_review.json` : ""}.`,
      );
    });

  cli
    .command("context")
    .description(
      "every text of a language where it stands: screenshots (web at a phone's width, every print page, beside the source language) → dist/context/<lang>/, its XLIFF and zip, a review sheet and proofs → dist/review/",
    )
    .requiredOption("--lang <code>", "the language translated")
    .addOption(editionOption("the pages of this edition, its own texts included (default: main; into dist/editions/<id>/)"))
    .addOption(concurrency())
    .addOption(new Option("--timeout <seconds>", "seconds a page may take before its retry").argParser(positiveSeconds).default(60))
    .option("--no-cache", "shoot every page again, even those that did not change (.waymark-cache/context/)")
    .addOption(
      new Option(
        "--push <service>",
        "then upload the screenshots and link each to its source string (WEBLATE_URL, WEBLATE_PROJECT, WEBLATE_TOKEN: docs/weblate.md)",
      ).choices(["weblate"]),
    )
    .action(async (o: { lang: string; edition?: string; concurrency: number; timeout: number; cache: boolean; push?: "weblate" }, cmd: Command) => {
      const [{ makeContext }, { pushToWeblate, weblateFromEnv }] = await Promise.all([
        import("../build/context/make-context.ts"),
        import("../build/context/weblate.ts"),
      ]);
      const weblate = o.push === "weblate" ? weblateFromEnv() : undefined; // before the screenshots: a missing token is known at once
      const started = performance.now();
      const cancel = new AbortController();
      process.once("SIGINT", () => cancel.abort());
      const r = await makeContext({
        root: globals(cmd).root,
        lang: o.lang,
        edition: o.edition,
        cache: o.cache,
        concurrency: o.concurrency,
        timeoutMs: o.timeout * 1000,
        signal: cancel.signal,
        onEvent: progressPrinter(),
      });
      const k = r.manifest.keys;
      console.log(
        `\n${k.withScreenshot} of ${k.shown} texts shown somewhere have a screenshot (${r.manifest.shots.length} images; ${r.fresh} pages shot, ${r.reused} from the cache) → ${rel(r.dir)}/`,
      );
      if (k.withoutScreenshot.length) console.warn(`  without a screenshot: ${k.withoutScreenshot.join(", ")}`);
      if (k.hidden.length) console.log(`  marked but hidden by the layout: ${k.hidden.map((h) => `${h.key} (${h.document})`).join(", ")}`);
      console.log(`  ${k.notShown.length} texts of ${o.lang} no page shows (listed in manifest.json)`);
      console.log(`XLIFF with notes and screenshots: ${rel(path.join(r.dir, `${path.basename(r.dir)}.xlf`))}, for a CAT tool: ${rel(r.zip)}`);
      console.log(`Review sheet: ${rel(r.reviewSheet)}; proofs: ${r.proofs.map(rel).join(", ")}`);
      if (weblate) {
        console.log(`• pushing the screenshots to Weblate (${weblate.api}, project ${weblate.project})`);
        const onEvent = progressPrinter();
        const pushed = await pushToWeblate(r.manifest, r.dir, weblate, { onProgress: (d, total, item) => onEvent({ type: "progress", done: d, total, item }) });
        console.log(`Weblate: ${pushed.created} screenshots added, ${pushed.updated} replaced, ${pushed.links} linked to their source strings.`);
        if (pushed.unknown.length)
          console.warn(
            `  Weblate has no source string for ${pushed.unknown.join(", ")}: is a component set up over each file, and up to date? (docs/weblate.md)`,
          );
      }
      if (k.withoutScreenshot.length) process.exitCode = 1;
      done(started);
    });

  cli
    .command("source-json")
    .description("write the source language's texts as i18next JSON v4 (locales/<source>/<namespace>.json): the base files Weblate's components need")
    .addOption(editionOption("only this edition's own texts, into locales/<source>/editions/<id>/ (default: main, every text)"))
    .action(async (o: { edition?: string }, cmd: Command) => {
      const [{ loadSite }, { writeSourceJson }] = await Promise.all([import("../build/load.ts"), import("../build/i18n/source-json.ts")]);
      const { campaign, sources } = await loadSite(globals(cmd).root, o.edition);
      const files = await writeSourceJson(campaign, sources);
      console.log(`Wrote ${files.length} files: ${files.map(rel).join(", ")} (a copy of content/ for translation tools; the build does not read them)`);
    });

  const xliff = cli.command("xliff").description("XLIFF 2.0 for CAT tools (Trados, memoQ, OmegaT)");
  xliff
    .command("export")
    .description("write a language's texts as XLIFF 2.0 (default: dist/xliff/<lang>.xlf); --all: every language in one zip")
    .option("--lang <code>", "the target language")
    .option("--all", "every translated language in one zip (dist/xliff/all.zip), with the screenshots of those `waymark context` has run for")
    .option("--document <id>", "only this document's texts")
    .option("--out <file>", "the file to write")
    .addOption(editionOption("the texts as this edition shows them, its own included (default: main)"))
    .action(async (o: { lang?: string; all?: boolean; document?: string; out?: string; edition?: string }, cmd: Command) => {
      if (Boolean(o.lang) === Boolean(o.all)) cmd.error("waymark: give either --lang <code> or --all", { exitCode: 2, code: "waymark.xliffWhich" });
      const [{ loadSite }, { exportXliff }] = await Promise.all([import("../build/load.ts"), import("../build/i18n/xliff.ts")]);
      const root = globals(cmd).root;
      const loaded = await loadSite(root, o.edition);
      const { campaign, sources, translations } = loaded;
      const name = o.all ? "all" : `${o.lang}${o.document ? `-${o.document}` : ""}`;
      const out = o.out ?? path.join(root, "dist", "xliff", `${o.edition ? `${o.edition}-` : ""}${name}.${o.all ? "zip" : "xlf"}`);
      await mkdir(path.dirname(out), { recursive: true });
      if (o.all) {
        const [{ allLanguagesBundle }, { contextDir, readManifest }] = await Promise.all([
          import("../build/context/xliff-bundle.ts"),
          import("../build/context/manifest.ts"),
        ]);
        const contexts = new Map<string, { manifest: import("../build/context/manifest.ts").ContextManifest; dir: string } | undefined>();
        for (const lang of Object.keys(translations.status)) {
          const dir = contextDir(root, lang, o.edition);
          const manifest = await readManifest(dir);
          // Screenshots of an older revision would show texts that are no longer there.
          contexts.set(lang, manifest && manifest.revision === campaign.revision ? { manifest, dir } : undefined);
        }
        await writeFile(out, await allLanguagesBundle(loaded, contexts));
        const shown = [...contexts].filter(([, ctx]) => ctx).map(([lang]) => lang);
        console.log(
          `Wrote ${rel(out)}: ${contexts.size} languages (${[...contexts.keys()].join(", ")}), with screenshots for ${shown.length ? shown.join(", ") : "none (run waymark context --lang <code> first)"}`,
        );
        return;
      }
      const xml = exportXliff(campaign, sources, translations, o.lang!, o.document);
      await writeFile(out, xml);
      console.log(`Wrote ${rel(out)}`);
    });
  xliff
    .command("import")
    .description("check every target of an XLIFF 2.0 file (or of every .xlf in a zip from export --all), write locales/, report what changed")
    .argument("<file>", "the XLIFF file, or a zip of them")
    .addOption(new Option("--by <name>", "who made the decisions the file's states carry: kept with each record it changes").env("WAYMARK_REVIEWER"))
    .addOption(editionOption("the edition it was exported for: its own texts go to locales/<lang>/editions/<id>/ (default: main)"))
    .action(async (file: string, o: { by?: string; edition?: string }, cmd: Command) => {
      const bytes = await readFile(file).catch((e: NodeJS.ErrnoException) => {
        throw new CliError(
          `cannot read ${file}: ${e.code === "ENOENT" ? "no such file" : e.message}`,
          "give the path of an XLIFF file, relative to the current folder",
        );
      });
      const [{ loadSite }, { formatImportReport, importXliff, XliffError }, { unzipSync }] = await Promise.all([
        import("../build/load.ts"),
        import("../build/i18n/xliff.ts"),
        import("fflate"),
      ]);
      // A zip (PK\x03\x04) from `xliff export --all`: each language's file in turn; anything else is read as XLIFF.
      const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
      const files = isZip
        ? Object.entries(unzipSync(bytes, { filter: (f) => f.name.endsWith(".xlf") })).map(([name, data]) => ({ name: `${file}:${name}`, data }))
        : [{ name: file, data: new Uint8Array(bytes) }];
      if (!files.length) throw new CliError(`${file} holds no .xlf file`, "import a zip as `waymark xliff export --all` writes it");
      for (const f of files) {
        // Loaded afresh for each file: the one before wrote locales/.
        const { campaign, sources, translations, coverage } = await loadSite(globals(cmd).root, o.edition);
        const report = await importXliff(campaign, sources, translations, f.data, f.name, coverage, { by: o.by?.trim() || undefined }).catch((e: unknown) => {
          if (!(e instanceof XliffError)) throw e;
          throw new CliError(
            e.message,
            e.file === f.name ? "import an XLIFF 2.0 file as `waymark xliff export` writes it, translated in a CAT tool" : undefined,
          );
        });
        console.log(formatImportReport(report, f.name));
        if (report.rejected.length) process.exitCode = 1;
      }
    });

  cli
    .command("audit")
    .description("check every built page of every edition with axe-core (WCAG 2.2 AA) and weigh it in Chromium → dist/reports/accessibility.json")
    .addOption(concurrency())
    .action(async (o: { concurrency: number }, cmd: Command) => {
      const { auditCampaign, describeViolation } = await import("../build/checks/accessibility.ts");
      const started = performance.now();
      console.log("• checking every page of every edition with axe-core (WCAG 2.2 AA), and what it weighs in Chromium");
      const onEvent = progressPrinter();
      const report = await auditCampaign(globals(cmd).root, {
        concurrency: o.concurrency,
        onProgress: (done, total, item) => onEvent({ type: "progress", done, total, item }),
      });
      for (const p of report.failing) {
        for (const v of p.violations) {
          console.error(`  ${p.site}/${p.page}: ${describeViolation(v)}`);
          for (const e of v.elements) console.error(`      ${e.target}: ${e.fix}`);
          console.error(`      → ${v.helpUrl}`);
        }
      }
      for (const p of report.heavier)
        console.error(
          `  ${p.site}/${p.page}: Chromium fetched ${p.weight.measured} bytes, the build's report says ${p.weight.built ?? "nothing"} (dist/reports/page-weight.json)\n      → the build's weighing (build/checks/page-weight.ts) misses what this page loads`,
        );
      const passing = report.pages.length - report.failing.length;
      console.log(
        `\n${passing} of ${report.pages.length} pages pass; ${report.pages.length - report.heavier.length} weigh no more than the build says → ${rel(path.join(globals(cmd).root, "dist", "reports", "accessibility.json"))}`,
      );
      if (report.failing.length || report.heavier.length) process.exitCode = 1;
      done(started);
    });

  cli
    .command("serve")
    .description("live-reloading preview for editors (print layouts at /_print/<lang>/<document>/)")
    .addOption(new Option("--port <n>", "the port to serve on").argParser(wholeNumber(1, 65535)).default(8080))
    .action(async (o: { port: number }, cmd: Command) => {
      await preview(globals(cmd).root, o.port);
    });

  cli
    .command("edit")
    .description("the editors' workspace: the editor at /admin/ (forms over content/, saved to this folder) beside the live preview, on this machine only")
    .addOption(new Option("--port <n>", "the editor's port (0: any free one)").argParser(wholeNumber(0, 65535)).default(8081))
    .addOption(new Option("--preview-port <n>", "the preview's port").argParser(wholeNumber(1, 65535)).default(8080))
    .option("--no-preview", "the editor only")
    .action(async (o: { port: number; previewPort: number; preview: boolean }, cmd: Command) => {
      const { serveEditor } = await import("../build/editor/server.ts");
      const root = globals(cmd).root;
      const editor = await serveEditor(root, o.port, o.preview ? `http://127.0.0.1:${o.previewPort}` : undefined);
      console.log(`Editor:  ${editor.url}admin/  (writes to ${rel(path.join(root, "content"))}/; Dutch: ?lang=nl, French: ?lang=fr)`);
      if (o.preview) console.log(`Preview: http://127.0.0.1:${o.previewPort}/  (this machine only; rebuilt after every save)`);
      console.log("Stop with Ctrl-C.");
      process.once("SIGINT", () => void editor.close().then(() => process.exit(0)));
      if (o.preview) await preview(root, o.previewPort);
    });

  cli
    .command("content-model")
    .description("write docs/content-model.md (every field of content/, from the schemas)")
    .option("--check", "only check that docs/content-model.md is up to date (exit 1 if not)")
    .action(async (o: { check?: boolean }, cmd: Command) => {
      const { contentModelPage } = await import("../build/editor/content-model-doc.ts");
      const out = path.join(globals(cmd).root, "docs", "content-model.md");
      const page = contentModelPage();
      if (o.check) {
        const current = await readFile(out, "utf8").catch(() => "");
        if (current !== page) throw new CliError(`${rel(out)} is out of date`, "run `npm run waymark -- content-model` and commit it");
        console.log(`${rel(out)} is up to date.`);
        return;
      }
      await writeFile(out, page);
      console.log(`Wrote ${rel(out)}`);
    });

  cli
    .command("editor-config")
    .description("print the editor's config.yml (Decap CMS) for a git host, generated from the schemas (docs/editing.md)")
    .addOption(new Option("--backend <name>", "the git host").choices(["github", "gitlab", "gitea"]).makeOptionMandatory())
    .requiredOption("--repo <owner/name>", "the campaign's repository")
    .option("--branch <name>", "the branch editors publish to", "main")
    .option("--workflow", "drafts, review and publish as pull requests (Decap's editorial workflow)")
    .addOption(
      new Option("--locale <code>", "the forms' language: save nl as config.nl.yml and fr as config.fr.yml, beside config.yml")
        .choices(EDITOR_LOCALES)
        .default("en"),
    )
    .action(async (o: { backend: string; repo: string; branch: string; workflow?: boolean; locale: EditorLocale }) => {
      const [{ editorSetup }, YAML] = await Promise.all([import("../build/editor/decap-config.ts"), import("yaml")]);
      const { config } = editorSetup({ name: o.backend, repo: o.repo, branch: o.branch }, o.locale);
      console.log(YAML.stringify({ ...config, ...(o.workflow ? { publish_mode: "editorial_workflow" } : {}) }, { lineWidth: 0 }));
    });

  cli
    .command("bench")
    .description("time the PDF stage against a bare page.pdf loop, and weigh the web pages → dist/reports/bench.json")
    .addOption(concurrency())
    .option("--scale", "also time the PDF stage at 1x, 2x and 4x the campaign's languages")
    .option("--languages <codes>", "bench only these languages, comma-separated (a quick run: en,ar)", (v: string) =>
      v
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .action(async (o: { concurrency: number; scale?: boolean; languages?: string[] }, cmd: Command) => {
      const { runBench } = await import("../build/bench.ts");
      const out = path.join(globals(cmd).root, "dist", "reports", "bench.json");
      console.log("• benchmarking the PDF stage (kit vs a bare page.pdf loop, same browser, pages and concurrency)");
      const r = await runBench(globals(cmd).root, out, {
        concurrency: o.concurrency,
        scale: Boolean(o.scale),
        ...(o.languages ? { languages: o.languages } : {}),
      });
      const line = (name: string, t: { seconds: number; pagesPerSecond: number }) =>
        console.log(`  ${name.padEnd(34)} ${r.pages} pages in ${t.seconds} s (${t.pagesPerSecond} pages/s)`);
      line("kit (print once, fit, check, finish):", r.kit);
      line("bare page.pdf, one tab per worker:", r.baselines.reusedTabs);
      line("bare page.pdf, a new tab per page:", r.baselines.newTabPerPage);
      for (const row of r.scale ?? [])
        console.log(`  scale ${row.factor}x: ${row.languages} languages, ${row.pages} pages in ${row.seconds} s (${row.pagesPerSecond} pages/s)`);
      const kb = (n: number) => `${(n / 1000).toFixed(1)} KB`;
      console.log("  page weight, first visit: the build's figure | Chromium's | fonts cut once per language:");
      for (const l of r.pageWeight.perLanguage)
        console.log(
          `    ${l.lang.padEnd(8)} heaviest story page ${kb(l.storyMax).padStart(9)} (fonts ${kb(l.storyFonts)}) | ${kb(l.measuredStoryMax)} | ${kb(l.baselineStoryMax)}`,
        );
      console.log(
        `    root page ${kb(r.pageWeight.root.total)} | ${kb(r.pageWeight.root.measuredTotal)} | ${kb(r.pageWeight.root.baselineTotal)}; every budget ${r.pageWeight.withinBudget ? "met" : "NOT met"}; ${r.pageWeight.disagreements.length} page(s) where the build and Chromium differ by more than 1%`,
      );
      console.log(
        `  kit / bare loop = ${r.ratio} (target ≤ ${r.targets.ratioAtMost} at concurrency ${r.concurrency}); target ${r.targets.met ? "met" : "NOT met"} → ${rel(out)}`,
      );
    });

  return cli;
}

// ---- errors ----

/** The message and hint of an error the user can act on, or undefined for an unexpected one. */
function expected(e: unknown): { message: string; hint?: string } | undefined {
  // ContentError, SetupError and ReleaseBlockedError messages already hold one line per problem, with its hint.
  // (The xliff import command turns an XliffError into a CliError with a hint.)
  if (e instanceof ContentError || e instanceof SetupError) return { message: e.message };
  if (e instanceof ReleaseBlockedError)
    return { message: e.message, hint: "`waymark status` shows where each language stands; `waymark review` records a review" };
  if (e instanceof PrintError) return { message: e.message, hint: "a slow machine may need a longer --timeout or a lower --concurrency" };
  if (e instanceof CliError) return { message: e.message, ...(e.hint ? { hint: e.hint } : {}) };
  return undefined;
}

/** Runs the command line; resolves to the exit code (a command that fails without an error sets process.exitCode). */
export async function main(argv: string[]): Promise<number> {
  const cli = program();
  if (argv.length === 0) {
    cli.outputHelp();
    return 0;
  }
  try {
    await cli.parseAsync(argv, { from: "user" });
    return Number(process.exitCode ?? 0);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2; // already printed, with the command's usage
    if (lineOpen) process.stdout.write("\n");
    const debug = Boolean(cli.opts<Globals>().debug) || argv.includes("--debug");
    const known = expected(e);
    const message = known?.message ?? (e instanceof Error ? e.message : String(e));
    const hint = known ? known.hint : debug ? undefined : "run again with --debug for the stack trace";
    console.error(`waymark: ${message}${hint ? `\n    → ${hint}` : ""}`);
    if (debug) console.error(inspect(e));
    return 1;
  }
}

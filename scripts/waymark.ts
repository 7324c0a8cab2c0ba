/**
 * The `waymark` command line: parses arguments, calls build/, shows progress. No logic.
 *   waymark build [--out DIR] [--no-pdf] [--concurrency N]
 *   waymark serve [--port N]
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { ContentError, formatProblem, PrintError, ReleaseBlockedError, SetupError } from "../build/errors.ts";
import { recordReview } from "../build/i18n/review.ts";
import { REVIEW_STATES, type ReviewState } from "../build/i18n/review-state.ts";
import { releaseBlockers, statusTable, translationStatus } from "../build/i18n/status.ts";
import { exportXliff, formatImportReport, importXliff } from "../build/i18n/xliff.ts";
import { buildCampaign, loadSite, writeAssets, type BuildEvent } from "../build/pipeline.ts";
import { runBench } from "../build/bench.ts";
import { serveSite } from "../build/site/eleventy.ts";

const projectRoot = path.resolve(import.meta.dirname, "..");
const USAGE = `Usage (every command takes --root DIR to work on another campaign folder):
  waymark build [--out DIR] [--no-pdf] [--concurrency N] [--timeout SECONDS] [--release]
                                                           build the site and PDFs into dist/; --release refuses
                                                           anything missing, stale, unapproved or unverified
  waymark status [--json]                                  translation status per language and document
                                                           → dist/reports/translation-status.json
  waymark review --lang L --state draft|reviewed|approved [--document D] [--key K]
                                                           record a review of translated texts
  waymark xliff export --lang L [--document D] [--out FILE]
  waymark xliff import FILE                                XLIFF 2.0 for CAT tools (Trados, memoQ, OmegaT)
  waymark serve [--port N]                                 live-reloading preview for editors
  waymark bench [--concurrency N]                          time the PDF stage → dist/reports/bench.json`;

function progress(event: BuildEvent) {
  if (event.type === "stage") console.log(`• ${event.stage}`);
  else if (event.type === "problem") console.warn(`  ${event.level === "rejected" ? "rejected" : "warning"}: ${formatProblem(event.problem)}`);
  else {
    const width = 24;
    const filled = Math.round((event.done / event.total) * width);
    const line = `  [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${event.done}/${event.total} ${event.job}`;
    if (process.stdout.isTTY) process.stdout.write(`\r${line}${event.done === event.total ? "\n" : ""}`);
    else console.log(line);
  }
}

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      out: { type: "string" },
      root: { type: "string" },
      "no-pdf": { type: "boolean", default: false },
      concurrency: { type: "string", default: "2" },
      timeout: { type: "string", default: "60" },
      port: { type: "string", default: "8080" },
      release: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      lang: { type: "string" },
      document: { type: "string" },
      key: { type: "string" },
      state: { type: "string" },
    },
    allowPositionals: true,
  });
  // The campaign to work on: this project's own, unless --root names another folder with content/ and locales/.
  const root = values.root ? path.resolve(values.root) : projectRoot;
  if (command === "build") {
    const started = performance.now();
    const result = await buildCampaign({
      root,
      ...(values.out ? { outDir: values.out } : {}),
      pdf: !values["no-pdf"],
      release: values.release,
      concurrency: Number(values.concurrency),
      timeoutMs: Number(values.timeout) * 1000,
      onEvent: progress,
    });
    const rel = path.relative(process.cwd(), result.outDir) || ".";
    console.log(`\nBuilt ${result.pages} pages in ${result.languages.join(", ")} → ${rel}/site/`);
    if (result.pdfs.length) console.log(`Printed ${result.pdfs.length} PDFs → ${rel}/pdf/`);
    console.log(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  } else if (command === "serve") {
    const out = path.join(root, "dist", "preview");
    const { campaign } = await loadSite(root);
    await writeAssets(campaign, out); // print pages can be previewed too, under /_print/screen/<lang>/<document>/
    await serveSite({ templatesDir: path.join(root, "templates"), outDir: out, load: () => loadSite(root), watch: [path.join(root, "content"), path.join(root, "locales")] }, Number(values.port));
  } else if (command === "status") {
    const { campaign, sources, translations } = await loadSite(root);
    const rows = translationStatus(campaign, sources, translations);
    const blockers = releaseBlockers(campaign, sources, translations);
    const out = path.join(root, "dist", "reports", "translation-status.json");
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, JSON.stringify({ revision: campaign.revision, rows, blockers }, null, 2) + "\n");
    if (values.json) console.log(JSON.stringify({ rows, blockers }, null, 2));
    else console.log(`${statusTable(rows)}\n\n${blockers.length} thing(s) block release (waymark build --release lists them) → ${path.relative(process.cwd(), out)}`);
  } else if (command === "review") {
    const state = values.state as ReviewState;
    if (!values.lang || !REVIEW_STATES.includes(state)) throw new UsageError(`review needs --lang and --state (${REVIEW_STATES.join(", ")})`);
    const { campaign, sources, translations } = await loadSite(root);
    const n = await recordReview(campaign, sources, translations, { lang: values.lang, state, ...(values.document ? { document: values.document } : {}), ...(values.key ? { key: values.key } : {}) });
    console.log(`Recorded ${n} text(s) of ${values.lang} as ${state} in locales/${values.lang}/_review.json.`);
  } else if (command === "xliff") {
    const [action, file] = positionals;
    const { campaign, sources, translations } = await loadSite(root);
    if (action === "export") {
      if (!values.lang) throw new UsageError("xliff export needs --lang");
      const xml = exportXliff(campaign, sources, translations, values.lang, values.document);
      const out = values.out ?? path.join(root, "dist", "xliff", `${values.lang}${values.document ? `-${values.document}` : ""}.xlf`);
      await mkdir(path.dirname(out), { recursive: true });
      await writeFile(out, xml);
      console.log(`Wrote ${path.relative(process.cwd(), out)}`);
    } else if (action === "import" && file) {
      const report = await importXliff(campaign, sources, translations, await readFile(file));
      console.log(formatImportReport(report, file));
      if (report.rejected.length) process.exitCode = 1;
    } else throw new UsageError("xliff export --lang L [--document D] [--out FILE], or xliff import FILE");
  } else if (command === "bench") {
    const out = path.join(root, "dist", "reports", "bench.json");
    console.log("• benchmarking the PDF stage (kit vs bare page.pdf, same browser and HTML)");
    const r = await runBench(root, out, Number(values.concurrency));
    console.log(`  kit:  ${r.pdfs} PDFs in ${r.kit.seconds} s (${r.kit.pdfsPerSecond} PDF/s)`);
    console.log(`  bare: ${r.pdfs} PDFs in ${r.barePagePdf.seconds} s (${r.barePagePdf.pdfsPerSecond} PDF/s)`);
    console.log(`  ratio ${r.ratio} (target ≤ ${r.targets.ratioAtMost}); targets ${r.targets.met ? "met" : "NOT met"} → ${path.relative(process.cwd(), out)}`);
  } else {
    console.log(USAGE);
    process.exitCode = command ? 2 : 0;
  }
}

class UsageError extends Error {}

main(process.argv.slice(2)).catch((e: unknown) => {
  if (e instanceof UsageError) {
    console.error(`${e.message}\n\n${USAGE}`);
  } else if (e instanceof ContentError || e instanceof SetupError || e instanceof PrintError || e instanceof ReleaseBlockedError) {
    console.error(`\n${e.message}`);
  } else {
    console.error(e);
  }
  process.exitCode = 1;
});

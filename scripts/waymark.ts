/**
 * The `waymark` command line: parses arguments, calls build/, shows progress. No logic.
 *   waymark build [--out DIR] [--no-pdf] [--concurrency N]
 *   waymark serve [--port N]
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { ContentError, formatProblem, PrintError, SetupError } from "../build/errors.ts";
import { buildCampaign, loadSite, writeAssets, type BuildEvent } from "../build/pipeline.ts";
import { runBench } from "../build/bench.ts";
import { serveSite } from "../build/site/eleventy.ts";

const root = path.resolve(import.meta.dirname, "..");
const USAGE = `Usage:
  waymark build [--out DIR] [--no-pdf] [--concurrency N]   build the site and PDFs into dist/
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
  const { values } = parseArgs({
    args: rest,
    options: {
      out: { type: "string" },
      "no-pdf": { type: "boolean", default: false },
      concurrency: { type: "string", default: "2" },
      port: { type: "string", default: "8080" },
    },
  });
  if (command === "build") {
    const started = performance.now();
    const result = await buildCampaign({
      root,
      ...(values.out ? { outDir: values.out } : {}),
      pdf: !values["no-pdf"],
      concurrency: Number(values.concurrency),
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

main(process.argv.slice(2)).catch((e: unknown) => {
  if (e instanceof ContentError || e instanceof SetupError || e instanceof PrintError) {
    console.error(`\n${e.message}`);
  } else {
    console.error(e);
  }
  process.exitCode = 1;
});

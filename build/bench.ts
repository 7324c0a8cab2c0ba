/**
 * The PDF stage's benchmark. Builds the embedded campaign's print pages, then in one
 * browser, with the same concurrency and the same HTML, times (1) the real PDF stage (engine,
 * inspection, finishing, writing, reading every PDF back) and (2) the best bare loop there
 * is: one tab kept per worker, goto, fonts ready, `page.pdf`. The ratio of the two is the cost
 * of everything the kit adds around Chromium. A loop that opens a new tab per PDF is reported
 * too, as a second baseline.
 */
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser } from "puppeteer-core";
import { builtPdfs, checkPdfs } from "./checks/pdf-output.ts";
import { launchBrowser } from "./chromium/browser.ts";
import { printAll } from "./pdf/printer.ts";
import { serveStatic } from "./chromium/static-server.ts";
import { BUDGETS, weighPages, type PageWeight } from "./checks/page-weight.ts";
import { loadSite, noPrintPages, noWebPages, printJobs, writeAssets, type LoadedSite } from "./pipeline.ts";
import { subsetPageFonts } from "./site/subset-fonts.ts";
import { draftOutline } from "./print/watermark.ts";
import { renderSite } from "./site/eleventy.ts";

export interface BenchReport {
  date: string;
  machine: { cpus: number; memoryGiB: number; node: string };
  pdfs: number;
  concurrency: number;
  kit: Timing;
  baselines: {
    /** The best bare loop: one tab per worker, reused. The ratio is against this one. */
    reusedTabs: Timing;
    /** A bare loop that opens a new tab for every PDF. */
    newTabPerPdf: Timing;
  };
  /** kit.seconds / baselines.reusedTabs.seconds */
  ratio: number;
  /** With --scale: the kit's PDF stage on the campaign at 1x, 2x and 4x its languages. */
  scale?: { factor: number; languages: number; pdfs: number; seconds: number; pdfsPerSecond: number }[];
  targets: { ratioAtMost: number; pdfStageSecondsUnder: number; met: boolean };
  /** What web pages weigh on a first visit (Chromium, cache off), with fonts cut per page, against fonts cut once per language. */
  pageWeight: PageWeightBench;
}

export interface PageWeightBench {
  /** Per language: the heaviest story page, its fonts, and the root page; bytes. */
  perLanguage: { lang: string; storyMax: number; storyFonts: number; baselineStoryMax: number }[];
  root: { total: number; fonts: number; baselineTotal: number };
  budgets: typeof BUDGETS;
  withinBudget: boolean;
}

interface Timing {
  seconds: number;
  pdfsPerSecond: number;
}

/** The kit's PDF stage may take at most this many times the best bare loop. */
export const RATIO_TARGET = 1.2;

export async function runBench(root: string, outFile: string, concurrency = 2, { scale = false } = {}): Promise<BenchReport> {
  const loaded = await loadSite(root);
  const work = await mkdtemp(path.join(os.tmpdir(), "waymark-bench-"));
  const siteDir = path.join(work, "print-pages");
  const browser = await launchBrowser();
  const server = await serveStatic(siteDir);
  try {
    await writeAssets(loaded.campaign, siteDir);
    await renderSite({ templatesDir: path.join(root, "templates"), outDir: siteDir, load: async () => ({ ...loaded, model: { ...loaded.model, pages: noWebPages } }) });
    const pages = Object.values(loaded.model.print).flat();
    const jobs = printJobs(loaded.campaign, pages, path.join(work, "pdf"), await draftOutline(loaded.campaign));

    // One warm-up print, so no run pays for the browser's first page.
    await timed(() => bareLoop(browser, server.origin, pages.slice(0, 1).map((p) => p.url), concurrency, "reuse"));
    // The kit's PDF stage as the build runs it: print, inspect, finish, write, then read every PDF back.
    const built = builtPdfs(loaded.campaign, pages);
    const kit = await timed(async () => {
      await printAll(jobs, { browser, origin: server.origin, concurrency });
      const problems = await checkPdfs(loaded.campaign, path.join(work, "pdf"), built);
      if (problems.length) throw new Error(`the benchmark's PDFs failed their checks: ${problems[0]!.message}`);
    });
    const reused = await timed(() => bareLoop(browser, server.origin, pages.map((p) => p.url), concurrency, "reuse"));
    const fresh = await timed(() => bareLoop(browser, server.origin, pages.map((p) => p.url), concurrency, "new"));
    const timing = (seconds: number): Timing => ({ seconds: round(seconds), pdfsPerSecond: round(jobs.length / seconds) });

    const report: BenchReport = {
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      pdfs: jobs.length,
      concurrency,
      kit: timing(kit),
      baselines: { reusedTabs: timing(reused), newTabPerPdf: timing(fresh) },
      ratio: round(kit / reused),
      targets: { ratioAtMost: RATIO_TARGET, pdfStageSecondsUnder: 60, met: kit / reused <= RATIO_TARGET && kit < 60 },
      pageWeight: await pageWeightRun(loaded, root, work, browser),
    };
    if (scale) report.scale = await scaleRun(root, browser, concurrency);
    await mkdir(path.dirname(outFile), { recursive: true });
    await writeFile(outFile, JSON.stringify(report, null, 2) + "\n");
    return report;
  } finally {
    await browser.close();
    await server.close();
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * The web pages weighed twice in Chromium: as the kit publishes them (fonts cut to each page's
 * characters) and against the strongest alternative: fonts cut once per language, to every
 * character the language's pages use, so one cut serves all of them (better caching from the
 * second page on, heavier first visit). Whole files are not a baseline worth the name here: one
 * Chinese endonym in a menu would fetch a 10 MB font.
 */
async function pageWeightRun(loaded: LoadedSite, root: string, work: string, browser: Browser): Promise<PageWeightBench> {
  const c = loaded.campaign;
  const weigh = async (name: string, per: "page" | "language") => {
    const dir = path.join(work, name);
    await writeAssets(c, dir, { print: false });
    await renderSite({ templatesDir: path.join(root, "templates"), outDir: dir, load: async () => ({ ...loaded, model: { ...loaded.model, print: noPrintPages } }) });
    const pages = await subsetPageFonts(c, dir, loaded.coverage, path.join(root, ".waymark-cache", "fonts"), { per });
    return (await weighPages(c, dir, [...pages.keys()], browser)).rows;
  };
  const kit = await weigh("site", "page");
  const perLanguage = await weigh("site-per-language", "language");
  const story = (rows: PageWeight[], lang: string) => rows.filter((r) => r.lang === lang && r.kind === "story").reduce((a, b) => (b.total > a.total ? b : a));
  const rootOf = (rows: PageWeight[]) => rows.find((r) => r.kind === "root")!;
  return {
    perLanguage: c.languages.map((l) => ({ lang: l.code, storyMax: story(kit, l.code).total, storyFonts: story(kit, l.code).fonts, baselineStoryMax: story(perLanguage, l.code).total })),
    root: { total: rootOf(kit).total, fonts: rootOf(kit).fonts, baselineTotal: rootOf(perLanguage).total },
    budgets: BUDGETS,
    withinBudget: kit.every((r) => r.budget === undefined || r.total <= r.budget),
  };
}

/**
 * How the PDF stage's cost grows: the campaign at 1x, 2x and 4x its languages (each translated
 * language copied as a pseudo-locale, "nl-x-d1", with its translations), printed by the kit.
 */
async function scaleRun(root: string, browser: Browser, concurrency: number): Promise<NonNullable<BenchReport["scale"]>> {
  const rows: NonNullable<BenchReport["scale"]> = [];
  for (const factor of [1, 2, 4]) {
    const copy = await mkdtemp(path.join(os.tmpdir(), `waymark-scale-${factor}x-`));
    try {
      await scaledCampaign(root, copy, factor);
      const loaded = await loadSite(copy);
      const siteDir = path.join(copy, "print-pages");
      await writeAssets(loaded.campaign, siteDir);
      await renderSite({ templatesDir: path.join(copy, "templates"), outDir: siteDir, load: async () => ({ ...loaded, model: { ...loaded.model, pages: noWebPages } }) });
      const pages = Object.values(loaded.model.print).flat();
      const jobs = printJobs(loaded.campaign, pages, path.join(copy, "pdf"), await draftOutline(loaded.campaign));
      const server = await serveStatic(siteDir);
      try {
        const seconds = await timed(async () => {
          await printAll(jobs, { browser, origin: server.origin, concurrency });
          const problems = await checkPdfs(loaded.campaign, path.join(copy, "pdf"), builtPdfs(loaded.campaign, pages));
          if (problems.length) throw new Error(`the scaled campaign's PDFs failed their checks: ${problems[0]!.message}`);
        });
        rows.push({ factor, languages: loaded.campaign.languages.length, pdfs: jobs.length, seconds: round(seconds), pdfsPerSecond: round(jobs.length / seconds) });
      } finally {
        await server.close();
      }
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  }
  return rows;
}

/** A copy of the campaign in `dir` with each translated language `factor` times (pseudo-locales with the same texts). */
async function scaledCampaign(root: string, dir: string, factor: number): Promise<void> {
  for (const sub of ["content", "locales", "templates"]) await cp(path.join(root, sub), path.join(dir, sub), { recursive: true });
  await symlink(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
  const settingsFile = path.join(dir, "content", "campaign.yaml");
  const settings = await readFile(settingsFile, "utf8");
  const codes = /^languages: \[(.*)\]$/m.exec(settings)![1]!.split(",").map((c) => c.trim());
  const source = /^sourceLanguage: (\S+)$/m.exec(settings)![1]!;
  const registry = await readFile(path.join(dir, "content", "languages.yaml"), "utf8");
  const extra: string[] = [];
  const entries: string[] = [];
  for (let i = 1; i < factor; i++) {
    for (const code of codes.filter((c) => c !== source)) {
      const dup = `${code}-x-d${i}`;
      extra.push(dup);
      const entry = new RegExp(`^- code: ${code}\\n(?:  .*\\n)+`, "m").exec(registry)![0];
      entries.push(entry.replace(`- code: ${code}`, `- code: ${dup}`).replace(/endonym: (.*)/, `endonym: $1 ${i}`));
      await cp(path.join(dir, "locales", code), path.join(dir, "locales", dup), { recursive: true });
    }
  }
  await writeFile(path.join(dir, "content", "languages.yaml"), `${registry.trimEnd()}\n${entries.join("")}`);
  await writeFile(settingsFile, settings.replace(/^languages: \[.*\]$/m, `languages: [${[...codes, ...extra].join(", ")}]`));
}


/** A baseline: open each page, wait for its fonts, page.pdf, nothing else; in one tab per worker, or a new tab per PDF. */
async function bareLoop(browser: Browser, origin: string, urls: string[], concurrency: number, tabs: "reuse" | "new"): Promise<void> {
  const queue = [...urls];
  const worker = async () => {
    let page = tabs === "reuse" ? await browser.newPage() : undefined;
    for (let url = queue.shift(); url; url = queue.shift()) {
      if (tabs === "new") page = await browser.newPage();
      await page!.goto(origin + url, { waitUntil: "load" });
      await page!.evaluate(() => document.fonts.ready);
      await page!.pdf({ printBackground: true, tagged: true, preferCSSPageSize: true });
      if (tabs === "new") await page!.close();
    }
    if (tabs === "reuse") await page!.close();
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return (performance.now() - start) / 1000;
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * The benchmark (`waymark bench`, dist/reports/bench.json). In one browser, with the same
 * pages and concurrency, it times (1) the kit's PDF stage as the build runs it (lay out, print
 * each page once, fit and check it, finish both variants on worker threads, judge them) and
 * (2) the floor: a bare loop that opens each print page in one tab per worker, waits for its
 * fonts and calls `page.pdf` once, nothing else. Their ratio is the cost of everything the kit
 * adds around Chromium. A loop that opens a new tab per page is reported too. Then it weighs
 * the web pages: the build's own figures (added up from the files) beside Chromium's (cache off),
 * and fonts cut per page against fonts cut once per language.
 */
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser } from "puppeteer-core";
import { BUDGETS, measurePageWeights, staticPageWeights, type PageWeight } from "./checks/page-weight.ts";
import { launchBrowser } from "./chromium/browser.ts";
import { ChromiumSession } from "./chromium/session.ts";
import { serveStatic } from "./chromium/static-server.ts";
import type { BuildContext } from "./context.ts";
import { loadSite, type LoadedSite } from "./load.ts";
import { layOutPrintPages } from "./print/lay-out.ts";
import { printPdfs } from "./print/print-pdfs.ts";
import { writeAssets } from "./site/assets.ts";
import { renderParts } from "./site/eleventy.ts";
import type { PrintPage } from "./site/print-pages.ts";
import { subsetPageFonts } from "./site/subset-fonts.ts";

export interface BenchReport {
  date: string;
  machine: { cpus: number; memoryGiB: number; node: string };
  languages: string[];
  /** Print pages (each gives two PDFs: print and screen). */
  pages: number;
  concurrency: number;
  kit: Timing;
  baselines: {
    /** The floor: one page.pdf per page, one tab per worker, reused. The ratio is against this one. */
    reusedTabs: Timing;
    /** A bare loop that opens a new tab for every page. */
    newTabPerPage: Timing;
  };
  /** kit.seconds / baselines.reusedTabs.seconds */
  ratio: number;
  /** With --scale: the kit's PDF stage on the campaign at 1x, 2x and 4x its languages. */
  scale?: { factor: number; languages: number; pages: number; seconds: number; pagesPerSecond: number }[];
  targets: { ratioAtMost: number; met: boolean };
  /** What web pages weigh on a first visit: the build's figures, Chromium's, and fonts cut once per language. */
  pageWeight: PageWeightBench;
}

interface PageWeightBench {
  /** Per language with story pages: the heaviest one (the build's figure, Chromium's, and with fonts cut per language); bytes. */
  perLanguage: { lang: string; storyMax: number; storyFonts: number; measuredStoryMax: number; baselineStoryMax: number }[];
  root: { total: number; fonts: number; measuredTotal: number; baselineTotal: number };
  /** Pages whose figure from the files differs from Chromium's by more than 1%. */
  disagreements: { page: string; built: number; measured: number }[];
  budgets: typeof BUDGETS;
  withinBudget: boolean;
}

interface Timing {
  seconds: number;
  pagesPerSecond: number;
}

/** The kit's PDF stage may take at most this many times the bare loop. */
const RATIO_TARGET = 1.2;

/**
 * @param languages bench only these languages (a quick run: `waymark bench --languages en,ar`); default all
 */
export async function runBench(
  root: string,
  outFile: string,
  { concurrency = 2, scale = false, languages }: { concurrency?: number; scale?: boolean; languages?: string[] } = {},
): Promise<BenchReport> {
  const loaded = only(await loadSite(root), languages);
  const work = await mkdtemp(path.join(os.tmpdir(), "waymark-bench-"));
  const browser = await launchBrowser();
  try {
    const pages = Object.values(loaded.model.print).flat();
    const { seconds: kit, printDir } = await kitRun(loaded, pages, path.join(work, "kit"), browser, concurrency);
    const server = await serveStatic(printDir);
    let reused: number;
    let fresh: number;
    try {
      reused = await timed(() =>
        bareLoop(
          browser,
          server.origin,
          pages.map((p) => p.url),
          concurrency,
          "reuse",
        ),
      );
      fresh = await timed(() =>
        bareLoop(
          browser,
          server.origin,
          pages.map((p) => p.url),
          concurrency,
          "new",
        ),
      );
    } finally {
      await server.close();
    }
    const timing = (seconds: number): Timing => ({ seconds: round(seconds), pagesPerSecond: round(pages.length / seconds) });
    const report: BenchReport = {
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      languages: loaded.campaign.languages.map((l) => l.code),
      pages: pages.length,
      concurrency,
      kit: timing(kit),
      baselines: { reusedTabs: timing(reused), newTabPerPage: timing(fresh) },
      ratio: round(kit / reused),
      targets: { ratioAtMost: RATIO_TARGET, met: kit / reused <= RATIO_TARGET },
      pageWeight: await pageWeightRun(loaded, work, browser),
    };
    if (scale) report.scale = await scaleRun(root, browser, concurrency, languages);
    await mkdir(path.dirname(outFile), { recursive: true });
    await writeFile(outFile, JSON.stringify(report, null, 2) + "\n");
    return report;
  } finally {
    await browser.close();
    await rm(work, { recursive: true, force: true });
  }
}

/** The site with only the given languages' pages and PDFs. */
function only(loaded: LoadedSite, languages?: string[]): LoadedSite {
  if (!languages) return loaded;
  const unknown = languages.filter((l) => !loaded.campaign.languages.some((x) => x.code === l));
  if (unknown.length) throw new Error(`the campaign has no language ${unknown.join(", ")}`);
  const keep = <T extends { lang: { code: string } }>(xs: T[]) => xs.filter((x) => languages.includes(x.lang.code));
  const m = loaded.model;
  return {
    ...loaded,
    campaign: { ...loaded.campaign, languages: loaded.campaign.languages.filter((l) => languages.includes(l.code)) },
    model: {
      ...m,
      print: Object.fromEntries(Object.entries(m.print).map(([f, ps]) => [f, keep(ps)])) as typeof m.print,
      pages: Object.fromEntries(Object.entries(m.pages).map(([k, ps]) => [k, k === "root" ? ps : keep(ps as { lang: { code: string } }[])])) as typeof m.pages,
      cards: keep(m.cards),
    },
  };
}

/** The kit's PDF stage as the build runs it, with the cache off: its seconds (a warm-up page first), and where the pages were laid out. */
async function kitRun(
  loaded: LoadedSite,
  pages: PrintPage[],
  dir: string,
  browser: Browser,
  concurrency: number,
): Promise<{ seconds: number; printDir: string }> {
  const c = loaded.campaign;
  const printDir = path.join(dir, "print-pages");
  await writeAssets(c, printDir);
  await layOutPrintPages(loaded, printDir, path.join(c.root, ".waymark-cache", "fonts"));
  const ctx: BuildContext = {
    root: c.root,
    templatesDir: path.join(c.root, "templates"),
    outDir: dir,
    cacheDir: path.join(dir, "cache"),
    useCache: false,
    chromium: ChromiumSession.wrapping(browser),
    kit: async () => "",
    concurrency,
    emit: () => undefined,
  };
  const server = await serveStatic(printDir);
  try {
    await bareLoop(
      browser,
      server.origin,
      pages.slice(0, 1).map((p) => p.url),
      1,
      "reuse",
    ); // no run pays for the browser's first page
  } finally {
    await server.close();
  }
  const seconds = await timed(() => printPdfs(ctx, loaded, pages, printDir, path.join(dir, "pdf"), async () => undefined));
  return { seconds, printDir };
}

/**
 * The web pages weighed: the build's figures from the files and Chromium's, as the kit publishes
 * them (fonts cut to each page's characters), and Chromium's against the strongest alternative:
 * fonts cut once per language, to every character the language's pages use (better caching from
 * the second page on, heavier first visit).
 */
async function pageWeightRun(loaded: LoadedSite, work: string, browser: Browser): Promise<PageWeightBench> {
  const c = loaded.campaign;
  const site = async (name: string, per: "page" | "language") => {
    const dir = path.join(work, name);
    await writeAssets(c, dir, { print: false });
    await renderParts(loaded, ["web"], path.join(c.root, "templates"), dir);
    const pages = [...(await subsetPageFonts(c, dir, loaded.coverage, path.join(c.root, ".waymark-cache", "fonts"), { per })).keys()];
    return { dir, pages };
  };
  const kitSite = await site("site", "page");
  const built = (await staticPageWeights(c, kitSite.dir, kitSite.pages)).rows;
  const measured = (await measurePageWeights(c, kitSite.dir, kitSite.pages, browser)).rows;
  const perLanguageSite = await site("site-per-language", "language");
  const baseline = (await measurePageWeights(c, perLanguageSite.dir, perLanguageSite.pages, browser)).rows;
  // The heaviest story page of a language; a language with none (German: professionals' documents only) is left out.
  const story = (rows: PageWeight[], lang: string) =>
    rows.filter((r) => r.lang === lang && r.kind === "story").reduce<PageWeight | undefined>((a, b) => (!a || b.total > a.total ? b : a), undefined);
  const rootOf = (rows: PageWeight[]) => rows.find((r) => r.kind === "root")!;
  const measuredOf = new Map(measured.map((r) => [r.page, r.total]));
  return {
    perLanguage: c.languages.flatMap((l) => {
      const [own, m, b] = [story(built, l.code), story(measured, l.code), story(baseline, l.code)];
      return own && m && b ? [{ lang: l.code, storyMax: own.total, storyFonts: own.fonts, measuredStoryMax: m.total, baselineStoryMax: b.total }] : [];
    }),
    root: { total: rootOf(built).total, fonts: rootOf(built).fonts, measuredTotal: rootOf(measured).total, baselineTotal: rootOf(baseline).total },
    disagreements: built
      .filter((r) => Math.abs(r.total - (measuredOf.get(r.page) ?? 0)) > r.total / 100)
      .map((r) => ({ page: r.page, built: r.total, measured: measuredOf.get(r.page) ?? 0 })),
    budgets: BUDGETS,
    withinBudget: built.every((r) => r.budget === undefined || r.total <= r.budget),
  };
}

/**
 * How the PDF stage's cost grows: the campaign at 1x, 2x and 4x its languages (each translated
 * language copied as a pseudo-locale, "nl-x-d1", with its translations), printed by the kit.
 */
async function scaleRun(root: string, browser: Browser, concurrency: number, languages?: string[]): Promise<NonNullable<BenchReport["scale"]>> {
  const rows: NonNullable<BenchReport["scale"]> = [];
  for (const factor of [1, 2, 4]) {
    const copy = await mkdtemp(path.join(os.tmpdir(), `waymark-scale-${factor}x-`));
    try {
      await scaledCampaign(root, copy, factor);
      const loaded = only(await loadSite(copy), languages && (await scaledCodes(copy)).filter((code) => languages.includes(code.replace(/-x-d\d+$/, ""))));
      const pages = Object.values(loaded.model.print).flat();
      const { seconds } = await kitRun(loaded, pages, path.join(copy, "out"), browser, concurrency);
      rows.push({
        factor,
        languages: loaded.campaign.languages.length,
        pages: pages.length,
        seconds: round(seconds),
        pagesPerSecond: round(pages.length / seconds),
      });
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  }
  return rows;
}

async function scaledCodes(dir: string): Promise<string[]> {
  return /^languages: \[(.*)\]$/m
    .exec(await readFile(path.join(dir, "content", "campaign.yaml"), "utf8"))![1]!
    .split(",")
    .map((c) => c.trim());
}

/** A copy of the campaign in `dir` with each translated language `factor` times (pseudo-locales with the same texts). */
async function scaledCampaign(root: string, dir: string, factor: number): Promise<void> {
  for (const sub of ["content", "locales", "templates"]) await cp(path.join(root, sub), path.join(dir, sub), { recursive: true });
  await symlink(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
  const settingsFile = path.join(dir, "content", "campaign.yaml");
  const settings = await readFile(settingsFile, "utf8");
  const codes = await scaledCodes(dir);
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

/** The floor: open each page, wait for its fonts, page.pdf, nothing else; in one tab per worker, or a new tab per page. */
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

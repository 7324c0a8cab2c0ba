/**
 * The build, as the list of its stages. Each stage is a module that receives what it needs and
 * reports through events; this file only says in which order they run and where their output goes:
 *
 *   load (build/load.ts) → release gate → glyph coverage → assets (site/assets.ts) →
 *   PDFs (print/print-pdfs.ts: cache, layout, print once per page, both variants, checks) →
 *   booklets (print/booklet.ts) → share cards (share/cards.ts) → web pages (site/web.ts) →
 *   weigh (checks/page-weight.ts) → offline bundles (site/offline.ts) → publish (publish.ts)
 *
 * Everything is written to a staging folder inside the output folder and moved into place only
 * when every stage has succeeded, so a failed build never leaves half-written files.
 */
import { cp, stat } from "node:fs/promises";
import path from "node:path";
import { checkGlyphCoverage } from "./checks/glyph-coverage.ts";
import { builtPdfs, checkPdfs, type BuiltPdf } from "./checks/pdf-output.ts";
import { weighSite } from "./checks/page-weight.ts";
import { ChromiumSession } from "./chromium/session.ts";
import { cachePath, type BuildContext, type BuildEvent } from "./context.ts";
import { urlFolder } from "./content/campaign.ts";
import { editionIds, editionOutDir, MAIN_EDITION } from "./content/editions.ts";
import { ContentError, ReleaseBlockedError, type Problem } from "./errors.ts";
import { loadSite, type LoadedSite } from "./load.ts";
import { kitFingerprint } from "./pdf/cache.ts";
import { writeBooklets } from "./print/booklet.ts";
import { printName, titleFile } from "./print/jobs.ts";
import { posterReport } from "./print/legibility.ts";
import { layOutPrintPages } from "./print/lay-out.ts";
import { printPdfs } from "./print/print-pdfs.ts";
import { collectShardCards, collectShards, shardFolder, shardManifest, splitCards, splitIntoShards, type Shard } from "./print/shards.ts";
import { Staging, writeReport } from "./publish.ts";
import { shareCards } from "./share/cards.ts";
import { writeAssets } from "./site/assets.ts";
import { writeOfflineBundles, type OfflineBundle } from "./site/offline.ts";
import { withDownloadSizes, withShareImages } from "./site/pages.ts";
import { renderWebSite } from "./site/web.ts";
import { writeWhole } from "./write-whole.ts";

export type { BuildEvent } from "./context.ts";

export interface BuildOptions {
  /** Project root holding content/, locales/ and templates/. */
  root: string;
  /** Output folder; site/ and pdf/ are replaced in it. Default: <root>/dist, or <root>/dist/editions/<id> for a partner edition. */
  outDir?: string;
  /** A partner edition (content/editions/<id>.yaml) instead of the campaign's main edition. */
  edition?: string;
  /** The edition already loaded (buildEditions loads every edition first). */
  loaded?: LoadedSite;
  /** Print PDFs and shoot share cards (default true). */
  pdf?: boolean;
  /** Refuse to build when anything is missing, stale, unapproved, unverified or unsigned. */
  release?: boolean;
  /** Pages printed at once (default 2, which fills two cores). */
  concurrency?: number;
  /** Longest a page may take to load and print before it is retried (default 40 s). */
  timeoutMs?: number;
  onEvent?: (event: BuildEvent) => void;
  /** For tests: called before each print attempt (to crash a page, say). */
  beforePrint?: BuildContext["beforePrint"];
  /** Print on a Chromium already running (ws:// URL of a browserless container, say) instead of launching one. */
  browserWSEndpoint?: string;
  /** The Chromium to use, shared with other builds (buildEditions); by default the build starts and closes its own. */
  chromium?: ChromiumSession;
  /** With browserWSEndpoint: the address of this machine that Chromium reaches the print pages at (default 127.0.0.1). */
  printHost?: string;
  /** Print only this share of the PDFs and cards into <out>/shards/<i>-of-<n>/ (no site): for a build spread over machines. */
  shard?: Shard;
  /** Take the PDFs and cards from <out>/shards/ (every share of one split) instead of making them; then build the site. No Chromium needed. */
  fromShards?: boolean;
  /** Reuse PDFs and cards whose inputs did not change, from <root>/.waymark-cache/ (default true; --no-cache). */
  cache?: boolean;
  /** Cancels the build: no new PDF is started, Chromium is killed, the build rejects and publishes nothing. */
  signal?: AbortSignal;
}

export interface BuildResult {
  edition: string;
  outDir: string;
  languages: string[];
  pages: number;
  pdfs: string[];
  /** PDFs that carry the draft watermark, with the reasons. */
  drafts: { pdf: string; reasons: string[] }[];
  /** What the build warns of: translations refused in part, posters whose headline was set smaller to fit. */
  warnings: Problem[];
  rejected: Problem[];
  /** Wall time of the PDF stage (printing and finishing), in milliseconds. */
  pdfStageMs: number;
  /** Pages printed by Chromium (each gives two PDFs), and pages whose PDFs came from the cache. */
  printed: number;
  reused: number;
  /** Wall time of each stage, in milliseconds, in order (also in dist/reports/build.json). */
  stages: { stage: string; ms: number }[];
  /** A zip per language for use without network (dist/offline/<lang>.zip; also dist/reports/offline.json). */
  offline?: OfflineBundle[];
}

/**
 * The main edition and every partner edition (or those named), each into its own folder, with
 * one Chromium. Every edition is loaded and checked before the first is built, so a problem in
 * the last one stops the build at once.
 */
export async function buildEditions(
  opts: Omit<BuildOptions, "edition" | "loaded" | "outDir"> & { editions?: string[]; outDir?: string },
): Promise<BuildResult[]> {
  const ids = opts.editions ?? [MAIN_EDITION, ...(await editionIds(opts.root))];
  opts.onEvent?.({ type: "stage", stage: `load ${ids.length} edition(s)` });
  const loaded = [];
  for (const id of ids) loaded.push(await loadSite(opts.root, id));
  opts.onEvent?.({
    type: "plan",
    editions: loaded.map((l, i) => ({ edition: ids[i]!, printPages: Object.values(l.model.print).flat().length, cards: l.model.cards.length })),
  });
  const chromium = opts.chromium ?? new ChromiumSession({ signal: opts.signal, wsEndpoint: opts.browserWSEndpoint });
  try {
    const results: BuildResult[] = [];
    for (const [index, edition] of ids.entries()) {
      opts.onEvent?.({ type: "edition", edition, index, count: ids.length });
      const outDir = opts.outDir && (edition === MAIN_EDITION ? opts.outDir : path.join(opts.outDir, "editions", edition));
      results.push(await buildCampaign({ ...opts, edition, loaded: loaded[index]!, chromium, ...(outDir ? { outDir } : {}) }));
    }
    return results;
  } finally {
    if (!opts.chromium) await chromium.close();
  }
}

/** One edition, into its output folder. */
export async function buildCampaign(opts: BuildOptions): Promise<BuildResult> {
  const chromium = opts.chromium ?? new ChromiumSession({ signal: opts.signal, wsEndpoint: opts.browserWSEndpoint });
  try {
    return await build(opts, chromium);
  } finally {
    if (!opts.chromium) await chromium.close();
  }
}

async function build(opts: BuildOptions, chromium: ChromiumSession): Promise<BuildResult> {
  const root = path.resolve(opts.root);
  const stages = stageClock();
  const emit = (event: BuildEvent) => {
    if (event.type === "stage") stages.start(event.stage);
    opts.onEvent?.(event);
  };
  let kit: Promise<string> | undefined;
  const ctx: BuildContext = {
    root,
    templatesDir: path.join(root, "templates"),
    outDir: path.resolve(opts.outDir ?? editionOutDir(root, opts.edition)),
    cacheDir: path.join(root, ".waymark-cache"),
    useCache: opts.cache !== false,
    chromium,
    kit: () => (kit ??= kitFingerprint(path.join(root, "templates"))),
    concurrency: opts.concurrency ?? 2,
    timeoutMs: opts.timeoutMs,
    printHost: opts.printHost,
    signal: opts.signal,
    emit,
    beforePrint: opts.beforePrint,
  };

  emit({ type: "stage", stage: "load content and translations" });
  const loaded = opts.loaded ?? (await loadSite(root, opts.edition));
  const { campaign: c, translations, model } = loaded;
  for (const problem of translations.warnings) emit({ type: "problem", level: "warning", problem });
  for (const problem of translations.rejected) emit({ type: "problem", level: "rejected", problem });
  if (opts.release && loaded.blockers.length) throw new ReleaseBlockedError(loaded.blockers);
  emit({ type: "stage", stage: "check glyph coverage" });
  const tofu = checkGlyphCoverage(c, loaded.sources, loaded.coverage);
  if (tofu.length) throw new ContentError(tofu);

  const staging = await Staging.open(ctx.outDir);
  try {
    const printDir = staging.path("print-pages");
    const siteDir = staging.path("site");
    const pdfDir = opts.shard ? staging.path(shardFolder(opts.shard), "pdf") : staging.path("pdf");
    const imageCache = ctx.useCache ? cachePath(ctx, "images") : undefined;
    // Print and card pages are laid out in one Eleventy run, and only when something must be printed or shot.
    const layOut = once(() => layOutPrintPages(loaded, printDir, cachePath(ctx, "fonts")));
    const allPrintPages = Object.values(model.print).flat();
    const printPages = opts.shard ? splitIntoShards(allPrintPages, opts.shard.count)[opts.shard.index - 1]! : allPrintPages;
    const making = opts.pdf !== false && !opts.fromShards;
    if (making) await writeAssets(c, printDir, { imageCache });

    let pdfs: BuiltPdf[] = [];
    let counts = { printed: 0, reused: 0, ms: 0 };
    let posters: ReturnType<typeof posterReport> = { warnings: [] };
    if (opts.fromShards) {
      emit({ type: "stage", stage: "merge the shards" });
      await collectShards(path.join(ctx.outDir, "shards"), c.revision, printPages, pdfDir);
      pdfs = builtPdfs(c, printPages);
      const problems = await checkPdfs(c, pdfDir, pdfs);
      if (problems.length) throw new ContentError(problems);
    } else if (making) {
      emit({ type: "stage", stage: `look for unchanged PDFs${ctx.useCache ? "" : " (cache off)"}` });
      const printed = await printPdfs(ctx, c, printPages, printDir, pdfDir, layOut);
      ({ pdfs, ...counts } = printed);
      posters = posterReport(c.design, printed.facts, (page) => ({ document: printName(page), file: titleFile(c, page) }));
      for (const problem of posters.warnings) emit({ type: "problem", level: "warning", problem });
    }
    const sizes = new Map<string, number>();
    for (const p of pdfs) sizes.set(p.rel, (await stat(path.join(pdfDir, p.rel))).size);

    if (opts.shard) {
      // A share of the PDFs and cards, and what it was made from; the merge builds the site.
      emit({ type: "stage", stage: "render this shard's share cards" });
      const shardDir = staging.path(shardFolder(opts.shard));
      await shareCards(ctx, loaded, printDir, path.join(shardDir, "cards"), layOut, splitCards(model.cards, opts.shard));
      await writeWhole(path.join(shardDir, "shard.json"), JSON.stringify(shardManifest(c.revision, opts.shard, printPages), null, 2) + "\n");
      emit({ type: "stage", stage: "publish" });
      await staging.publish([shardFolder(opts.shard)], path.join(ctx.outDir, "shards"));
      return result(opts, ctx, loaded, {
        ...counts,
        stages: stages.end(),
        pdfs: pdfs.map((p) => path.join(ctx.outDir, "shards", shardFolder(opts.shard!), "pdf", p.rel)),
        pages: 0,
      });
    }

    const brochures = printPages.filter((p) => p.format === "brochure");
    if (pdfs.length && brochures.length) {
      emit({ type: "stage", stage: "impose the booklets" });
      for (const b of await writeBooklets(c, loaded.translators, brochures, pdfDir, cachePath(ctx, "booklet-fonts"))) sizes.set(b.rel, b.bytes);
    }

    let made = new Set<string>();
    if (opts.fromShards) made = await collectShardCards(path.join(ctx.outDir, "shards"), siteDir);
    else if (making) {
      emit({ type: "stage", stage: "render the share cards" });
      made = await shareCards(ctx, loaded, printDir, siteDir, layOut);
    }

    emit({ type: "stage", stage: "render the site" });
    const webModel = withShareImages(withDownloadSizes(model, sizes), made);
    const pages = await renderWebSite(loaded, webModel, siteDir, { images: imageCache, fonts: cachePath(ctx, "fonts") });
    emit({ type: "stage", stage: "weigh the pages" });
    const weights = await weighSite(
      c,
      siteDir,
      pages,
      brochures.map((p) => ({ pdf: p.out.screen, bytes: sizes.get(p.out.screen) ?? 0 })),
    );
    if (weights.problems.length) throw new ContentError(weights.problems);

    // The PDFs are also part of the site, where the download links point.
    let offline: OfflineBundle[] = [];
    if (pdfs.length) {
      await cp(pdfDir, path.join(siteDir, "pdf"), { recursive: true });
      emit({ type: "stage", stage: "pack the offline bundles" });
      offline = await writeOfflineBundles(
        siteDir,
        staging.dir,
        c.languages.map((l) => ({ code: l.code, folder: urlFolder(l.code) })),
        c.settings.baseUrl,
        new Date(`${c.settings.updated}T00:00:00Z`),
      );
    }

    emit({ type: "stage", stage: "publish" });
    await staging.publish(pdfs.length ? ["site", "pdf", ...(offline.length ? ["offline"] : [])] : ["site"]);
    const done = result(opts, ctx, loaded, {
      ...counts,
      stages: stages.end(),
      offline,
      pages: pages.length,
      pdfs: pdfs.map((p) => path.join(ctx.outDir, "pdf", p.rel)),
      warnings: posters.warnings,
    });
    await writeReport(ctx.outDir, "page-weight.json", weights.report);
    if (offline.length) await writeReport(ctx.outDir, "offline.json", { bundles: offline });
    if (posters.report) await writeReport(ctx.outDir, "posters.json", posters.report);
    await writeReport(ctx.outDir, "build.json", {
      revision: c.revision,
      printed: done.printed,
      reused: done.reused,
      pdfStageMs: Math.round(done.pdfStageMs),
      stages: done.stages,
    });
    return done;
  } finally {
    await staging.discard();
  }
}

function result(
  opts: BuildOptions,
  ctx: BuildContext,
  loaded: LoadedSite,
  made: {
    printed: number;
    reused: number;
    ms: number;
    stages: BuildResult["stages"];
    pdfs: string[];
    pages: number;
    offline?: OfflineBundle[];
    warnings?: Problem[];
  },
): BuildResult {
  const c = loaded.campaign;
  const printPages = Object.values(loaded.model.print).flat();
  return {
    edition: opts.edition ?? MAIN_EDITION,
    outDir: ctx.outDir,
    languages: c.languages.map((l) => l.code),
    pages: made.pages,
    pdfs: made.pdfs,
    drafts: printPages.filter((p) => p.draftReasons.length).flatMap((p) => Object.values(p.out).map((pdf) => ({ pdf, reasons: p.draftReasons }))),
    warnings: [...loaded.translations.warnings, ...(made.warnings ?? [])],
    rejected: loaded.translations.rejected,
    pdfStageMs: made.ms,
    printed: made.printed,
    reused: made.reused,
    stages: made.stages,
    ...(made.offline ? { offline: made.offline } : {}),
  };
}

/** Each stage's wall time, from its announcement to the next one's. */
function stageClock() {
  const stages: { stage: string; ms: number }[] = [];
  let started = performance.now();
  const close = () => {
    if (stages.length) stages.at(-1)!.ms = Math.round(performance.now() - started);
  };
  return {
    start(stage: string) {
      close();
      stages.push({ stage, ms: 0 });
      started = performance.now();
    },
    end() {
      close();
      return stages;
    },
  };
}

/** A function that runs `fn` the first time it is called and returns that same promise after. */
function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= fn());
}

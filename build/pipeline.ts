/**
 * The build, as the list of its stages. Each stage is a module that receives what it needs and
 * reports through events; this file only says in which order they run and where their output
 * goes (docs/architecture.md has the table):
 *
 *   load (load.ts) → release gate → glyph coverage → assets (site/assets.ts) →
 *   PDFs (print/print-pdfs.ts: cache, lay out, print once per page, both variants, checks) →
 *   PDF/X, with --pdfx only (print/press-ready.ts: Ghostscript, preflight) →
 *   booklets (print/booklet.ts) → share cards (share/cards.ts) beside PDF previews (site/previews.ts) →
 *   the site and its offline bundles (site/site-stage.ts: web pages by site/web.ts, bundles by
 *   site/offline.ts, the pages again if a bundle's size reads otherwise than they say) →
 *   weigh (checks/page-weight.ts) → publish (publish.ts)
 *
 * Everything is written to a staging folder inside the output folder and moved into place only
 * when every stage has succeeded, so a failed build never leaves half-written files.
 */
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { checkGlyphCoverage } from "./checks/glyph-coverage.ts";
import { weighSite } from "./checks/page-weight.ts";
import { builtPdfs, checkPdfs, type BuiltPdf } from "./checks/pdf-output.ts";
import { ChromiumSession } from "./chromium/session.ts";
import { cachePath, type BuildEvent } from "./context.ts";
import { editionIds, MAIN_EDITION } from "./content/editions.ts";
import { ContentError, ReleaseBlockedError } from "./errors.ts";
import { loadSite, type LoadedSite } from "./load.ts";
import { buildContext, buildResult, type BuildOptions, type BuildResult } from "./options.ts";
import { writeBooklets } from "./print/booklet.ts";
import { printName, titleFile } from "./print/jobs.ts";
import { layOutPrintPages } from "./print/lay-out.ts";
import { posterReport } from "./print/legibility.ts";
import { printPdfs } from "./print/print-pdfs.ts";
import { ghostscriptVersion } from "./pdf/pdfx.ts";
import { makePressReady, type PressReady } from "./print/press-ready.ts";
import { collectShardCards, collectShards, shardFolder, splitCards, splitIntoShards, writeShardManifest } from "./print/shards.ts";
import { stageClock } from "./progress.ts";
import { allDone, Staging, writeBuildReports } from "./publish.ts";
import { cardsToShoot, shareCards } from "./share/cards.ts";
import type { PrintPage } from "./site/print-pages.ts";
import { writeAssets } from "./site/assets.ts";
import { pdfPreviews } from "./site/previews.ts";
import { renderSiteAndBundles } from "./site/site-stage.ts";
import type { OfflineBundle } from "./site/offline.ts";

export type { BuildEvent } from "./context.ts";
export type { BuildOptions, BuildResult } from "./options.ts";

/**
 * The main edition and every partner edition (or those named), each into its own folder, with
 * one Chromium. Every edition is loaded and checked first, so a problem in the last stops the build at once.
 */
export async function buildEditions(opts: Omit<BuildOptions, "edition" | "loaded"> & { editions?: string[] }): Promise<BuildResult[]> {
  const ids = opts.editions ?? [MAIN_EDITION, ...(await editionIds(opts.root))];
  opts.onEvent?.({ type: "stage", stage: `load ${ids.length} edition(s)` });
  const loaded: LoadedSite[] = [];
  for (const id of ids) {
    loaded.push(await loadSite(opts.root, id));
    if (opts.release && loaded.at(-1)!.blockers.length) throw new ReleaseBlockedError(loaded.at(-1)!.blockers); // refused before anything is built
  }
  const size = (i: number) => ({ printPages: Object.values(loaded[i]!.model.print).flat().length, cards: loaded[i]!.model.cards.length });
  opts.onEvent?.({ type: "plan", editions: ids.map((edition, i) => ({ edition, ...size(i) })) });
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
  const stages = stageClock();
  const emit = (event: BuildEvent) => {
    if (event.type === "stage") stages.start(event.stage);
    opts.onEvent?.(event);
  };
  const ctx = buildContext(opts, chromium, emit);
  emit({ type: "stage", stage: "load content and translations" });
  const loaded = opts.loaded ?? (await loadSite(ctx.root, opts.edition));
  const { campaign: c, model } = loaded;
  for (const problem of loaded.translations.warnings) emit({ type: "problem", level: "warning", problem });
  for (const problem of loaded.translations.rejected) emit({ type: "problem", level: "rejected", problem });
  if (opts.release && loaded.blockers.length) throw new ReleaseBlockedError(loaded.blockers);
  emit({ type: "stage", stage: "check glyph coverage" });
  const tofu = checkGlyphCoverage(c, loaded.sources, loaded.coverage);
  if (tofu.length) throw new ContentError(tofu);
  if (opts.pdfx) await ghostscriptVersion(); // no Ghostscript: said before anything is printed

  const staging = await Staging.open(ctx.outDir);
  try {
    const [printDir, siteDir, shardsDir] = [staging.path("print-pages"), staging.path("site"), path.join(ctx.outDir, "shards")];
    const shardDir = opts.shard && staging.path(shardFolder(opts.shard));
    const pdfDir = shardDir ? path.join(shardDir, "pdf") : staging.path("pdf");
    const imageCache = ctx.useCache ? cachePath(ctx, "images") : undefined;
    const all = Object.values(model.print).flat();
    const printPages = opts.shard ? splitIntoShards(all, opts.shard.count)[opts.shard.index - 1]! : all;
    const cards = opts.shard ? splitCards(model.cards, opts.shard) : model.cards;
    // Print and card pages are laid out in one Eleventy run, when something must be printed or
    // shot: the pages to print and the cards not in the cache, only those.
    let laidOut: Promise<void> | undefined;
    const layOut = (print: PrintPage[]) =>
      (laidOut ??= cardsToShoot(ctx, loaded, cards).then((shoot) => layOutPrintPages(loaded, printDir, cachePath(ctx, "fonts"), { print, cards: shoot })));
    const making = opts.pdf !== false && !opts.fromShards;

    let pdfs: BuiltPdf[] = [];
    let counts = { printed: 0, reused: 0, ms: 0 };
    let posters: ReturnType<typeof posterReport> = { warnings: [] };
    if (opts.fromShards) {
      emit({ type: "stage", stage: "merge the shards" });
      await collectShards(shardsDir, c.revision, printPages, pdfDir);
      pdfs = builtPdfs(c, printPages);
      const problems = await checkPdfs(c, pdfDir, pdfs);
      if (problems.length) throw new ContentError(problems);
    } else if (making) {
      await writeAssets(c, printDir, { imageCache });
      emit({ type: "stage", stage: `look for unchanged PDFs${ctx.useCache ? "" : " (cache off)"}` });
      const printed = await printPdfs(ctx, loaded, printPages, printDir, pdfDir, layOut);
      ({ pdfs, ...counts } = printed);
      posters = posterReport(c.design, printed.facts, (page) => ({ document: printName(page), file: titleFile(c, page) }));
      for (const problem of posters.warnings) emit({ type: "problem", level: "warning", problem });
    }
    // For a press, and only when asked: it needs Ghostscript and about a second per PDF.
    const press: PressReady | undefined = opts.pdfx && pdfs.length && !opts.shard ? await makePressReady(ctx, c, pdfs, pdfDir) : undefined;
    const sizes = new Map<string, number>();
    for (const p of pdfs) sizes.set(p.rel, (await stat(path.join(pdfDir, p.rel))).size);
    const result = (made: { pdfs: string[]; pages: number; offline?: OfflineBundle[] }) =>
      buildResult(opts, ctx.outDir, loaded, {
        ...counts,
        ...made,
        stages: stages.end(),
        warnings: posters.warnings,
        ...(press ? { pdfx: { files: press.files.map((f) => path.join(ctx.outDir, "pdf", f)), made: press.made, reused: press.reused } } : {}),
      });

    if (opts.shard && shardDir) {
      // A share of the PDFs and cards, and what it was made from; the merge builds the site.
      emit({ type: "stage", stage: "render this shard's share cards" });
      await shareCards(ctx, loaded, printDir, path.join(shardDir, "cards"), () => layOut([]), cards);
      await writeShardManifest(shardDir, c.revision, opts.shard, printPages);
      emit({ type: "stage", stage: "publish" });
      await staging.publish([shardFolder(opts.shard)], shardsDir);
      return result({ pdfs: pdfs.map((p) => path.join(shardsDir, shardFolder(opts.shard!), "pdf", p.rel)), pages: 0 });
    }

    const brochures = printPages.filter((p) => p.format === "brochure");
    if (pdfs.length && brochures.length) {
      emit({ type: "stage", stage: "impose the booklets" });
      const cache = ctx.useCache ? { dir: cachePath(ctx, "booklets"), kit: await ctx.kit() } : undefined;
      for (const b of await writeBooklets(c, loaded.translators, brochures, pdfDir, cache)) sizes.set(b.rel, b.bytes);
    }
    // The files each materials page lists, as made: PDFs read for their pages and first page, share images, offline bundles.
    // Previews are drawn on the worker threads while Chromium shoots the cards: the two cores are both at work.
    emit({ type: "stage", stage: making ? "render the share cards and preview the PDFs" : "preview the PDFs" });
    const pdfRels = pdfs.length ? (await readdir(pdfDir, { recursive: true })).filter((f) => f.endsWith(".pdf")).map((f) => f.split(path.sep).join("/")) : [];
    const [made, { facts, previews }] = await allDone([
      opts.fromShards
        ? collectShardCards(shardsDir, siteDir)
        : making
          ? shareCards(ctx, loaded, printDir, siteDir, () => layOut([]))
          : Promise.resolve(new Set<string>()),
      pdfPreviews(pdfDir, pdfRels.sort(), siteDir, ctx.useCache ? cachePath(ctx, "previews") : undefined),
    ]);
    const site = { siteDir, pdfDir: pdfs.length ? pdfDir : undefined, bundlesDir: staging.dir };
    const { pages, offline } = await renderSiteAndBundles(ctx, loaded, { sizes, shareImages: made, files: facts, previews }, site);
    emit({ type: "stage", stage: "weigh the pages" });
    const screenBrochures = brochures.map((p) => ({ pdf: p.out.screen, bytes: sizes.get(p.out.screen) ?? 0 }));
    const weights = await weighSite(c, siteDir, pages, screenBrochures);
    if (weights.problems.length) throw new ContentError(weights.problems);

    emit({ type: "stage", stage: "publish" });
    await staging.publish(pdfs.length ? ["site", "pdf", ...(offline.length ? ["offline"] : [])] : ["site"]);
    const done = result({ offline, pages: pages.length, pdfs: pdfs.map((p) => path.join(ctx.outDir, "pdf", p.rel)) });
    await writeBuildReports(ctx.outDir, {
      "page-weight.json": weights.report,
      "offline.json": offline.length ? { bundles: offline } : undefined,
      "posters.json": posters.report,
      "preflight.json": press?.report ?? (pdfs.length ? null : undefined), // new PDFs without --pdfx: the last report's files are gone
      "build.json": { revision: c.revision, printed: done.printed, reused: done.reused, pdfStageMs: Math.round(done.pdfStageMs), stages: done.stages },
    });
    return done;
  } finally {
    await staging.discard();
  }
}

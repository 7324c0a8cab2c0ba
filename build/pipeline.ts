/**
 * The build, stage by stage: load (an edition applied) → translations → glyphs → pages → print
 * pages → PDFs → PDF checks → booklets → share cards → web pages → fonts per page → page weight →
 * offline bundles → publish. Everything is written to a staging folder inside the
 * output folder and moved into place only when every stage has succeeded, so a failed build
 * never leaves half-written files.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { checkGlyphCoverage, GlyphCoverage } from "./checks/glyph-coverage.ts";
import { builtPdfs, checkPdfs, type BuiltPdf } from "./checks/pdf-output.ts";
import type { Browser, Page } from "puppeteer-core";
import { strayFonts } from "./checks/page-fonts.ts";
import { loadCampaign, urlFolder, type Campaign } from "./content/campaign.ts";
import { applyEdition, editionSources, logoPath, logoUrl, MAIN_EDITION } from "./content/editions.ts";
import type { Language } from "./content/schemas.ts";
import { ContentError, ReleaseBlockedError, type Problem } from "./errors.ts";
import { loadTranslations, type Translations } from "./i18n/locales.ts";
import { fileOfText, sourceStrings, type Resources } from "./i18n/source-strings.ts";
import { translationStatus } from "./i18n/status.ts";
import { createTranslators, type Translator } from "./i18n/translator.ts";
import { writeImages, PRINT_DPI } from "./images.ts";
import { closeBrowser, closePage, launchBrowser, openPage } from "./chromium/browser.ts";
import { kitFingerprint, PdfCache } from "./pdf/cache.ts";
import { finishPdf } from "./pdf/postprocess.ts";
import { readPageText, type PageText } from "./checks/structure-text.ts";
import { printAll, type PrintJob, type PrinterOptions } from "./pdf/printer.ts";
import { serveStatic } from "./chromium/static-server.ts";
import { FORMATS, formatCss, VARIANTS } from "./print/formats.ts";
import { inspectPrintPage } from "./print/inspect-page.ts";
import { fitAndMeasurePoster, posterFindings, posterRules, type PosterFacts } from "./print/legibility.ts";
import { qrSvg } from "./print/qr.ts";
import { fillContentsPages } from "./print/contents.ts";
import { imposeBooklet } from "./print/booklet.ts";
import { collectShards, shardFolder, splitIntoShards, type Shard, type ShardManifest } from "./print/shards.ts";
import { draftOutline, type Outline } from "./print/watermark.ts";
import { renderSite, type SiteInput } from "./site/eleventy.ts";
import { writeWhole } from "./write-whole.ts";
import { fontFiles, writeFonts } from "./site/fonts.ts";
import { subsetPageFonts } from "./site/subset-fonts.ts";
import { relativeLinks } from "./site/relative-links.ts";
import { writeOfflineBundles, type OfflineBundle } from "./site/offline.ts";
import { BUDGETS, kb, weighPages, type PageWeight } from "./checks/page-weight.ts";
import { releaseBlockers, type ReleaseBlocker } from "./release/state.ts";
import { buildSiteModel, editorsPage, modelRelease, withDownloadSizes, withShareImages, type PrintPage, type SiteModel } from "./site/pages.ts";
import { renderCards } from "./share/cards.ts";

export type BuildEvent =
  | { type: "stage"; stage: string }
  | { type: "problem"; level: "warning" | "rejected"; problem: Problem }
  | { type: "printed"; done: number; total: number; job: string };

export interface BuildOptions {
  /** Project root holding content/, locales/ and templates/. */
  root: string;
  /** Output folder; site/ and pdf/ are replaced in it. Default: <root>/dist, or <root>/dist/editions/<id> for a partner edition. */
  outDir?: string;
  /** A partner edition (content/editions/<id>.yaml) instead of the campaign's main edition. */
  edition?: string;
  /** Print PDFs (default true). */
  pdf?: boolean;
  /** Refuse to build when anything is missing, stale, unapproved, unverified or unsigned. */
  release?: boolean;
  /** Pages printed at once (default 2, which fills two cores). */
  concurrency?: number;
  /** Longest a page may take to load and print before it is retried (default 40 s). */
  timeoutMs?: number;
  onEvent?: (event: BuildEvent) => void;
  /** For tests: called before each print attempt (to crash a page, say). */
  beforePrint?: PrinterOptions["beforePrint"];
  /** Print on a Chromium already running (ws:// URL of a browserless container, say) instead of launching one. */
  browserWSEndpoint?: string;
  /** With browserWSEndpoint: the address of this machine that Chromium reaches the print pages at (default 127.0.0.1). */
  printHost?: string;
  /** Print only this share of the PDFs into <out>/shards/<i>-of-<n>/ (no site): for a build spread over machines. */
  shard?: Shard;
  /** Take the PDFs from <out>/shards/ (every share of one split) instead of printing; then build the site. */
  fromShards?: boolean;
  /** Weigh every web page in Chromium against its budget, into dist/reports/page-weight.json (default true when PDFs are built; --no-weigh). */
  weigh?: boolean;
  /** Reuse PDFs whose inputs did not change, from <root>/.waymark-cache/ (default true; --no-cache). */
  cache?: boolean;
  /** Cancels the PDF stage: no new PDF is started, pages in flight are dropped, Chromium is killed, the build rejects and publishes nothing. */
  signal?: AbortSignal;
}

export interface BuildResult {
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
  /** PDFs printed by Chromium, and PDFs reused from the cache because nothing they show changed. */
  printed: number;
  reused: number;
  /** Wall time of each stage, in milliseconds, in order (also in dist/reports/build.json). */
  stages: { stage: string; ms: number }[];
  /** A zip per language for use without network (dist/offline/<lang>.zip; also dist/reports/offline.json). */
  offline?: OfflineBundle[];
}

export interface LoadedSite extends SiteInput {
  campaign: Campaign;
  sources: Resources;
  translations: Translations;
  coverage: GlyphCoverage;
  /** Everything that keeps the campaign from release (the release state of every page and PDF). */
  blockers: ReleaseBlocker[];
}

/**
 * Stages load → translations → pages: everything the site needs, validated.
 * @param edition a partner edition (content/editions/<id>.yaml); default the campaign's main edition
 */
export async function loadSite(root: string, edition?: string): Promise<LoadedSite> {
  const main = await loadCampaign(root);
  const campaign = edition && edition !== MAIN_EDITION ? await applyEdition(main, edition) : main;
  const sources = editionSources(campaign, sourceStrings(campaign));
  const coverage = new GlyphCoverage(fontFiles(campaign));
  const translations = await loadTranslations(root, campaign.languages, campaign.source, sources, coverage, campaign.edition);
  const translators = createTranslators(campaign.languages, campaign.source, sources, translations.resources);
  const loaded = { campaign, sources, translations, translators, coverage };
  return { ...loaded, ...(await siteModel(loaded)) };
}

/** The view model of every page, with the editors' page and the QR codes the print pages show; and what blocks release. */
async function siteModel(l: Omit<LoadedSite, "model" | "blockers">): Promise<{ model: SiteModel; blockers: ReleaseBlocker[] }> {
  const model = buildSiteModel(l.campaign, l.translators, l.translations.status, l.translations.resources);
  const blockers = releaseBlockers(modelRelease(model));
  model.pages.editors.push(editorsPage(l.campaign, l.translators, translationStatus(l.campaign, l.sources, l.translations), blockers));
  const urls = new Set([...Object.values(model.print).flatMap((pages) => pages.map((p) => p.webUrl)), ...model.cards.map((c) => c.webUrl)]);
  for (const url of urls) model.qr[url] = await qrSvg(url);
  return { model, blockers };
}

/** Fonts, images and (for print pages) the formats' page rules, written into a folder that gets served. */
export async function writeAssets(c: Campaign, dir: string, { print = true, cache = false } = {}): Promise<void> {
  // The stylesheets too (Eleventy copies them again when it renders): every asset a print page
  // loads is in place before layout, so the PDF cache can check it without laying pages out.
  await cp(path.join(c.root, "templates", "assets"), path.join(dir, "assets"), { recursive: true });
  await writeFonts(c, dir, { whole: print });
  await writeImages(c, dir, cache ? path.join(cacheDir(c), "images") : undefined);
  for (const p of c.edition?.partners ?? []) await cp(logoPath(c.root, p.logo), path.join(dir, logoUrl(c.edition!.id, p.logo)));
  if (!print) return;
  await mkdir(path.join(dir, "_print", "css"), { recursive: true });
  for (const format of Object.values(FORMATS)) {
    for (const variant of VARIANTS) await writeFile(path.join(dir, "_print", "css", `${format.id}-${variant}.css`), formatCss(format, variant));
  }
}

export async function buildCampaign(opts: BuildOptions): Promise<BuildResult> {
  // Each stage's wall time, from its announcement to the next one's.
  const stages: { stage: string; ms: number }[] = [];
  let stageStart = performance.now();
  const emit = (event: BuildEvent) => {
    if (event.type === "stage") {
      const now = performance.now();
      if (stages.length) stages.at(-1)!.ms = Math.round(now - stageStart);
      stages.push({ stage: event.stage, ms: 0 });
      stageStart = now;
    }
    opts.onEvent?.(event);
  };
  const root = path.resolve(opts.root);
  const outDir = path.resolve(opts.outDir ?? editionOutDir(root, opts.edition));
  const templatesDir = path.join(root, "templates");

  emit({ type: "stage", stage: "load content and translations" });
  const loaded = await loadSite(root, opts.edition);
  const { campaign, translations, model } = loaded;
  for (const problem of translations.warnings) emit({ type: "problem", level: "warning", problem });
  for (const problem of translations.rejected) emit({ type: "problem", level: "rejected", problem });
  if (opts.release) {
    emit({ type: "stage", stage: "check what blocks release" });
    if (loaded.blockers.length) throw new ReleaseBlockedError(loaded.blockers);
  }

  emit({ type: "stage", stage: "check glyph coverage" });
  const tofu = checkGlyphCoverage(campaign, loaded.sources, loaded.coverage);
  if (tofu.length) throw new ContentError(tofu);

  await mkdir(outDir, { recursive: true });
  const staging = await mkdtemp(path.join(outDir, ".staging-"));
  try {
    const pdfDir = opts.shard ? path.join(staging, shardFolder(opts.shard), "pdf") : path.join(staging, "pdf");
    const printDir = path.join(staging, "print-pages");
    let pdfs: BuiltPdf[] = [];
    let pdfStageMs = 0;
    let counts = { printed: 0, reused: 0 };
    let posters: ReturnType<typeof posterReport> = { warnings: [] };
    const sizes = new Map<string, number>();
    const allPrintPages = Object.values(model.print).flat();
    const printPages = opts.shard ? splitIntoShards(allPrintPages, opts.shard.count)[opts.shard.index - 1]! : allPrintPages;
    if (opts.fromShards) {
      emit({ type: "stage", stage: "merge the shards" });
      await collectShards(path.join(outDir, "shards"), campaign.revision, printPages, pdfDir);
      pdfs = builtPdfs(campaign, printPages);
      const problems = await checkPdfs(campaign, pdfDir, pdfs);
      if (problems.length) throw new ContentError(problems);
      for (const p of pdfs) sizes.set(p.rel, (await stat(path.join(pdfDir, p.rel))).size);
    } else if (opts.pdf !== false) {
      emit({ type: "stage", stage: `look for unchanged PDFs${opts.cache === false ? " (cache off)" : ""}` });
      await writeAssets(campaign, printDir, { cache: opts.cache !== false });
      // The print pages are laid out only when some PDF must be printed.
      const layOut = () => renderSite({ templatesDir, outDir: printDir, load: async () => ({ ...loaded, model: { ...model, pages: noWebPages, cards: [] } }) });
      const started = performance.now();
      let facts: Map<PrintPage, unknown>;
      ({ pdfs, facts, ...counts } = await printDocuments(campaign, printPages, printDir, pdfDir, layOut, opts, emit));
      pdfStageMs = performance.now() - started;
      posters = posterReport(campaign, facts);
      for (const problem of posters.warnings) emit({ type: "problem", level: "warning", problem });
      for (const p of pdfs) sizes.set(p.rel, (await stat(path.join(pdfDir, p.rel))).size);
    }

    const brochures = opts.shard ? [] : printPages.filter((p) => p.format === "brochure" && p.variant === "screen");
    if (pdfs.length && brochures.length) {
      emit({ type: "stage", stage: "impose the booklets" });
      for (const b of await writeBooklets(campaign, loaded.translators, brochures, pdfDir)) sizes.set(b.rel, b.bytes);
    }

    if (opts.shard) {
      // A share of the PDFs and what it was made from; the merge builds the site.
      const manifest: ShardManifest = { campaignRevision: campaign.revision, shard: opts.shard, pdfs: printPages.map((p) => ({ rel: p.out, revision: p.revision })) };
      await writeFile(path.join(staging, shardFolder(opts.shard), "shard.json"), JSON.stringify(manifest, null, 2) + "\n");
      emit({ type: "stage", stage: "publish" });
      await mkdir(path.join(outDir, "shards"), { recursive: true });
      await publish(staging, path.join(outDir, "shards"), [shardFolder(opts.shard)]);
      stages.at(-1)!.ms = Math.round(performance.now() - stageStart);
      return { ...counts, stages, outDir, languages: campaign.languages.map((l) => l.code), pages: 0, pdfs: pdfs.map((p) => path.join(outDir, "shards", shardFolder(opts.shard!), "pdf", p.rel)), drafts: [], warnings: translations.warnings, rejected: translations.rejected, pdfStageMs };
    }

    const siteDir = path.join(staging, "site");
    let webModel = withDownloadSizes(model, sizes); // now that the PDFs exist
    // Share cards are rendered by Chromium: with the PDFs, not with --no-pdf.
    if (opts.pdf !== false) {
      emit({ type: "stage", stage: "render the share cards" });
      const made = await shareCards(campaign, loaded, printDir, siteDir, opts);
      webModel = withShareImages(webModel, made);
    }

    emit({ type: "stage", stage: "render the site" });
    // Fonts and images were made for the print pages already: copy them rather than render twice.
    // (Not the whole font files: web pages get theirs cut to what they show.)
    const wholeFonts = (from: string) => !/[\\/]assets[\\/](fonts[\\/].+|fonts\.css)$/.test(from);
    if (opts.pdf !== false && !opts.fromShards) await cp(path.join(printDir, "assets"), path.join(siteDir, "assets"), { recursive: true, filter: wholeFonts });
    else await writeAssets(campaign, siteDir, { print: false, cache: opts.cache !== false });
    await renderSite({ templatesDir, outDir: siteDir, load: async () => ({ ...loaded, model: { ...webModel, print: noPrintPages, cards: [] } }) });
    // A service worker controls the folder it is served from: the site's root.
    await rename(path.join(siteDir, "assets", "sw.js"), path.join(siteDir, "sw.js"));
    emit({ type: "stage", stage: "fit fonts to each page" });
    // Cut fonts are named by their source and characters, so even --no-cache may reuse them: they cannot be stale.
    const pageFonts = await subsetPageFonts(campaign, siteDir, loaded.coverage, path.join(cacheDir(campaign), "fonts"));
    // Links relative to each page: the site works under any path (an edition's /editions/<id>/).
    await relativeLinks(siteDir);
    // Weighed in Chromium, so only when the build has one (not with --no-pdf).
    if (opts.pdf !== false && !opts.fromShards && opts.weigh !== false) {
      emit({ type: "stage", stage: "weigh the pages" });
      const brochures = printPages.filter((p) => p.document?.id === "brochure" && p.variant === "screen").map((p) => ({ pdf: p.out, bytes: sizes.get(p.out) ?? 0 }));
      const weights = await weighSite(campaign, siteDir, [...pageFonts.keys()], brochures, { ...opts, cacheDir: opts.cache === false ? undefined : path.join(cacheDir(campaign), "page-weight") });
      await writeReport(outDir, "page-weight.json", weights.report);
      if (weights.problems.length) throw new ContentError(weights.problems);
    }
    // The PDFs are also part of the site, where the download links point.
    if (pdfs.length) await cp(pdfDir, path.join(siteDir, "pdf"), { recursive: true });
    let offline: OfflineBundle[] = [];
    if (pdfs.length) {
      emit({ type: "stage", stage: "pack the offline bundles" });
      offline = await writeOfflineBundles(siteDir, staging, campaign.languages.map((l) => ({ code: l.code, folder: urlFolder(l.code) })), campaign.settings.baseUrl, new Date(`${campaign.settings.updated}T00:00:00Z`));
    }

    emit({ type: "stage", stage: "publish" });
    await publish(staging, outDir, opts.pdf !== false ? ["site", "pdf", ...(offline.length ? ["offline"] : [])] : ["site"]);
    stages.at(-1)!.ms = Math.round(performance.now() - stageStart);
    if (offline.length) await writeReport(outDir, "offline.json", { bundles: offline });
    if (posters.report) await writeReport(outDir, "posters.json", posters.report);
    await writeReport(outDir, "build.json", { revision: campaign.revision, printed: counts.printed, reused: counts.reused, pdfStageMs: Math.round(pdfStageMs), stages });
    return {
      ...counts,
      stages,
      outDir,
      offline,
      languages: campaign.languages.map((l) => l.code),
      pages: Object.values(webModel.pages).flat().length,
      pdfs: pdfs.map((p) => path.join(outDir, "pdf", p.rel)),
      drafts: printPages.filter((p) => p.draftReasons.length).map((p) => ({ pdf: p.out, reasons: p.draftReasons })),
      warnings: [...translations.warnings, ...posters.warnings],
      rejected: translations.rejected,
      pdfStageMs,
    };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Where an edition is built: dist/ for the main edition, dist/editions/<id>/ for a partner's. */
export function editionOutDir(root: string, edition?: string): string {
  return !edition || edition === MAIN_EDITION ? path.join(root, "dist") : path.join(root, "dist", "editions", edition);
}

/**
 * The share cards of every story and document page; the site paths of those made. A card is
 * keyed by what it shows and the kit, so a rebuild with nothing new lays out nothing and opens
 * no browser.
 */
async function shareCards(c: Campaign, loaded: LoadedSite, printDir: string, siteDir: string, opts: BuildOptions): Promise<Set<string>> {
  const templatesDir = path.join(c.root, "templates");
  const kit = await kitFingerprint(templatesDir);
  const { made, problems } = await renderCards(loaded.model.cards, {
    keyOf: (card) => createHash("sha256").update(JSON.stringify([kit, card, loaded.model.qr[card.webUrl], loaded.translators.get(card.lang.code)!.t("campaign:title").text])).digest("hex").slice(0, 32),
    prepare: async () => {
      if (!existsSync(path.join(printDir, "assets"))) await writeAssets(c, printDir, { cache: opts.cache !== false }); // PDFs from shards: nothing laid out here
      await renderSite({ templatesDir, outDir: printDir, load: async () => ({ ...loaded, model: { ...loaded.model, pages: noWebPages, print: noPrintPages } }) });
      const browser = await launchBrowser({ ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.browserWSEndpoint ? { wsEndpoint: opts.browserWSEndpoint } : {}) });
      return { browser, close: () => closeBrowser(browser) };
    },
    servedDir: printDir,
    siteDir,
    host: opts.printHost,
    cacheDir: opts.cache === false ? undefined : path.join(cacheDir(c), "cards"),
    concurrency: opts.concurrency ?? 2,
    signal: opts.signal,
  });
  if (problems.length) throw new ContentError(problems);
  return made;
}

/**
 * Every screen brochure (their print pages given) imposed as an A4 booklet beside it (brochure.booklet.pdf), its printing
 * instruction in its language: what an outreach worker prints on an office printer.
 */
async function writeBooklets(c: Campaign, translators: Map<string, Translator>, brochures: PrintPage[], pdfDir: string): Promise<{ rel: string; bytes: number }[]> {
  return Promise.all(brochures.map(async (page) => {
    const lang = c.languages.find((l) => l.code === page.lang.code)!;
    const rel = page.out.replace(/\.screen\.pdf$/, ".booklet.pdf");
    const bytes = await imposeBooklet(await readFile(path.join(pdfDir, page.out)), {
      instruction: translators.get(lang.code)!.t("ui:print.booklet").text,
      fonts: lang.fonts.map((id) => c.fonts[id]!).map((f) => ({ family: f.family, files: f.files[400].map((file) => path.join(c.root, "node_modules", f.package, file)) })),
      fontCacheDir: path.join(cacheDir(c), "booklet-fonts"),
      lang: lang.code,
      dir: lang.dir,
      title: page.title.text,
      date: new Date(`${c.settings.updated}T00:00:00Z`),
    });
    await writeWhole(path.join(pdfDir, rel), bytes);
    return { rel, bytes: bytes.byteLength };
  }));
}

/** The file where a print page's title is written, in its language (what a message about the page names). */
function titleFile(c: Campaign, page: PrintPage): string {
  return fileOfText(c, page.lang.code, page.document ? `${page.document.id}:title` : `stories:${page.story!.id}`);
}

/**
 * Every poster's headline, QR code and largest empty band (the screen variant: its page is the
 * trim), for dist/reports/posters.json; a headline set smaller to fit is a warning (never silent).
 */
function posterReport(c: Campaign, facts: Map<PrintPage, unknown>): { report?: unknown; warnings: Problem[] } {
  const posters = [...facts].filter(([page]) => FORMATS[page.format].poster && page.variant === "screen");
  if (!posters.length) return { warnings: [] };
  const warnings: Problem[] = [];
  const rows = posters.map(([page, f]) => {
    const row = { pdf: page.out, lang: page.lang.code, document: page.name ?? page.document!.id, ...(f as PosterFacts) };
    warnings.push(...posterFindings(row, { ...row, file: titleFile(c, page) }, c.design).warnings);
    return row;
  });
  return { report: { rules: posterRules(c.design), measured: "on the laid-out page in Chromium, before printing; mm from the top of the trim", posters: rows.sort((a, b) => a.pdf.localeCompare(b.pdf)) }, warnings };
}

/** A model with no web pages (to lay out print pages only), or no print pages (the web site only). */
export const noWebPages: SiteModel["pages"] = { root: [], home: [], document: [], story: [], glossary: [], editors: [] };
export const noPrintPages = Object.fromEntries(Object.keys(FORMATS).map((f) => [f, []])) as unknown as SiteModel["print"];

/** The print jobs for a set of print pages: what to print, how to check it, how to finish it. */
export function printJobs(c: Campaign, pages: PrintPage[], pdfDir: string, watermark: Outline): PrintJob[] {
  return pages.map((page) => {
    const format = FORMATS[page.format];
    const name = page.name ?? page.document?.id ?? `story-${page.story!.id}`;
    const file = titleFile(c, page);
    // A poster's headline is fitted and its sheet measured first; what falls short of the rules fails the job.
    let poster: PosterFacts | undefined;
    return {
      id: page.job,
      path: page.url,
      out: path.join(pdfDir, page.out),
      // Bookmarks help on a phone; the print shop does not need them.
      pdf: { outline: page.variant === "screen" && format.layout === "flow" },
      ...(format.poster ? { layout: async (p: Page) => (poster = await fitAndMeasurePoster(p)) } : {}),
      inspect: async (p) => [
        ...(await inspectPrintPage(p, { lang: page.lang.code, document: name, file, fileOf: (lang, id) => fileOfText(c, lang, id), minDpi: page.variant === "print" ? PRINT_DPI : 0 })),
        ...(poster ? posterFindings(poster, { lang: page.lang.code, document: name, file }, c.design).problems : []),
      ],
      finishing: { format: format.id, variant: page.variant, revision: page.revision, title: page.title.text, draft: page.draftReasons.length > 0, outline: page.variant === "screen" && format.layout === "flow" },
      read: readPageText,
      ...(format.contents ? { paginate: fillContentsPages } : {}),
      finish: (pdf, read) =>
        finishPdf(pdf, {
          format,
          variant: page.variant,
          dir: page.lang.dir,
          ...(read ? { pageText: { text: read as PageText, file: `dist/pdf/${page.out}`, document: `${name} (${page.variant})` } } : {}),
          meta: {
            title: page.title.text,
            lang: page.lang.code,
            subject: page.document ? page.document.subtitle.text : page.story!.summary.text,
            keywords: [c.settings.id, name, page.variant, `version ${c.settings.version}`, `revision ${page.revision}`, ...(c.edition ? [`edition ${c.edition.id}`] : [])],
            date: new Date(`${c.settings.updated}T00:00:00Z`),
            revision: page.revision,
          },
          ...(page.draftReasons.length ? { watermark } : {}),
        }),
    };
  });
}

async function printDocuments(c: Campaign, pages: PrintPage[], printDir: string, pdfDir: string, layOut: () => Promise<void>, opts: BuildOptions, emit: (e: BuildEvent) => void): Promise<{ pdfs: BuiltPdf[]; printed: number; reused: number; facts: Map<PrintPage, unknown> }> {
  const jobs = printJobs(c, pages, pdfDir, await draftOutline(c));
  // PDFs whose page, templates, loaded assets, finishing and kit are unchanged come from the cache.
  const cache = opts.cache === false ? undefined : new PdfCache(path.join(cacheDir(c), "pdf"), printDir, await kitFingerprint(path.join(c.root, "templates")));
  const keys = new Map<PrintJob, string>();
  const toPrint: PrintJob[] = [];
  const facts = new Map<PrintPage, unknown>();
  for (const [i, job] of jobs.entries()) {
    const key = cache?.key(job, pages[i]);
    const cached = key ? await cache!.lookup(key) : undefined;
    if (cached) {
      await writeWhole(job.out, cached.pdf);
      if (cached.facts !== undefined) facts.set(pages[i]!, cached.facts);
    } else {
      if (key) keys.set(job, key);
      toPrint.push(job);
    }
  }
  const pdfs = builtPdfs(c, pages);
  if (!toPrint.length) return { pdfs, printed: 0, reused: jobs.length, facts }; // checked when they were printed
  emit({ type: "stage", stage: "lay out the print pages" });
  await layOut();
  emit({ type: "stage", stage: `print ${toPrint.length} PDFs, reuse ${jobs.length - toPrint.length} unchanged` });
  const loadedBy = new Map<PrintJob, string[]>();
  const server = await serveStatic(printDir, opts.printHost);
  const browser = await launchBrowser({ ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.browserWSEndpoint ? { wsEndpoint: opts.browserWSEndpoint } : {}) });
  try {
    await printAll(toPrint, {
      browser,
      origin: server.origin,
      concurrency: opts.concurrency ?? 2,
      ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
      onProgress: (done, total, job) => emit({ type: "printed", done, total, job: job.id }),
      onWritten: async (job, _bytes, loaded, measured) => {
        loadedBy.set(job, loaded);
        if (measured !== undefined) facts.set(pages[jobs.indexOf(job)]!, measured);
      },
      ...(opts.beforePrint ? { beforePrint: opts.beforePrint } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    // Every new PDF read back; a stray font is traced to the texts that pulled it in, while the browser is open.
    const printed = new Set(toPrint.map((j) => j.out));
    const problems = await checkPdfs(c, pdfDir, pdfs.filter((p) => printed.has(path.join(pdfDir, p.rel))), (pdf) => explainFonts(c, browser, server.origin + pdf.url, pdf.lang));
    if (problems.length) throw new ContentError(problems);
    // Cached only once checked: a PDF that failed its checks is printed again next time.
    if (cache) for (const job of toPrint) await cache.store(job, keys.get(job)!, await readFile(job.out), loadedBy.get(job) ?? [], facts.get(pages[jobs.indexOf(job)]!));
    return { pdfs, printed: toPrint.length, reused: jobs.length - toPrint.length, facts };
  } finally {
    await closeBrowser(browser);
    await server.close();
  }
}

/** Every web page weighed as a phone fetches it, and the screen brochures sized: the report and what is over budget. */
async function weighSite(c: Campaign, siteDir: string, pages: string[], brochures: { pdf: string; bytes: number }[], opts: BuildOptions & { cacheDir?: string | undefined }): Promise<{ report: unknown; problems: Problem[] }> {
  // A site identical to the last one weighed weighs the same: its rows are reused (a no-op build stays quick).
  const key = await folderHash(siteDir);
  const cached = !opts.cacheDir ? undefined : await readFile(path.join(opts.cacheDir, `${key}.json`), "utf8").then((t) => JSON.parse(t) as { rows: PageWeight[]; problems: Problem[]; chromium: string }, () => undefined);
  const browser = cached ? undefined : await launchBrowser({ ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.browserWSEndpoint ? { wsEndpoint: opts.browserWSEndpoint } : {}) });
  try {
    const { rows, problems, chromium } = cached ?? { ...(await weighPages(c, siteDir, pages, browser!, { host: opts.printHost, concurrency: opts.concurrency ?? 2, signal: opts.signal })), chromium: await browser!.version() };
    if (opts.cacheDir && !cached) await writeWhole(path.join(opts.cacheDir, `${key}.json`), JSON.stringify({ rows, problems, chromium }));
    for (const b of brochures) if (b.bytes > BUDGETS.screenBrochure) problems.push({ file: `dist/pdf/${b.pdf}`, message: `the screen brochure weighs ${kb(b.bytes)}, over its budget of ${kb(BUDGETS.screenBrochure)}`, hint: "lighten its images, or check which fonts it embeds (pdffonts)" });
    const heaviest = c.languages.map((l) => {
      const own = rows.filter((r) => r.lang === l.code);
      const top = own.reduce((a, b) => (b.total > a.total ? b : a), own[0]!);
      return { lang: l.code, page: top.page, total: top.total };
    });
    const report = { measured: `${chromium}, first visit with the cache off, on a 360x740 phone screen at 2x; bytes uncompressed`, budgets: BUDGETS, heaviest, screenBrochures: brochures, pages: rows };
    return { report, problems };
  } finally {
    if (browser) await closeBrowser(browser);
  }
}

/** A hash of every file under a folder, names and bytes: what a page weighs depends on nothing else. */
async function folderHash(dir: string): Promise<string> {
  const hash = createHash("sha256");
  const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
  for (const f of files) hash.update(f).update("\0").update(await readFile(path.join(dir, f)));
  return hash.digest("hex").slice(0, 24);
}

/** Which texts of a print page Chromium drew with a font outside its language's stack (and the source's). */
async function explainFonts(c: Campaign, browser: Browser, url: string, lang: Language): Promise<string[]> {
  const page = await openPage(browser);
  try {
    await page.goto(url, { waitUntil: "load" });
    await page.evaluate(() => document.fonts.ready);
    const families = [...new Set([...lang.fonts, ...c.source.fonts].map((id) => c.fonts[id]!.family))];
    return (await strayFonts(page, families)).map((s) => {
      const where = s.texts.map((t) => {
        const [l, id] = t.split("|") as [string, string];
        return `${fileOfText(c, l, id)} (${id.split(/:(.*)/s)[1]})`;
      });
      return `"${s.text}"${s.block ? ` in block "${s.block}"` : ""}${where.length ? ` from ${where.join(", ")}` : ""} is drawn in ${s.fonts.join(", ")}`;
    });
  } finally {
    await closePage(page);
  }
}

/** The build cache: PDFs and image renditions whose inputs did not change (git-ignored, safe to delete). */
function cacheDir(c: Campaign): string {
  return path.join(c.root, ".waymark-cache");
}

/** A report in dist/reports/, written whole. */
async function writeReport(outDir: string, name: string, data: unknown): Promise<void> {
  await writeWhole(path.join(outDir, "reports", name), JSON.stringify(data, null, 2) + "\n");
}

/** Swaps the staged folders into place; the previous output is removed only once the new one is there. */
async function publish(staging: string, outDir: string, folders: string[]): Promise<void> {
  for (const name of folders) {
    const target = path.join(outDir, name);
    const old = path.join(staging, `previous-${name}`);
    await rename(target, old).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== "ENOENT") throw e;
    });
    await rename(path.join(staging, name), target);
  }
}

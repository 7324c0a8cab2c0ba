/**
 * The build, stage by stage: load → translations → checks → pages → site → pdf → publish.
 * Everything is written to a staging folder inside the output folder and moved into place
 * only when every stage has succeeded, so a failed build never leaves half-written files.
 */
import { cp, mkdir, mkdtemp, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { checkGlyphCoverage } from "./checks/glyph-coverage.ts";
import { loadCampaign, type Campaign } from "./content/campaign.ts";
import type { Language } from "./content/schemas.ts";
import { ContentError, type Problem } from "./errors.ts";
import { loadTranslations, type Translations } from "./i18n/locales.ts";
import { flatten, NAMESPACES, sourceStrings, type Resources } from "./i18n/source-strings.ts";
import { createTranslators, type Translator } from "./i18n/translator.ts";
import { launchBrowser } from "./pdf/browser.ts";
import { inspectPdf } from "./pdf/inspect.ts";
import { finishBrochure } from "./pdf/postprocess.ts";
import { printAll, type PrintJob } from "./pdf/printer.ts";
import { serveStatic } from "./pdf/static-server.ts";
import { renderSite, type SiteInput } from "./site/eleventy.ts";
import { fontFiles, writeFonts } from "./site/fonts.ts";
import { buildSiteModel, type SiteModel } from "./site/pages.ts";

export type BuildEvent =
  | { type: "stage"; stage: string }
  | { type: "problem"; level: "warning" | "rejected"; problem: Problem }
  | { type: "printed"; done: number; total: number; job: string };

export interface BuildOptions {
  /** Project root holding content/, locales/ and templates/. */
  root: string;
  /** Output folder; site/ and pdf/ are replaced in it. Default: <root>/dist. */
  outDir?: string;
  /** Print PDFs (default true). */
  pdf?: boolean;
  /** Pages printed at once (default 2, which fills two cores). */
  concurrency?: number;
  onEvent?: (event: BuildEvent) => void;
}

export interface BuildResult {
  outDir: string;
  languages: string[];
  pages: number;
  pdfs: string[];
  warnings: Problem[];
  rejected: Problem[];
}

export interface LoadedSite extends SiteInput {
  campaign: Campaign;
  sources: Resources;
  translations: Translations;
}

/** Stages load → translations → pages: everything the site needs, validated. */
export async function loadSite(root: string): Promise<LoadedSite> {
  const campaign = await loadCampaign(root);
  const sources = sourceStrings(campaign);
  const translations = await loadTranslations(root, campaign.languages, campaign.source, sources);
  const translators = createTranslators(campaign.languages, campaign.source, sources, translations.resources);
  const model = buildSiteModel(campaign, translators, sources);
  return { campaign, sources, translations, translators, model };
}

export async function buildCampaign(opts: BuildOptions): Promise<BuildResult> {
  const emit = opts.onEvent ?? (() => undefined);
  const root = path.resolve(opts.root);
  const outDir = path.resolve(opts.outDir ?? path.join(root, "dist"));

  emit({ type: "stage", stage: "load content and translations" });
  const loaded = await loadSite(root);
  const { campaign, translations, model } = loaded;
  for (const problem of translations.warnings) emit({ type: "problem", level: "warning", problem });
  for (const problem of translations.rejected) emit({ type: "problem", level: "rejected", problem });

  emit({ type: "stage", stage: "check glyph coverage" });
  const files = await fontFiles(campaign);
  const tofu = checkGlyphCoverage(shownTexts(campaign, loaded.sources, translations), files);
  if (tofu.length) throw new ContentError(tofu);

  await mkdir(outDir, { recursive: true });
  const staging = await mkdtemp(path.join(outDir, ".staging-"));
  try {
    const siteDir = path.join(staging, "site");
    emit({ type: "stage", stage: "render the site" });
    await renderSite({ templatesDir: path.join(root, "templates"), outDir: siteDir, load: async () => loaded });
    await writeFonts(campaign, siteDir);

    let pdfs: string[] = [];
    if (opts.pdf !== false) {
      emit({ type: "stage", stage: "print the PDFs" });
      pdfs = await printBrochures(campaign, model, siteDir, path.join(staging, "pdf"), opts.concurrency ?? 2, emit);
      await checkPdfFonts(campaign, path.join(staging, "pdf"), pdfs);
      // The PDFs are also part of the site, where the download links point.
      await cp(path.join(staging, "pdf"), path.join(siteDir, "pdf"), { recursive: true });
    }

    emit({ type: "stage", stage: "publish" });
    await publish(staging, outDir, opts.pdf !== false ? ["site", "pdf"] : ["site"]);
    return {
      outDir,
      languages: campaign.languages.map((l) => l.code),
      pages: Object.values(model.pages).flat().length,
      pdfs: pdfs.map((p) => path.join(outDir, "pdf", p)),
      warnings: translations.warnings,
      rejected: translations.rejected,
    };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function printBrochures(c: Campaign, model: SiteModel, siteDir: string, pdfDir: string, concurrency: number, emit: (e: BuildEvent) => void): Promise<string[]> {
  const server = await serveStatic(siteDir);
  const browser = await launchBrowser();
  try {
    const jobs: PrintJob[] = model.pages.brochure.map((page) => ({
      id: `${page.lang.code}/brochure`,
      path: page.url,
      out: path.join(pdfDir, page.lang.folder, "brochure.pdf"),
      finish: (pdf) =>
        finishBrochure(pdf, {
          title: page.title.text,
          lang: page.lang.code,
          subject: page.kind === "brochure" ? page.subtitle.text : "",
          keywords: [c.settings.id, `version ${c.settings.version}`, `revision ${c.revision}`],
          date: new Date(`${c.settings.updated}T00:00:00Z`),
        }),
    }));
    await printAll(jobs, { browser, origin: server.origin, concurrency, onProgress: (done, total, job) => emit({ type: "printed", done, total, job: job.id }) });
    return jobs.map((j) => path.relative(pdfDir, j.out));
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Every font embedded in a PDF must be one of its language's stack, embedded, not Type 3. */
async function checkPdfFonts(c: Campaign, pdfDir: string, pdfs: string[]): Promise<void> {
  const problems: Problem[] = [];
  for (const rel of pdfs) {
    const lang = c.languages.find((l) => rel.startsWith(`${l.code.toLowerCase()}/`))!;
    const allowed = new Set(expectedFontFamilies(c, lang));
    const facts = await inspectPdf(await readFile(path.join(pdfDir, rel)));
    for (const f of facts.fonts) {
      if (!f.embedded || f.subtype === "Type3" || !allowed.has(f.family)) {
        problems.push({ file: `dist/pdf/${rel}`, message: `font ${f.name} (${f.subtype}${f.embedded ? "" : ", not embedded"}) is not one of ${[...allowed].join(", ")}`, hint: "a character or weight is missing from the language's fonts: check content/languages.yaml and the glyph-coverage report" });
      }
    }
  }
  if (problems.length) throw new ContentError(problems);
}

/** The font families a language's PDF may embed: its stack, plus the source's for fallback text. */
export function expectedFontFamilies(c: Campaign, lang: Language): string[] {
  return [...new Set([...lang.fonts, ...c.source.fonts].map((id) => c.fonts[id]!.family.replace(/\s+/g, "")))];
}

/** What each language shows: its translations, the source texts it falls back to, its endonym. */
function shownTexts(c: Campaign, sources: Resources, t: Translations): Map<Language, string[]> {
  const all = (r: Partial<Resources>) => NAMESPACES.flatMap((ns) => (r[ns] ? [...flatten(r[ns]).values()] : []));
  const map = new Map<Language, string[]>();
  for (const lang of c.languages) {
    const own = lang.code === c.source.code ? all(sources) : all(t.resources[lang.code] ?? {});
    map.set(lang, [...own, lang.endonym]);
  }
  map.set(c.source, [...(map.get(c.source) ?? []), ...Object.values(c.sources).map((s) => s.title)]);
  return map;
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

export type { Translator };

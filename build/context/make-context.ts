/**
 * `waymark context`: every text of a language where it stands, as its stages, in order:
 *
 *   load (load.ts) → lay out the language's pages and the source language's, texts marked
 *   (lay-out.ts) → screenshots, from the cache where a page is unchanged (shoot-pages.ts) →
 *   manifest and images (manifest.ts) → XLIFF with notes and linked images, and its zip
 *   (xliff-bundle.ts) → review sheet (review-sheet.ts) and proofs (proofs.ts) → publish
 *
 * Into dist/context/<lang>/ (manifest.json, images/, <lang>.xlf), dist/context/<lang>.zip and
 * dist/review/<lang>.html with dist/review/<lang>/<document>.proof.pdf; an edition's under
 * dist/editions/<id>/. Written to staging folders and moved into place only when every stage
 * has succeeded.
 */
import path from "node:path";
import { ChromiumSession } from "../chromium/session.ts";
import { cachePath, type BuildEvent } from "../context.ts";
import { urlFolder } from "../content/campaign.ts";
import { editionOutDir } from "../content/editions.ts";
import { ContentError } from "../errors.ts";
import { loadSite, type LoadedSite } from "../load.ts";
import { Staging } from "../publish.ts";
import { writeWhole } from "../write-whole.ts";
import { layOutForContext } from "./lay-out.ts";
import { assembleManifest, MANIFEST, type ContextManifest } from "./manifest.ts";
import { writeProofs } from "./proofs.ts";
import { writeReviewSheet } from "./review-sheet.ts";
import { shootPages } from "./shoot-pages.ts";
import { ShotCache, shootingKit } from "./shot-cache.ts";
import { xliffBundle, xliffWithContext } from "./xliff-bundle.ts";

export interface ContextOptions {
  root: string;
  lang: string;
  /** A partner edition: its pages, its own texts included. */
  edition?: string | undefined;
  /** Default: dist/ (dist/editions/<id>/ for a partner edition). */
  outDir?: string | undefined;
  /** Reuse the screenshots of unchanged pages (default true). */
  cache?: boolean;
  concurrency?: number;
  timeoutMs?: number | undefined;
  chromium?: ChromiumSession;
  signal?: AbortSignal | undefined;
  onEvent?: (event: BuildEvent) => void;
}

export interface ContextResult {
  lang: string;
  /** dist/context/<lang>/ */
  dir: string;
  manifest: ContextManifest;
  /** dist/context/<lang>.zip: the XLIFF and its images, for a CAT tool. */
  zip: string;
  /** dist/review/<lang>.html */
  reviewSheet: string;
  proofs: string[];
  /** Pages shot in Chromium, and pages whose shots came from the cache. */
  fresh: number;
  reused: number;
}

/** The language asked for, or an error that lists the campaign's translated languages. */
function checkLanguage(loaded: LoadedSite, lang: string): void {
  const c = loaded.campaign;
  if (loaded.translations.status[lang]) return;
  const translated = c.languages.filter((l) => l.code !== c.source.code).map((l) => l.code);
  throw new ContentError([
    {
      file: "content/campaign.yaml",
      field: "languages",
      message:
        lang === c.source.code
          ? `"${lang}" is the source language: its texts are the ones translated, shown beside each translation`
          : `"${lang}" is not a language of this ${c.edition ? `edition (${c.edition.id})` : "campaign"}`,
      hint: `give one of ${translated.join(", ")}`,
    },
  ]);
}

export async function makeContext(opts: ContextOptions): Promise<ContextResult> {
  const emit = (event: BuildEvent) => opts.onEvent?.(event);
  const root = path.resolve(opts.root);
  emit({ type: "stage", stage: "load content and translations" });
  const loaded = await loadSite(root, opts.edition);
  checkLanguage(loaded, opts.lang);
  const c = loaded.campaign;
  const lang = opts.lang;
  const folder = urlFolder(lang);
  const outDir = path.resolve(opts.outDir ?? editionOutDir(root, opts.edition));
  const cacheDir = path.join(root, ".waymark-cache");
  const chromium = opts.chromium ?? new ChromiumSession({ signal: opts.signal });
  const contextStage = await Staging.open(path.join(outDir, "context"));
  const reviewStage = await Staging.open(path.join(outDir, "review"));
  try {
    emit({ type: "stage", stage: `lay out the pages of ${lang} and ${c.source.code}` });
    const laidOut = await layOutForContext(loaded, lang, contextStage.path("pages"), {
      images: cachePath({ cacheDir }, "images"),
      fonts: cachePath({ cacheDir }, "fonts"),
    });
    // The source language's pages of the documents the language has, for comparison.
    const ours = new Set(laidOut.pages.filter((p) => p.lang === lang).map((p) => `${p.medium} ${p.document}`));
    const pages = laidOut.pages.filter((p) => p.lang === lang || ours.has(`${p.medium} ${p.document}`));
    emit({ type: "stage", stage: `screenshots of ${pages.length} pages${opts.cache === false ? " (cache off)" : ""}` });
    const cache = opts.cache === false ? undefined : new ShotCache(cachePath({ cacheDir }, "context"), await shootingKit());
    const shooting = await shootPages(laidOut, pages, {
      chromium,
      cache,
      concurrency: opts.concurrency ?? 2,
      timeoutMs: opts.timeoutMs,
      signal: opts.signal,
      onProgress: (done, total, item) => emit({ type: "progress", done, total, item }),
    });

    emit({ type: "stage", stage: "write the manifest, the XLIFF and its zip" });
    const expected = [...loaded.translations.status[lang]!.keys()];
    const { manifest, images } = assembleManifest(c, lang, shooting.shot, expected);
    const dir = contextStage.path(folder);
    // Images are written a few at a time: hundreds of small files.
    const queue = [...images];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) await writeWhole(path.join(dir, next[0]), next[1]);
      }),
    );
    await writeWhole(path.join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    const xliff = xliffWithContext(loaded, lang, manifest, "");
    await writeWhole(path.join(dir, `${folder}.xlf`), xliff);
    await writeWhole(contextStage.path(`${folder}.zip`), await xliffBundle(loaded, lang, manifest, dir));

    emit({ type: "stage", stage: "write the review sheet and the proofs" });
    await writeReviewSheet(loaded, lang, manifest, reviewStage.path(`${folder}.html`), reviewStage.path(folder), `../context/${folder}/`);
    const proofs = await writeProofs(
      c,
      lang,
      shooting.shot.filter((s) => s.page.lang === lang && s.page.medium === "print"),
      reviewStage.path(folder),
    );

    emit({ type: "stage", stage: "publish" });
    await contextStage.publish([folder, `${folder}.zip`]);
    await reviewStage.publish([`${folder}.html`, folder]);
    const final = path.join(outDir, "context", folder);
    return {
      lang,
      dir: final,
      manifest,
      zip: path.join(outDir, "context", `${folder}.zip`),
      reviewSheet: path.join(outDir, "review", `${folder}.html`),
      proofs: proofs.map((p) => path.join(outDir, "review", folder, path.basename(p))),
      fresh: shooting.fresh,
      reused: shooting.reused,
    };
  } finally {
    await contextStage.discard();
    await reviewStage.discard();
    if (!opts.chromium) await chromium.close();
  }
}

/**
 * Stage "the site": the web pages rendered with what the build made (download sizes, share
 * images, the materials pages' file facts and previews), the PDFs copied where the download
 * links point, and the offline bundles packed.
 *
 * A bundle holds the materials page that shows its size: the page is rendered with the size the
 * last build measured (or a guess), and again if the bundle's size then reads otherwise (three
 * rounds at most; the sizes are kept in the cache for the next build). Only the materials pages
 * show a bundle's size: they alone are rendered again.
 */
import { cp, readdir, readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import { cachePath, type BuildContext } from "../context.ts";
import { urlFolder } from "../content/campaign.ts";
import type { LoadedSite } from "../load.ts";
import { writeWhole } from "../write-whole.ts";
import { offlinePath, type FileFacts } from "./materials.ts";
import { writeOfflineBundles, type OfflineBundle } from "./offline.ts";
import { type SiteModel, withDownloadSizes, withMaterials, withShareImages } from "./pages.ts";
import { fileSize } from "./views.ts";
import { renderWebSite } from "./web.ts";

export interface MadeFiles {
  /** Bytes of each PDF and booklet, by its path under pdf/. */
  sizes: Map<string, number>;
  /** Share images made, by site path. */
  shareImages: Set<string>;
  /** What each materials page says of a PDF (bytes, pages, paper), by site path. */
  files: Map<string, FileFacts>;
  previews: Map<string, { src: string; width: number; height: number }>;
}

/**
 * @param pdfDir the PDFs made (none: the site alone, no bundles)
 * @param bundlesDir where the bundles are written (offline/<lang>.zip), then copied into the site
 * @returns the web pages rendered (site paths) and the bundles
 */
export async function renderSiteAndBundles(
  ctx: BuildContext,
  loaded: LoadedSite,
  made: MadeFiles,
  dirs: { siteDir: string; pdfDir: string | undefined; bundlesDir: string },
): Promise<{ pages: string[]; offline: OfflineBundle[] }> {
  const { campaign: c, model } = loaded;
  const sizesFile = cachePath(ctx, `offline-sizes-${c.edition?.id ?? "main"}.json`);
  let measured: Record<string, number> = JSON.parse(await readFile(sizesFile, "utf8").catch(() => "{}"));
  const languages = c.languages.map((l) => ({ code: l.code, folder: urlFolder(l.code) }));
  // Never measured: a guess as long as the real size (a bundle is mostly its screen PDFs), so the
  // page's fonts are cut with the characters of a size and the next round usually agrees (two
  // rounds, not three). Only a guess that reads as the measured size is ever published.
  for (const l of languages)
    measured[l.code] ??= [...made.sizes]
      .filter(([rel]) => rel.startsWith(`${l.folder}/`) && rel.endsWith(".screen.pdf"))
      .reduce((n, [, bytes]) => n + bytes, 0);
  const files = new Map(made.files);
  for (const image of made.shareImages) files.set(image, { bytes: (await stat(path.join(dirs.siteDir, image))).size });
  const date = new Date(`${c.settings.updated}T00:00:00Z`); // every bundle entry's time: the same site zips the same
  const bundleCache = ctx.useCache ? cachePath(ctx, "bundles") : undefined;
  let pages: string[] = [];
  let offline: OfflineBundle[] = [];
  for (let round = 1; ; round++) {
    ctx.emit({ type: "stage", stage: round === 1 ? "render the site" : "render the site again with the offline bundles' sizes" });
    for (const l of languages) if (dirs.pdfDir && measured[l.code] !== undefined) files.set(offlinePath(l).slice(1), { bytes: measured[l.code]! });
    const site = withMaterials(withShareImages(withDownloadSizes(model, made.sizes), made.shareImages), loaded.translators, files, made.previews);
    const caches = { images: ctx.useCache ? cachePath(ctx, "images") : undefined, fonts: cachePath(ctx, "fonts") };
    if (round === 1) pages = await renderWebSite(loaded, site, dirs.siteDir, caches);
    else await renderMaterialsAgain(loaded, site, dirs.siteDir, caches);
    if (!dirs.pdfDir) return { pages, offline };
    if (round === 1) await cp(dirs.pdfDir, path.join(dirs.siteDir, "pdf"), { recursive: true }); // where the download links point
    ctx.emit({ type: "stage", stage: "pack the offline bundles" });
    offline = await writeOfflineBundles(dirs.siteDir, dirs.bundlesDir, languages, c.settings.baseUrl, date, bundleCache);
    const shown = (code: string, bytes: number | undefined) => (bytes === undefined ? undefined : fileSize(bytes, c.languages.find((l) => l.code === code)!));
    const same = offline.every((b) => shown(b.lang, b.bytes) === shown(b.lang, measured[b.lang]));
    measured = Object.fromEntries(offline.map((b) => [b.lang, b.bytes]));
    if (same || round === 3) break;
  }
  await writeWhole(sizesFile, JSON.stringify(measured));
  // Published with the site, so a deployed site offers them.
  for (const b of offline) await cp(path.join(dirs.bundlesDir, b.file), path.join(dirs.siteDir, b.file));
  return { pages, offline };
}

/**
 * The materials pages alone, rendered as the whole site would render them (fonts cut, links made
 * relative) into a folder beside the site, then laid over it with the fonts they were cut.
 */
async function renderMaterialsAgain(
  loaded: LoadedSite,
  site: SiteModel,
  siteDir: string,
  caches: { images: string | undefined; fonts: string },
): Promise<void> {
  const apart = `${siteDir}.materials`;
  const none = Object.fromEntries(Object.keys(site.pages).map((k) => [k, []])) as unknown as SiteModel["pages"];
  await renderWebSite(loaded, { ...site, pages: { ...none, materials: site.pages.materials } }, apart, caches);
  for (const page of site.pages.materials) {
    const file = path.join(page.url.slice(1), "index.html");
    await cp(path.join(apart, file), path.join(siteDir, file));
  }
  await cp(path.join(apart, "assets", "fonts"), path.join(siteDir, "assets", "fonts"), { recursive: true, force: false }); // a cut's name is its content's
  await rm(apart, { recursive: true, force: true });
  await dropUnusedFonts(siteDir);
}

/** The cuts no page uses any more (the materials pages' earlier cuts, from a round before): a build's site is the same whatever rounds it took. */
async function dropUnusedFonts(siteDir: string): Promise<void> {
  const dir = path.join(siteDir, "assets", "fonts");
  const used = new Set<string>();
  for (const f of await readdir(siteDir, { recursive: true }))
    if (f.endsWith(".html") || f.endsWith(".css"))
      for (const m of (await readFile(path.join(siteDir, f), "utf8")).matchAll(/assets\/fonts\/([\w.-]+)/g)) used.add(m[1]!);
  const unused = (await readdir(dir).catch(() => [] as string[])).filter((f) => !used.has(f));
  for (const f of unused) await rm(path.join(dir, f));
}

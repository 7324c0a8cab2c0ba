/**
 * Stage "web pages": the site, rendered once the PDFs and share images exist (pages list each
 * download with its size and point to their images); the service worker moved to the root it
 * controls; each page's fonts cut to what it shows; every link made relative, so the site works
 * under any path (an edition's /editions/<id>/) and from a folder; the stylesheets minified.
 */
import { rename } from "node:fs/promises";
import path from "node:path";
import type { LoadedSite } from "../load.ts";
import { writeAssets } from "./assets.ts";
import { renderParts } from "./eleventy.ts";
import { minifySiteCss } from "./minify-css.ts";
import type { SiteModel } from "./pages.ts";
import { relativeLinks } from "./relative-links.ts";
import { subsetPageFonts } from "./subset-fonts.ts";

/**
 * @param model the view model with download sizes and share images filled in
 * @returns the site's pages (paths relative to siteDir)
 */
export async function renderWebSite(
  loaded: LoadedSite,
  model: SiteModel,
  siteDir: string,
  caches: { images?: string | undefined; fonts: string },
): Promise<string[]> {
  const c = loaded.campaign;
  await writeAssets(c, siteDir, { print: false, imageCache: caches.images });
  await renderParts({ ...loaded, model }, ["web"], path.join(c.root, "templates"), siteDir);
  await rename(path.join(siteDir, "assets", "sw.js"), path.join(siteDir, "sw.js"));
  // Cut fonts are named by their source and characters: even --no-cache may reuse them, they cannot be stale.
  const pages = await subsetPageFonts(c, siteDir, loaded.coverage, caches.fonts);
  await relativeLinks(siteDir);
  await minifySiteCss(path.join(c.root, "templates"), siteDir);
  return [...pages.keys()];
}

/**
 * Stage "lay out": the pages Chromium prints and shoots (print pages, share cards), rendered by
 * Eleventy into the served folder in one run, with the large fonts cut to each page's
 * characters (truetype: quick to cut, and Chromium embeds its own subset in the PDF anyway).
 */
import path from "node:path";
import type { LoadedSite } from "../load.ts";
import { renderParts } from "../site/eleventy.ts";
import { CUT_FONTS, isLargeFont } from "../site/fonts.ts";
import { subsetPageFonts } from "../site/subset-fonts.ts";

export async function layOutPrintPages(loaded: LoadedSite, printDir: string, fontCache: string): Promise<void> {
  const c = loaded.campaign;
  await renderParts(loaded, ["print", "cards"], path.join(c.root, "templates"), printDir);
  await subsetPageFonts(c, printDir, loaded.coverage, fontCache, {
    files: isLargeFont,
    format: "truetype",
    stylesheets: ["type.css", "print-base.css", "identity.css", "share.css"],
    folder: CUT_FONTS,
  });
}

/**
 * Stage "lay out": the pages Chromium prints and shoots (print pages, share cards), rendered by
 * Eleventy into the served folder in one run, with the large fonts cut to each page's
 * characters (truetype: quick to cut, and Chromium embeds its own subset in the PDF anyway).
 */
import path from "node:path";
import type { LoadedSite } from "../load.ts";
import { renderParts } from "../site/eleventy.ts";
import { CUT_FONTS, isLargeFont } from "../site/fonts.ts";
import type { PrintPage } from "../site/print-pages.ts";
import { subsetPageFonts } from "../site/subset-fonts.ts";
import type { ShareCard } from "../site/web-pages.ts";

/**
 * @param only the pages to print and cards to shoot, when not all: a rebuild after one changed
 * text lays out (and cuts fonts for) the pages it makes again, not the whole campaign
 */
export async function layOutPrintPages(
  loaded: LoadedSite,
  printDir: string,
  fontCache: string,
  only?: { print: PrintPage[]; cards: ShareCard[] },
): Promise<void> {
  const c = loaded.campaign;
  const input = only ? { ...loaded, model: onlyThese(loaded.model, new Set(only.print), new Set(only.cards)) } : loaded;
  await renderParts(input, ["print", "cards"], path.join(c.root, "templates"), printDir);
  await subsetPageFonts(c, printDir, loaded.coverage, fontCache, {
    files: isLargeFont,
    format: "truetype",
    stylesheets: ["type.css", "print-base.css", "identity.css", "share.css"],
    folder: CUT_FONTS,
  });
}

function onlyThese(model: LoadedSite["model"], print: Set<PrintPage>, cards: Set<ShareCard>): LoadedSite["model"] {
  const pages = Object.fromEntries(Object.entries(model.print).map(([format, list]) => [format, list.filter((p) => print.has(p))]));
  return { ...model, print: pages as LoadedSite["model"]["print"], cards: model.cards.filter((card) => cards.has(card)) };
}

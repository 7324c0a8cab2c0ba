/**
 * Stage "assets": what pages load besides their HTML, written into a folder that gets served:
 * the stylesheets, the typography, the image renditions, the partners' logos and (for the
 * pages Chromium prints and shoots) the fonts and each format's page rules. Written once per
 * build, before layout, so the PDF cache can check the assets a page loaded without laying
 * anything out.
 */
import { copyFile, cp, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Campaign } from "../content/campaign.ts";
import { logoPath, logoUrl } from "../content/editions.ts";
import { writeImages } from "../images.ts";
import { FORMATS, formatCss } from "../print/formats.ts";
import { fontFaceCss, fontFiles, isLargeFont, unicodeRange, drawnBy } from "./fonts.ts";
import { typeCss } from "./typography.ts";

/**
 * @param print the assets of the print and card pages too: whole fonts and the formats' page rules (web pages get fonts cut per page later)
 * @param imageCache where image renditions are kept between builds (undefined: always drawn)
 */
export async function writeAssets(
  c: Campaign,
  dir: string,
  { print = true, imageCache }: { print?: boolean; imageCache?: string | undefined } = {},
): Promise<void> {
  await cp(path.join(c.root, "templates", "assets"), path.join(dir, "assets"), { recursive: true });
  await writeFonts(c, dir, { whole: print });
  await writeImages(c, dir, imageCache);
  for (const p of c.edition?.partners ?? []) await cp(logoPath(c.root, p.logo), path.join(dir, logoUrl(c.edition!.id, p.logo)));
  if (!print) return;
  await mkdir(path.join(dir, "_print", "css"), { recursive: true });
  for (const format of Object.values(FORMATS)) await writeFile(path.join(dir, "_print", "css", `${format.id}.css`), formatCss(format));
}

/** Whole font files but the large ones and their @font-face rules (assets/fonts.css, for print and card pages), and the typography every page uses (assets/type.css). */
async function writeFonts(c: Campaign, siteDir: string, { whole = true } = {}): Promise<void> {
  const assets = path.join(siteDir, "assets");
  await mkdir(path.join(assets, "fonts"), { recursive: true });
  await writeFile(path.join(assets, "type.css"), typeCss(c));
  if (!whole) return;
  const files = fontFiles(c).filter((f) => !isLargeFont(f));
  const ranges = drawnBy(files);
  await Promise.all(files.map((f) => copyFile(f.path, path.join(assets, "fonts", f.name))));
  const css = fontFaceCss(files.map((file) => ({ file, url: `fonts/${file.name}`, range: unicodeRange(ranges.get(file)!) })));
  await writeFile(path.join(assets, "fonts.css"), `/* Generated from content/fonts.yaml: whole files, for print pages. */\n${css}\n`);
}

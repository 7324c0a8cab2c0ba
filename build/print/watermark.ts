/**
 * The outline of the word DRAFT, for the watermark: taken from the kit's own Noto Sans Bold
 * with fontkit and drawn as a vector path, so the PDF embeds no extra font. The word is a
 * production mark for editors and print shops, like crop marks, so it is not translated.
 */
import { DRAFT_MARK } from "../release/state.ts";
import type { Campaign } from "../content/campaign.ts";
import { fontFiles, openFont } from "../site/fonts.ts";

export interface Outline {
  /** SVG path data, y pointing down, bounding box from (0, 0) to (width, height). */
  path: string;
  width: number;
  height: number;
}

function textOutline(fontFile: string, text = DRAFT_MARK): Outline {
  const font = openFont(fontFile);
  const run = font.layout(text);
  const parts: string[] = [];
  let x = 0;
  for (const [i, glyph] of run.glyphs.entries()) {
    // Font units are y-up; flip them and move each glyph to its pen position.
    parts.push(glyph.path.transform(1, 0, 0, -1, x, font.ascent).toSVG());
    x += run.positions[i]!.xAdvance;
  }
  return { path: parts.join(" "), width: x, height: font.ascent - font.descent };
}

/** The DRAFT outline in the source language's bold Latin font (the kit's own, from the registry). */
export async function draftOutline(c: Campaign): Promise<Outline> {
  // The first file of the source's first font: the one its Latin letters come from.
  const bold = fontFiles(c, [c.source]).find((f) => f.weight === 700 && f.index === 0);
  if (!bold)
    throw new Error(
      `the source language's first font (${c.source.fonts[0]}) has no bold (700) file to draw the DRAFT watermark with; add one in content/fonts.yaml`,
    );
  return textOutline(bold.path);
}

/**
 * The outline of the word DRAFT, for the watermark: taken from the kit's own Noto Sans Bold
 * with fontkit and drawn as a vector path, so the PDF embeds no extra font. The word is a
 * production mark for editors and print shops, like crop marks, so it is not translated.
 */
import * as fontkit from "fontkit";

export interface Outline {
  /** SVG path data, y pointing down, bounding box from (0, 0) to (width, height). */
  path: string;
  width: number;
  height: number;
}

export function textOutline(fontFile: string, text = "DRAFT"): Outline {
  const font = fontkit.openSync(fontFile) as fontkit.Font;
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

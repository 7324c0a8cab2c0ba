/**
 * Check "glyphs": every character a language shows must have a glyph in a font of its
 * stack, in a file whose unicode-range includes it (that is how the browser picks files).
 * A missing glyph would print as a box (tofu) or pull in a system font: both are errors.
 */
import * as fontkit from "fontkit";
import type { Language } from "../content/schemas.ts";
import type { Problem } from "../errors.ts";
import type { FontFile } from "../site/fonts.ts";

type Range = [number, number];

export function parseUnicodeRange(css: string): Range[] {
  return css.split(",").map((part) => {
    const [a, b] = part.trim().replace(/^U\+/i, "").split("-");
    const start = parseInt(a!, 16);
    return [start, b ? parseInt(b, 16) : start];
  });
}

/** Characters laid out by templates around the texts (separators, digits). */
const TEMPLATE_CHARACTERS = "0123456789 ·:;,.";

export function checkGlyphCoverage(
  texts: Map<Language, string[]>,
  files: FontFile[],
): Problem[] {
  const fonts = new Map<string, { ranges: Range[]; font: fontkit.Font }>();
  for (const f of files.filter((f) => f.weight === 400)) {
    fonts.set(`${f.fontId}/${f.subset}`, { ranges: parseUnicodeRange(f.unicodeRange), font: fontkit.openSync(f.path) as fontkit.Font });
  }
  const problems: Problem[] = [];
  for (const [lang, strings] of texts) {
    const stack = files.filter((f) => f.weight === 400 && lang.fonts.includes(f.fontId));
    const missing = new Set<string>();
    for (const ch of new Set([...strings.join(""), ...TEMPLATE_CHARACTERS])) {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x21 || /\s/u.test(ch)) continue; // spaces and controls are not drawn
      const covered = stack.some((f) => {
        const entry = fonts.get(`${f.fontId}/${f.subset}`)!;
        return entry.ranges.some(([a, b]) => cp >= a && cp <= b) && entry.font.hasGlyphForCodePoint(cp);
      });
      if (!covered) missing.add(`U+${cp.toString(16).toUpperCase().padStart(4, "0")} "${ch}"`);
    }
    if (missing.size) {
      problems.push({
        file: `locales/${lang.code}`,
        message: `${missing.size} character(s) have no glyph in ${lang.name}'s fonts (${lang.fonts.join(", ")}): ${[...missing].slice(0, 12).join(", ")}${missing.size > 12 ? " …" : ""}`,
        hint: "add a font that covers them to this language's stack in content/languages.yaml (or a subset in content/fonts.yaml), or correct the text",
      });
    }
  }
  return problems;
}

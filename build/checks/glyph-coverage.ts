/**
 * Check "glyphs": every character shown must have a glyph in the font stack of the element
 * it lands in, in a file whose unicode-range includes it (that is how the browser picks
 * files). A missing glyph would print as a box (tofu) or pull in a system font.
 *
 * An element's stack is its own language's fonts, then the page language's (fonts.css), so
 * a text is checked against its own language's fonts: a translation that its language's
 * fonts cannot draw is refused like any unsafe translation (stage "translations"); source
 * content, endonyms and template characters that cannot be drawn stop the build (here).
 */
import * as fontkit from "fontkit";
import type { Campaign } from "../content/campaign.ts";
import type { Language } from "../content/schemas.ts";
import type { Problem } from "../errors.ts";
import { codePoint } from "../i18n/safety.ts";
import { fileOfText, flatten, type Resources } from "../i18n/source-strings.ts";
import type { FontFile } from "../site/fonts.ts";

type Range = [number, number];

export function parseUnicodeRange(css: string): Range[] {
  return css.split(",").map((part) => {
    const [a, b] = part.trim().replace(/^U\+/i, "").split("-");
    const start = parseInt(a!, 16);
    return [start, b ? parseInt(b, 16) : start];
  });
}

/** Characters laid out by templates around the texts (digits of years, counts and sizes). */
const TEMPLATE_CHARACTERS = "0123456789";

/** Font files are parsed once per process: they are read-only packages. */
const opened = new Map<string, fontkit.Font>();

/** Which characters of a text a font stack cannot draw. */
export class GlyphCoverage {
  private readonly faces: { fontId: string; ranges: Range[]; font: fontkit.Font }[];

  constructor(files: FontFile[]) {
    // Regular weight only: every weight of a family covers the same characters.
    this.faces = files
      .filter((f) => f.weight === 400)
      .map((f) => {
        if (!opened.has(f.path)) opened.set(f.path, fontkit.openSync(f.path) as fontkit.Font);
        return { fontId: f.fontId, ranges: parseUnicodeRange(f.unicodeRange), font: opened.get(f.path)! };
      });
  }

  /** Answers by stack and code point, remembered: the same characters come back in every text. */
  private readonly known = new Map<string, boolean>();
  private draws(fonts: string[], cp: number): boolean {
    const key = `${fonts.join(",")}|${cp}`;
    let drawn = this.known.get(key);
    if (drawn === undefined) {
      drawn = this.faces.some((f) => fonts.includes(f.fontId) && f.ranges.some(([a, b]) => cp >= a && cp <= b) && f.font.hasGlyphForCodePoint(cp));
      this.known.set(key, drawn);
    }
    return drawn;
  }

  /** The characters of `text` no font of `fonts` (ids from fonts.yaml) draws, as "U+4E2D "中"". */
  missing(text: string, fonts: string[]): string[] {
    const out = new Set<string>();
    for (const ch of new Set(text)) {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x21 || /[\s\p{Cf}]/u.test(ch)) continue; // spaces, controls and joiners are not drawn
      if (!this.draws(fonts, cp)) out.add(`${codePoint(ch)} "${ch}"`);
    }
    return [...out];
  }
}

/** Why a translation cannot be shown in its language's fonts, or undefined. */
export function undrawable(coverage: GlyphCoverage, lang: Language, text: string): string | undefined {
  const missing = coverage.missing(text, lang.fonts);
  if (!missing.length) return undefined;
  return `has ${missing.length} character(s) that ${lang.name}'s fonts (${lang.fonts.join(", ")}) cannot draw: ${missing.slice(0, 6).join(", ")}${missing.length > 6 ? " …" : ""}`;
}

/** Source texts, endonyms, citations and template characters: what the campaign itself shows. */
export function checkGlyphCoverage(c: Campaign, sources: Resources, coverage: GlyphCoverage): Problem[] {
  const problems: Problem[] = [];
  const report = (file: string, what: string, lang: Language, text: string, hint: string) => {
    const missing = coverage.missing(text, lang.fonts);
    if (missing.length) problems.push({ file, message: `${what}: ${missing.length} character(s) have no glyph in ${lang.name}'s fonts (${lang.fonts.join(", ")}): ${missing.slice(0, 12).join(", ")}${missing.length > 12 ? " …" : ""}`, hint });
  };
  const fontHint = "add a font that covers them to this language's stack in content/languages.yaml (or a subset in content/fonts.yaml), or correct the text";
  for (const [ns, tree] of Object.entries(sources)) {
    for (const [key, text] of flatten(tree)) report(fileOfText(c, c.source.code, `${ns}:${key}`), `text ${ns}:${key}`, c.source, text, fontHint);
  }
  for (const s of Object.values(c.sources)) report("content/sources.yaml", `source title "${s.title}"`, c.source, s.title, fontHint);
  for (const lang of c.languages) {
    report("content/languages.yaml", `the endonym of ${lang.code}`, lang, lang.endonym, fontHint);
    report("content/languages.yaml", `digits in ${lang.code}`, lang, TEMPLATE_CHARACTERS, fontHint);
  }
  return problems;
}

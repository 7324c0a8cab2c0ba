/**
 * Check "glyphs": every character shown must have a glyph in the font stack of the element
 * it lands in. A missing glyph would print as a box (tofu) or pull in a system font.
 *
 * An element's stack is its own language's fonts, then the page language's (fonts.css), so
 * a text is checked against its own language's fonts: a translation that its language's
 * fonts cannot draw is refused like any unsafe translation (stage "translations"); source
 * content, endonyms and template characters that cannot be drawn stop the build (here).
 */
import type * as fontkit from "fontkit";
import type { Campaign } from "../content/campaign.ts";
import type { Language } from "../content/schemas.ts";
import type { Problem } from "../errors.ts";
import { codePoint } from "../i18n/safety.ts";
import { fileOfText, flatten, type Resources } from "../i18n/source-strings.ts";
import { openFont, type FontFile } from "../site/fonts.ts";
import { formatNumber } from "../i18n/locale.ts";

/** Characters laid out by templates around the texts: the digits of years, counts and sizes, in each language's numerals. */
function templateCharacters(lang: Language): string {
  return [...Array(10).keys()].map((d) => formatNumber(lang, d)).join("");
}

/** Each font by a number, to name a stack by the fonts themselves (openFont gives every campaign copy the same objects). */
const fontIds = new WeakMap<fontkit.Font, number>();
let fontsNumbered = 0;
function fontNumber(font: fontkit.Font): number {
  if (!fontIds.has(font)) fontIds.set(font, fontsNumbered++);
  return fontIds.get(font)!;
}
/** What a stack draws a character with, for the whole process: "<font numbers, in order>|<code point>" to the index of its face, or -1. */
const drawnBy = new Map<string, number>();

/** And the characters of a text a stack cannot draw, by "<font numbers>|<text>" (bounded: a long `serve` session loads again and again). */
const missingIn = new Map<string, string[]>();

/** A stack's faces in the order the browser tries them, and their fonts' numbers. */
interface Stack {
  faces: { file: FontFile; font: fontkit.Font }[];
  signature: string;
}

/** Which characters of a text a font stack cannot draw. */
export class GlyphCoverage {
  private readonly faces: { file: FontFile; font: fontkit.Font }[];
  /** Each stack, by its font ids. */
  private readonly stacks = new Map<string, Stack>();

  constructor(files: FontFile[]) {
    // Regular weight only: every weight of a family covers the same characters.
    this.faces = files.filter((f) => f.weight === 400).map((file) => ({ file, font: openFont(file.path) }));
  }

  /**
   * The file a character is drawn from in a stack, as the browser picks it: the first font of the
   * stack, and its first file, that has a glyph. Remembered for the process: the same characters
   * come back in every text, and every load of the campaign asks again.
   */
  fileFor(fonts: string[], cp: number): FontFile | undefined {
    return this.drawing(this.stackOf(fonts), cp);
  }

  private drawing(stack: Stack, cp: number): FontFile | undefined {
    const key = `${stack.signature}|${cp}`;
    let index = drawnBy.get(key);
    if (index === undefined) drawnBy.set(key, (index = stack.faces.findIndex((f) => f.font.hasGlyphForCodePoint(cp))));
    return index < 0 ? undefined : stack.faces[index]!.file;
  }

  private stackOf(fonts: string[]): Stack {
    const id = fonts.join(",");
    let stack = this.stacks.get(id);
    if (!stack) {
      const faces = fonts.flatMap((fontId) => this.faces.filter((f) => f.file.fontId === fontId));
      stack = { faces, signature: faces.map((f) => fontNumber(f.font)).join(",") };
      this.stacks.set(id, stack);
    }
    return stack;
  }

  /** The characters of `text` no font of `fonts` (ids from fonts.yaml) draws, as "U+4E2D "中"". Remembered for the process, like fileFor. */
  missing(text: string, fonts: string[]): string[] {
    const stack = this.stackOf(fonts);
    const key = `${stack.signature}|${text}`;
    let out = missingIn.get(key);
    if (!out) {
      const found = new Set<string>();
      for (const ch of new Set(text)) {
        const cp = ch.codePointAt(0)!;
        if (cp < 0x21 || /[\s\p{Cf}]/u.test(ch)) continue; // spaces, controls and joiners are not drawn
        if (!this.drawing(stack, cp)) found.add(`${codePoint(ch)} "${ch}"`);
      }
      if (missingIn.size >= 200_000) missingIn.clear();
      missingIn.set(key, (out = [...found]));
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
    if (missing.length)
      problems.push({
        file,
        message: `${what}: ${missing.length} character(s) have no glyph in ${lang.name}'s fonts (${lang.fonts.join(", ")}): ${missing.slice(0, 12).join(", ")}${missing.length > 12 ? " …" : ""}`,
        hint,
      });
  };
  const fontHint = "add a font that covers them to this language's stack in content/languages.yaml (or a subset in content/fonts.yaml), or correct the text";
  for (const [ns, tree] of Object.entries(sources)) {
    for (const [key, text] of flatten(tree)) report(fileOfText(c, c.source.code, `${ns}:${key}`), `text ${ns}:${key}`, c.source, text, fontHint);
  }
  for (const s of Object.values(c.sources)) report("content/sources.yaml", `source title "${s.title}"`, c.source, s.title, fontHint);
  for (const lang of c.languages) {
    report("content/languages.yaml", `the endonym of ${lang.code}`, lang, lang.endonym, fontHint);
    report("content/languages.yaml", `digits in ${lang.code}`, lang, templateCharacters(lang), fontHint);
  }
  return problems;
}

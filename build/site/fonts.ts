/**
 * The registry's font files (content/fonts.yaml). Print and card pages load them whole, through
 * assets/fonts.css (Chromium embeds only the glyphs it draws in a PDF), except the large ones
 * (a whole Chinese font is 10 MB, which Chromium would parse on every page it lays out): those
 * are cut to each page's characters, like every font of a web page (subset-fonts.ts).
 */
import { statSync } from "node:fs";
import path from "node:path";
import * as fontkit from "fontkit";
import { byRealPath } from "./by-real-path.ts";
import type { Campaign } from "../content/campaign.ts";
import type { Language } from "../content/schemas.ts";

export interface FontFile {
  fontId: string;
  family: string;
  weight: 400 | 700;
  /** Place in the font's file list: a character is drawn from the first file that has it. */
  index: number;
  /** Absolute path in node_modules. */
  path: string;
  /** File name once copied to a site's assets/fonts/. */
  name: string;
}

/** The languages a page may show: the campaign's (an edition's), and always the source language, which sources and fallbacks are in. */
export function shownLanguages(c: Campaign): Language[] {
  return c.languages.some((l) => l.code === c.source.code) ? c.languages : [...c.languages, c.source];
}

export function fontFiles(c: Campaign, languages: Language[] = shownLanguages(c)): FontFile[] {
  const used = [...new Set(languages.flatMap((l) => l.fonts))];
  return used.flatMap((fontId) => {
    const font = c.fonts[fontId]!;
    return ([400, 700] as const).flatMap((weight) =>
      (font.files[weight] ?? []).map((file, index) => ({
        fontId,
        family: font.family,
        weight,
        index,
        path: path.join(c.root, "node_modules", font.package, file),
        name: `${fontId}-${weight}-${index}${path.extname(file)}`,
      })),
    );
  });
}

/** A font file this large is cut to each print page's characters rather than loaded whole (a Latin file is 20-60 KB, Arabic or Ethiopic 100-200 KB, Chinese 10 MB). */
const LARGE_FONT_BYTES = 1_000_000;

/** Where the cut fonts of print and card pages go: named by what they hold, so the PDF cache need not check them (build/pdf/cache.ts). */
export const CUT_FONTS = "assets/fonts/cut";

export function isLargeFont(file: FontFile): boolean {
  return statSync(file.path).size > LARGE_FONT_BYTES;
}

/** Font files are parsed once per process (a woff2's Brotli is JavaScript in fontkit: tens of milliseconds each). */
export const openFont = byRealPath((real) => fontkit.openSync(real) as fontkit.Font);

/** The stack for a language: its fonts in registry order. No generic family: a missing glyph is caught by the coverage check, not hidden by a system font. */
export function fontStack(c: Campaign, lang: Language): string {
  return lang.fonts.map((id) => `"${c.fonts[id]!.family}"`).join(", ");
}

/** The CSS format() name of a font file. */
function fontFormat(file: string): string {
  return { ".woff2": "woff2", ".woff": "woff", ".ttf": "truetype", ".otf": "opentype" }[path.extname(file)] ?? "woff2";
}

/** Code points as a CSS unicode-range, consecutive ones joined: "U+41-5A, U+E9". */
export function unicodeRange(codePoints: Iterable<number>): string {
  const sorted = [...new Set(codePoints)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    const hex = (n: number) => n.toString(16).toUpperCase();
    parts.push(j > i ? `U+${hex(sorted[i]!)}-${hex(sorted[j]!)}` : `U+${hex(sorted[i]!)}`);
    i = j;
  }
  return parts.join(", ");
}

/** The characters each file draws: its own, less those an earlier file of the same font and weight has. */
export function drawnBy(files: FontFile[]): Map<FontFile, number[]> {
  const out = new Map<FontFile, number[]>();
  const taken = new Map<string, Set<number>>();
  for (const f of [...files].sort((a, b) => a.index - b.index)) {
    const key = `${f.fontId}|${f.weight}`;
    const seen = taken.get(key) ?? new Set<number>();
    taken.set(key, seen);
    const own = openFont(f.path).characterSet.filter((cp) => !seen.has(cp));
    own.forEach((cp) => seen.add(cp));
    out.set(f, own);
  }
  return out;
}

/** @font-face rules: each file under its family and weight, for the characters in `range`. */
export function fontFaceCss(faces: { file: FontFile; url: string; range: string }[]): string {
  return faces
    .map(
      ({ file, url, range }) => `@font-face {
  font-family: "${file.family}";
  font-style: normal;
  font-weight: ${file.weight};
  font-display: swap;
  src: url("${url}") format("${fontFormat(url)}");
  unicode-range: ${range};
}`,
    )
    .join("\n");
}

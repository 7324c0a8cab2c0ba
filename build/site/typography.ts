/**
 * The design tokens and the typography of the registry (content/languages.yaml), for web pages,
 * print pages and share cards alike (assets/type.css). Every language rule is scoped with
 * :lang(), so a run in another language inside a page (an endonym, a name) keeps its own rules.
 */
import type { Campaign } from "../content/campaign.ts";
import type { Language } from "../content/schemas.ts";
import { tokensCss } from "../design/tokens.ts";
import { ContentError } from "../errors.ts";
import { fontFiles, fontStack, openFont, shownLanguages } from "./fonts.ts";

/** How the mark (identity.css) is tracked in each script: never Arabic, whose letters join. */
const MARK_TRACKING: Record<string, string> = { Latn: "0.04em", Cyrl: "0.04em", Grek: "0.04em", Ethi: "0.02em", Hans: "0.08em", Hant: "0.08em" };

/** The letter whose height is a script's "cap height" (its tallest common letter without ascender marks). */
const CAP_LETTER: Record<string, string> = { Latn: "H", Cyrl: "Н", Grek: "Η", Arab: "ا", Ethi: "ሀ", Hans: "中", Hant: "中", Hani: "中" };

/**
 * A language's cap height as a share of the font size, in the bold of its first font (the
 * regular where it has no bold): a poster's headline is sized by it, so 25 mm is 25 mm in every
 * script. Measured, in this order: the registry's `capLetter` for the language, the letter the
 * kit knows for its script (CAP_LETTER), the font's own cap height (OS/2 sCapHeight) or x-height
 * when the font covers the Latin letter they measure, else the tallest letter of the language's
 * endonym without its marks (its base letters). A font where none can be measured is an error
 * that names it and the registry field to add.
 */
function capHeightRatio(c: Campaign, l: Language): number {
  const files = fontFiles(c, [l]).filter((f) => f.fontId === l.fonts[0]);
  const bold = files.filter((f) => f.weight === 700);
  const fonts = (bold.length ? bold : files).map((f) => openFont(f.path));
  const round = (n: number) => Math.round(n * 1000) / 1000;
  const heightOf = (letter: string) => {
    const cp = letter.codePointAt(0)!;
    const font = fonts.find((f) => f.hasGlyphForCodePoint(cp));
    const maxY = font?.glyphForCodePoint(cp).bbox.maxY;
    return font && maxY && maxY > 0 ? maxY / font.unitsPerEm : undefined;
  };
  for (const letter of [l.capLetter, CAP_LETTER[l.script]]) {
    const h = letter && heightOf(letter);
    if (h) return round(h);
  }
  // The font's own figures are Latin's: they stand only where the font has the Latin letters.
  const latin = fonts.find((f) => f.hasGlyphForCodePoint(0x48));
  if (latin?.capHeight && latin.capHeight > 0) return round(latin.capHeight / latin.unitsPerEm);
  if (latin?.xHeight && latin.xHeight > 0) return round(latin.xHeight / latin.unitsPerEm);
  const bases = [...l.endonym.normalize("NFD")]
    .filter((ch) => /\p{L}/u.test(ch))
    .map(heightOf)
    .filter((h): h is number => Boolean(h));
  if (bases.length) return round(Math.max(...bases));
  throw new ContentError([
    {
      file: "content/languages.yaml",
      field: `${l.code}.capLetter`,
      message: `the cap height of ${l.name} cannot be measured in ${c.fonts[l.fonts[0]!]!.family}: the font has no letter the kit knows for the script ${l.script}, no Latin cap height, and no letter of the endonym "${l.endonym}"`,
      hint: `add capLetter: <a tall base letter of the script> to ${l.code} in content/languages.yaml (the height posters size their headline by)`,
    },
  ]);
}

/** The CSS one language gets; `code` as in its lang attribute. */
export function languageCss(c: Campaign, l: Language): string {
  const at = `:lang(${l.code})`;
  const rules = [
    // Every element's stack ends with the page language's fonts (--page-fonts), so a value in
    // the page's language inside a text in another never falls to a system font.
    `html${at} { --page-fonts: ${fontStack(c, l)}; --leading: ${l.leading}; --script-size: ${l.size}; --cap-ratio: ${capHeightRatio(c, l)}; --mark-tracking: ${MARK_TRACKING[l.script] ?? "0"}; }`,
    `${at} { font-family: ${fontStack(c, l)}, var(--page-fonts); }`,
    // Only where browsers have a dictionary (checked when the registry loads).
    `${at} { hyphens: ${l.hyphenate ? "auto" : "manual"}; }`,
    // Scripts without italics (and fonts shipped without them) stress by weight.
    l.emphasis === "weight" ? `em${at} { font-style: normal; font-weight: 700; }` : `em${at} { font-style: italic; font-synthesis-style: auto; }`,
  ];
  // Chinese: no line may start with closing punctuation or a small kana; full-width marks keep their width.
  if (l.lineBreak === "strict") rules.push(`${at} { line-break: strict; text-spacing-trim: normal; }`);
  return rules.join("\n");
}

export function typeCss(c: Campaign): string {
  return `/* Generated from templates/design/tokens.json, content/languages.yaml and content/fonts.yaml (build/site/typography.ts). */\n${tokensCss(c.design)}\n${shownLanguages(
    c,
  )
    .map((l) => languageCss(c, l))
    .join("\n")}\n`;
}

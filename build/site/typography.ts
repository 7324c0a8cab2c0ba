/**
 * The design tokens and the typography of the registry (content/languages.yaml), for web pages,
 * print pages and share cards alike (assets/type.css). Every language rule is scoped with
 * :lang(), so a run in another language inside a page (an endonym, a name) keeps its own rules.
 */
import type { Campaign } from "../content/campaign.ts";
import type { Language } from "../content/schemas.ts";
import { tokensCss } from "../design/tokens.ts";
import { fontFiles, fontStack, openFont } from "./fonts.ts";

/** How the mark (identity.css) is tracked in each script: never Arabic, whose letters join. */
const MARK_TRACKING: Record<string, string> = { Latn: "0.04em", Cyrl: "0.04em", Grek: "0.04em", Ethi: "0.02em", Hans: "0.08em", Hant: "0.08em" };

/** The letter whose height is a script's "cap height" (its tallest common letter without ascender marks). */
const CAP_LETTER: Record<string, string> = { Latn: "H", Cyrl: "Н", Grek: "Η", Arab: "ا", Ethi: "ሀ", Hans: "中", Hant: "中", Hani: "中" };

/**
 * A language's cap height as a share of the font size: the height of its script's cap letter
 * (CAP_LETTER) in the bold of its first font. A poster's headline is sized by it, so 25 mm is
 * 25 mm in every script.
 */
function capHeightRatio(c: Campaign, l: Language): number {
  const letter = (CAP_LETTER[l.script] ?? "H").codePointAt(0)!;
  for (const file of fontFiles(c, [l]).filter((f) => f.fontId === l.fonts[0] && f.weight === 700)) {
    const font = openFont(file.path);
    if (font.hasGlyphForCodePoint(letter)) return Math.round((font.glyphForCodePoint(letter).bbox.maxY / font.unitsPerEm) * 1000) / 1000;
  }
  return 0.7; // a script the table does not know: about Latin's
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
  return `/* Generated from templates/design/tokens.json, content/languages.yaml and content/fonts.yaml (build/site/typography.ts). */\n${tokensCss(c.design)}\n${c.languages.map((l) => languageCss(c, l)).join("\n")}\n`;
}

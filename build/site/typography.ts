/**
 * Typography from the registry (content/languages.yaml), for web and print pages alike
 * (assets/type.css). Every rule is scoped with :lang(), so a run in another language inside a
 * page (an endonym, a name) keeps its own rules.
 */
import type { Campaign } from "../content/campaign.ts";
import type { Language } from "../content/schemas.ts";
import { fontStack } from "./fonts.ts";

/** The CSS one language gets; `code` as in its lang attribute. */
export function languageCss(c: Campaign, l: Language): string {
  const at = `:lang(${l.code})`;
  const rules = [
    // Every element's stack ends with the page language's fonts (--page-fonts), so a value in
    // the page's language inside a text in another never falls to a system font.
    `html${at} { --page-fonts: ${fontStack(c, l)}; --leading: ${l.leading}; }`,
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
  return `/* Generated from content/languages.yaml and content/fonts.yaml (build/site/typography.ts). */\n${c.languages.map((l) => languageCss(c, l)).join("\n")}\n`;
}

/**
 * ASCII marks a translation writes where its script has its own (registry `punctuation`): "."
 * after Chinese or Ethiopic letters, "," after Arabic ones. Each finding names the right mark.
 */
export function punctuationSlips(l: Language, text: string): string[] {
  const found = new Set<string>();
  // Longest marks first, so "::" is reported as itself and not as two ":".
  const marks = Object.keys(l.punctuation).sort((a, b) => b.length - a.length);
  if (!marks.length) return [];
  const letter = new RegExp(`\\p{Script=${scriptProperty(l.script)}}`, "u");
  for (let i = 1; i < text.length; i++) {
    const mark = marks.find((m) => text.startsWith(m, i));
    if (!mark || !letter.test(text.slice(0, i).at(-1)!)) continue;
    // A full stop inside a number or an abbreviation in Latin letters is not a slip (the letter check rules those out).
    found.add(`"${mark}" where ${l.name} writes "${l.punctuation[mark]}"`);
    i += mark.length - 1;
  }
  return [...found];
}

/** ISO 15924 code to the Unicode Script property name JavaScript knows ("Hans" is written in Han). */
function scriptProperty(script: string): string {
  return { Hans: "Han", Hant: "Han" }[script] ?? script;
}

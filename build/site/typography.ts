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

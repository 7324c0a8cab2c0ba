/**
 * Languages browsers hyphenate: Chromium's hyphenation dictionaries
 * (third_party/hyphenation-patterns, the same hyph-utf8 patterns Firefox and Safari use for
 * most of them). A language not listed here gets no `hyphens: auto`: a browser without a
 * dictionary ignores it, and one with a poor guess would break words its readers would not.
 */
export const HYPHENATION_DICTIONARIES = new Set([
  "af",
  "as",
  "be",
  "bg",
  "bn",
  "cs",
  "cy",
  "da",
  "de",
  "el",
  "en",
  "es",
  "et",
  "eu",
  "fr",
  "ga",
  "gl",
  "gu",
  "hi",
  "hr",
  "hu",
  "hy",
  "it",
  "ka",
  "kn",
  "la",
  "lt",
  "lv",
  "ml",
  "mn",
  "mr",
  "nb",
  "nl",
  "nn",
  "or",
  "pa",
  "pl",
  "pt",
  "ru",
  "sk",
  "sl",
  "sq",
  "sv",
  "ta",
  "te",
  "tk",
  "uk",
]);

/** Whether browsers have a hyphenation dictionary for this BCP 47 tag (by its language subtag). */
export function canHyphenate(code: string): boolean {
  return HYPHENATION_DICTIONARIES.has(code.split("-")[0]!.toLowerCase());
}

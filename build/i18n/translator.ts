/**
 * One fixed translation function per language, over one i18next instance holding every
 * language (never a global changeLanguage during a multi-language build). A text missing in
 * a language comes back in the source language, flagged, so the page can mark it.
 */
import i18next, { type i18n } from "i18next";
import type { Language } from "../content/schemas.ts";
import type { ReviewState } from "./review-state.ts";
import type { Resources } from "./source-strings.ts";

/** A text ready for a page: what to show, in which language and direction. */
export interface Localized {
  text: string;
  lang: string;
  dir: "ltr" | "rtl";
  /** True when the page's language lacks this text and the source language is shown. */
  fallback: boolean;
}

export type Vars = Record<string, string | number>;
const MISSING = "\u0000missing";

export class Translator {
  /** Keys that fell back to the source language. */
  readonly fallbacks = new Set<string>();
  /** How many lookups fell back so far (a page compares it before and after it is built). */
  fallbackCount = 0;
  /** How many shown translations were not approved yet (draft or reviewed). */
  unapprovedCount = 0;

  constructor(
    private readonly i18n: i18n,
    readonly language: Language,
    private readonly source: Language,
    /** Review state of each translated text, by "ns:key"; none for the source language. */
    private readonly states: Map<string, ReviewState> = new Map(),
  ) {}

  t(key: string, vars: Vars = {}): Localized {
    const own = this.lookup(this.language.code, key, vars);
    if (own !== undefined) {
      if (this.language.code !== this.source.code && this.stateOf(key, vars) !== "approved") this.unapprovedCount++;
      return { text: own, lang: this.language.code, dir: this.language.dir, fallback: false };
    }
    const source = this.lookup(this.source.code, key, vars);
    // A template or content reference to a key the source does not have is a bug, not a translation gap.
    if (source === undefined) throw new Error(`No text for "${key}" in the source language (${this.source.code}): check the key`);
    this.fallbacks.add(key);
    this.fallbackCount++;
    return { text: source, lang: this.source.code, dir: this.source.dir, fallback: this.language.code !== this.source.code };
  }

  /** The state of the text actually shown: for a count, the plural form CLDR picks. */
  private stateOf(key: string, vars: Vars): ReviewState | undefined {
    const id = typeof vars.count === "number" ? `${key}_${new Intl.PluralRules(this.language.code).select(vars.count)}` : key;
    return this.states.get(id.includes(":") ? id : `ui:${id}`);
  }

  private lookup(lng: string, key: string, vars: Vars): string | undefined {
    // i18next answers a missing (or empty) text with the default value: a marker no text contains.
    const text = this.i18n.getFixedT(lng)(key, { ...vars, defaultValue: MISSING });
    return text === MISSING ? undefined : text;
  }

  /** A list in the language's own style ("a, b and c"), by CLDR rules. */
  list(items: string[]): string {
    return new Intl.ListFormat(this.language.code, { type: "conjunction" }).format(items);
  }

  date(isoDate: string): string {
    return new Intl.DateTimeFormat(this.language.code, { dateStyle: "long", timeZone: "UTC" }).format(new Date(isoDate));
  }
}

export function createTranslators(
  languages: Language[],
  source: Language,
  sourceResources: Resources,
  translations: Record<string, Resources>,
  states: Record<string, Map<string, ReviewState>> = {},
): Map<string, Translator> {
  const instance = i18next.createInstance();
  void instance.init({
    initAsync: false,
    resources: { ...translations, [source.code]: sourceResources },
    ns: Object.keys(sourceResources),
    defaultNS: "ui",
    fallbackLng: false, // fallback is ours: it must be visible, not silent
    supportedLngs: false,
    returnEmptyString: false,
    returnNull: false,
    interpolation: { escapeValue: false }, // escaping happens once, when a text is placed in HTML
  });
  return new Map(languages.map((l) => [l.code, new Translator(instance, l, source, states[l.code])]));
}

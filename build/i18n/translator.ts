/**
 * One fixed translation function per language, over one i18next instance holding every
 * language (never a global changeLanguage during a multi-language build). A text missing in
 * a language comes back in the source language, flagged, so the page can mark it.
 *
 * i18next only finds the text and its plural form; placeholders are filled here, so that
 * (1) nothing a translator writes is interpreted (no `$t(…)` nesting, no formatters), and
 * (2) a value keeps its own language inside a sentence in another one: the English fallback
 * "This story mentions: {{topics}}" on an Arabic page keeps its Arabic topics Arabic.
 */
import { hasListStyle } from "./list-style.ts";
import { formatNumber, intlLocale } from "./locale.ts";
import i18next, { type i18n, type TFunction } from "i18next";
import type { Language } from "../content/schemas.ts";
import { PLACEHOLDER } from "./safety.ts";

type Dir = "ltr" | "rtl";

/** A run of text in one language: a sentence's own words, or a value placed in it. */
export interface TextPart {
  text: string;
  lang: string;
  dir: Dir;
  /** Markup made by the kit's templates (never by translators), placed as it is. */
  html?: string;
}

/** A text ready for a page: what to show, in which language and direction. */
export interface Localized {
  text: string;
  lang: string;
  dir: Dir;
  /** True when the page's language lacks this text and the source language is shown. */
  fallback: boolean;
  /** Which text this is, as reviewed: "ns:key", with the plural form the page's language picks. */
  id: string;
  /** The ids of translated texts placed inside this one as values. */
  uses?: string[];
  /** Present when the text mixes languages (or holds markup): each run with its own language. */
  parts?: TextPart[];
}

/** Markup a template builds around a value (a tel: link, say): its HTML and its plain text. */
interface Markup {
  html: string;
  text: string;
}
export type Value = string | number | Localized | Markup;
export type Vars = Record<string, Value>;

const MISSING = "\u0000missing";

export function isLocalized(v: unknown): v is Localized {
  return (
    typeof v === "object" &&
    v !== null &&
    typeof (v as Localized).id === "string" &&
    typeof (v as Localized).text === "string" &&
    typeof (v as Localized).fallback === "boolean"
  );
}

export class Translator {
  // A campaign's model looks up tens of thousands of texts: i18next's fixed functions and the plural rules are made once per language.
  private readonly fixed = new Map<string, TFunction>();
  private plurals: Intl.PluralRules | undefined;

  constructor(
    private readonly i18n: i18n,
    readonly language: Language,
    private readonly source: Language,
  ) {}

  t(key: string, vars: Vars = {}): Localized {
    const count = typeof vars.count === "number" ? vars.count : undefined;
    const id = this.idOf(key, count);
    const own = this.lookup(this.language.code, key, count);
    if (own !== undefined) return this.fill(own, this.language, vars, id, false);
    const source = this.lookup(this.source.code, key, count);
    // A template or content reference to a key the source does not have is a bug, not a translation gap.
    if (source === undefined) throw new Error(`No text for "${key}" in the source language (${this.source.code}): check the key`);
    return this.fill(source, this.source, vars, id, this.language.code !== this.source.code);
  }

  /** Whether the source has a text for the key (a template may offer another where it has none). */
  has(key: string): boolean {
    return this.lookup(this.source.code, key, undefined) !== undefined;
  }

  /** The id a review records: "ns:key", and for a count the plural form CLDR picks in this language. */
  private idOf(key: string, count: number | undefined): string {
    const full = key.includes(":") ? key : `ui:${key}`;
    if (count === undefined) return full;
    this.plurals ??= new Intl.PluralRules(this.language.code);
    return `${full}_${this.plurals.select(count)}`;
  }

  private lookup(lng: string, key: string, count: number | undefined): string | undefined {
    // i18next answers a missing (or empty) text with the default value: a marker no text contains.
    let t = this.fixed.get(lng);
    if (!t) this.fixed.set(lng, (t = this.i18n.getFixedT(lng)));
    const text = t(key, { ...(count === undefined ? {} : { count }), skipInterpolation: true, defaultValue: MISSING });
    return text === MISSING ? undefined : text;
  }

  /** Fills the placeholders; values keep their own language, numbers and strings the page's. */
  private fill(template: string, lang: Language, vars: Vars, id: string, fallback: boolean): Localized {
    const parts: TextPart[] = [];
    const uses: string[] = [];
    const push = (p: TextPart) => {
      const last = parts.at(-1);
      if (last && !last.html && !p.html && last.lang === p.lang && last.dir === p.dir) last.text += p.text;
      else if (p.text || p.html) parts.push({ ...p });
    };
    let at = 0;
    for (const m of template.matchAll(PLACEHOLDER)) {
      push({ text: template.slice(at, m.index), lang: lang.code, dir: lang.dir });
      at = m.index + m[0].length;
      const value = vars[m[1]!];
      if (value === undefined) push({ text: m[0], lang: lang.code, dir: lang.dir });
      else if (isLocalized(value)) {
        uses.push(value.id, ...(value.uses ?? []));
        for (const p of value.parts ?? [value])
          push({ text: p.text, lang: p.lang, dir: p.dir, ...("html" in p && p.html !== undefined ? { html: p.html } : {}) });
      } else if (typeof value === "object") push({ text: value.text, html: value.html, lang: this.language.code, dir: this.language.dir });
      else push({ text: typeof value === "number" ? formatNumber(this.language, value) : String(value), lang: this.language.code, dir: this.language.dir });
    }
    push({ text: template.slice(at), lang: lang.code, dir: lang.dir });
    const text = parts.map((p) => p.text).join("");
    const mixed = parts.some((p) => p.html !== undefined || p.lang !== lang.code);
    return { text, lang: lang.code, dir: lang.dir, fallback, id, ...(uses.length ? { uses } : {}), ...(mixed ? { parts } : {}) };
  }

  /**
   * A list in the language's own style ("a, b and c", by CLDR rules), each item keeping its
   * language. It is no text of its own: its id is empty, its items are in `uses`.
   */
  list(items: Localized[]): Localized {
    const page = { lang: this.language.code, dir: this.language.dir };
    const parts = this.listParts(items.map((_, i) => `\u0000${i}`)).flatMap((p): TextPart[] =>
      p.type === "element"
        ? (items[Number(p.value.slice(1))]!.parts ?? [items[Number(p.value.slice(1))]!]).map((x) => ({ text: x.text, lang: x.lang, dir: x.dir }))
        : [{ text: p.value, ...page }],
    );
    const list: Localized = {
      text: parts.map((p) => p.text).join(""),
      ...page,
      fallback: items.some((i) => i.fallback),
      id: "",
      uses: items.flatMap((i) => [i.id, ...(i.uses ?? [])]),
    };
    return parts.some((p) => p.lang !== page.lang) ? { ...list, parts } : list;
  }

  /** Intl's list style; the registry's word for "and" where this system's CLDR has none. */
  private listParts(items: string[]): { type: "element" | "literal"; value: string }[] {
    const l = this.language;
    if (!l.and || hasListStyle(l.code)) return new Intl.ListFormat(intlLocale(l), { type: "conjunction" }).formatToParts(items);
    const comma = `${l.punctuation[","] ?? ","} `;
    return items.flatMap((value, i) => [
      ...(i === 0 ? [] : [{ type: "literal" as const, value: i === items.length - 1 ? ` ${l.and} ` : comma }]),
      { type: "element" as const, value },
    ]);
  }

  date(isoDate: string): string {
    return new Intl.DateTimeFormat(intlLocale(this.language), { dateStyle: "long", timeZone: "UTC" }).format(new Date(isoDate));
  }
}

export function createTranslators(
  languages: Language[],
  source: Language,
  sourceResources: Record<string, unknown>,
  translations: Record<string, Record<string, unknown>>,
): Map<string, Translator> {
  const instance = i18next.createInstance();
  void instance.init({
    initAsync: false,
    resources: { ...translations, [source.code]: sourceResources } as never,
    ns: Object.keys(sourceResources),
    defaultNS: "ui",
    fallbackLng: false, // fallback is ours: it must be visible, not silent
    supportedLngs: false,
    returnEmptyString: false,
    returnNull: false,
  });
  // The source language always has one (the editors' pages are in it), even for an edition not made in it.
  const all = languages.some((l) => l.code === source.code) ? languages : [...languages, source];
  return new Map(all.map((l) => [l.code, new Translator(instance, l, source)]));
}

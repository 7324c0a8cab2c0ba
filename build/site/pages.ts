/**
 * Stage "pages": the view model. Resolves every text of every page in every language
 * (through the language's Translator) into plain data the templates only lay out.
 */
import type { Campaign } from "../content/campaign.ts";
import { urlFolder } from "../content/campaign.ts";
import type { Block, Citation, Contact, Language, Story } from "../content/schemas.ts";
import { blockKey, flatten, type Resources } from "../i18n/source-strings.ts";
import type { Localized, Translator } from "../i18n/translator.ts";

export interface LanguageView {
  code: string;
  folder: string;
  endonym: string;
  dir: "ltr" | "rtl";
  hyphenate: boolean;
  /** Machine-drafted or unreviewed: every page says so. */
  draft: boolean;
}
export interface Link {
  hreflang: string;
  /** Absolute URL (for hreflang) and site path (for links). */
  href: string;
  path: string;
  lang: string;
  dir: "ltr" | "rtl";
  endonym: string;
}
export interface CitationView {
  text: string;
  lang: string;
}
export interface ContactView {
  id: string;
  type: Localized;
  name: Localized;
  description: Localized;
  city?: Localized;
  phone?: string;
  url?: string;
  unverified: boolean;
  status: Localized;
}
export interface StoryView {
  id: string;
  url: string;
  year?: number;
  title: Localized;
  summary: Localized;
  places: Localized;
  warning?: Localized;
  minorsInvolved: boolean;
  body: Localized[];
  sources: CitationView[];
}
export type BlockView =
  | { type: "heading" | "paragraph"; id: string; text: Localized }
  | { type: "callout"; id: string; tone: "info" | "warning"; title?: Localized; text: Localized }
  | { type: "list"; id: string; title?: Localized; items: Localized[] }
  | { type: "story"; id: string; story: StoryView }
  | { type: "contacts"; id: string; contacts: ContactView[] }
  | { type: "glossary-term"; id: string; term: Localized; definition: Localized };
export interface SectionView {
  id: string;
  title: Localized;
  blocks: BlockView[];
}
export interface GlossaryEntryView {
  id: string;
  term: Localized;
  definition: Localized;
  sources: CitationView[];
}

interface PageBase {
  url: string;
  lang: LanguageView;
  title: Localized;
  canonical: string;
  alternates: Link[];
  xDefault: string;
  /** Some text on this page is shown in the source language. */
  fallback: boolean;
}
export type Page =
  | (PageBase & { kind: "root"; choices: (Link & { heading: Localized; intro: Localized })[] })
  | (PageBase & { kind: "home"; tagline: Localized; origin: Localized; stories: StoryView[]; pdf: string })
  | (PageBase & { kind: "brochure"; subtitle: Localized; sections: SectionView[]; pdf: string })
  | (PageBase & { kind: "story"; story: StoryView })
  | (PageBase & { kind: "glossary"; entries: GlossaryEntryView[] });

export interface SiteModel {
  campaign: { id: string; version: string; revision: string; baseUrl: string };
  pages: Record<Page["kind"], Page[]>;
  languages: LanguageView[];
}

export function languageView(l: Language): LanguageView {
  return { code: l.code, folder: urlFolder(l.code), endonym: l.endonym, dir: l.dir, hyphenate: l.hyphenate, draft: l.status === "draft" };
}

export function buildSiteModel(c: Campaign, translators: Map<string, Translator>, sources: Resources): SiteModel {
  const base = c.settings.baseUrl;
  const abs = (url: string) => new URL(url.replace(/^\//, ""), base).href;
  const uiKeys = [...flatten(sources.ui).keys()].map((k) => `ui:${k}`);
  const pages: SiteModel["pages"] = { root: [], home: [], brochure: [], story: [], glossary: [] };

  // Each page exists in every language; `rest` is its path below the language folder.
  const alternatesOf = (rest: string): Link[] =>
    c.languages.map((l) => {
      const path = `/${urlFolder(l.code)}/${rest}`;
      return { hreflang: l.code, href: abs(path), path, lang: l.code, dir: l.dir, endonym: l.endonym };
    });

  for (const lang of c.languages) {
    const tr = translators.get(lang.code)!;
    const view = languageView(lang);
    // Interface labels missing in this language mark every page of it.
    uiKeys.forEach((k) => tr.t(k));
    const uiIncomplete = uiKeys.some((k) => tr.fallbacks.has(k));
    const page = <K extends Page["kind"]>(kind: K, rest: string, build: () => Omit<Extract<Page, { kind: K }>, keyof PageBase | "kind"> & { title: Localized }) => {
      const before = tr.fallbackCount;
      const data = build();
      const url = `/${view.folder}/${rest}`;
      const p = {
        kind,
        url,
        lang: view,
        canonical: abs(url),
        alternates: alternatesOf(rest),
        xDefault: rest ? abs(`/${urlFolder(c.source.code)}/${rest}`) : abs("/"),
        fallback: uiIncomplete || tr.fallbackCount > before,
        ...data,
      } as unknown as Extract<Page, { kind: K }>;
      (pages[kind] as Page[]).push(p);
    };
    const storyViews = c.stories.map((s) => storyView(s, tr, c, view));
    const pdf = `/pdf/${view.folder}/brochure.pdf`;

    page("home", "", () => ({
      title: tr.t("campaign:title"),
      tagline: tr.t("campaign:tagline"),
      origin: tr.t("campaign:origin"),
      stories: storyViews,
      pdf,
    }));
    page("brochure", "brochure/", () => ({
      title: tr.t("brochure:title"),
      subtitle: tr.t("brochure:subtitle"),
      sections: c.brochure.sections.map((s) => ({
        id: s.id,
        title: tr.t(`brochure:sections.${s.id}.title`),
        blocks: s.blocks.map((b) => blockView("brochure", s.id, b, tr, c, storyViews)),
      })),
      pdf,
    }));
    for (const s of storyViews) page("story", `stories/${s.id}/`, () => ({ title: s.title, story: s }));
    page("glossary", "glossary/", () => ({
      title: tr.t("ui:glossary.heading"),
      entries: c.glossary.map((g) => ({
        id: g.id,
        term: tr.t(`glossary:${g.id}.term`),
        definition: tr.t(`glossary:${g.id}.definition`),
        sources: g.sources.map((x) => citationView(x, c)),
      })),
    }));
  }

  // The root page lets a reader choose a language, each offered in its own words.
  pages.root.push({
    kind: "root",
    url: "/",
    lang: languageView(c.source),
    title: translators.get(c.source.code)!.t("campaign:title"),
    canonical: abs("/"),
    alternates: alternatesOf(""),
    xDefault: abs("/"),
    fallback: false,
    choices: alternatesOf("").map((link) => {
      const tr = translators.get(link.lang)!;
      return { ...link, heading: tr.t("ui:chooser.heading"), intro: tr.t("campaign:tagline") };
    }),
  });

  return {
    campaign: { id: c.settings.id, version: c.settings.version, revision: c.revision, baseUrl: base },
    pages,
    languages: c.languages.map(languageView),
  };
}

function blockView(doc: string, section: string, b: Block, tr: Translator, c: Campaign, stories: StoryView[]): BlockView {
  const key = (field: string) => blockKey(doc, section, b.id, field);
  switch (b.type) {
    case "heading":
      return { type: b.type, id: b.id, text: tr.t(key("text")) };
    case "paragraph": {
      const vars = Object.fromEntries(Object.entries(b.phones ?? {}).map(([name, id]) => [name, c.contacts.find((x) => x.id === id)!.phone!]));
      return { type: b.type, id: b.id, text: tr.t(key("text"), vars) };
    }
    case "callout":
      return { type: b.type, id: b.id, tone: b.tone, text: tr.t(key("text")), ...(b.title ? { title: tr.t(key("title")) } : {}) };
    case "list":
      return { type: b.type, id: b.id, items: b.items.map((i) => tr.t(key(`items.${i.id}`))), ...(b.title ? { title: tr.t(key("title")) } : {}) };
    case "story":
      return { type: b.type, id: b.id, story: stories.find((s) => s.id === b.story)! };
    case "contacts":
      return { type: b.type, id: b.id, contacts: b.contacts.map((id) => contactView(c.contacts.find((x) => x.id === id)!, tr)) };
    case "glossary-term":
      return { type: b.type, id: b.id, term: tr.t(`glossary:${b.term}.term`), definition: tr.t(`glossary:${b.term}.definition`) };
  }
}

function storyView(s: Story, tr: Translator, c: Campaign, lang: LanguageView): StoryView {
  const topics = s.sensitivity.map((tag) => tr.t(`ui:sensitivity.${tag}`).text);
  return {
    id: s.id,
    url: `/${lang.folder}/stories/${s.id}/`,
    ...(s.year ? { year: s.year } : {}),
    title: tr.t(`stories:${s.id}.title`),
    summary: tr.t(`stories:${s.id}.summary`),
    places: tr.t(`stories:${s.id}.places`),
    ...(topics.length ? { warning: tr.t("ui:story.warning", { topics: tr.list(topics) }) } : {}),
    minorsInvolved: s.minors === "involved",
    body: s.body.map((p) => tr.t(`stories:${s.id}.body.${p.id}`)),
    sources: s.sources.map((x) => citationView(x, c)),
  };
}

function contactView(x: Contact, tr: Translator): ContactView {
  return {
    id: x.id,
    type: tr.t(`ui:contact.type.${x.type}`),
    name: tr.t(`contacts:${x.id}.name`),
    description: tr.t(`contacts:${x.id}.description`),
    ...(x.city ? { city: tr.t(`contacts:${x.id}.city`) } : {}),
    ...(x.phone ? { phone: x.phone } : {}),
    ...(x.url ? { url: x.url } : {}),
    unverified: !x.verified,
    status: x.verified ? tr.t("ui:contact.verified", { date: tr.date(x.verified.on) }) : tr.t("ui:contact.unverified"),
  };
}

function citationView(x: Citation, c: Campaign): CitationView {
  const src = c.sources[x.source]!;
  return { text: x.locator ? `${src.title}, ${x.locator}` : src.title, lang: src.lang };
}

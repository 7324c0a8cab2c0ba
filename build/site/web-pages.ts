/**
 * The web pages of a language (home, documents, stories, glossary), its menu and the share cards
 * of its pages; the root page that chooses a language; the editors' status page. Each page
 * carries its release state, so a draft says so.
 */
import { documentLanguages, publicLanguages, urlFolder } from "../content/campaign.ts";
import type { Campaign } from "../content/model.ts";
import type { Language } from "../content/schemas.ts";
import type { StatusRow } from "../i18n/status.ts";
import type { Localized, Translator } from "../i18n/translator.ts";
import type { Variant } from "../print/formats.ts";
import { DRAFT_MARK, draftReasons, notices, type Finding, type Ref, type ReleaseBlocker } from "../release/state.ts";
import { expectedMaterials, OWN_PAGES, type MaterialGroup, type MaterialsGroupView } from "./materials.ts";
import type { PrintPage } from "./print-pages.ts";
import {
  absolute,
  brandView,
  citationView,
  fileSize,
  languageView,
  pdfPath,
  type BrandView,
  type CardShape,
  type LanguageContext,
  type DocumentView,
  type GlossaryEntryView,
  type HelpLineView,
  type ImageView,
  type LanguageView,
  type Link,
  type StoryView,
} from "./views.ts";

interface Download {
  title: Localized;
  print: { path: string; size: string };
  screen: { path: string; size: string };
  /** The A5 brochure imposed on A4 for office printers (build/print/booklet.ts). */
  booklet?: { path: string; size: string };
}

/**
 * A page's share cards: images Chromium renders from one template, for messaging apps
 * (build/share/cards.ts). The template lays itself out for each shape's viewport.
 */
export interface ShareCard {
  kind: "card";
  /** The cards' page, served to Chromium: "/_share/ar/stories/x/". */
  url: string;
  lang: LanguageView;
  title: Localized;
  /** One line under the title: a story's summary, a document's subtitle. */
  line: Localized;
  /** The page it shares (its QR code on the square). */
  webUrl: string;
  /** Where each shape's image goes in the site: "share/ar/stories-x-square.jpg". */
  out: Record<CardShape, string>;
  /** A story's illustration, placed by its focal point (beside the text on the wide card). */
  image?: ImageView;
  /** A story's content warning, on every image of it as on its page and poster. */
  warning?: Localized;
  /** The help strip: the emergency number and where to ask before paying anyone. */
  help: HelpLineView;
  /** The campaign's mark, unless the title is the campaign's own (a brochure's). */
  mark: boolean;
  /** The draft mark, while anything it shows may not be released (as a PDF's watermark). */
  draft?: string;
}

/** A page's share images, once made: absolute URL for og:image, site path for the link. */
export interface ShareImages {
  wide: { url: string; path: string; width: number; height: number };
  square: { url: string; path: string; width: number; height: number };
}

interface PageBase {
  url: string;
  /** Set on story and document pages once their share cards exist. */
  shareImages?: ShareImages;
  /** Set on every page of a partner edition. */
  brand?: BrandView;
  lang: LanguageView;
  title: Localized;
  canonical: string;
  alternates: Link[];
  xDefault: string;
  /** What this page shows that may not be published yet (the release state). */
  release: Finding[];
  /** Some text on this page is shown in the source language. */
  fallback: boolean;
  /** Some translated text on this page is not approved yet: the page says it is a draft. */
  draft: boolean;
  /** The help line near the top of the page; none on the editors' page. */
  help?: HelpView;
}

/**
 * The help line every public page shows near its top, from the contacts' data: the emergency
 * number, the lines to ask before paying for a journey (hotlines), and the page that says where
 * else to ask. A contact not yet verified is shown as the kit shows it everywhere: marked so.
 */
interface HelpView {
  emergency?: HelpContact;
  ask: HelpContact[];
  /** The document section on safer ways and where to ask before deciding. */
  where?: string;
}
interface HelpContact {
  ref: Ref;
  name: Localized;
  phone?: string;
  unverified: boolean;
}
export type WebPage =
  | (PageBase & { kind: "root"; choices: Link[] })
  | (PageBase & { kind: "home"; tagline: Localized; origin: Localized; stories: StoryView[]; downloads: Download[]; brochure?: string })
  | (PageBase & { kind: "document"; document: DocumentView })
  | (PageBase & { kind: "story"; story: StoryView })
  | (PageBase & { kind: "glossary"; entries: GlossaryEntryView[] })
  | (PageBase & {
      kind: "materials";
      intro: Localized;
      /** The groups this page lists; some are on a page of their own (OWN_PAGES), linked from the main one: each page stays light. */
      groups: MaterialsGroupView[];
      subpages?: Partial<Record<MaterialGroup, { path: string; link: string }>>;
    })
  | (PageBase & { kind: "editors"; languages: EditorsLanguage[] });

/** A page's layout, for audits that must see every one: its kind, and a document page's format ("document:session"). */
export function pageLayout(page: WebPage): string {
  return page.kind === "document" ? `document:${page.document.format}` : page.kind;
}

/** One language on the editors' status page. */
interface EditorsLanguage {
  code: string;
  endonym: string;
  dir: "ltr" | "rtl";
  percentApproved: number;
  blockers: number;
  rows: StatusRow[];
}

/** Where a page of a language is also offered: each language it exists in, by its path below the language folder. */
function alternatesOf(c: Campaign, rest: string, langs: Language[] = c.languages): Link[] {
  return langs.map((l) => {
    const path = `/${urlFolder(l.code)}/${rest}`;
    return { hreflang: l.code, href: absolute(c, path), path, lang: l.code, dir: l.dir, endonym: l.endonym, name: l.name, script: l.script };
  });
}

/** The help line of a language's pages (see HelpView). */
function helpView(c: Campaign, tr: Translator, docs: { id: string; format: string; sections: { id: string }[] }[], folder: string): HelpView {
  const contact = (x: Campaign["contacts"][number]): HelpContact => ({
    ref: { type: "contact", id: x.id },
    name: tr.t(`contacts:${x.id}.name`),
    ...(x.phone ? { phone: x.phone } : {}),
    unverified: !x.verified,
  });
  const emergency = c.contacts.find((x) => x.type === "emergency" && x.phone);
  // The brochure's section on safer ways ("where to ask before you decide"), else the leaflet's.
  const where = ["brochure", "leaflet"].map((f) => docs.find((d) => d.format === f && d.sections.some((s) => s.id === "alternatives"))).find(Boolean);
  return {
    ...(emergency ? { emergency: contact(emergency) } : {}),
    ask: c.contacts.filter((x) => x.type === "hotline" && x.phone).map(contact),
    ...(where ? { where: `/${folder}/${where.id}/#alternatives` } : {}),
  };
}

/** The web pages, menu and share cards of one language. */
export function webPagesOf(x: LanguageContext, print: PrintPage[] = []): { pages: WebPage[]; nav: { label: string; path: string }[]; cards: ShareCard[] } {
  const { c, lang, view, tr, docs, told, brand } = x;
  const help = helpView(c, tr, docs, view.folder);
  const pages: WebPage[] = [];
  const cards: ShareCard[] = [];
  const add = <K extends WebPage["kind"]>(
    kind: K,
    rest: string,
    langs: Language[],
    data: Omit<Extract<WebPage, { kind: K }>, keyof PageBase | "kind"> & { title: Localized },
  ) => {
    const release = x.stateOf({ data, help, ...brand });
    const url = `/${view.folder}/${rest}`;
    const sourceHasIt = langs.some((l) => l.code === c.source.code);
    pages.push({
      kind,
      url,
      lang: view,
      canonical: absolute(c, url),
      alternates: alternatesOf(c, rest, langs),
      xDefault: !rest ? absolute(c, "/") : sourceHasIt ? absolute(c, `/${urlFolder(c.source.code)}/${rest}`) : absolute(c, url),
      release,
      ...notices(release),
      ...brand,
      help,
      ...data,
    } as unknown as WebPage);
  };
  // A page's cards: what it is and one line about it, in its language, with the help strip.
  const cardsOf = (rest: string, title: Localized, line: Localized, story?: { image?: ImageView; warning?: Localized }) => {
    const out = (shape: CardShape) => `share/${view.folder}/${rest.replace(/\/$/, "").replace(/\//g, "-")}-${shape}.jpg`;
    const shown = { title, line, help: x.help, ...(story?.warning ? { warning: story.warning } : {}), ...(story?.image ? { image: story.image } : {}) };
    cards.push({
      kind: "card",
      url: `/_share/${view.folder}/${rest}`,
      lang: view,
      webUrl: absolute(c, `/${view.folder}/${rest}`),
      out: { wide: out("wide"), square: out("square") },
      ...shown,
      mark: title.text !== tr.t("campaign:title").text,
      ...(draftReasons(x.stateOf(shown), lang, c.source).length ? { draft: DRAFT_MARK } : {}),
    });
  };
  const isPublic = !lang.serves;
  const nav = [
    { label: "ui:nav.home", path: `/${view.folder}/` },
    ...docs.map((d) => ({ label: `ui:nav.${d.id}`, path: `/${view.folder}/${d.id}/` })),
    ...(isPublic ? [{ label: "ui:nav.glossary", path: `/${view.folder}/glossary/` }] : []),
    { label: "ui:nav.materials", path: `/${view.folder}/materials/` },
  ];
  // The home page's call to read the brochure, where the language has one.
  const brochure = docs.find((d) => d.format === "brochure");
  add("home", "", c.languages, {
    title: tr.t("campaign:title"),
    tagline: tr.t("campaign:tagline"),
    origin: tr.t("campaign:origin"),
    stories: told,
    ...(brochure ? { brochure: `/${view.folder}/${brochure.id}/` } : {}),
    downloads: docs.map((d) => {
      const file = (variant: Variant | "booklet") => ({ path: `/pdf/${pdfPath(view, d.id, variant)}`, size: fileSize(undefined, lang) });
      return { title: tr.t(`${d.id}:title`), print: file("print"), screen: file("screen"), ...(d.format === "brochure" ? { booklet: file("booklet") } : {}) };
    }),
  });
  for (const d of docs) {
    const document = x.documents.get(d.id)!;
    add("document", `${d.id}/`, documentLanguages(c, d), { title: document.title, document });
    cardsOf(`${d.id}/`, document.title, document.subtitle);
  }
  for (const s of told) {
    add("story", `stories/${s.id}/`, publicLanguages(c), { title: s.title, story: s });
    const image = x.storyImage(s.id);
    cardsOf(`stories/${s.id}/`, s.title, s.summary, { ...(image ? { image } : {}), ...(s.warning ? { warning: s.warning } : {}) });
  }
  if (isPublic) {
    add("glossary", "glossary/", publicLanguages(c), {
      title: tr.t("ui:glossary.heading"),
      entries: c.glossary.map((g) => ({
        id: g.id,
        term: tr.t(`glossary:${g.id}.term`),
        definition: tr.t(`glossary:${g.id}.definition`),
        sources: g.sources.map((s) => citationView(s, c)),
      })),
    });
  }
  // Every file made in the language, once the cards it lists are known; sizes and previews come when the files exist (pipeline).
  // Share images and the print shop's files (every print variant, PDF/X where built) are pages of
  // their own: each page stays within a story page's weight, and a worker scrolls past less.
  const groups = expectedMaterials(tr, view, print, cards);
  const subpages = Object.fromEntries(
    Object.entries(OWN_PAGES).map(([id, own]) => [id, { path: `/${view.folder}/materials/${own.path}`, link: own.link }]),
  ) as Partial<Record<MaterialGroup, { path: string; link: string }>>;
  add("materials", "materials/", c.languages, {
    title: tr.t("ui:materials.title"),
    intro: tr.t("ui:materials.intro"),
    groups: groups.map((g) => (subpages[g.id] ? { ...g, entries: [] } : g)),
    subpages,
  });
  for (const [id, own] of Object.entries(OWN_PAGES))
    add("materials", `materials/${own.path}`, c.languages, {
      title: tr.t(`ui:materials.groups.${id}`),
      intro: tr.t("ui:materials.intro"),
      groups: groups.filter((g) => g.id === id),
    });
  return { pages, nav, cards };
}

/**
 * The root page lets a reader choose a language, each offered in its own words; it is in the
 * source language, or in an edition's first language when the edition is not made in it.
 */
export function rootPage(c: Campaign, translators: Map<string, Translator>): Extract<WebPage, { kind: "root" }> {
  const rootLang = c.languages.includes(c.source) ? c.source : c.languages[0]!;
  const tr = translators.get(rootLang.code)!;
  return {
    kind: "root",
    url: "/",
    lang: languageView(rootLang),
    title: tr.t("campaign:title"),
    canonical: absolute(c, "/"),
    alternates: alternatesOf(c, ""),
    xDefault: absolute(c, "/"),
    release: [],
    fallback: false,
    draft: false,
    choices: alternatesOf(c, ""),
    help: helpView(
      c,
      tr,
      c.documents.filter((d) => documentLanguages(c, d).includes(rootLang)),
      urlFolder(rootLang.code),
    ),
    ...(c.edition ? { brand: brandView(c, tr) } : {}),
  };
}

/** The editors' page: how far each language is from release (not in the public navigation). */
export function editorsPage(
  c: Campaign,
  translators: Map<string, Translator>,
  rows: StatusRow[],
  blockers: ReleaseBlocker[],
): Extract<WebPage, { kind: "editors" }> {
  const base = c.settings.baseUrl;
  const url = "/editors/translation-status/";
  const tr = translators.get(c.source.code)!;
  return {
    kind: "editors",
    url,
    lang: languageView(c.source),
    title: tr.t("editors:title"),
    canonical: new URL(url.slice(1), base).href,
    alternates: [],
    xDefault: new URL(url.slice(1), base).href,
    release: [],
    fallback: false,
    draft: false,
    languages: c.languages
      .filter((l) => l.code !== c.source.code)
      .map((l) => {
        const own = rows.filter((r) => r.lang === l.code);
        const total = own.reduce((n, r) => n + r.total, 0);
        const approved = own.reduce((n, r) => n + r.approved, 0);
        return {
          code: l.code,
          endonym: l.endonym,
          dir: l.dir,
          percentApproved: total ? Math.floor((100 * approved) / total) : 0,
          blockers: blockers.filter((b) => b.lang === l.code || b.lang === "all").length,
          rows: own,
        };
      }),
  };
}

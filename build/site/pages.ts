/**
 * Stage "pages": the view model. Resolves every text of every page in every language
 * (through the language's Translator) into plain data that templates only lay out: the
 * public web pages, and the print pages Chromium turns into PDFs.
 */
import { createHash } from "node:crypto";
import type { Campaign } from "../content/campaign.ts";
import { logoUrl } from "../content/editions.ts";
import { documentLanguages, publicLanguages, urlFolder } from "../content/campaign.ts";
import type { Block, Citation, Contact, Document, Language, Story } from "../content/schemas.ts";
import type { Translations } from "../i18n/locales.ts";
import { intlLocale } from "../i18n/locale.ts";
import { imagePath } from "../images.ts";
import { blockKey } from "../i18n/source-strings.ts";
import type { StatusRow } from "../i18n/status.ts";
import type { Localized, Translator } from "../i18n/translator.ts";
import { FORMATS, type PrintFormatId, type Variant } from "../print/formats.ts";
import {
  draftReasons,
  notices,
  releaseState,
  shownBy,
  TEMPLATE_NAMESPACES,
  type Facts,
  type Finding,
  type Ref,
  type ReleaseBlocker,
} from "../release/state.ts";

export interface LanguageView {
  code: string;
  folder: string;
  endonym: string;
  dir: "ltr" | "rtl";
  numerals: Language["numerals"];
}
interface Link {
  hreflang: string;
  /** Absolute URL (for hreflang) and site path (for links). */
  href: string;
  path: string;
  lang: string;
  dir: "ltr" | "rtl";
  endonym: string;
  /** English name, shown after the endonym in language menus. */
  name: string;
  /** ISO 15924: menus group languages by writing system. */
  script: string;
}
interface CitationView {
  text: string;
  lang: string;
}
export interface ContactView {
  id: string;
  ref: Ref;
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
  ref: Ref;
  url: string;
  canonical: string;
  year?: number;
  title: Localized;
  summary: Localized;
  places: Localized;
  warning?: Localized;
  minorsInvolved: boolean;
  body: Localized[];
  sources: CitationView[];
}
interface ImageView {
  id: string;
  alt: Localized;
  /** Site paths of what pages place: an SVG as it is; a photo's renditions for the web (150 dpi) and print (300 dpi, cut down for the screen PDF). */
  src: Record<"web" | "print", string>;
  /** Its focal point as a CSS object-position ("30% 60%"): a crop keeps it in view. */
  position: string;
  /** The faces it shows (boxes in shares of its size), which no crop may cut. */
  faces: { x: number; y: number; width: number; height: number }[];
}
/** The contacts whose phone numbers a text shows through its placeholders. */
type PhoneRefs = { phones?: { ref: Ref }[] };
export type BlockView =
  | ({ type: "heading" | "paragraph"; id: string; text: Localized } & PhoneRefs)
  | ({ type: "callout"; id: string; tone: "info" | "warning"; title?: Localized; text: Localized } & PhoneRefs)
  | ({ type: "list"; id: string; title?: Localized; ordered: boolean; items: Localized[] } & PhoneRefs)
  | ({ type: "decision"; id: string; question: Localized; yes: Localized; no: Localized } & PhoneRefs)
  | { type: "story"; id: string; story: StoryView }
  | { type: "contacts"; id: string; contacts: ContactView[] }
  | { type: "glossary-term"; id: string; term: Localized; definition: Localized }
  | { type: "image"; id: string; image: ImageView }
  | { type: "qr"; id: string };
interface SectionView {
  id: string;
  page: number;
  title: Localized;
  notes?: Localized;
  blocks: BlockView[];
}
interface DocumentView {
  id: string;
  format: PrintFormatId;
  title: Localized;
  subtitle: Localized;
  illustration?: ImageView;
  sections: SectionView[];
  sources: CitationView[];
  backContacts: ContactView[];
}
interface GlossaryEntryView {
  id: string;
  term: Localized;
  definition: Localized;
  sources: CitationView[];
}
interface Download {
  title: Localized;
  print: { path: string; size: string };
  screen: { path: string; size: string };
  /** The A5 brochure imposed on A4 for office printers (build/print/booklet.ts). */
  booklet?: { path: string; size: string };
}

/** A partner edition's co-branding: the issuer's mark, its partners' logos, its colophon. */
interface BrandView {
  edition: string;
  issuer: { text: string; lang: string }[];
  partners: PartnerView[];
  colophon: Localized;
}
interface PartnerView {
  id: string;
  ref: Ref;
  name: Localized;
  role: Localized;
  /** Site path of the logo. */
  logo: string;
  /** content/editions/<id>.yaml: where a logo's problem is fixed. */
  file: string;
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
  /** A story's illustration, placed by its focal point on the square card. */
  image?: ImageView;
}
export type CardShape = "wide" | "square";
/** Link previews (og:image, 1200×630) and an image to send as it is (WhatsApp, 1080×1080). */
export const CARD_SIZES: Record<CardShape, { width: number; height: number }> = { wide: { width: 1200, height: 630 }, square: { width: 1080, height: 1080 } };

/** A page's share images, once made: absolute URL for og:image, site path for the link. */
interface ShareImages {
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
}
export type WebPage =
  | (PageBase & { kind: "root"; choices: Link[] })
  | (PageBase & { kind: "home"; tagline: Localized; origin: Localized; stories: StoryView[]; downloads: Download[]; brochure?: string })
  | (PageBase & { kind: "document"; document: DocumentView })
  | (PageBase & { kind: "story"; story: StoryView })
  | (PageBase & { kind: "glossary"; entries: GlossaryEntryView[] })
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

/**
 * A page laid out for one document (or story card, poster, handout) in one language: laid out and
 * printed once with its bleed, it gives both PDFs, the print variant and the screen variant cut
 * to its trim (build/pdf/postprocess.ts).
 */
export interface PrintPage {
  kind: "print";
  /** Where the page is served to Chromium: "/_print/ar/leaflet/". */
  url: string;
  lang: LanguageView;
  title: Localized;
  format: PrintFormatId;
  document?: DocumentView;
  story?: StoryView;
  /** The web page with the same text, in the same language: what the QR code opens. */
  webUrl: string;
  /** What this PDF shows that may not be published yet (the release state). */
  release: Finding[];
  /** Why this PDF is a draft (shown as a watermark), in words; empty when it may be released. */
  draftReasons: string[];
  /**
   * The revision of what this PDF shows (its texts, the labels of its language, the campaign's
   * version), stamped on it: unchanged when only other documents or languages change, so an
   * incremental build leaves it as it was.
   */
  revision: string;
  /** Where each variant's PDF goes, under dist/pdf/. */
  out: Record<Variant, string>;
  /** Its name in file names and messages, when it is not its document's id ("session-notes"). */
  name?: string;
  /** Set on every PDF of a partner edition. */
  brand?: BrandView;
  /** A story poster's illustration (the story's image), placed by its focal point. */
  image?: ImageView;
  /** Job name in messages: "ar/leaflet". */
  job: string;
}

export interface SiteModel {
  campaign: { id: string; version: string; revision: string; baseUrl: string; updated: string; edition?: string };
  pages: { [K in WebPage["kind"]]: Extract<WebPage, { kind: K }>[] };
  print: Record<PrintFormatId, PrintPage[]>;
  /** Share cards of every story and document page. */
  cards: ShareCard[];
  /** QR codes (SVG) by the URL they open; filled in by the pipeline. */
  qr: Record<string, string>;
  /** The main menu of each language: label key and path. */
  nav: Record<string, { label: string; path: string }[]>;
  languages: LanguageView[];
}

export function languageView(l: Language): LanguageView {
  return { code: l.code, folder: urlFolder(l.code), endonym: l.endonym, dir: l.dir, numerals: l.numerals };
}

/** PDF files per language: "<folder>/<document>.<variant>.pdf", story cards as "story-<id>"; a brochure's booklet as "brochure.booklet.pdf". */
function pdfPath(lang: LanguageView, name: string, variant: Variant | "booklet"): string {
  return `${lang.folder}/${name}.${variant}.pdf`;
}

/**
 * @param status where each translated text stands, per language: the release state of every page
 * @param resources the translations shown, per language (a PDF's revision covers its language's labels)
 * Download sizes are filled in once the PDFs exist (withDownloadSizes).
 */
export function buildSiteModel(
  c: Campaign,
  translators: Map<string, Translator>,
  status: Translations["status"],
  resources: Translations["resources"] = {},
): SiteModel {
  const base = c.settings.baseUrl;
  const abs = (url: string) => new URL(url.replace(/^\//, ""), base).href;
  // The labels templates place themselves (ui, campaign), in a language and in the source.
  const templateLabels = (lang: string) => TEMPLATE_NAMESPACES.map((ns) => [resources[lang]?.[ns] ?? null, ns === "campaign" ? c.settings.text : c.ui]);
  const facts = (lang: Language): Facts => ({
    status: status[lang.code],
    unverifiedContacts: new Set(c.contacts.filter((x) => !x.verified).map((x) => x.id)),
    unsignedStories: new Set(c.stories.filter((s) => s.signOff.status !== "approved").map((s) => s.id)),
    unconfirmedPartners: new Set(c.edition?.partners.filter((p) => !p.confirmed).map((p) => p.id)),
  });
  const pages: SiteModel["pages"] = { root: [], home: [], document: [], story: [], glossary: [], editors: [] };
  const print = Object.fromEntries(Object.keys(FORMATS).map((f) => [f, []])) as unknown as SiteModel["print"];
  const nav: SiteModel["nav"] = {};
  const cards: ShareCard[] = [];
  // A page's cards: what it is and one line about it, in its language.
  const cardsOf = (lang: LanguageView, rest: string, title: Localized, line: Localized, image?: ImageView) => {
    const out = (shape: CardShape) => `share/${lang.folder}/${rest.replace(/\/$/, "").replace(/\//g, "-")}-${shape}.jpg`;
    cards.push({
      kind: "card",
      url: `/_share/${lang.folder}/${rest}`,
      lang,
      title,
      line,
      webUrl: abs(`/${lang.folder}/${rest}`),
      out: { wide: out("wide"), square: out("square") },
      ...(image ? { image } : {}),
    });
  };

  // A page exists in the languages given; `rest` is its path below the language folder.
  const alternatesOf = (rest: string, langs: Language[] = c.languages): Link[] =>
    langs.map((l) => {
      const path = `/${urlFolder(l.code)}/${rest}`;
      return { hreflang: l.code, href: abs(path), path, lang: l.code, dir: l.dir, endonym: l.endonym, name: l.name, script: l.script };
    });

  for (const lang of c.languages) {
    const tr = translators.get(lang.code)!;
    const view = languageView(lang);
    // Labels that templates place themselves are on every page of the language.
    const templateTexts = [...(status[lang.code]?.keys() ?? [])].filter((id) => TEMPLATE_NAMESPACES.includes(id.split(":")[0]!));
    const stateOf = (shown: unknown) => releaseState(shownBy(shown, lang.code, templateTexts), facts(lang));
    const labels = templateLabels(lang.code);
    const revisionOf = (shown: unknown, release: Finding[]) =>
      shortHash(JSON.stringify([c.settings.version, c.settings.updated, base, lang.code, labels, shown, release]));
    const add = <K extends WebPage["kind"]>(
      kind: K,
      rest: string,
      langs: Language[],
      build: () => Omit<Extract<WebPage, { kind: K }>, keyof PageBase | "kind"> & { title: Localized },
    ) => {
      const data = build();
      const release = stateOf({ data, ...brand });
      const url = `/${view.folder}/${rest}`;
      const sourceHasIt = langs.some((l) => l.code === c.source.code);
      (pages[kind] as WebPage[]).push({
        kind,
        url,
        lang: view,
        canonical: abs(url),
        alternates: alternatesOf(rest, langs),
        xDefault: !rest ? abs("/") : sourceHasIt ? abs(`/${urlFolder(c.source.code)}/${rest}`) : abs(url),
        release,
        ...notices(release),
        ...brand,
        ...data,
      } as unknown as WebPage);
    };
    const images = new Map(Object.keys(c.images).map((id) => [id, imageView(id, tr, c)]));
    /** A story's photo or illustration, where the content gives one. */
    const storyImage = (id: string) => {
      const image = c.stories.find((s) => s.id === id)!.image;
      return image ? images.get(image) : undefined;
    };
    const brand = c.edition ? { brand: brandView(c, tr) } : {};
    const stories = c.stories.map((s) => storyView(s, tr, c, view, abs));
    // A language made for some documents only (German, for professionals) has no story pages,
    // cards or glossary: its pages link only to what exists in it.
    const isPublic = !lang.serves;
    const told = isPublic ? stories : [];
    const docs = c.documents.filter((d) => documentLanguages(c, d).includes(lang));
    nav[lang.code] = [
      { label: "ui:nav.home", path: `/${view.folder}/` },
      ...docs.map((d) => ({ label: `ui:nav.${d.id}`, path: `/${view.folder}/${d.id}/` })),
      ...(isPublic ? [{ label: "ui:nav.glossary", path: `/${view.folder}/glossary/` }] : []),
    ];

    add("home", "", c.languages, () => ({
      title: tr.t("campaign:title"),
      tagline: tr.t("campaign:tagline"),
      origin: tr.t("campaign:origin"),
      stories: told,
      // The home page's call to read the brochure, where the language has it.
      ...(docs.some((d) => d.id === "brochure") ? { brochure: `/${view.folder}/brochure/` } : {}),
      downloads: docs.map((d) => {
        const file = (variant: Variant | "booklet") => {
          const rel = pdfPath(view, d.id, variant);
          return { path: `/pdf/${rel}`, size: fileSize(undefined, lang) };
        };
        return { title: tr.t(`${d.id}:title`), print: file("print"), screen: file("screen"), ...(d.format === "brochure" ? { booklet: file("booklet") } : {}) };
      }),
    }));
    for (const d of docs) {
      add("document", `${d.id}/`, documentLanguages(c, d), () => ({ title: tr.t(`${d.id}:title`), document: documentView(d, tr, c, stories, images) }));
      cardsOf(view, `${d.id}/`, tr.t(`${d.id}:title`), tr.t(`${d.id}:subtitle`));
    }
    for (const s of told) {
      add("story", `stories/${s.id}/`, publicLanguages(c), () => ({ title: s.title, story: s }));
      cardsOf(view, `stories/${s.id}/`, s.title, s.summary, storyImage(s.id));
    }
    if (isPublic)
      add("glossary", "glossary/", publicLanguages(c), () => ({
        title: tr.t("ui:glossary.heading"),
        entries: c.glossary.map((g) => ({
          id: g.id,
          term: tr.t(`glossary:${g.id}.term`),
          definition: tr.t(`glossary:${g.id}.definition`),
          sources: g.sources.map((x) => citationView(x, c)),
        })),
      }));

    // Print pages: what each pair of PDFs shows, and why it is still a draft. What a PDF shows
    // (not its name) decides its release state and revision.
    const addPrint = (format: PrintFormatId, name: string, title: Localized, webUrl: string, shown: Pick<PrintPage, "document" | "story" | "image">) => {
      const release = stateOf({ ...shown, ...brand });
      const revision = revisionOf({ ...shown, ...brand }, release);
      print[format].push({
        kind: "print",
        url: `/_print/${view.folder}/${name}/`,
        lang: view,
        title,
        format,
        webUrl,
        release,
        draftReasons: draftReasons(release, lang, c.source),
        revision,
        out: { print: pdfPath(view, name, "print"), screen: pdfPath(view, name, "screen") },
        job: `${lang.code}/${name}`,
        ...(name !== shown.document?.id ? { name } : {}), // a document's own PDF is named by it
        ...shown,
        ...brand,
      });
    };
    for (const d of docs) {
      const document = documentView(d, tr, c, stories, images);
      addPrint(d.format, d.id, document.title, abs(`/${view.folder}/${d.id}/`), { document });
      // A deck prints its speaker notes as a handout too: the same document, in another format.
      if (FORMATS[d.format].handout) addPrint("handout", `${d.id}-notes`, document.title, abs(`/${view.folder}/${d.id}/`), { document });
    }
    // Each story as an A6 card (story-<id>) and as an A3 poster (poster-<id>) that shows its
    // image, where it has one: the image's alt text is part of what the poster shows.
    for (const story of told) {
      const image = storyImage(story.id);
      addPrint("story-card", `story-${story.id}`, story.title, story.canonical, { story });
      addPrint("story-poster", `poster-${story.id}`, story.title, story.canonical, { story, ...(image ? { image } : {}) });
    }
  }

  // The root page lets a reader choose a language, each offered in its own words; it is in the
  // source language, or in an edition's first language when the edition is not made in it.
  const rootLang = c.languages.includes(c.source) ? c.source : c.languages[0]!;
  pages.root.push({
    kind: "root",
    url: "/",
    lang: languageView(rootLang),
    title: translators.get(rootLang.code)!.t("campaign:title"),
    canonical: abs("/"),
    alternates: alternatesOf(""),
    xDefault: abs("/"),
    release: [],
    fallback: false,
    draft: false,
    choices: alternatesOf(""),
    ...(c.edition ? { brand: brandView(c, translators.get(rootLang.code)!) } : {}),
  });

  return {
    campaign: {
      id: c.settings.id,
      version: c.settings.version,
      revision: c.revision,
      baseUrl: base,
      updated: c.settings.updated,
      ...(c.edition ? { edition: c.edition.id } : {}),
    },
    pages,
    print,
    cards,
    qr: {},
    nav,
    languages: c.languages.map(languageView),
  };
}

/**
 * The release state of every PDF and web page, each under the document it belongs to; PDFs
 * first, so a contact or story is listed under the first document that prints it.
 */
export function modelRelease(model: SiteModel): { document: string; findings: Finding[] }[] {
  const ofPage = (p: WebPage) => (p.kind === "document" ? p.document.id : p.kind === "story" ? "stories" : p.kind);
  return [
    ...Object.values(model.print).flatMap((pages) => pages.map((p) => ({ document: p.document?.id ?? "stories", findings: p.release }))),
    ...Object.values(model.pages).flatMap((pages: WebPage[]) => pages.map((p) => ({ document: ofPage(p), findings: p.release }))),
  ];
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

/** The model with each story and document page's share images, those that were made. */
export function withShareImages(model: SiteModel, made: Set<string>): SiteModel {
  const imagesOf = (page: WebPage): ShareImages | undefined => {
    const card = model.cards.find((c) => c.webUrl === page.canonical && made.has(c.out.wide) && made.has(c.out.square));
    if (!card) return undefined;
    const image = (shape: CardShape) => ({ url: new URL(card.out[shape], model.campaign.baseUrl).href, path: `/${card.out[shape]}`, ...CARD_SIZES[shape] });
    return { wide: image("wide"), square: image("square") };
  };
  const withImages = <P extends WebPage>(pages: P[]) =>
    pages.map((p) => {
      const shareImages = imagesOf(p);
      return shareImages ? { ...p, shareImages } : p;
    });
  return { ...model, pages: { ...model.pages, document: withImages(model.pages.document), story: withImages(model.pages.story) } };
}

/** The model with the download sizes of the PDFs now built (the home pages list them). */
export function withDownloadSizes(model: SiteModel, pdfSizes: Map<string, number>): SiteModel {
  const sized = (file: { path: string; size: string }, lang: LanguageView) => ({
    ...file,
    size: fileSize(pdfSizes.get(file.path.replace(/^\/pdf\//, "")), lang),
  });
  const home = model.pages.home.map((page) => ({
    ...page,
    downloads: page.downloads.map((d) => ({
      ...d,
      print: sized(d.print, page.lang),
      screen: sized(d.screen, page.lang),
      ...(d.booklet ? { booklet: sized(d.booklet, page.lang) } : {}),
    })),
  }));
  return { ...model, pages: { ...model.pages, home } };
}

function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 12);
}

function fileSize(bytes: number | undefined, lang: Pick<Language, "code" | "numerals">): string {
  if (bytes === undefined) return "…";
  const kb = Math.max(1, Math.round(bytes / 1024));
  return kb < 1024
    ? new Intl.NumberFormat(intlLocale(lang), { style: "unit", unit: "kilobyte", maximumFractionDigits: 0 }).format(kb)
    : new Intl.NumberFormat(intlLocale(lang), { style: "unit", unit: "megabyte", maximumFractionDigits: 1 }).format(kb / 1024);
}

function documentView(d: Document, tr: Translator, c: Campaign, stories: StoryView[], images: Map<string, ImageView>): DocumentView {
  return {
    id: d.id,
    format: d.format,
    title: tr.t(`${d.id}:title`),
    subtitle: tr.t(`${d.id}:subtitle`),
    ...(d.illustration ? { illustration: images.get(d.illustration)! } : {}),
    sections: d.sections.map((s) => ({
      id: s.id,
      page: s.page ?? 1,
      title: tr.t(`${d.id}:sections.${s.id}.title`),
      ...(s.notes ? { notes: tr.t(`${d.id}:sections.${s.id}.notes`) } : {}),
      blocks: s.blocks.map((b) => blockView(d.id, s.id, b, tr, c, stories, images)),
    })),
    sources: (d.sources ?? []).map((x) => citationView(x, c)),
    backContacts: (d.backPageContacts ?? []).map((id) => contactView(c.contacts.find((x) => x.id === id)!, tr)),
  };
}

function blockView(doc: string, section: string, b: Block, tr: Translator, c: Campaign, stories: StoryView[], images: Map<string, ImageView>): BlockView {
  const key = (field: string) => blockKey(doc, section, b.id, field);
  const phoneIds = Object.entries("phones" in b ? (b.phones ?? {}) : {});
  const vars = Object.fromEntries(phoneIds.map(([name, id]) => [name, c.contacts.find((x) => x.id === id)!.phone!]));
  const phones = phoneIds.length ? { phones: phoneIds.map(([, id]) => ({ ref: { type: "contact" as const, id } })) } : {};
  switch (b.type) {
    case "heading":
      return { type: b.type, id: b.id, text: tr.t(key("text")) };
    case "paragraph":
      return { type: b.type, id: b.id, text: tr.t(key("text"), vars), ...phones };
    case "callout":
      return { type: b.type, id: b.id, tone: b.tone, text: tr.t(key("text"), vars), ...(b.title ? { title: tr.t(key("title"), vars) } : {}), ...phones };
    case "list":
      return {
        type: b.type,
        id: b.id,
        ordered: b.ordered,
        items: b.items.map((i) => tr.t(key(`items.${i.id}`), vars)),
        ...(b.title ? { title: tr.t(key("title"), vars) } : {}),
        ...phones,
      };
    case "decision":
      return { type: b.type, id: b.id, question: tr.t(key("question"), vars), yes: tr.t(key("yes"), vars), no: tr.t(key("no"), vars), ...phones };
    case "story":
      return { type: b.type, id: b.id, story: stories.find((s) => s.id === b.story)! };
    case "contacts":
      return { type: b.type, id: b.id, contacts: b.contacts.map((id) => contactView(c.contacts.find((x) => x.id === id)!, tr)) };
    case "glossary-term":
      return { type: b.type, id: b.id, term: tr.t(`glossary:${b.term}.term`), definition: tr.t(`glossary:${b.term}.definition`) };
    case "image":
      return { type: b.type, id: b.id, image: images.get(b.image)! };
    case "qr":
      return { type: b.type, id: b.id };
  }
}

function brandView(c: Campaign, tr: Translator): BrandView {
  const e = c.edition!;
  return {
    edition: e.id,
    issuer: c.settings.issuer.mark,
    partners: e.partners.map((p) => ({
      id: p.id,
      ref: { type: "partner", id: p.id },
      name: tr.t(`edition:partners.${p.id}.name`),
      role: tr.t(`edition:partners.${p.id}.role`),
      logo: logoUrl(e.id, p.logo),
      file: e.file,
    })),
    colophon: tr.t("edition:colophon"),
  };
}

function imageView(id: string, tr: Translator, c: Campaign): ImageView {
  const { focal, people, src } = c.images[id]!;
  return {
    id,
    alt: tr.t(`images:${id}.alt`),
    src: { web: imagePath(id, src, "web"), print: imagePath(id, src, "print") },
    position: `${Math.round(focal.x * 100)}% ${Math.round(focal.y * 100)}%`,
    faces: people === "none" ? [] : people.faces,
  };
}

function storyView(s: Story, tr: Translator, c: Campaign, lang: LanguageView, abs: (url: string) => string): StoryView {
  const topics = s.sensitivity.map((tag) => tr.t(`ui:sensitivity.${tag}`));
  const url = `/${lang.folder}/stories/${s.id}/`;
  return {
    id: s.id,
    ref: { type: "story", id: s.id },
    url,
    canonical: abs(url),
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
    ref: { type: "contact", id: x.id },
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

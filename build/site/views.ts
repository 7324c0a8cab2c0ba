/**
 * The views of what pages show, in one language: a document, its sections and blocks, a story, a
 * contact, an image, a citation, a partner edition's brand. Every text is resolved through the
 * language's Translator; templates only lay the views out. Web pages (web-pages.ts) and print
 * pages (print-pages.ts) are made of them.
 */
import { createHash } from "node:crypto";
import { urlFolder, type Campaign } from "../content/campaign.ts";
import { logoUrl } from "../content/editions.ts";
import type { Block, Citation, Contact, Document, Language, Story } from "../content/schemas.ts";
import { intlLocale } from "../i18n/locale.ts";
import { blockKey } from "../i18n/source-strings.ts";
import type { Localized, Translator } from "../i18n/translator.ts";
import { imagePath } from "../images.ts";
import type { PrintFormatId, Variant } from "../print/formats.ts";
import type { Finding, Ref } from "../release/state.ts";

export interface LanguageView {
  code: string;
  folder: string;
  endonym: string;
  dir: "ltr" | "rtl";
  numerals: Language["numerals"];
}
export interface Link {
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
export interface CitationView {
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
  /** A partner edition's own contact (content/editions/<id>.yaml contacts.local). */
  local?: true;
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
/**
 * The help strip every piece carries: the emergency number, and where to ask before paying
 * anyone. From the contacts' data, never typed into a template: the first emergency contact
 * with a phone; the contacts that answer questions before a journey (a hotline, a partner's
 * contact point) with a phone or address, else the campaign's pages in the language, which list
 * where to find help. Each contact keeps its ref, so an unverified one makes the page a draft,
 * as everywhere in the kit, and the strip says it is unverified.
 */
export interface HelpLineView {
  emergency?: { phone: string; ref: Ref };
  ask: { name: Localized; phone?: string; url?: string; ref: Ref }[];
  /** The campaign's pages in the language, when no contact to ask is known (shown without its last "/": a line that wraps after it reads on). */
  askUrl?: string;
  /** "Not yet checked against an official source.", when a contact it shows is. */
  status?: Localized;
}
export interface ImageView {
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
  | { type: "story"; id: string; story: StoryView; image?: ImageView }
  | { type: "contacts"; id: string; contacts: ContactView[] }
  | { type: "glossary-term"; id: string; term: Localized; definition: Localized }
  | { type: "image"; id: string; image: ImageView }
  | { type: "qr" | "help"; id: string }
  | { type: "routes"; id: string; title?: Localized; routes: RouteView[]; ask: Localized; contacts: ContactView[] };
/** A safer route: its pictogram, its line, and what it takes where the document says. */
interface RouteView {
  id: string;
  pictogram: string;
  line: Localized;
  text?: Localized;
}
interface SectionView {
  id: string;
  page: number;
  title: Localized;
  notes?: Localized;
  blocks: BlockView[];
}
export interface DocumentView {
  id: string;
  format: PrintFormatId;
  title: Localized;
  subtitle: Localized;
  illustration?: ImageView;
  sections: SectionView[];
  sources: CitationView[];
  backContacts: ContactView[];
}
export interface GlossaryEntryView {
  id: string;
  term: Localized;
  definition: Localized;
  sources: CitationView[];
}

/** A partner edition's co-branding: the issuer's mark, its partners' logos, its colophon. */
export interface BrandView {
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
  /** No partner has agreed yet: an empty slot labelled with its name, never the stand-in logo (and release is refused). */
  placeholder?: true;
}

/** A site path as the absolute URL it is published at. */
export function absolute(c: Campaign, url: string): string {
  return new URL(url.replace(/^\//, ""), c.settings.baseUrl).href;
}

export type CardShape = "wide" | "square";
/** Share cards: link previews (og:image, 1200×630) and an image to send as it is (WhatsApp, 1080×1080). */
export const CARD_SIZES: Record<CardShape, { width: number; height: number }> = { wide: { width: 1200, height: 630 }, square: { width: 1080, height: 1080 } };

export function languageView(l: Language): LanguageView {
  return { code: l.code, folder: urlFolder(l.code), endonym: l.endonym, dir: l.dir, numerals: l.numerals };
}

/** PDF files per language: "<folder>/<document>.<variant>.pdf", story cards as "story-<id>"; a brochure's booklet as "brochure.booklet.pdf". */
export function pdfPath(lang: LanguageView, name: string, variant: Variant | "booklet"): string {
  return `${lang.folder}/${name}.${variant}.pdf`;
}

export function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 12);
}

export function fileSize(bytes: number | undefined, lang: Pick<Language, "code" | "numerals">): string {
  if (bytes === undefined) return "…";
  const kb = Math.max(1, Math.round(bytes / 1024));
  return kb < 1024
    ? new Intl.NumberFormat(intlLocale(lang), { style: "unit", unit: "kilobyte", maximumFractionDigits: 0 }).format(kb)
    : new Intl.NumberFormat(intlLocale(lang), { style: "unit", unit: "megabyte", maximumFractionDigits: 1 }).format(kb / 1024);
}

export function documentView(d: Document, tr: Translator, c: Campaign, stories: StoryView[], images: Map<string, ImageView>): DocumentView {
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
    backContacts: (d.backPageContacts ?? []).map((id) => contactView(c.contacts.find((x) => x.id === id)!, tr, c)),
  };
}

function blockView(doc: string, section: string, b: Block, tr: Translator, c: Campaign, stories: StoryView[], images: Map<string, ImageView>): BlockView {
  const key = (field: string) => blockKey(doc, section, b.id, field);
  const phoneIds = Object.entries("phones" in b ? (b.phones ?? {}) : {});
  const vars = Object.fromEntries(phoneIds.map(([name, id]) => [name, c.contacts.find((x) => x.id === id)!.phone!]));
  const phones = phoneIds.length ? { phones: phoneIds.map(([, id]) => ({ ref: { type: "contact" as const, id } })) } : {};
  const contactsOf = (ids: string[]) => ids.map((id) => contactView(c.contacts.find((x) => x.id === id)!, tr, c));
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
    case "story": {
      const image = storyImage(c, images, b.story);
      return { type: b.type, id: b.id, story: stories.find((s) => s.id === b.story)!, ...(image ? { image } : {}) };
    }
    case "contacts":
      return { type: b.type, id: b.id, contacts: contactsOf(b.contacts) };
    case "glossary-term":
      return { type: b.type, id: b.id, term: tr.t(`glossary:${b.term}.term`), definition: tr.t(`glossary:${b.term}.definition`) };
    case "image":
      return { type: b.type, id: b.id, image: images.get(b.image)! };
    case "qr":
    case "help":
      return { type: b.type, id: b.id };
    case "routes":
      return {
        type: b.type,
        id: b.id,
        ...(b.title ? { title: tr.t(key("title")) } : {}),
        routes: b.items.map((i) => ({
          id: i.id,
          pictogram: i.pictogram,
          line: tr.t(key(`lines.${i.id}`)),
          ...(i.text ? { text: tr.t(key(`items.${i.id}`)) } : {}),
        })),
        ask: tr.t(key("ask")),
        contacts: contactsOf(b.contacts),
      };
  }
}

export function brandView(c: Campaign, tr: Translator): BrandView {
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
      ...(p.placeholder ? { placeholder: true as const } : {}),
    })),
    colophon: tr.t("edition:colophon"),
  };
}

/** A story's illustration, where it has one, from the language's image views. */
export function storyImage(c: Campaign, images: Map<string, ImageView>, story: string): ImageView | undefined {
  const id = c.stories.find((s) => s.id === story)!.image;
  return id ? images.get(id) : undefined;
}

export function imageView(id: string, tr: Translator, c: Campaign): ImageView {
  const { focal, people, src } = c.images[id]!;
  return {
    id,
    alt: tr.t(`images:${id}.alt`),
    src: { web: imagePath(id, src, "web"), print: imagePath(id, src, "print") },
    position: `${Math.round(focal.x * 100)}% ${Math.round(focal.y * 100)}%`,
    faces: people === "none" ? [] : people.faces,
  };
}

export function storyView(s: Story, tr: Translator, c: Campaign, lang: LanguageView, abs: (url: string) => string): StoryView {
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

/** Contact types that answer questions before a journey: where to ask before paying. */
const ASK_TYPES: Contact["type"][] = ["hotline", "partner"];

export function helpLine(c: Campaign, tr: Translator, homeUrl: string): HelpLineView {
  const emergency = c.contacts.find((x) => x.type === "emergency" && x.phone);
  const ask = c.contacts.filter((x) => ASK_TYPES.includes(x.type) && (x.phone || x.url));
  const shown = [...(emergency ? [emergency] : []), ...ask];
  return {
    ...(emergency ? { emergency: { phone: emergency.phone!, ref: { type: "contact", id: emergency.id } } } : {}),
    ask: ask.map((x) => ({
      name: tr.t(`contacts:${x.id}.name`),
      ...(x.phone ? { phone: x.phone } : {}),
      ...(x.url ? { url: x.url } : {}),
      ref: { type: "contact", id: x.id },
    })),
    ...(ask.length ? {} : { askUrl: homeUrl.replace(/\/$/, "") }),
    ...(shown.some((x) => !x.verified) ? { status: tr.t("ui:contact.unverified") } : {}),
  };
}

function contactView(x: Contact, tr: Translator, c: Campaign): ContactView {
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
    ...(c.edition?.localContacts.has(x.id) ? { local: true as const } : {}),
  };
}

export function citationView(x: Citation, c: Campaign): CitationView {
  const src = c.sources[x.source]!;
  return { text: x.locator ? `${src.title}, ${x.locator}` : src.title, lang: src.lang };
}

/** What every page of one language is made from, resolved once for its web and print pages. */
export interface LanguageContext {
  c: Campaign;
  lang: Language;
  view: LanguageView;
  tr: Translator;
  /** The documents made in the language, and each one's view. */
  docs: Document[];
  documents: Map<string, DocumentView>;
  /** Its stories; none in a language made for some documents only (German, for professionals). */
  told: StoryView[];
  storyImage: (story: string) => ImageView | undefined;
  /** The help strip of the language's pieces (cards, posters, leaflet, deck, share images). */
  help: HelpLineView;
  brand: { brand?: BrandView };
  /** The labels templates place themselves (ui, campaign), in the language and in the source: part of every page's revision. */
  templateLabels: unknown;
  /** What a page showing this may not publish yet. */
  stateOf: (shown: unknown) => Finding[];
}

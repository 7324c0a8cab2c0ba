/**
 * Stage "pages": the view model. Resolves every text of every page in every language (through
 * the language's Translator) into plain data that templates only lay out: the public web pages
 * (web-pages.ts) and the print pages Chromium turns into PDFs (print-pages.ts), both made of the
 * same views of each language's documents and stories (views.ts), made once.
 */
import { documentLanguages } from "../content/campaign.ts";
import type { Campaign } from "../content/model.ts";
import type { Language } from "../content/schemas.ts";
import type { Translations } from "../i18n/locales.ts";
import type { Translator } from "../i18n/translator.ts";
import { FORMATS, type PrintFormatId } from "../print/formats.ts";
import { releaseState, shownBy, TEMPLATE_NAMESPACES, type Facts, type Finding } from "../release/state.ts";
import { printPagesOf, type PrintPage } from "./print-pages.ts";
import {
  absolute,
  brandView,
  CARD_SIZES,
  documentView,
  fileSize,
  helpLine,
  imageView,
  languageView,
  storyImage,
  storyView,
  type CardShape,
  type LanguageContext,
  type LanguageView,
} from "./views.ts";
import { withFiles, type FileFacts } from "./materials.ts";
import { rootPage, webPagesOf, type ShareCard, type ShareImages, type WebPage } from "./web-pages.ts";

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
  /** Every page, web pages too, marks each text it shows (data-text): set when rendered for `waymark context`. */
  textMarks?: boolean;
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
  const model: SiteModel = {
    campaign: {
      id: c.settings.id,
      version: c.settings.version,
      revision: c.revision,
      baseUrl: c.settings.baseUrl,
      updated: c.settings.updated,
      ...(c.edition ? { edition: c.edition.id } : {}),
    },
    pages: { root: [], home: [], document: [], story: [], glossary: [], materials: [], editors: [] },
    print: Object.fromEntries(Object.keys(FORMATS).map((f) => [f, []])) as unknown as Record<PrintFormatId, PrintPage[]>,
    cards: [],
    qr: {},
    nav: {},
    languages: c.languages.map(languageView),
  };
  const facts = (lang: Language): Facts => ({
    status: status[lang.code],
    unverifiedContacts: new Set(c.contacts.filter((x) => !x.verified).map((x) => x.id)),
    unsignedStories: new Set(c.stories.filter((s) => s.signOff.status !== "approved").map((s) => s.id)),
    unrecordedConsent: new Set(c.stories.filter((s) => s.consent.basis === "informed-consent" && !(s.consent.by && s.consent.record)).map((s) => s.id)),
    unconfirmedPartners: new Set(c.edition?.partners.filter((p) => !p.confirmed).map((p) => p.id)),
  });
  for (const lang of c.languages) {
    const tr = translators.get(lang.code)!;
    const view = languageView(lang);
    // Labels that templates place themselves are on every page of the language.
    const templateTexts = [...(status[lang.code]?.keys() ?? [])].filter((id) => TEMPLATE_NAMESPACES.includes(id.split(":")[0]!));
    const images = new Map(Object.keys(c.images).map((id) => [id, imageView(id, tr, c)]));
    const stories = c.stories.map((s) => storyView(s, tr, c, view, (url) => absolute(c, url)));
    const docs = c.documents.filter((d) => documentLanguages(c, d).includes(lang));
    const x: LanguageContext = {
      c,
      lang,
      view,
      tr,
      docs,
      documents: new Map(docs.map((d) => [d.id, documentView(d, tr, c, stories, images)])),
      told: lang.serves ? [] : stories,
      storyImage: (id) => storyImage(c, images, id),
      help: helpLine(c, tr, absolute(c, `/${view.folder}/`)),
      brand: c.edition ? { brand: brandView(c, tr) } : {},
      templateLabels: TEMPLATE_NAMESPACES.map((ns) => [resources[lang.code]?.[ns] ?? null, ns === "campaign" ? c.settings.text : c.ui]),
      stateOf: (shown) => releaseState(shownBy(shown, lang.code, templateTexts), facts(lang)),
    };
    const print = printPagesOf(x);
    const web = webPagesOf(x, print);
    for (const page of web.pages) (model.pages[page.kind] as WebPage[]).push(page);
    model.nav[lang.code] = web.nav;
    model.cards.push(...web.cards);
    for (const page of print) model.print[page.format].push(page);
  }
  model.pages.root.push(rootPage(c, translators));
  return model;
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

/**
 * The model with each materials page's files as they were made: sizes, page counts and previews,
 * and any file the model did not foresee (a PDF/X file) where it belongs; a file not made is left out.
 */
export function withMaterials(
  model: SiteModel,
  translators: Map<string, Translator>,
  files: Map<string, FileFacts>,
  previews: Map<string, { src: string; width: number; height: number }>,
): SiteModel {
  const materials = model.pages.materials.map((page) => {
    const print = Object.values(model.print)
      .flat()
      .filter((p) => p.lang.code === page.lang.code);
    // The main page links the pages of the groups listed on their own (a file not foreseen, PDF/X, on the print shop's).
    const shows = page.groups.map((g) => g.id).filter((id) => !page.subpages?.[id]);
    return { ...page, groups: withFiles(page.groups, translators.get(page.lang.code)!, page.lang, print, files, previews, shows) };
  });
  return { ...model, pages: { ...model.pages, materials } };
}

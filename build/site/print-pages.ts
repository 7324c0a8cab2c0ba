/**
 * The print pages of a language: each document (a deck's speaker notes too), and each story as
 * an A6 card and an A3 poster. A page is laid out once and gives both PDFs; what it shows (not
 * its name) decides its release state and its revision, stamped on it.
 */
import { FORMATS, type PrintFormatId, type Variant } from "../print/formats.ts";
import { draftReasons, type Finding } from "../release/state.ts";
import type { Localized } from "../i18n/translator.ts";
import {
  absolute,
  pdfPath,
  shortHash,
  type BrandView,
  type DocumentView,
  type HelpLineView,
  type ImageView,
  type LanguageView,
  type LanguageContext,
  type StoryView,
} from "./views.ts";

/** The pieces whose templates carry the help strip; a document places it with a help block (the leaflet, the poster). */
const HELP_FORMATS: PrintFormatId[] = ["story-card", "story-poster", "session"];
const placesHelp = (d: DocumentView | undefined) => Boolean(d?.sections.some((s) => s.blocks.some((b) => b.type === "help")));

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
  /** The help strip, on the pieces that carry one (HELP_FORMATS). */
  help?: HelpLineView;
  /** Job name in messages: "ar/leaflet". */
  job: string;
}

/** The print pages of one language. */
export function printPagesOf(x: LanguageContext): PrintPage[] {
  const { c, lang, view, docs, told, brand } = x;
  const pages: PrintPage[] = [];
  const add = (format: PrintFormatId, name: string, title: Localized, webUrl: string, own: Pick<PrintPage, "document" | "story" | "image">) => {
    const shown: Pick<PrintPage, "document" | "story" | "image" | "help"> = {
      ...own,
      ...(HELP_FORMATS.includes(format) || placesHelp(own.document) ? { help: x.help } : {}),
    };
    const release = x.stateOf({ ...shown, ...brand });
    const revision = shortHash(
      JSON.stringify([c.settings.version, c.settings.updated, c.settings.baseUrl, lang.code, x.templateLabels, { ...shown, ...brand }, release]),
    );
    pages.push({
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
    const document = x.documents.get(d.id)!;
    const webUrl = absolute(c, `/${view.folder}/${d.id}/`);
    add(d.format, d.id, document.title, webUrl, { document });
    // A deck prints its speaker notes as a handout too: the same document, in another format.
    if (FORMATS[d.format].handout) add("handout", `${d.id}-notes`, document.title, webUrl, { document });
  }
  // Each story as an A6 card (story-<id>) and as an A3 poster (poster-<id>), both showing its
  // image: the image's alt text is part of what they show.
  for (const story of told) {
    const image = x.storyImage(story.id);
    add("story-card", `story-${story.id}`, story.title, story.canonical, { story, ...(image ? { image } : {}) });
    add("story-poster", `poster-${story.id}`, story.title, story.canonical, { story, ...(image ? { image } : {}) });
  }
  return pages;
}

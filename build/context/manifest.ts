/**
 * dist/context/<lang>/manifest.json: every screenshot of every text of a language, where it was
 * taken (web page at a phone's width, or a print page), in that language and in the source
 * language, with the element's kind, type size and box; and the count that says whether every
 * text shown somewhere has a screenshot.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Campaign } from "../content/campaign.ts";
import { urlFolder } from "../content/campaign.ts";
import { editionOutDir } from "../content/editions.ts";
import { fileOfText } from "../i18n/source-strings.ts";
import { FORMATS } from "../print/formats.ts";
import type { ContextPage } from "./lay-out.ts";
import { PHONE, type PageShots } from "./page-shots.ts";

export const MANIFEST = "manifest.json";

export interface Shot {
  /** "ns:key". */
  key: string;
  /** Where the target language's translation of it is written: "locales/ti/brochure.json". */
  file: string;
  /** The page's language: the target language, or the source language for comparison. */
  lang: string;
  /** The language the text is shown in there: the source language where the page falls back. */
  shownIn: string;
  medium: "web" | "print";
  /** "brochure", "story-zeebrugge-2000", "home", "glossary". */
  document: string;
  /** The page of the PDF it is on (counting the blank pages a booklet is padded with); 1 on the web. */
  page: number;
  pages: number;
  /** The web page ("/ti/brochure/"), or the print page laid out ("/_print/ti/brochure/"). */
  url: string;
  /** The PDF under dist/pdf/ that prints it ("ti/brochure.screen.pdf"). */
  pdf?: string;
  /** "h2", "p.contact-phone", "img". */
  element: string;
  /** "heading", "list item", "text in a paragraph". */
  kind: string;
  /** The block it is in ("help/emergency"), as the print checks name blocks. */
  block: string;
  fontSize: { value: number; unit: "pt" | "px" };
  /** Millimetres from the top left of the trim (print), CSS pixels from the top of the page at the phone's width (web). */
  box: { x: number; y: number; width: number; height: number; unit: "mm" | "px" };
  lines: number;
  /** How many times the page shows it; the image outlines the first. */
  occurrences: number;
  /** On a web page: part of every page (the site's header or footer, a notice), shot on the first page that shows it. */
  frame?: string;
  /** The image, relative to the manifest's folder. */
  image: string;
}

export interface ContextManifest {
  lang: string;
  source: string;
  edition: string;
  /** The campaign's revision the pages were made from. */
  revision: string;
  phoneWidth: number;
  shots: Shot[];
  keys: {
    /** Texts the language's own pages show somewhere (web or print). */
    shown: number;
    /** Of those, texts with a screenshot in the language: equal to `shown` unless something is listed below. */
    withScreenshot: number;
    /** Shown but with no screenshot in the language (never expected; listed rather than dropped). */
    withoutScreenshot: string[];
    /** Marked on a page but not drawn there (hidden by the layout), and shown nowhere else. */
    hidden: { key: string; document: string }[];
    /** Texts the language has that no page shows (plural forms the language uses elsewhere, texts of documents it is not made in). */
    notShown: string[];
  };
}

/** Where a language's context goes: dist/context/<lang>/ (an edition's under dist/editions/<id>/). */
export function contextDir(root: string, lang: string, edition?: string): string {
  return path.join(editionOutDir(root, edition), "context", urlFolder(lang));
}

export async function readManifest(dir: string): Promise<ContextManifest | undefined> {
  try {
    return JSON.parse(await readFile(path.join(dir, MANIFEST), "utf8")) as ContextManifest;
  } catch {
    return undefined;
  }
}

/** The page number a PDF shows: a booklet padded with blank pages before its back cover moves the back cover. */
function printedPage(page: number, count: number, format: ContextPage["format"]): { page: number; pages: number } {
  const f = format ? FORMATS[format] : undefined;
  const multiple = f?.pages.multipleOf;
  if (!multiple) return { page, pages: count };
  const pages = Math.ceil(count / multiple) * multiple;
  return { page: f.padBeforeLastPage && page === count ? pages : page, pages };
}

/**
 * The manifest and its images (by path relative to the manifest's folder), from the shots of
 * every page, the language's first.
 * @param expected every text the language has ("ns:key")
 */
export function assembleManifest(
  c: Campaign,
  lang: string,
  shot: { page: ContextPage; shots: PageShots }[],
  expected: string[],
): { manifest: ContextManifest; images: Map<string, Buffer> } {
  const images = new Map<string, Buffer>();
  const shots: Shot[] = [];
  const framed = new Set<string>();
  const ordered = [...shot].sort((a, b) => Number(b.page.lang === lang) - Number(a.page.lang === lang));
  for (const { page, shots: s } of ordered) {
    const folder = `images/${urlFolder(page.lang)}/${page.medium}/${page.document}`;
    for (const p of s.places) {
      // The site's header and footer are the same on every page: shot once, on the first page that shows the text.
      if (p.frame) {
        if (framed.has(`${page.lang} ${p.id}`)) continue;
        framed.add(`${page.lang} ${p.id}`);
      }
      const image = `${folder}/${p.shot}`;
      images.set(image, s.images.get(p.shot)!);
      const print = page.medium === "print";
      shots.push({
        key: p.id,
        file: fileOfText(c, lang, p.id),
        lang: page.lang,
        shownIn: p.shownIn,
        medium: page.medium,
        document: page.document,
        ...(print ? printedPage(p.page, s.pageCount, page.format) : { page: 1, pages: 1 }),
        url: page.url,
        ...(print ? { pdf: `${urlFolder(page.lang)}/${page.document}.screen.pdf` } : {}),
        element: p.element,
        kind: p.kind,
        block: p.block,
        fontSize: { value: p.fontSize, unit: print ? "pt" : "px" },
        box: { ...p.box, unit: print ? "mm" : "px" },
        lines: p.lines,
        occurrences: p.occurrences,
        ...(p.frame ? { frame: p.frame } : {}),
        image,
      });
    }
  }
  const own = shot.filter((s) => s.page.lang === lang);
  const shown = new Set(own.flatMap((s) => s.shots.places.map((p) => p.id)));
  const withShot = new Set(shots.filter((s) => s.lang === lang).map((s) => s.key));
  const hidden = own.flatMap((s) => s.shots.unplaced.filter((id) => !shown.has(id)).map((key) => ({ key, document: s.page.document })));
  const hiddenKeys = new Set(hidden.map((h) => h.key));
  const manifest: ContextManifest = {
    lang,
    source: c.source.code,
    edition: c.edition?.id ?? "main",
    revision: c.revision,
    phoneWidth: PHONE.width,
    shots,
    keys: {
      shown: shown.size,
      withScreenshot: [...shown].filter((k) => withShot.has(k)).length,
      withoutScreenshot: [...shown].filter((k) => !withShot.has(k)).sort(),
      hidden: [...new Map(hidden.map((h) => [h.key, h])).values()],
      notShown: expected.filter((k) => !shown.has(k) && !hiddenKeys.has(k)).sort(),
    },
  };
  return { manifest, images };
}

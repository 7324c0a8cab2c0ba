/**
 * Stage "lay out for context": the pages of one language and of the source language, as a
 * reader sees them, with every text marked (data-text="lang|ns:key", web pages too): print
 * pages into one served folder, web pages into another (each gets its own assets and fonts,
 * as in a build). Only these two languages are rendered.
 */
import path from "node:path";
import type { LoadedSite } from "../load.ts";
import { layOutPrintPages } from "../print/lay-out.ts";
import { printName } from "../print/jobs.ts";
import { writeAssets } from "../site/assets.ts";
import type { SiteModel } from "../site/pages.ts";
import { renderWebSite } from "../site/web.ts";
import type { WebPage } from "../site/web-pages.ts";
import type { PrintFormatId } from "../print/formats.ts";

/** A page the context is taken from: where it is served, and what it is. */
export interface ContextPage {
  medium: "web" | "print";
  lang: string;
  /** The document it shows ("brochure", "story-zeebrugge-2000", "home", "glossary"). */
  document: string;
  /** Its HTML file, relative to its served folder ("_print/ti/brochure/index.html", "ti/index.html"). */
  rel: string;
  /** Its path on the site ("/ti/brochure/"), for people. */
  url: string;
  format?: PrintFormatId;
}

export interface LaidOut {
  printDir: string;
  webDir: string;
  pages: ContextPage[];
}

/** Web pages a reader of a language opens (not the root chooser, not the editors' page). */
const READER_PAGES: WebPage["kind"][] = ["home", "document", "story", "glossary"];

/** The model with only the pages of the given languages, every text marked. */
function contextModel(model: SiteModel, langs: string[]): SiteModel {
  const ours = <P extends { lang: { code: string } }>(pages: P[]) => pages.filter((p) => langs.includes(p.lang.code));
  const pages = Object.fromEntries(
    Object.entries(model.pages).map(([kind, list]) => [kind, READER_PAGES.includes(kind as WebPage["kind"]) ? ours(list as WebPage[]) : []]),
  ) as unknown as SiteModel["pages"];
  const print = Object.fromEntries(Object.entries(model.print).map(([format, list]) => [format, ours(list)])) as SiteModel["print"];
  return { ...model, pages, print, cards: [], textMarks: true };
}

function webDocument(page: WebPage): string {
  if (page.kind === "document") return page.document.id;
  if (page.kind === "story") return `story-${page.story.id}`;
  return page.kind;
}

/**
 * Lays out the pages of `lang` and of the source language into workDir/print and workDir/web.
 * @param caches the build's image renditions and cut fonts (reused: named by what they hold)
 */
export async function layOutForContext(
  loaded: LoadedSite,
  lang: string,
  workDir: string,
  caches: { images?: string | undefined; fonts: string },
): Promise<LaidOut> {
  const c = loaded.campaign;
  const langs = [...new Set([lang, c.source.code])];
  const model = contextModel(loaded.model, langs);
  const marked = { ...loaded, model };
  const printDir = path.join(workDir, "print");
  const webDir = path.join(workDir, "web");
  await writeAssets(c, printDir, { imageCache: caches.images });
  await layOutPrintPages(marked, printDir, caches.fonts);
  await renderWebSite(marked, model, webDir, caches);
  const pages: ContextPage[] = [];
  for (const list of Object.values(model.print))
    for (const p of list)
      pages.push({ medium: "print", lang: p.lang.code, document: printName(p), rel: `${p.url.slice(1)}index.html`, url: p.url, format: p.format });
  for (const list of Object.values(model.pages) as WebPage[][])
    for (const p of list) pages.push({ medium: "web", lang: p.lang.code, document: webDocument(p), rel: `${p.url.slice(1)}index.html`, url: p.url });
  return { printDir, webDir, pages };
}

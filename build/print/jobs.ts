/**
 * The print jobs for a set of print pages: what to print, how to fit and check the laid-out
 * page, and how to make its two PDFs from the one Chromium prints.
 */
import path from "node:path";
import type { Page } from "puppeteer-core";
import type { Campaign } from "../content/campaign.ts";
import type { LoadedSite } from "../load.ts";
import { readPageText, type PageText } from "../checks/page-text.ts";
import { fileOfText } from "../i18n/source-strings.ts";
import { PRINT_DPI } from "../images.ts";
import type { Finished } from "../pdf/finish-task.ts";
import type { FinishOptions } from "../pdf/postprocess.ts";
import type { PrintJob } from "../pdf/printer.ts";
import type { PrintPage } from "../site/print-pages.ts";
import { fillContentsPages } from "./contents.ts";
import { FORMATS } from "./formats.ts";
import { inspectPrintPage } from "./inspect-page.ts";
import { fitAndMeasurePoster, posterFindings, type PosterFacts } from "./legibility.ts";
import { typeSizeProblems } from "./type-sizes.ts";
import type { Outline } from "./watermark.ts";

/** The name of a print page's PDFs and in messages: its document, or "story-<id>", "poster-<id>", "session-notes". */
export function printName(page: PrintPage): string {
  return page.name ?? page.document?.id ?? `story-${page.story!.id}`;
}

/** The file where a print page's title is written, in its language (what a message about the page names). */
export function titleFile(c: Campaign, page: PrintPage): string {
  return fileOfText(c, page.lang.code, page.document ? `${page.document.id}:title` : `stories:${page.story!.id}`);
}

/**
 * @param finish makes a page's two PDFs (finishPdf, on a worker thread in the build)
 */
export function printJobs(
  loaded: LoadedSite,
  pages: PrintPage[],
  pdfDir: string,
  watermark: Outline,
  finish: (pdf: Uint8Array, opts: FinishOptions) => Promise<Finished>,
): PrintJob[] {
  const c = loaded.campaign;
  const source = loaded.translators.get(c.source.code)!;
  // How long a page's texts are, here and in the source: an overflow within the room translators have is the script's height.
  const lengthsOf = (lang: string) => (texts: string[]) => {
    const tr = loaded.translators.get(lang);
    let [translated, sourceLength] = [0, 0];
    for (const t of texts) {
      const [textLang, id] = t.split("|") as [string, string];
      if (textLang !== lang || !tr) continue;
      translated += tr.t(id).text.length;
      sourceLength += source.t(id).text.length;
    }
    return { translated, source: sourceLength };
  };
  return pages.map((page) => {
    const lang = c.languages.find((l) => l.code === page.lang.code)!;
    const format = FORMATS[page.format];
    const name = printName(page);
    const file = titleFile(c, page);
    // Bookmarks help on a phone: printed for a flowing document, kept in its screen PDF only.
    const outline = format.layout === "flow";
    // A poster's headline is fitted and its sheet measured first; what falls short of the rules fails the job.
    let poster: PosterFacts | undefined;
    return {
      id: page.job,
      path: page.url,
      out: { print: path.join(pdfDir, page.out.print), screen: path.join(pdfDir, page.out.screen) },
      pdf: { outline },
      ...(format.poster ? { layout: async (p: Page) => (poster = await fitAndMeasurePoster(p)) } : {}),
      inspect: async (p) => [
        ...(await inspectPrintPage(p, {
          lang: page.lang.code,
          document: name,
          file,
          fileOf: (lang, id) => fileOfText(c, lang, id),
          minDpi: PRINT_DPI,
          ...(c.edition ? { edition: { id: c.edition.id, file: c.edition.file } } : {}),
          ...(lang !== c.source ? { lengthsOf: lengthsOf(lang.code), registry: { leading: lang.leading, size: lang.size } } : {}),
        })),
        ...(poster ? posterFindings(poster, { lang: page.lang.code, document: name, file }, c.design).problems : []),
        ...(await typeSizeProblems(
          p,
          { format: format.id, script: lang.script, lang: page.lang.code, document: name, file, fileOf: (l, id) => fileOfText(c, l, id) },
          c.design,
        )),
      ],
      finishing: { format: format.id, revision: page.revision, title: page.title.text, draft: page.draftReasons.length > 0, outline },
      read: readPageText,
      ...(format.contents ? { paginate: fillContentsPages } : {}),
      finish: (pdf, read) =>
        finish(pdf, {
          format,
          dir: page.lang.dir,
          ...(read ? { pageText: { text: read as PageText, file: `dist/pdf/${page.out.screen}`, document: name } } : {}),
          meta: {
            title: page.title.text,
            lang: page.lang.code,
            subject: page.document ? page.document.subtitle.text : page.story!.summary.text,
            keywords: [c.settings.id, name, `version ${c.settings.version}`, `revision ${page.revision}`, ...(c.edition ? [`edition ${c.edition.id}`] : [])],
            date: new Date(`${c.settings.updated}T00:00:00Z`),
            revision: page.revision,
          },
          ...(page.draftReasons.length ? { watermark } : {}),
        }),
    };
  });
}

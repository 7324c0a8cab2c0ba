/**
 * A table of contents with page numbers. Chromium cannot number a page reference in CSS
 * (no target-counter), so the first print tells: every heading a contents entry links to is a
 * named destination (/Dests) on its page. The numbers go into the page, which is printed again;
 * they sit in a column of their own, so filling them in moves nothing else.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef } from "pdf-lib";
import type { Page } from "puppeteer-core";

/** The page (1-based) of each named destination of a PDF. */
async function destinationPages(pdf: Uint8Array): Promise<Map<string, number>> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const pages = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i + 1]));
  const out = new Map<string, number>();
  const dests = doc.catalog.lookupMaybe(PDFName.of("Dests"), PDFDict);
  for (const [name, value] of dests?.entries() ?? []) {
    const target = value instanceof PDFArray ? value.get(0) : undefined;
    const page = target instanceof PDFRef ? pages.get(target.toString()) : undefined;
    if (page) out.set(name.decodeText(), page);
  }
  return out;
}

/** Fills each contents entry's page cell (tr[data-toc] td.toc-page) from the first print; true if one changed. */
export async function fillContentsPages(pdf: Uint8Array, page: Page): Promise<boolean> {
  const pages = Object.fromEntries(await destinationPages(pdf));
  return page.evaluate((pages: Record<string, number>) => {
    let changed = false;
    for (const row of document.querySelectorAll<HTMLElement>("tr[data-toc]")) {
      const cell = row.querySelector(".toc-page")!;
      const n = String(pages[`section-${row.dataset.toc}`] ?? "");
      if (cell.textContent !== n) [cell.textContent, changed] = [n, true];
    }
    return changed;
  }, pages);
}

/**
 * PDF post-processing as pure functions over pdf-lib documents: what Chromium cannot do
 * itself (pad a saddle-stitched booklet, set the document language and fixed dates).
 */
import { PDFDocument } from "pdf-lib";

export interface PdfMeta {
  title: string;
  lang: string;
  subject: string;
  keywords: string[];
  /** Fixed date (the campaign's `updated`), so the same input gives the same file. */
  date: Date;
}

/**
 * A saddle-stitched booklet needs a multiple of 4 pages. Blank pages go before the last
 * page, so the back cover stays on the outside of the folded booklet.
 */
export function padPages(doc: PDFDocument, multiple: number): number {
  const count = doc.getPageCount();
  const { width, height } = doc.getPage(count - 1).getSize();
  const added = (multiple - (count % multiple)) % multiple;
  for (let i = 0; i < added; i++) doc.insertPage(count - 1, [width, height]);
  return added;
}

export function setMetadata(doc: PDFDocument, meta: PdfMeta): void {
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setLanguage(meta.lang);
  doc.setSubject(meta.subject);
  doc.setKeywords(meta.keywords);
  doc.setCreator("Waymark");
  doc.setProducer("Waymark (Chromium, pdf-lib)");
  doc.setCreationDate(meta.date);
  doc.setModificationDate(meta.date);
}

export async function finishBrochure(pdf: Uint8Array, meta: PdfMeta): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  padPages(doc, 4);
  setMetadata(doc, meta);
  return doc.save();
}

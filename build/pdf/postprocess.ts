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

/** A saddle-stitched booklet needs a multiple of 4 pages: blank pages are added at the end. */
export function padPages(doc: PDFDocument, multiple: number): number {
  const last = doc.getPage(doc.getPageCount() - 1);
  const { width, height } = last.getSize();
  let added = 0;
  while (doc.getPageCount() % multiple !== 0) {
    doc.addPage([width, height]);
    added++;
  }
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

/**
 * One print PDF made press-ready, on a worker thread (build/worker-pool.ts): converted to
 * PDF/X (pdfx.ts), then read back for the preflight (checks/preflight.ts): its boxes beside the
 * print PDF's, fonts, colour spaces, images, text colours, transparency, PDF/X keys and ink.
 */
import { PDFDocument } from "pdf-lib";
import { maxInkPerPage } from "./ink.ts";
import { inspectDoc, type PdfFacts } from "./inspect.ts";
import { convertToPdfx, type OutputIntent } from "./pdfx.ts";
import { printFacts, type PrintFacts } from "./print-facts.ts";

export interface PdfxFacts {
  /** The print PDF's page boxes, which the PDF/X file must keep. */
  printBoxes: PdfFacts["boxes"];
  boxes: PdfFacts["boxes"];
  fonts: PdfFacts["fonts"];
  print: PrintFacts;
  /** Each page's highest total ink, in percent. */
  maxInk: number[];
}

export interface PdfxInput {
  /** The print PDF's path under the pdf folder, for messages: "en/poster.print.pdf". */
  name: string;
  print: Uint8Array;
  intent: OutputIntent;
}

export async function pdfxTask({ print, intent }: PdfxInput): Promise<{ output: { pdf: Uint8Array; facts: PdfxFacts }; transfer: ArrayBuffer[] }> {
  const printBoxes = inspectDoc(await PDFDocument.load(print, { updateMetadata: false })).boxes;
  const pdf = await convertToPdfx(print, intent);
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const { boxes, fonts } = inspectDoc(doc);
  const facts: PdfxFacts = { printBoxes, boxes, fonts, print: printFacts(doc), maxInk: await maxInkPerPage(pdf) };
  return { output: { pdf, facts }, transfer: [pdf.buffer as ArrayBuffer] };
}

/**
 * Where each marked text landed in a printed PDF: the link rectangles Chromium wrote for the
 * anchors linkMarkedTexts put around them (one per line, on the page the line is on), gathered
 * per text and page into a box in millimetres from the top left of the trim.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFNumber, PDFString, PDFHexString } from "pdf-lib";

export interface PrintBox {
  /** Index of the marked text (its place in document order). */
  index: number;
  /** Page number, from 1. */
  page: number;
  /** In millimetres from the top left of the trim. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** Lines of it on this page. */
  lines: number;
}

const MM_PER_PT = 25.4 / 72;

function destName(annot: PDFDict): string | undefined {
  const dest = annot.get(PDFName.of("Dest")) ?? annot.lookupMaybe(PDFName.of("A"), PDFDict)?.get(PDFName.of("D"));
  if (dest instanceof PDFName) return dest.decodeText();
  if (dest instanceof PDFString || dest instanceof PDFHexString) return dest.decodeText();
  return undefined;
}

/**
 * @param prefix the anchors' id prefix (linkMarkedTexts)
 * @param bleedMm the bleed around the trim on every side of the printed page
 * @returns each marked text's box on each page it is on, and the pages' trim size in mm
 */
export async function linkRects(
  pdf: Uint8Array,
  prefix: string,
  bleedMm: number,
): Promise<{ boxes: PrintBox[]; pages: number; trimMm: { width: number; height: number } }> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const byKey = new Map<string, { index: number; page: number; rects: number[][] }>();
  const pages = doc.getPages();
  for (const [i, page] of pages.entries()) {
    const height = page.getHeight();
    const annots = page.node.lookupMaybe(PDFName.of("Annots"), PDFArray);
    for (let j = 0; j < (annots?.size() ?? 0); j++) {
      const annot = annots!.lookupMaybe(j, PDFDict);
      const name = annot && destName(annot);
      if (!name?.startsWith(prefix)) continue; // the page's own links (tel:, its contents)
      const index = Number(name.slice(prefix.length));
      const [x1, y1, x2, y2] = annot!
        .lookup(PDFName.of("Rect"), PDFArray)
        .asArray()
        .map((n) => (n as PDFNumber).asNumber());
      const key = `${index}/${i + 1}`;
      if (!byKey.has(key)) byKey.set(key, { index, page: i + 1, rects: [] });
      // PDF space runs up from the bottom left: turned into millimetres down from the top left of the trim.
      byKey
        .get(key)!
        .rects.push([
          Math.min(x1!, x2!) * MM_PER_PT - bleedMm,
          (height - Math.max(y1!, y2!)) * MM_PER_PT - bleedMm,
          Math.max(x1!, x2!) * MM_PER_PT - bleedMm,
          (height - Math.min(y1!, y2!)) * MM_PER_PT - bleedMm,
        ]);
    }
  }
  const round = (n: number) => Math.round(n * 10) / 10;
  const boxes = [...byKey.values()].map(({ index, page, rects }) => {
    const [left, top] = [Math.min(...rects.map((r) => r[0]!)), Math.min(...rects.map((r) => r[1]!))];
    const [right, bottom] = [Math.max(...rects.map((r) => r[2]!)), Math.max(...rects.map((r) => r[3]!))];
    // Runs of one line share their top (within half a millimetre): a line wrapped in three runs is one line.
    const lines = new Set(rects.map((r) => Math.round(r[1]! * 2))).size;
    return { index, page, x: round(left), y: round(top), width: round(right - left), height: round(bottom - top), lines };
  });
  const first = pages[0];
  const trimMm = first
    ? { width: round(first.getWidth() * MM_PER_PT - 2 * bleedMm), height: round(first.getHeight() * MM_PER_PT - 2 * bleedMm) }
    : { width: 0, height: 0 };
  return { boxes: boxes.sort((a, b) => a.index - b.index || a.page - b.page), pages: pages.length, trimMm };
}

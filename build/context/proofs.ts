/**
 * Stage "proofs": dist/review/<lang>/<document>.proof.pdf, for reviewers who mark on paper: each
 * page of the document as printed (cut to its trim), on a sheet with a wide margin where every
 * text's key is written level with it, a hairline leading to the box around the text. Drawn
 * with pdf-lib from the page printed for context, whose link rectangles say where each text is.
 */
import path from "node:path";
import { PDFDocument, rgb, StandardFonts } from "pdf-lib";
import type { Campaign } from "../content/campaign.ts";
import { BLEED_MM, FORMATS } from "../print/formats.ts";
import { writeWhole } from "../write-whole.ts";
import type { ContextPage } from "./lay-out.ts";
import { linkRects, type PrintBox } from "./link-rects.ts";
import { LINK_PREFIX, type PageShots } from "./page-shots.ts";

const PT_PER_MM = 72 / 25.4;
/** The margin the keys are written in, beside the page. */
const MARGIN_MM = 75;
const KEY_PT = 6.5;
const INK = rgb(0.76, 0, 0.42);
const GREY = rgb(0.3, 0.3, 0.3);

/** Keys are ids (letters, digits, . _ - :): what the standard font draws; anything else shows as "?". */
const printable = (text: string) => text.replace(/[^\x20-\x7e]/g, "?");

/** One document's proof. */
async function proofOf(c: Campaign, lang: string, page: ContextPage, shots: PageShots): Promise<Uint8Array> {
  const source = await PDFDocument.load(shots.pdf!, { updateMetadata: false });
  const { boxes, trimMm } = await linkRects(shots.pdf!, LINK_PREFIX, BLEED_MM);
  const doc = await PDFDocument.create({ updateMetadata: false });
  const date = new Date(`${c.settings.updated}T00:00:00Z`); // same input, same bytes
  doc.setTitle(`Proof: ${page.document} (${lang}), revision ${c.revision}`);
  doc.setLanguage(lang);
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  doc.setProducer("Waymark");
  doc.setCreator("waymark context");
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const [w, h] = [trimMm.width * PT_PER_MM, trimMm.height * PT_PER_MM];
  const bleed = BLEED_MM * PT_PER_MM;
  const format = page.format ? FORMATS[page.format] : undefined;
  const count = source.getPageCount();
  const padded = format?.pages.multipleOf ? Math.ceil(count / format.pages.multipleOf) * format.pages.multipleOf : count;
  for (const [i, original] of source.getPages().entries()) {
    const n = format?.padBeforeLastPage && i === count - 1 ? padded : i + 1;
    const embedded = await doc.embedPage(original, { left: bleed, bottom: bleed, right: bleed + w, top: bleed + h });
    const sheet = doc.addPage([w + MARGIN_MM * PT_PER_MM, h]);
    sheet.drawPage(embedded, { x: 0, y: 0, width: w, height: h });
    sheet.drawLine({ start: { x: w, y: 0 }, end: { x: w, y: h }, thickness: 0.5, color: GREY });
    const head = `${lang} - ${page.document} - page ${n} of ${padded} - revision ${c.revision}`;
    sheet.drawText(printable(head), { x: w + 6, y: h - 12, size: 7, font: bold, color: GREY });
    // Keys level with their texts, pushed down where they would overlap, a hairline to the text's box.
    let next = h - 24;
    const onPage = boxes.filter((b: PrintBox) => b.page === i + 1).sort((a, b) => a.y - b.y || a.x - b.x);
    for (const b of onPage) {
      const keys = shots.marks?.[b.index] ?? [];
      if (!keys.length) continue;
      const [x, top, bw, bh] = [b.x * PT_PER_MM, h - b.y * PT_PER_MM, b.width * PT_PER_MM, b.height * PT_PER_MM];
      sheet.drawRectangle({ x, y: top - bh, width: bw, height: bh, borderColor: INK, borderWidth: 0.5, opacity: 0, borderOpacity: 0.9 });
      for (const key of keys) {
        const y = Math.min(next, top - KEY_PT);
        if (y < 4) break; // a margin this full says enough: the rest are on the review sheet
        sheet.drawText(printable(key), { x: w + 8, y, size: KEY_PT, font, color: INK, maxWidth: MARGIN_MM * PT_PER_MM - 12 });
        sheet.drawLine({ start: { x: x + bw, y: top - 2 }, end: { x: w + 6, y: y + 2 }, thickness: 0.25, color: INK, opacity: 0.6 });
        next = y - KEY_PT - 1.5;
      }
    }
  }
  return doc.save({ useObjectStreams: false });
}

/**
 * Writes the proof of every print page of the language into dir (<document>.proof.pdf).
 * @returns the files written
 */
export async function writeProofs(c: Campaign, lang: string, printed: { page: ContextPage; shots: PageShots }[], dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const { page, shots } of printed) {
    if (!shots.pdf) continue;
    const file = path.join(dir, `${page.document}.proof.pdf`);
    await writeWhole(file, await proofOf(c, lang, page, shots));
    files.push(file);
  }
  return files;
}

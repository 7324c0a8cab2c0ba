/**
 * Booklets for office printers: the finished A5 brochure (its screen PDF: trim size, no bleed)
 * imposed two-up on A4 landscape in saddle-stitch order at 100% (an A5 page is exactly half an
 * A4 sheet: the type prints at the size it was checked at), for duplex printing flipped on the
 * short edge, then folded and stapled. Made with pdf-lib from the finished pages. The printing
 * instruction is in the PDF's metadata (its subject, in the booklet's language) and beside the
 * download link, never on the sheets: printed there, it would end up on the finished booklet.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { PDFDocument, rgb } from "pdf-lib";
import type { Campaign } from "../content/campaign.ts";
import { sha256 } from "../hash.ts";
import type { Translator } from "../i18n/translator.ts";
import type { PrintPage } from "../site/print-pages.ts";
import { WorkerPool, type Task } from "../worker-pool.ts";
import { writeWhole } from "../write-whole.ts";

/** A booklet imposed on a worker thread (pdf-lib embeds and writes every page: a tenth of a second of CPU a brochure). */
const IMPOSE: Task<{ a5: Uint8Array; opts: BookletOptions }> = {
  module: new URL("./booklet-task.ts", import.meta.url),
  exported: "imposeTask",
  describe: ({ opts }) => `imposing the ${opts.lang} booklet`,
};

const MM = 72 / 25.4;
/** A4 landscape, in points. */
const SHEET = { width: 297 * MM, height: 210 * MM };

/** One side of a sheet: the pages (1-based) on its left and right halves. */
export interface Side {
  left: number;
  right: number;
}

/**
 * Saddle-stitch order for a booklet of n pages (a multiple of 4): sheet i carries on its front
 * the last-but-2i page and page 2i+1, on its back page 2i+2 and the one facing it. Left to
 * right binding; a right-to-left booklet mirrors each side.
 */
export function saddleStitchOrder(pages: number, dir: "ltr" | "rtl" = "ltr"): { front: Side; back: Side }[] {
  if (pages < 4 || pages % 4 !== 0) throw new Error(`a saddle-stitched booklet needs a multiple of 4 pages, not ${pages}`);
  const mirror = (s: Side): Side => (dir === "rtl" ? { left: s.right, right: s.left } : s);
  return Array.from({ length: pages / 4 }, (_, i) => ({
    front: mirror({ left: pages - 2 * i, right: 1 + 2 * i }),
    back: mirror({ left: 2 + 2 * i, right: pages - 1 - 2 * i }),
  }));
}

export interface BookletOptions {
  /** "Print on both sides, flip on the short edge …", in the booklet's language: the PDF's subject. */
  instruction: string;
  lang: string;
  dir: "ltr" | "rtl";
  title: string;
  /** Fixed dates keep rebuilds byte-identical. */
  date: Date;
}

/** The A4 booklet of a finished A5 PDF. */
export async function imposeBooklet(a5: Uint8Array, opts: BookletOptions): Promise<Uint8Array> {
  const source = await PDFDocument.load(a5, { updateMetadata: false });
  const out = await PDFDocument.create({ updateMetadata: false });
  const pages = await out.embedPages(source.getPages());
  const order = saddleStitchOrder(pages.length, opts.dir);
  const { width: pw, height: ph } = pages[0]!;
  const half = SHEET.width / 2;
  // 100%: an A5 page fills half the sheet. Only a page larger than that is set smaller, to fit.
  const scale = Math.min(1, half / pw, SHEET.height / ph);
  const [w, h] = [pw * scale, ph * scale];
  const y = (SHEET.height - h) / 2;
  for (const sheet of order) {
    for (const side of [sheet.front, sheet.back]) {
      const page = out.addPage([SHEET.width, SHEET.height]);
      // The two pages meet at the fold, in the middle of the sheet.
      page.drawPage(pages[side.left - 1]!, { x: half - w, y, width: w, height: h });
      page.drawPage(pages[side.right - 1]!, { x: half, y, width: w, height: h });
      // A fold mark at the spine's two ends, where the pages' margins leave the paper blank.
      for (const [y1, y2] of [
        [SHEET.height, SHEET.height - 4 * MM],
        [0, 4 * MM],
      ] as const)
        page.drawLine({ start: { x: half, y: y1 }, end: { x: half, y: y2 }, thickness: 0.4, color: rgb(0.5, 0.5, 0.5), dashArray: [2, 2] });
    }
  }
  out.setTitle(opts.title, { showInWindowTitleBar: true });
  out.setLanguage(opts.lang);
  out.setSubject(opts.instruction);
  out.setKeywords([`A5 booklet on A4 at 100%, duplex, flip on the short edge, saddle-stitched: ${pages.length} pages on ${order.length} sheets`]);
  out.setProducer("Waymark (pdf-lib)");
  out.setCreator("Waymark");
  out.setCreationDate(opts.date);
  out.setModificationDate(opts.date);
  return out.save();
}

/**
 * Stage "booklets": every screen brochure imposed as an A4 booklet beside it
 * (brochure.booklet.pdf), its printing instruction in its language: what an outreach worker
 * prints on an office printer. Returns each booklet's path under pdfDir and its size.
 * @param cache where booklets are kept by what decides their bytes (the kit, the brochure's
 *   bytes, the options), so a rebuild that reprinted no brochure imposes none; none: --no-cache
 */
export async function writeBooklets(
  c: Campaign,
  translators: Map<string, Translator>,
  brochures: PrintPage[],
  pdfDir: string,
  cache?: { dir: string; kit: string },
): Promise<{ rel: string; bytes: number }[]> {
  return Promise.all(
    brochures.map(async (page) => {
      const lang = c.languages.find((l) => l.code === page.lang.code)!;
      const rel = page.out.screen.replace(/\.screen\.pdf$/, ".booklet.pdf");
      const a5 = await readFile(path.join(pdfDir, page.out.screen));
      const opts: BookletOptions = {
        instruction: translators.get(lang.code)!.t("ui:print.booklet").text,
        lang: lang.code,
        dir: lang.dir,
        title: page.title.text,
        date: new Date(`${c.settings.updated}T00:00:00Z`),
      };
      const kept = cache && path.join(cache.dir, `${sha256(JSON.stringify([cache.kit, sha256(a5), opts]))}.pdf`);
      let bytes = kept ? await readFile(kept).catch(() => undefined) : undefined;
      if (!bytes) {
        bytes = Buffer.from(await WorkerPool.shared().run<{ a5: Uint8Array; opts: BookletOptions }, Uint8Array>(IMPOSE, { a5, opts }));
        if (kept) await writeWhole(kept, bytes);
      }
      await writeWhole(path.join(pdfDir, rel), bytes);
      return { rel, bytes: bytes.byteLength };
    }),
  );
}

/**
 * Booklets for office printers: the finished A5 brochure (its screen PDF: trim size, no bleed)
 * imposed two-up on A4 landscape in saddle-stitch order, for duplex printing flipped on the
 * short edge, then folded and stapled. Made with pdf-lib from the finished pages; the one-line
 * printing instruction in the first sheet's margin is set by sharp (Pango and HarfBuzz shape
 * every script, which pdf-lib cannot) in the language's own font, and placed as an image.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { PDFDocument, rgb } from "pdf-lib";
import sharp from "sharp";
import subsetFont from "subset-font";
import type { Campaign } from "../content/campaign.ts";
import type { Translator } from "../i18n/translator.ts";
import type { PrintPage } from "../site/print-pages.ts";
import { escapeMarkup } from "../escape.ts";
import { fontFiles, openFont } from "../site/fonts.ts";
import { writeWhole } from "../write-whole.ts";

const MM = 72 / 25.4;
/** A4 landscape, in points. */
const SHEET = { width: 297 * MM, height: 210 * MM };
/** What office printers leave unprinted at the sheet's edges, plus room for the instruction line. */
const MARGIN = 9 * MM;

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
  /** "Print on both sides, flip on the short edge …", in the booklet's language. */
  instruction: string;
  /** The families of the language's font stack, to set the instruction in (their files handed to fontconfig first: registerFonts). */
  families: string[];
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
  // The same scale for every page: each fits its half of the sheet inside the printer's margin.
  const scale = Math.min((half - MARGIN) / pw, (SHEET.height - 2 * MARGIN) / ph);
  const [w, h] = [pw * scale, ph * scale];
  const y = (SHEET.height - h) / 2;
  const instruction = await out.embedPng(await instructionImage(opts));
  order.forEach((sheet, i) => {
    for (const side of [sheet.front, sheet.back]) {
      const page = out.addPage([SHEET.width, SHEET.height]);
      // The two pages meet at the fold, in the middle of the sheet.
      page.drawPage(pages[side.left - 1]!, { x: half - w, y, width: w, height: h });
      page.drawPage(pages[side.right - 1]!, { x: half, y, width: w, height: h });
      const instructed = i === 0 && side === sheet.front;
      // Fold marks in the margins, below the spine and (but where the instruction runs) above it.
      for (const [y1, y2] of [...(instructed ? [] : [[SHEET.height - 2 * MM, y + h + 2 * MM] as const]), [2 * MM, y - 2 * MM] as const])
        page.drawLine({ start: { x: half, y: y1 }, end: { x: half, y: y2 }, thickness: 0.4, color: rgb(0.5, 0.5, 0.5), dashArray: [2, 2] });
      if (instructed) {
        const line = instruction.scaleToFit(SHEET.width - 4 * MARGIN, MARGIN - 3 * MM);
        page.drawImage(instruction, { x: (SHEET.width - line.width) / 2, y: SHEET.height - MARGIN + (MARGIN - line.height) / 2, ...line });
      }
    }
  });
  out.setTitle(opts.title, { showInWindowTitleBar: true });
  out.setLanguage(opts.lang);
  out.setSubject(`A5 booklet imposed on A4 for duplex printing (flip on the short edge), saddle-stitched: ${pages.length} pages on ${order.length} sheets`);
  out.setProducer("Waymark (pdf-lib)");
  out.setCreator("Waymark");
  out.setCreationDate(opts.date);
  out.setModificationDate(opts.date);
  return out.save();
}

/** Font files already handed to fontconfig in this process (it keeps them for every later text). */
const registered = new Set<string>();

/**
 * Hands every font file of the campaign to fontconfig, whole, as TrueType (FreeType reads no
 * WOFF2: those are converted once and kept in cacheDir), in a fixed order, before any text is
 * set: which file draws a character then never depends on which language came first.
 */
export async function registerFonts(files: string[], cacheDir: string): Promise<void> {
  for (const file of [...files].sort()) {
    if (registered.has(file)) continue;
    const ttf = /\.(ttf|otf)$/.test(file)
      ? file
      : path.join(
          cacheDir,
          `${createHash("sha256")
            .update(await readFile(file))
            .digest("hex")
            .slice(0, 24)}.ttf`,
        );
    if (!existsSync(ttf)) {
      const whole = String.fromCodePoint(...openFont(file).characterSet);
      await writeWhole(ttf, await subsetFont(await readFile(file), whole, { targetFormat: "truetype" }));
    }
    await sharp({ text: { text: ".", fontfile: ttf } })
      .png()
      .toBuffer(); // registers the file with fontconfig
    registered.add(file);
  }
}

/** The instruction as a PNG at 600 dpi, set in the language's font stack (Pango takes each character from the first family that has it). */
async function instructionImage(opts: BookletOptions): Promise<Buffer> {
  const escaped = escapeMarkup(opts.instruction);
  return sharp({
    text: {
      text: `<span foreground="#333333">${escaped}</span>`,
      font: `${opts.families.join(", ")} 8`,
      dpi: 600,
      rgba: true,
      align: opts.dir === "rtl" ? "right" : "left",
    },
  })
    .png({ compressionLevel: 9 })
    .toBuffer();
}

/**
 * Stage "booklets": every screen brochure imposed as an A4 booklet beside it
 * (brochure.booklet.pdf), its printing instruction in its language: what an outreach worker
 * prints on an office printer. Returns each booklet's path under pdfDir and its size.
 */
export async function writeBooklets(
  c: Campaign,
  translators: Map<string, Translator>,
  brochures: PrintPage[],
  pdfDir: string,
  fontCacheDir: string,
): Promise<{ rel: string; bytes: number }[]> {
  await registerFonts(
    fontFiles(c, c.languages).map((f) => f.path),
    fontCacheDir,
  );
  return Promise.all(
    brochures.map(async (page) => {
      const lang = c.languages.find((l) => l.code === page.lang.code)!;
      const rel = page.out.screen.replace(/\.screen\.pdf$/, ".booklet.pdf");
      const bytes = await imposeBooklet(await readFile(path.join(pdfDir, page.out.screen)), {
        instruction: translators.get(lang.code)!.t("ui:print.booklet").text,
        families: lang.fonts.map((id) => c.fonts[id]!.family),
        lang: lang.code,
        dir: lang.dir,
        title: page.title.text,
        date: new Date(`${c.settings.updated}T00:00:00Z`),
      });
      await writeWhole(path.join(pdfDir, rel), bytes);
      return { rel, bytes: bytes.byteLength };
    }),
  );
}

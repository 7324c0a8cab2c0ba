/**
 * Booklets for office printers: the A5 pages imposed two-up on A4 landscape in saddle-stitch
 * order. Read back from the imposed PDF itself: which source page lands on which half of which
 * side, for 8 and 12 pages, left-to-right and right-to-left.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PDFDict, PDFDocument, PDFName, type PDFRawStream, rgb } from "pdf-lib";
import { describe, expect, it } from "vitest";
import type { Campaign } from "../../build/content/campaign.ts";
import type { Translator } from "../../build/i18n/translator.ts";
import type { PrintPage } from "../../build/site/print-pages.ts";
import { type Name, pageContent, parseContent, streamBytes } from "../../build/pdf/content-stream.ts";
import { imposeBooklet, saddleStitchOrder, writeBooklets } from "../../build/print/booklet.ts";

const MM = 72 / 25.4;

/** An A5 PDF whose page k draws a bar k millimetres wide: the bar names the page wherever it is drawn. */
async function numberedA5(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let k = 1; k <= pages; k++) doc.addPage([148 * MM, 210 * MM]).drawRectangle({ x: 10, y: 10, width: k * MM, height: 5, color: rgb(0, 0, 0) });
  return doc.save();
}

/** Per side of the booklet: the source pages on its left and right halves, read from where each embedded page is placed. */
async function sidesOf(booklet: Uint8Array): Promise<{ left: number; right: number }[]> {
  const doc = await PDFDocument.load(booklet);
  return doc.getPages().map((page) => {
    const xobjects = page.node.Resources()!.lookup(PDFName.of("XObject"), PDFDict);
    const placed: { x: number; page: number }[] = [];
    let x: number | undefined;
    for (const op of parseContent(pageContent(page.node)!)) {
      if (op.operator === "q") x = undefined;
      if (op.operator === "cm") x ??= op.operands[4] as number; // the placement comes first, then its scale
      if (op.operator !== "Do") continue;
      const form = xobjects.lookup(PDFName.of((op.operands[0] as Name).name)) as PDFRawStream;
      if (form.dict.get(PDFName.of("Subtype")) !== PDFName.of("Form")) continue; // the instruction, an image
      // pdf-lib draws the bar as a path: its widest point is its width.
      const width = Math.max(
        ...parseContent(streamBytes(form))
          .filter((o) => o.operator === "l")
          .map((o) => o.operands[0] as number),
      );
      placed.push({ x: x!, page: Math.round(width / MM) });
    }
    placed.sort((a, b) => a.x - b.x);
    return { left: placed[0]!.page, right: placed[1]!.page };
  });
}

const OPTIONS = {
  instruction: "Print on both sides of A4 paper, flipping on the short edge; then fold in the middle and staple.",
  lang: "en",
  dir: "ltr" as const,
  title: "Test booklet",
  date: new Date("2026-11-27T00:00:00Z"),
};

describe("a booklet", () => {
  it("puts 8 pages on 2 sheets in saddle-stitch order: sheet 1 front last | first, back 2 | 7", async () => {
    const booklet = await imposeBooklet(await numberedA5(8), OPTIONS);
    expect(await sidesOf(booklet)).toEqual([
      { left: 8, right: 1 },
      { left: 2, right: 7 },
      { left: 6, right: 3 },
      { left: 4, right: 5 },
    ]);
    const doc = await PDFDocument.load(booklet);
    // A4 landscape, each A5 page at 100% (the type prints at the size it was checked at), and
    // nothing but the pages and fold marks on the sheets: the instruction is in the subject.
    for (const p of doc.getPages()) expect([Math.round(p.getWidth() / MM), Math.round(p.getHeight() / MM)]).toEqual([297, 210]);
    const scales = doc.getPages().flatMap((p) =>
      parseContent(pageContent(p.node)!)
        .filter((o) => o.operator === "cm")
        .map((o) => o.operands[0] as number),
    );
    expect(new Set(scales.filter((x) => x !== 1))).toEqual(new Set());
    const images = doc
      .getPages()
      .map(
        (p) =>
          [...p.node.Resources()!.lookup(PDFName.of("XObject"), PDFDict).values()].filter(
            (v) => (doc.context.lookup(v) as PDFRawStream).dict.get(PDFName.of("Subtype"))?.toString() === "/Image",
          ).length,
      );
    expect(images).toEqual([0, 0, 0, 0]);
    expect(doc.getSubject()).toBe(OPTIONS.instruction);
  });

  it("puts 12 pages on 3 sheets, and mirrors each side for a right-to-left booklet", async () => {
    const pdf = await numberedA5(12);
    expect(await sidesOf(await imposeBooklet(pdf, OPTIONS))).toEqual([
      { left: 12, right: 1 },
      { left: 2, right: 11 },
      { left: 10, right: 3 },
      { left: 4, right: 9 },
      { left: 8, right: 5 },
      { left: 6, right: 7 },
    ]);
    expect((await sidesOf(await imposeBooklet(pdf, { ...OPTIONS, dir: "rtl" }))).slice(0, 2)).toEqual([
      { left: 1, right: 12 },
      { left: 11, right: 2 },
    ]);
  });

  it("is the same, byte for byte, from the same pages", async () => {
    const pdf = await numberedA5(8);
    expect(Buffer.from(await imposeBooklet(pdf, OPTIONS)).equals(Buffer.from(await imposeBooklet(pdf, OPTIONS)))).toBe(true);
  });

  it("refuses a page count that cannot be folded into a booklet", () => {
    expect(() => saddleStitchOrder(10)).toThrow(/multiple of 4 pages, not 10/);
  });

  it("is taken from the cache while the brochure's bytes and the kit are the same, and imposed again when either changes", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "waymark-booklets-"));
    try {
      // The stage's inputs, as small as they go: one English brochure.
      const c = { languages: [{ code: "en", dir: "ltr" }], settings: { updated: "2026-01-01" } } as unknown as Campaign;
      const translators = new Map([["en", { t: () => ({ text: "Print on both sides" }) } as unknown as Translator]]);
      const page = { lang: { code: "en" }, title: { text: "Brochure" }, out: { screen: "en/brochure.screen.pdf" } } as unknown as PrintPage;
      const pdfDir = path.join(dir, "pdf");
      const booklet = () => readFile(path.join(pdfDir, "en", "brochure.booklet.pdf"));
      await mkdir(path.join(pdfDir, "en"), { recursive: true });
      await writeFile(path.join(pdfDir, "en", "brochure.screen.pdf"), await numberedA5(8));
      const cache = { dir: path.join(dir, "cache"), kit: "kit 1" };
      await writeBooklets(c, translators, [page], pdfDir, cache);
      const [kept] = await readdir(cache.dir);
      expect((await booklet()).equals(await readFile(path.join(cache.dir, kept!)))).toBe(true);
      // What the cache holds is what the next build writes: a marked entry shows it was read, not imposed again.
      await writeFile(path.join(cache.dir, kept!), "kept");
      await writeBooklets(c, translators, [page], pdfDir, cache);
      expect(String(await booklet())).toBe("kept");
      // Another kit, or another brochure: imposed again.
      await writeBooklets(c, translators, [page], pdfDir, { ...cache, kit: "kit 2" });
      expect(String(await booklet()).startsWith("%PDF-")).toBe(true);
      await writeFile(path.join(pdfDir, "en", "brochure.screen.pdf"), await numberedA5(12));
      await writeBooklets(c, translators, [page], pdfDir, cache);
      expect(await sidesOf(await booklet())).toHaveLength(6);
      expect(await readdir(cache.dir)).toHaveLength(3);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

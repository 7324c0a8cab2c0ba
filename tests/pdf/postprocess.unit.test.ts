/** PDF post-processing, as pure functions over pdf-lib documents made in memory. */
import { type PDFArray, PDFContentStream, PDFDocument, PDFName, type PDFRawStream, PDFString } from "pdf-lib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { inspectPdf } from "../../build/pdf/inspect.ts";
import { drawWatermark } from "../../build/pdf/draft-watermark.ts";
import { drawCropMarks, isolateContent, padPages, removeOutline, setDocumentId, setPageBoxes, trimOrigins } from "../../build/pdf/postprocess.ts";
import { screenImages } from "../../build/pdf/screen-images.ts";
import { FORMATS } from "../../build/print/formats.ts";

const PT = 72 / 25.4;

/** A page as Chromium prints an A5 with bleed: 154 × 216 mm, rounded to 1/300 inch. */
async function chromiumLikeA5(pages: number): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  const round = (mm: number) => (Math.round((mm / 25.4) * 300) / 300) * 72;
  for (let i = 0; i < pages; i++) doc.addPage([round(154), round(216)]).drawText(`page ${i + 1}`, { x: 50, y: 50 });
  return doc;
}

describe("padding a booklet", () => {
  it("adds blank pages up to a multiple of 4, before the back cover", async () => {
    const doc = await chromiumLikeA5(6);
    expect(padPages(doc, 4, true)).toBe(2);
    expect(doc.getPageCount()).toBe(8);
    // The old last page (back cover) is still last: the blank ones have no content stream.
    expect(doc.getPage(7).node.Contents()).toBeDefined();
    expect(doc.getPage(5).node.Contents()).toBeUndefined();
    expect(doc.getPage(6).node.Contents()).toBeUndefined();
  });

  it("adds nothing to a booklet that already has a multiple of 4 pages", async () => {
    expect(padPages(await chromiumLikeA5(8), 4, true)).toBe(0);
  });
});

describe("page boxes", () => {
  it("sets TrimBox to the exact trim and BleedBox 3 mm outside it, whatever the rounded page size", async () => {
    const doc = await chromiumLikeA5(1);
    const page = doc.getPage(0);
    const top = page.getHeight();
    setPageBoxes(doc, FORMATS.brochure, "print", trimOrigins(doc));
    const trim = page.getTrimBox();
    expect(trim.width / PT).toBeCloseTo(148, 3);
    expect(trim.height / PT).toBeCloseTo(210, 3);
    expect((top - (trim.y + trim.height)) / PT).toBeCloseTo(3, 3); // anchored at the top-left, where layout starts
    const bleed = page.getBleedBox();
    expect((trim.x - bleed.x) / PT).toBeCloseTo(3, 3);
    expect(bleed.width / PT).toBeCloseTo(154, 3);
    expect(page.getMediaBox().width).toBeGreaterThan(bleed.width);
  });

  it("cuts the same printed page to its trim for the screen: every box is the trim, 3 mm in from the printed edge", async () => {
    const doc = await chromiumLikeA5(1);
    const page = doc.getPage(0);
    const printed = page.getMediaBox();
    const trims = trimOrigins(doc);
    setPageBoxes(doc, FORMATS.leaflet, "screen", trims);
    expect(page.getBleedBox()).toEqual(page.getTrimBox());
    expect(page.getMediaBox()).toEqual(page.getTrimBox());
    expect(page.getMediaBox().width / PT).toBeCloseTo(148, 3);
    expect((page.getMediaBox().x - printed.x) / PT).toBeCloseTo(3, 3);
    // Then the print variant from the same origins: the boxes grow back around the same trim.
    const trim = page.getTrimBox();
    setPageBoxes(doc, FORMATS.leaflet, "print", trims);
    expect(page.getTrimBox()).toEqual(trim);
    expect(page.getBleedBox().width / PT).toBeCloseTo(154, 3);
  });
});

describe("variants", () => {
  it("takes the bookmarks out of the print variant, with every outline item", async () => {
    const doc = await chromiumLikeA5(2);
    const ctx = doc.context;
    const outlines = ctx.nextRef();
    const [a, b] = [ctx.nextRef(), ctx.nextRef()];
    ctx.assign(a, ctx.obj({ Title: PDFString.of("One"), Parent: outlines, Next: b }));
    ctx.assign(b, ctx.obj({ Title: PDFString.of("Two"), Parent: outlines, Prev: a }));
    ctx.assign(outlines, ctx.obj({ Type: "Outlines", First: a, Last: b, Count: 2 }));
    doc.catalog.set(PDFName.of("Outlines"), outlines);
    expect((await inspectPdf(await doc.save())).outline).toBe(true);
    removeOutline(doc);
    expect((await inspectPdf(await doc.save())).outline).toBe(false);
    expect([a, b, outlines].map((r) => ctx.lookup(r))).toEqual([undefined, undefined, undefined]);
  });

  it("cuts a print image down to screen resolution, and puts it back for the print variant", async () => {
    const doc = await PDFDocument.create();
    const png = await sharp({ create: { width: 1200, height: 600, channels: 3, background: "#0b2a3a" } })
      .png()
      .toBuffer();
    const image = await doc.embedPng(png);
    doc.addPage([400, 200]).drawImage(image, { x: 0, y: 0, width: 400, height: 200 });
    await doc.flush(); // written into the document, as in a PDF Chromium printed
    const size = () => {
      const stream = doc.context.lookup(image.ref) as PDFRawStream;
      return [stream.dict.get(PDFName.of("Width"))?.toString(), stream.dict.get(PDFName.of("Height"))?.toString()];
    };
    const restore = await screenImages(doc, 0.5);
    expect(size()).toEqual(["600", "300"]);
    const screen = await PDFDocument.load(await doc.save());
    expect(screen.getPageCount()).toBe(1);
    restore();
    expect(size()).toEqual(["1200", "600"]);
  });
});

describe("marks", () => {
  it("draws crop marks and the watermark as artifacts, the watermark in its own layer", async () => {
    const doc = await chromiumLikeA5(2);
    for (const page of doc.getPages()) isolateContent(page);
    setPageBoxes(doc, FORMATS.brochure, "print", trimOrigins(doc));
    drawCropMarks(doc, FORMATS.brochure);
    drawWatermark(doc, { path: "M0 0 L100 0 L100 40 L0 40 Z", width: 100, height: 40 });
    // The operators pdf-lib will write (it compresses them on save).
    const text = doc.context
      .enumerateIndirectObjects()
      .map(([, obj]) => (obj instanceof PDFContentStream ? obj.getContentsString() : ""))
      .join("\n");
    expect(text.match(/\/Artifact BMC/g)?.length).toBe(2); // crop marks, one group per page
    expect(text.match(/\/OC \/WaymarkDraft BDC/g)?.length).toBe(4); // a tint behind and an outline over, on each page
    // The tint is the first thing each page paints (behind its content), the outline the last; neither is transparent.
    for (const page of doc.getPages()) {
      const streams = (page.node.Contents() as PDFArray).asArray().map((ref) => (doc.context.lookup(ref) as PDFContentStream).getContentsString());
      expect(streams[0]).toMatch(/^\/OC \/WaymarkDraft BDC[\s\S]*\nf\nQ\nEMC\nEMC\n?$/);
      const outline = streams.findIndex((text) => /\/OC \/WaymarkDraft BDC[\s\S]*\nS\nQ\nEMC\nEMC/.test(text));
      expect(outline).toBeGreaterThan(1); // after the page's own content
    }
    expect(text).not.toMatch(/\/GS-|\bgs\b/);
    const facts = await inspectPdf(await doc.save());
    expect(facts.layers).toEqual(["Draft watermark"]);
  });
});

describe("document ID", () => {
  it("is derived from its seed: the same seed gives the same bytes", async () => {
    const make = async (seed: string) => {
      const doc = await PDFDocument.create({ updateMetadata: false });
      doc.addPage([100, 100]);
      setDocumentId(doc, seed);
      return Buffer.from(await doc.save());
    };
    expect((await make("a")).equals(await make("a"))).toBe(true);
    expect((await make("a")).equals(await make("b"))).toBe(false);
  });
});

describe("metadata", () => {
  it("writes XMP with the Info dictionary's facts, in UTF-8, for any script", async () => {
    const { setMetadata } = await import("../../build/pdf/postprocess.ts");
    const doc = await chromiumLikeA5(1);
    setMetadata(doc, {
      title: "حقيقة الرحلة & <co>",
      lang: "ar",
      subject: "حالات حقيقية",
      keywords: ["تهريب", "Belgium"],
      date: new Date("2026-11-27T00:00:00Z"),
      revision: "0123456789ab",
    });
    const facts = await inspectPdf(await doc.save({ useObjectStreams: false }));
    expect(facts.lang).toBe("ar");
    expect(facts.xmp).toContain('<dc:title><rdf:Alt><rdf:li xml:lang="x-default">حقيقة الرحلة &amp; &lt;co&gt;</rdf:li></rdf:Alt></dc:title>');
    expect(facts.xmp).toContain("<dc:language><rdf:Bag><rdf:li>ar</rdf:li></rdf:Bag></dc:language>");
    expect(facts.xmp).toContain("<xmp:CreatorTool>Waymark</xmp:CreatorTool>");
    expect(facts.xmp).toContain("<xmp:CreateDate>2026-11-27T00:00:00Z</xmp:CreateDate>");
    expect(facts.xmp).toContain("<waymark:revision>0123456789ab</waymark:revision>");
    expect(facts.xmp).not.toContain("pdfuaid"); // not claimed until the structure text reads right
  });
});

/**
 * The kit's own fonts for the rewritten text: for each font Chromium embedded, a Type0 font with
 * the same glyph program and widths, an embedded encoding CMap and a ToUnicode map, in which a
 * code stands for a glyph *and* the text it carries (a cluster's first glyph carries the cluster's
 * text, its other glyphs none). What makes copy-paste, search and screen readers read as written.
 */
import { type PDFDict, PDFName, type PDFRef, PDFString, type PDFDocument } from "pdf-lib";
import { flateStream } from "./content-stream.ts";
import { readFont, writeEncoding, writeToUnicode, type PdfFontInfo } from "./fonts-in-pdf.ts";

/**
 * The kit's fonts: for each embedded font, a Type0 font sharing its glyphs and widths whose codes
 * each stand for a glyph and the text it carries.
 */
export class Encoder {
  private readonly infos = new Map<PDFRef, PdfFontInfo>();
  private readonly derived = new Map<PDFRef, { ref: PDFRef; codes: Map<string, number>; entries: [number, number, string][] }>();

  constructor(private readonly doc: PDFDocument) {}

  font(ref: PDFRef): PdfFontInfo {
    let f = this.infos.get(ref);
    if (!f) this.infos.set(ref, (f = readFont(this.doc.context, ref)));
    return f;
  }

  /** The resource name of the kit's font for a page's font resource, added to the page's fonts. */
  resourceName(original: string, font: PdfFontInfo, fontDict: PDFDict): string {
    const name = `${original}R`;
    if (!fontDict.has(PDFName.of(name))) fontDict.set(PDFName.of(name), this.entry(font).ref);
    return name;
  }

  code(font: PdfFontInfo, gid: number, text: string): number {
    const e = this.entry(font);
    const key = `${gid}\u0000${text}`;
    let code = e.codes.get(key);
    if (code === undefined) {
      code = e.entries.length + 1;
      if (code > 0xffff) throw new Error(`font ${font.dict.lookup(PDFName.of("BaseFont"))?.toString()} needs more than 65535 glyph-and-text codes`);
      e.codes.set(key, code);
      e.entries.push([code, gid, text]);
    }
    return code;
  }

  private entry(font: PdfFontInfo) {
    let e = this.derived.get(font.ref);
    if (!e) {
      e = { ref: this.doc.context.nextRef(), codes: new Map(), entries: [] };
      this.derived.set(font.ref, e);
    }
    return e;
  }

  /** Writes the fonts once every page is rewritten. */
  finish(): void {
    const ctx = this.doc.context;
    let n = 0;
    for (const [ref, e] of this.derived) {
      const original = this.font(ref).dict;
      const encoding = ctx.register(
        flateStream(
          ctx,
          writeEncoding(
            `Waymark-${++n}`,
            e.entries.map(([c, gid]) => [c, gid]),
          ),
          { Type: "CMap", CMapName: `Waymark-${n}`, CIDSystemInfo: { Registry: PDFString.of("Adobe"), Ordering: PDFString.of("Identity"), Supplement: 0 } },
        ),
      );
      const toUnicode = ctx.register(flateStream(ctx, writeToUnicode(e.entries.map(([c, , t]) => [c, t]))));
      ctx.assign(
        e.ref,
        ctx.obj({
          Type: "Font",
          Subtype: "Type0",
          BaseFont: original.get(PDFName.of("BaseFont"))!,
          Encoding: encoding,
          DescendantFonts: original.get(PDFName.of("DescendantFonts"))!,
          ToUnicode: toUnicode,
        }),
      );
    }
  }
}

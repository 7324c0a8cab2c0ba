/**
 * What the kit needs to know of a font Chromium embedded: how its codes map to glyphs and to
 * text (its ToUnicode CMap), and each glyph's advance. Chromium writes every font as a Type0
 * font with a TrueType CIDFont, Identity-H encoding and CIDs equal to glyph ids.
 */
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, type PDFRef, type PDFContext } from "pdf-lib";
import { streamBytes } from "./content-stream.ts";
import { Bytes, parseContent, textString } from "./content-stream.ts";

export interface PdfFontInfo {
  ref: PDFRef;
  dict: PDFDict;
  /** Identity-H: a 2-byte code is the glyph id. Anything else is read but never rewritten. */
  identity: boolean;
  /** Code to text, from the font's ToUnicode CMap. */
  toUnicode: Map<number, string>;
  /** Advance of a code, in thousandths of the font size. */
  advance(code: number): number;
}

export function readFont(context: PDFContext, ref: PDFRef): PdfFontInfo {
  const dict = context.lookup(ref, PDFDict);
  const encoding = dict.get(PDFName.of("Encoding"));
  const identity = dict.lookup(PDFName.of("Subtype")) === PDFName.of("Type0") && encoding === PDFName.of("Identity-H");
  const tu = dict.lookup(PDFName.of("ToUnicode"));
  const toUnicode = tu instanceof PDFRawStream ? parseToUnicode(streamBytes(tu)) : new Map<number, string>();
  const widths = new Map<number, number>();
  let dw = 1000;
  const descendants = dict.lookupMaybe(PDFName.of("DescendantFonts"), PDFArray);
  if (descendants) {
    const cid = context.lookup(descendants.get(0), PDFDict);
    const d = cid.lookupMaybe(PDFName.of("DW"), PDFNumber);
    if (d) dw = d.asNumber();
    const w = cid.lookupMaybe(PDFName.of("W"), PDFArray);
    const items = w ? w.asArray().map((x) => context.lookup(x)) : [];
    for (let i = 0; i < items.length; ) {
      const first = (items[i] as PDFNumber).asNumber();
      const next = items[i + 1];
      if (next instanceof PDFArray) {
        next.asArray().forEach((v, k) => widths.set(first + k, (context.lookup(v) as PDFNumber).asNumber()));
        i += 2;
      } else {
        const last = (next as PDFNumber).asNumber();
        const width = (items[i + 2] as PDFNumber).asNumber();
        for (let c = first; c <= last; c++) widths.set(c, width);
        i += 3;
      }
    }
  } else {
    const firstChar = dict.lookupMaybe(PDFName.of("FirstChar"), PDFNumber)?.asNumber() ?? 0;
    dict
      .lookupMaybe(PDFName.of("Widths"), PDFArray)
      ?.asArray()
      .forEach((v, k) => widths.set(firstChar + k, (context.lookup(v) as PDFNumber).asNumber()));
  }
  return { ref, dict, identity, toUnicode, advance: (code) => widths.get(code) ?? dw };
}

/** The codes of a shown string: two bytes each for a Type0 font, one byte otherwise. */
export function codesOf(font: PdfFontInfo | undefined, s: Bytes): number[] {
  const b = s.bytes;
  const out: number[] = [];
  if (font && !isSimple(font)) for (let i = 0; i + 1 < b.length; i += 2) out.push((b[i]! << 8) | b[i + 1]!);
  else out.push(...b);
  return out;
}
const isSimple = (font: PdfFontInfo) => font.dict.lookup(PDFName.of("Subtype")) !== PDFName.of("Type0");

/** A ToUnicode CMap's bfchar and bfrange entries. */
export function parseToUnicode(data: Uint8Array): Map<number, string> {
  const map = new Map<number, string>();
  const code = (b: Bytes) => b.bytes.reduce((n, x) => n * 256 + x, 0);
  const text = (b: Bytes) => textString(new Bytes(Uint8Array.from([0xfe, 0xff, ...b.bytes]), true));
  for (const op of parseContent(data)) {
    if (op.operator === "endbfchar") {
      for (let i = 0; i + 1 < op.operands.length; i += 2) map.set(code(op.operands[i] as Bytes), text(op.operands[i + 1] as Bytes));
    } else if (op.operator === "endbfrange") {
      for (let i = 0; i + 2 < op.operands.length; i += 3) {
        const lo = code(op.operands[i] as Bytes);
        const hi = code(op.operands[i + 1] as Bytes);
        const dst = op.operands[i + 2];
        if (Array.isArray(dst)) dst.forEach((d, k) => map.set(lo + k, text(d as Bytes)));
        else {
          const base = text(dst as Bytes);
          // The last UTF-16 unit is incremented across the range.
          for (let c = lo; c <= hi; c++) map.set(c, base.slice(0, -1) + String.fromCharCode(base.charCodeAt(base.length - 1) + (c - lo)));
        }
      }
    }
  }
  return map;
}

/** A ToUnicode CMap (bfchar entries, 2-byte codes) for a code-to-text map. */
export function writeToUnicode(entries: [number, string][]): string {
  const hex = (code: number) => code.toString(16).padStart(4, "0").toUpperCase();
  const utf16 = (t: string) => Array.from({ length: t.length }, (_, i) => hex(t.charCodeAt(i))).join("");
  return cmap(
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def",
    chunks(entries, 100).map((c) => `${c.length} beginbfchar\n${c.map(([k, t]) => `<${hex(k)}> <${utf16(t)}>`).join("\n")}\nendbfchar`),
  );
}

/** An encoding CMap from 2-byte codes to CIDs, for a Type0 font. */
export function writeEncoding(name: string, entries: [number, number][]): string {
  const hex = (code: number) => code.toString(16).padStart(4, "0").toUpperCase();
  return cmap(
    `/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> def\n/CMapName /${name} def\n/CMapType 1 def`,
    chunks(entries, 100).map((c) => `${c.length} begincidchar\n${c.map(([k, cid]) => `<${hex(k)}> ${cid}`).join("\n")}\nendcidchar`),
  );
}

function cmap(header: string, sections: string[]): string {
  return `/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n${header}\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n${sections.join("\n")}\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n`;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

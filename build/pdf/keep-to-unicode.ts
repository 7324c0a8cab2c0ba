/**
 * The print PDF's ToUnicode maps put back into a converted copy. Ghostscript 10.0's pdfwrite
 * keeps each font's codes but writes a code that stands for more than one UTF-16 unit (a glyph
 * and the space after it, a ligature) in the wrong byte order: "a " becomes U+6100 U+2000, so a
 * search for "safe way to" fails and a screen reader reads CJK. The kit's maps (reencode.ts)
 * are exact; fonts are matched by name without their subset tag and by how they are encoded.
 */
import { PDFDict, type PDFDocument, PDFName, PDFRawStream, type PDFRef } from "pdf-lib";
import { flateStream, streamBytes } from "./content-stream.ts";

/** "NotoSans-Bold Identity-H", "NotoSans-Bold embedded": what matches a font across the conversion. */
function fontKey(font: PDFDict): string | undefined {
  const base = font.get(PDFName.of("BaseFont"));
  if (!(base instanceof PDFName)) return undefined;
  const encoding = font.get(PDFName.of("Encoding"));
  return `${base
    .asString()
    .slice(1)
    .replace(/^[A-Z]{6}\+/, "")} ${encoding instanceof PDFName ? encoding.asString().slice(1) : "embedded"}`;
}

function fonts(doc: PDFDocument): Map<string, PDFDict[]> {
  const found = new Map<string, PDFDict[]>();
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || obj.get(PDFName.of("Type"))?.toString() !== "/Font" || !obj.has(PDFName.of("ToUnicode"))) continue;
    const key = fontKey(obj);
    if (key) found.set(key, [...(found.get(key) ?? []), obj]);
  }
  return found;
}

/** Gives each font of `target` the ToUnicode map of the one font of `source` it matches; returns how many it replaced. */
export function keepToUnicode(source: PDFDocument, target: PDFDocument): number {
  const from = fonts(source);
  let replaced = 0;
  for (const [key, dicts] of fonts(target)) {
    const origins = from.get(key);
    if (origins?.length !== 1) continue; // none, or two it cannot tell apart: left as Ghostscript wrote it
    const map = source.context.lookup(origins[0]!.get(PDFName.of("ToUnicode")));
    if (!(map instanceof PDFRawStream)) continue;
    const copy: PDFRef = target.context.register(flateStream(target.context, streamBytes(map)));
    for (const d of dicts) {
      d.set(PDFName.of("ToUnicode"), copy);
      replaced++;
    }
  }
  return replaced;
}

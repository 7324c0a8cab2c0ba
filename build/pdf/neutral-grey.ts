/**
 * Neutral colours as grey: every `r g b rg` (and `RG`) whose three components are equal becomes
 * `g` (`G`). Chromium paints in RGB only, and an RGB black converted through a CMYK profile is
 * four-colour black (about 75/68/67/90 %): text that smears when the plates are off register.
 * Ghostscript maps DeviceGray to the black plate alone (its DeviceGrayToK default), so black
 * text and grey rules come out in K only. Made on a copy fed to the PDF/X conversion; the print
 * PDF keeps its RGB.
 */
import { PDFArray, PDFDict, type PDFDocument, PDFName, type PDFObject, PDFRawStream, PDFRef } from "pdf-lib";
import { flateStream, operation, parseContent, serializeContent, streamBytes, type Operation } from "./content-stream.ts";

/** Components this close count as equal: Chromium writes 8-bit colours as decimals. */
const SAME = 0.5 / 255;

/** The operation with a neutral RGB colour written as grey; any other operation unchanged. */
export function neutralAsGrey(op: Operation): Operation {
  if (op.operator !== "rg" && op.operator !== "RG") return op;
  const [r, g, b] = op.operands;
  if (typeof r !== "number" || typeof g !== "number" || typeof b !== "number") return op;
  if (Math.abs(r - g) > SAME || Math.abs(g - b) > SAME) return op;
  return operation(op.operator === "rg" ? "g" : "G", (r + g + b) / 3);
}

/** Rewrites every content stream of the document (pages, forms, tiling patterns) in place; returns how many colours it changed. */
export function neutralColoursAsGrey(doc: PDFDocument): number {
  const ctx = doc.context;
  const done = new Set<PDFRef>();
  let changed = 0;
  const lookup = (o: PDFObject | undefined) => (o instanceof PDFRef ? ctx.lookup(o) : o);
  const dictOf = (o: PDFObject | undefined) => {
    const v = lookup(o);
    return v instanceof PDFDict ? v : v instanceof PDFRawStream ? v.dict : undefined;
  };

  /** The stream behind a reference, rewritten; a direct stream cannot be replaced and is left alone (Chromium writes none). */
  const rewrite = (ref: PDFObject | undefined) => {
    if (!(ref instanceof PDFRef) || done.has(ref)) return;
    done.add(ref);
    const stream = ctx.lookup(ref);
    if (!(stream instanceof PDFRawStream)) return;
    const ops = parseContent(streamBytes(stream));
    let here = 0;
    const grey = ops.map((op) => {
      const out = neutralAsGrey(op);
      if (out !== op) here++;
      return out;
    });
    visit(dictOf(stream.dict.get(PDFName.of("Resources"))));
    if (!here) return;
    changed += here;
    const keep = Object.fromEntries(
      [...stream.dict.entries()].filter(([k]) => !["/Length", "/Filter", "/DecodeParms"].includes(k.asString())).map(([k, v]) => [k.asString().slice(1), v]),
    );
    ctx.assign(ref, flateStream(ctx, serializeContent(grey), keep));
  };

  const seen = new Set<PDFDict>();
  const visit = (resources: PDFDict | undefined) => {
    if (!resources || seen.has(resources)) return;
    seen.add(resources);
    for (const [, x] of dictOf(resources.get(PDFName.of("XObject")))?.entries() ?? [])
      if (dictOf(x)?.get(PDFName.of("Subtype"))?.toString() === "/Form") rewrite(x);
    for (const [, p] of dictOf(resources.get(PDFName.of("Pattern")))?.entries() ?? []) {
      if (lookup(p) instanceof PDFRawStream) rewrite(p);
    }
  };

  for (const page of doc.getPages()) {
    const contents = page.node.get(PDFName.of("Contents"));
    const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
    for (const ref of refs) rewrite(ref);
    visit(page.node.Resources());
  }
  return changed;
}

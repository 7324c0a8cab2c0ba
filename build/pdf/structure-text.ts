/**
 * The text of a tagged PDF's structure tree, read the way poppler reads it for
 * `pdfinfo -struct-text` (and pdf.js for its accessibility tree): the glyphs of each marked-content
 * sequence in stream order, through each font's ToUnicode map, ActualText ignored, reading of a
 * sequence stopped by a nested marked-content end. The build's check and the tests use it, so
 * they judge what those readers get, without poppler installed.
 */
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRef, PDFString, PDFHexString, type PDFDocument } from "pdf-lib";
import { Bytes, type Name, pageOperations } from "./content-stream.ts";
import { codesOf, readFont, type PdfFontInfo } from "./fonts-in-pdf.ts";

export interface StructNode {
  /** Structure type: "P", "H1", "LI", "NonStruct" … */
  type: string;
  dict: PDFDict;
  /** All the text under it, in tree order. */
  text: string;
  /** The same without list labels (bullets, numbers), which are not part of an item's DOM text. */
  textWithoutLabels: string;
  lang?: string;
  alt?: string;
  children: StructNode[];
  /** The pages (1-based) its text is drawn on, its children's included. */
  pages: number[];
}

/** The structure tree with each element's text; undefined for an untagged PDF. */
export function structureTree(doc: PDFDocument): StructNode | undefined {
  return readStructure(doc).tree;
}

/** The structure tree, and per page the painting operations outside marked content (one pass over the pages). */
export function readStructure(doc: PDFDocument): { tree: StructNode | undefined; untagged: number[] } {
  const texts = new Map<string, Map<number, string>>();
  const fontCache = new Map<PDFRef, PdfFontInfo>();
  const untagged: number[] = [];
  for (const page of doc.getPages()) {
    const read = pageTexts(doc, page.node, fontCache);
    texts.set(page.ref.toString(), read.texts);
    untagged.push(read.untagged);
  }
  const root = doc.catalog.lookupMaybe(PDFName.of("StructTreeRoot"), PDFDict);
  if (!root) return { tree: undefined, untagged };
  const mcrText = (page: unknown, mcid: number) => (page instanceof PDFRef ? (texts.get(page.toString())?.get(mcid) ?? "") : "");
  const pageNumbers = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i + 1]));
  const pageOf = (page: unknown) => (page instanceof PDFRef ? pageNumbers.get(page.toString()) : undefined);

  const visit = (el: PDFDict): StructNode => {
    const page = el.get(PDFName.of("Pg"));
    const node: StructNode = { type: el.get(PDFName.of("S"))?.toString().slice(1) ?? "", dict: el, text: "", textWithoutLabels: "", children: [], pages: [] };
    const drawnOn = (p: unknown) => {
      const n = pageOf(p);
      if (n && !node.pages.includes(n)) node.pages.push(n);
    };
    const lang = el.lookup(PDFName.of("Lang"));
    if (lang instanceof PDFString || lang instanceof PDFHexString) node.lang = lang.decodeText();
    const alt = el.lookup(PDFName.of("Alt"));
    if (alt instanceof PDFString || alt instanceof PDFHexString) node.alt = alt.decodeText();
    const kids = el.get(PDFName.of("K"));
    for (const k of kids instanceof PDFArray ? kids.asArray() : kids ? [kids] : []) {
      const kid = doc.context.lookup(k);
      let own = "";
      if (kid instanceof PDFNumber) {
        own = mcrText(page, kid.asNumber());
        if (own.trim()) drawnOn(page);
      } else if (kid instanceof PDFDict) {
        const type = kid.get(PDFName.of("Type"));
        if (type === PDFName.of("MCR")) {
          own = mcrText(kid.get(PDFName.of("Pg")) ?? page, kid.lookupMaybe(PDFName.of("MCID"), PDFNumber)?.asNumber() ?? -1);
          if (own.trim()) drawnOn(kid.get(PDFName.of("Pg")) ?? page);
        } else if (type !== PDFName.of("OBJR")) {
          const child = visit(kid);
          node.children.push(child);
          for (const n of child.pages) if (!node.pages.includes(n)) node.pages.push(n);
          node.text += child.text;
          if (child.type !== "Lbl") node.textWithoutLabels += child.textWithoutLabels;
        }
      }
      node.text += own;
      node.textWithoutLabels += own;
    }
    return node;
  };
  return { tree: visit(root), untagged };
}

/** Every node of a tree, in document order. */
export function* walk(node: StructNode): Generator<StructNode> {
  yield node;
  for (const c of node.children) yield* walk(c);
}

/** Painting operators: what must be either tagged or marked as an artifact (PDF/UA). */
const PAINTING = new Set(["Tj", "TJ", "'", '"', "f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "Do", "sh", "BI"]);

/**
 * What PDF/UA asks that the kit can check on its own: a title shown in the window, a document
 * language, a structure tree, alternative text on every figure, and no painting outside
 * marked content. Each gap, in words; none means the file may claim `pdfuaid:part 1`.
 */
export function pdfUaGaps(doc: PDFDocument, { tree, untagged } = readStructure(doc)): string[] {
  const gaps: string[] = [];
  if (!doc.getTitle()) gaps.push("no title");
  const prefs = doc.catalog.lookupMaybe(PDFName.of("ViewerPreferences"), PDFDict);
  if (prefs?.get(PDFName.of("DisplayDocTitle"))?.toString() !== "true") gaps.push("the title is not shown in the window (DisplayDocTitle)");
  if (!doc.catalog.get(PDFName.of("Lang"))) gaps.push("no document language (/Lang)");
  if (!tree) gaps.push("no structure tree");
  for (const n of tree ? walk(tree) : []) if (n.type === "Figure" && !n.alt) gaps.push(`a figure without alternative text ("${n.text.slice(0, 40)}")`);
  untagged.forEach((n, i) => n && gaps.push(`page ${i + 1}: ${n} painting operations outside marked content`));
  return gaps;
}

/** Text per MCID on one page, as poppler's MarkedContentOutputDev collects it, and painting outside marked content. */
function pageTexts(doc: PDFDocument, page: PDFDict, cache: Map<PDFRef, PdfFontInfo>): { texts: Map<number, string>; untagged: number } {
  const out = new Map<number, string>();
  let untagged = 0;
  let depth = 0;
  const fontDict = page.lookupMaybe(PDFName.of("Resources"), PDFDict)?.lookupMaybe(PDFName.of("Font"), PDFDict);
  const font = (name: string) => {
    const ref = fontDict?.get(PDFName.of(name));
    if (!(ref instanceof PDFRef)) return undefined;
    let f = cache.get(ref);
    if (!f) cache.set(ref, (f = readFont(doc.context, ref)));
    return f;
  };
  // Poppler's stack: pushed only by a sequence with an MCID (or inside one), popped by any EMC.
  const stack: number[] = [];
  let current: PdfFontInfo | undefined;
  for (const op of pageOperations(page) ?? []) {
    if (PAINTING.has(op.operator) && depth === 0) untagged++;
    if (op.operator === "BDC" || op.operator === "BMC") depth++;
    else if (op.operator === "EMC") depth--;
    if (op.operator === "BDC" || op.operator === "BMC") {
      const props = op.operands[1];
      const mcid = props instanceof Map ? props.get("MCID") : undefined;
      if (typeof mcid === "number") stack.push(mcid);
    } else if (op.operator === "EMC") stack.pop();
    else if (op.operator === "Tf") current = font((op.operands[0] as Name).name);
    else if ((op.operator === "Tj" || op.operator === "TJ" || op.operator === "'" || op.operator === '"') && stack.length) {
      const strings =
        op.operator === "TJ" ? (op.operands[0] as unknown[]).filter((x): x is Bytes => x instanceof Bytes) : [op.operands[op.operands.length - 1] as Bytes];
      const mcid = stack[0]!;
      let text = out.get(mcid) ?? "";
      for (const s of strings) for (const code of codesOf(current, s)) text += (current?.toUnicode.get(code) ?? "").replace(/[\u00ad\u0000]/g, "");
      out.set(mcid, text);
    }
  }
  return { texts: out, untagged };
}

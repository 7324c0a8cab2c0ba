/**
 * PDF post-processing as pure functions over pdf-lib documents: what Chromium cannot do
 * itself. Chromium prints each page once, with its bleed; finishing makes both variants from
 * that one print: the print PDF (bleed, crop marks, TrimBox and BleedBox) and the screen PDF
 * (cut to the trim, images cut down to screen resolution, bookmarks kept). Page boxes in exact
 * millimetres (Chromium rounds page sizes to 1/300 inch), crop marks and the draft watermark
 * as marked artifacts, booklet padding, fixed metadata and a document ID derived from the
 * content, so the same input gives the same bytes.
 */
import { createHash } from "node:crypto";
import {
  cmyk,
  endMarkedContent,
  PDFArray,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFOperator,
  PDFOperatorNames,
  PDFDict,
  PDFString,
  popGraphicsState,
  pushGraphicsState,
  type PDFPage,
  PDFRef,
} from "pdf-lib";
import { BLEED_MM, type Format, type Variant } from "../print/formats.ts";
import { PRINT_DPI, SCREEN_DPI } from "../images.ts";
import { screenImages } from "./screen-images.ts";
import { drawWatermark } from "./draft-watermark.ts";
import { checkKeeps, compareStructureText, normaliseText, type PageText } from "../checks/page-text.ts";
import { ContentError } from "../errors.ts";
import { escapeMarkup } from "../escape.ts";
import { inspectDoc, type PdfFacts } from "./inspect.ts";
import { transparencyOf } from "./print-facts.ts";
import { putTextInReadingOrder } from "./reading-order.ts";
import { pdfUaGaps, readStructure, walk, type StructNode } from "./structure-text.ts";

const PT_PER_MM = 72 / 25.4;
/** Room outside the bleed for crop marks, in millimetres. */
const MARK_AREA_MM = 9;
const MARK_LENGTH_MM = 5;

export interface PdfMeta {
  title: string;
  lang: string;
  subject: string;
  keywords: string[];
  /** Fixed date (the campaign's `updated`), so the same input gives the same file. */
  date: Date;
  revision: string;
}

export interface FinishOptions {
  format: Format;
  meta: PdfMeta;
  /** The document's base direction: how its lines are read back in order. */
  dir: "ltr" | "rtl";
  /**
   * The laid-out page's blocks and language islands: the structure tree is tagged with their
   * languages and its text checked against them (the file and document name the problems).
   */
  pageText?: { text: PageText; file: string; document: string };
  /** Outline of the word DRAFT (SVG path, y down, in its own units) when the PDF is a draft. */
  watermark?: { path: string; width: number; height: number };
}

/**
 * The print and screen PDFs of a page Chromium printed once, with its bleed (and, for a flowing
 * document, its bookmarks): the text put in reading order and checked, pages padded, the
 * watermark and metadata set once for both; and what they hold (fonts, pages) for the checks.
 */
export async function finishPdf(pdf: Uint8Array, opts: FinishOptions): Promise<{ pdfs: Record<Variant, Uint8Array>; facts: PdfFacts }> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const { format } = opts;
  putTextInReadingOrder(doc, { rtl: opts.dir === "rtl", ...(opts.pageText ? { wraps: opts.pageText.text.wraps, blocks: opts.pageText.text.blocks } : {}) });
  const structure = readStructure(doc);
  if (opts.pageText && structure.tree) {
    tagStructure(structure.tree, opts.pageText.text);
    // Text drawn translucent sits in a transparency group the reading order does not reach: the
    // print check names its CSS rule (checks/pdf-output.ts), which says more than an empty text.
    const problems = transparencyOf(doc).length ? [] : compareStructureText(structure.tree, opts.pageText.text, opts.pageText);
    // Pages that break in flow: none may end on a label, heading or warning.
    if (!problems.length && format.layout === "flow") problems.push(...checkKeeps(structure.tree, opts.pageText.text, opts.pageText));
    if (problems.length) throw new ContentError(problems);
  }
  if (format.pages.multipleOf) padPages(doc, format.pages.multipleOf, format.padBeforeLastPage ?? false);
  for (const page of doc.getPages()) isolateContent(page);
  const trims = trimOrigins(doc);
  setPageBoxes(doc, format, "print", trims);
  if (opts.watermark) drawWatermark(doc, opts.watermark);
  // PDF/UA is claimed only when what the kit can check of it holds (the watermark and crop marks are artifacts).
  setMetadata(doc, opts.meta, () => !pdfUaGaps(doc, structure).length);
  const id = (variant: Variant) => setDocumentId(doc, [opts.meta.revision, opts.meta.lang, format.id, variant, opts.meta.title].join("\n"));

  // Screen: the trim only, images at screen resolution; bookmarks help on a phone.
  const restoreImages = await screenImages(doc, SCREEN_DPI / PRINT_DPI);
  setPageBoxes(doc, format, "screen", trims);
  id("screen");
  const screen = await doc.save();
  // Print: the images as placed, bleed and crop marks; the print shop needs no bookmarks.
  restoreImages();
  removeOutline(doc);
  setPageBoxes(doc, format, "print", trims);
  drawCropMarks(doc, format);
  id("print");
  // What both hold (fonts, pages), for the checks, read from the document in hand.
  return { pdfs: { print: await doc.save(), screen }, facts: inspectDoc(doc) };
}

/** Where each page's trim starts (its top-left corner): the page as printed, less its bleed. */
export function trimOrigins(doc: PDFDocument): { x: number; y: number }[] {
  const bleed = BLEED_MM * PT_PER_MM;
  return doc.getPages().map((page) => {
    const media = page.getMediaBox();
    // Anchored at the top-left corner, where layout starts: Chromium's rounded page size is not copied.
    return { x: media.x + bleed, y: media.y + media.height - bleed };
  });
}

/** Takes the bookmarks out (the outline tree's objects too): the print variant has none. */
export function removeOutline(doc: PDFDocument): void {
  const outlines = doc.catalog.lookupMaybe(PDFName.of("Outlines"), PDFDict);
  if (!outlines) return;
  const refs: PDFRef[] = [];
  const visit = (dict: PDFDict) => {
    for (let item = dict.get(PDFName.of("First")); item instanceof PDFRef; ) {
      refs.push(item);
      const node = doc.context.lookup(item, PDFDict);
      visit(node);
      item = node.get(PDFName.of("Next"));
    }
  };
  visit(outlines);
  const own = doc.catalog.get(PDFName.of("Outlines"));
  if (own instanceof PDFRef) refs.push(own);
  for (const ref of refs) doc.context.delete(ref);
  doc.catalog.delete(PDFName.of("Outlines"));
  if (doc.catalog.get(PDFName.of("PageMode"))?.toString() === "/UseOutlines") doc.catalog.delete(PDFName.of("PageMode"));
}

/**
 * Languages and alternative text in the structure tree: /Lang on each element that holds the
 * text of an element in another language than the document (the outermost one, so its
 * children inherit it), and /Alt on a figure that has none (a QR code with its caption) from
 * its own text. Chromium already gives images their alt text.
 */
function tagStructure(tree: StructNode, page: PageText): void {
  const nodes = [...walk(tree)];
  let from = 0;
  for (const island of page.islands) {
    const match = (n: StructNode) => !n.lang && normaliseText(n.text) === island.text;
    let at = nodes.findIndex((n, i) => i >= from && match(n));
    if (at < 0) at = nodes.findIndex(match);
    if (at < 0) continue;
    nodes[at]!.dict.set(PDFName.of("Lang"), PDFString.of(island.lang));
    nodes[at]!.lang = island.lang;
    from = at + 1;
  }
  for (const n of nodes) {
    if (n.type !== "Figure" || n.alt) continue;
    const text = normaliseText(n.text);
    if (!text) continue;
    n.dict.set(PDFName.of("Alt"), PDFHexString.fromText(text));
    n.alt = text;
  }
}

/**
 * A saddle-stitched booklet needs a multiple of 4 pages. Blank pages go at the end, or
 * before the last page so the back cover stays on the outside of the folded booklet.
 */
export function padPages(doc: PDFDocument, multiple: number, beforeLastPage: boolean): number {
  const count = doc.getPageCount();
  const { width, height } = doc.getPage(count - 1).getSize();
  const added = (multiple - (count % multiple)) % multiple;
  for (let i = 0; i < added; i++) doc.insertPage(beforeLastPage ? count - 1 : doc.getPageCount(), [width, height]);
  return added;
}

/** Wraps a page's existing content in q … Q, so what is drawn after it starts from a clean state. */
export function isolateContent(page: PDFPage): void {
  const ctx = page.doc.context;
  page.node.normalize();
  const start = ctx.register(ctx.contentStream([pushGraphicsState()]));
  const end = ctx.register(ctx.contentStream([popGraphicsState()]));
  page.node.wrapContentStreams(start, end);
}

/**
 * TrimBox is the trim size, exactly, where `trims` says each page's trim starts. For print,
 * BleedBox is 3 mm larger on each side and the MediaBox grows to make room for crop marks; for
 * the screen, every box is the trim.
 */
export function setPageBoxes(doc: PDFDocument, format: Format, variant: Variant, trims: { x: number; y: number }[]): void {
  const trimW = format.trimMm.width * PT_PER_MM;
  const trimH = format.trimMm.height * PT_PER_MM;
  const bleed = variant === "print" ? BLEED_MM * PT_PER_MM : 0;
  const marks = variant === "print" ? MARK_AREA_MM * PT_PER_MM : 0;
  for (const [i, page] of doc.getPages().entries()) {
    const trimX = trims[i]!.x;
    const trimY = trims[i]!.y - trimH;
    page.setTrimBox(trimX, trimY, trimW, trimH);
    page.setBleedBox(trimX - bleed, trimY - bleed, trimW + 2 * bleed, trimH + 2 * bleed);
    page.setMediaBox(trimX - bleed - marks, trimY - bleed - marks, trimW + 2 * (bleed + marks), trimH + 2 * (bleed + marks));
    page.setCropBox(trimX - bleed - marks, trimY - bleed - marks, trimW + 2 * (bleed + marks), trimH + 2 * (bleed + marks));
  }
}

/** Crop marks at each trim corner, outside the bleed, in registration colour, marked as artifacts. */
export function drawCropMarks(doc: PDFDocument, format: Format): void {
  const trimW = format.trimMm.width * PT_PER_MM;
  const trimH = format.trimMm.height * PT_PER_MM;
  const gap = BLEED_MM * PT_PER_MM; // marks start where the bleed ends
  const len = MARK_LENGTH_MM * PT_PER_MM;
  const registration = cmyk(1, 1, 1, 1);
  for (const page of doc.getPages()) {
    const t = page.getTrimBox();
    page.pushOperators(PDFOperator.of(PDFOperatorNames.BeginMarkedContent, [PDFName.of("Artifact")]));
    for (const x of [t.x, t.x + trimW]) {
      for (const y of [t.y, t.y + trimH]) {
        const dx = x === t.x ? -1 : 1;
        const dy = y === t.y ? -1 : 1;
        page.drawLine({ start: { x: x + dx * gap, y }, end: { x: x + dx * (gap + len), y }, thickness: 0.25, color: registration });
        page.drawLine({ start: { x, y: y + dy * gap }, end: { x, y: y + dy * (gap + len) }, thickness: 0.25, color: registration });
      }
    }
    page.pushOperators(endMarkedContent());
  }
}

/** @param meetsPdfUa asked once the Info dictionary is set: whether the XMP may claim `pdfuaid:part 1`. */
export function setMetadata(doc: PDFDocument, meta: PdfMeta, meetsPdfUa: () => boolean = () => false): void {
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setLanguage(meta.lang);
  doc.setSubject(meta.subject);
  doc.setKeywords(meta.keywords);
  doc.setCreator("Waymark");
  doc.setProducer("Waymark (Chromium, pdf-lib)");
  doc.setCreationDate(meta.date);
  doc.setModificationDate(meta.date);
  const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
  info.set(PDFName.of("WaymarkRevision"), PDFString.of(meta.revision));
  // The same facts as XMP, which archives, PDF/UA checkers and assistive tools read first.
  const xmp = doc.context.stream(new TextEncoder().encode(xmpPacket(meta, { pdfua: meetsPdfUa() })), { Type: "Metadata", Subtype: "XML" }); // UTF-8, uncompressed, as XMP requires
  doc.catalog.set(PDFName.of("Metadata"), doc.context.register(xmp));
}

/** Namespace of the kit's own XMP property (the document's revision). */
const WAYMARK_XMP_NS = "https://waymark.example/ns/xmp/1.0/";

/**
 * The XMP packet for a PDF: title, description, language, keywords, creator tool, dates and
 * the revision, as in the Info dictionary; `pdfuaid:part 1` when the file passed the checks of
 * PDF/UA that the kit can make (pdfUaGaps).
 */
function xmpPacket(meta: PdfMeta, opts: { pdfua: boolean } = { pdfua: false }): string {
  const x = escapeMarkup;
  const date = meta.date.toISOString().replace(/\.\d{3}Z$/, "Z");
  const alt = (t: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${x(t)}</rdf:li></rdf:Alt>`;
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:waymark="${WAYMARK_XMP_NS}"${
      opts.pdfua
        ? `
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"`
        : ""
    }>
   <dc:format>application/pdf</dc:format>
   <dc:title>${alt(meta.title)}</dc:title>
   <dc:description>${alt(meta.subject)}</dc:description>
   <dc:language><rdf:Bag><rdf:li>${x(meta.lang)}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreatorTool>Waymark</xmp:CreatorTool>
   <xmp:CreateDate>${date}</xmp:CreateDate>
   <xmp:ModifyDate>${date}</xmp:ModifyDate>
   <xmp:MetadataDate>${date}</xmp:MetadataDate>
   <pdf:Producer>Waymark (Chromium, pdf-lib)</pdf:Producer>
   <pdf:Keywords>${x(meta.keywords.join(", "))}</pdf:Keywords>
   <waymark:revision>${x(meta.revision)}</waymark:revision>${opts.pdfua ? "\n   <pdfuaid:part>1</pdfuaid:part>" : ""}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>`;
}

/** The trailer ID, derived from what the document is, not from the time it was made. */
export function setDocumentId(doc: PDFDocument, seed: string): void {
  const id = PDFHexString.of(createHash("sha256").update(seed).digest("hex").slice(0, 32));
  doc.context.trailerInfo.ID = PDFArray.withContext(doc.context);
  (doc.context.trailerInfo.ID as PDFArray).push(id);
  (doc.context.trailerInfo.ID as PDFArray).push(id);
}

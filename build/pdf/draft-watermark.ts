/**
 * The DRAFT watermark, drawn without transparency: print PDFs carry none (a PDF/X conversion
 * would turn a page with any into one picture). The word goes on every page twice, along the
 * trim's diagonal: a light tint behind the content, which shows on paper-white pages, and its
 * outline in solid red over the content, which shows on any ground (a cover's night blue too).
 * Both are vector outlines (no extra font embedded), in an optional content group "Draft
 * watermark" that a print shop can see and switch, and marked as pagination artifacts so screen
 * readers skip them.
 */
import {
  cmyk,
  degrees,
  drawSvgPath,
  endMarkedContent,
  PDFArray,
  PDFDict,
  PDFName,
  PDFOperator,
  PDFOperatorNames,
  type PDFDocument,
  type PDFPage,
  PDFString,
  type PDFRef,
} from "pdf-lib";

/** The tint behind the content: what the former 13% red over white looked like, as a solid colour. */
const TINT = cmyk(0, 0.12, 0.11, 0);
/** The outline over the content: the kit's warning red. */
const LINE = cmyk(0, 0.9, 0.85, 0);
/** Outline width as a share of the trim's shorter side (1.4 pt on A5, 2.8 pt on A3). */
const LINE_SHARE = 1 / 300;

export function drawWatermark(doc: PDFDocument, mark: { path: string; width: number; height: number }): void {
  const ctx = doc.context;
  const ocg = ctx.register(ctx.obj({ Type: "OCG", Name: PDFString.of("Draft watermark"), Usage: { Print: { PrintState: "ON" }, View: { ViewState: "ON" } } }));
  doc.catalog.set(PDFName.of("OCProperties"), ctx.obj({ OCGs: [ocg], D: { Name: PDFString.of("Waymark"), Order: [ocg], ON: [ocg] } }));
  for (const page of doc.getPages()) {
    const t = page.getTrimBox();
    const scale = (Math.min(t.width, t.height) * 0.9) / mark.width;
    const angle = Math.atan2(t.height, t.width);
    // Centre the word on the trim, along its diagonal.
    const cx = t.x + t.width / 2;
    const cy = t.y + t.height / 2;
    const w = mark.width * scale;
    const h = mark.height * scale;
    const at = {
      x: cx - (w / 2) * Math.cos(angle) - (h / 2) * Math.sin(angle),
      y: cy - (w / 2) * Math.sin(angle) + (h / 2) * Math.cos(angle),
      scale,
      rotate: degrees((angle * 180) / Math.PI),
    };
    addProperty(page, "WaymarkDraft", ocg);
    const open = [
      PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [PDFName.of("OC"), PDFName.of("WaymarkDraft")]),
      // (pdf-lib's operand type omits dictionaries; a dictionary operand is valid PDF and serialises as one)
      PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [PDFName.of("Artifact"), ctx.obj({ Type: "Pagination", Subtype: "Watermark" }) as never]),
    ];
    const close = [endMarkedContent(), endMarkedContent()];
    const tint = drawSvgPath(mark.path, { ...at, color: TINT, borderColor: undefined, borderWidth: 0 });
    // Behind: a stream of its own before the page's content (finishing wrapped that in q … Q).
    page.node.normalize();
    const contents = page.node.Contents();
    if (contents instanceof PDFArray) contents.insert(0, ctx.register(ctx.contentStream([...open, ...tint, ...close])));
    // Over: the outline, its width in the path's units (drawSvgPath scales the path, and the line with it).
    const line = (Math.min(t.width, t.height) * LINE_SHARE) / scale;
    page.pushOperators(...open, ...drawSvgPath(mark.path, { ...at, color: undefined, borderColor: LINE, borderWidth: line }), ...close);
  }
}

function addProperty(page: PDFPage, name: string, ref: PDFRef): void {
  const resources = page.node.Resources()!;
  let props = resources.lookupMaybe(PDFName.of("Properties"), PDFDict);
  if (!props) {
    props = page.doc.context.obj({});
    resources.set(PDFName.of("Properties"), props);
  }
  props.set(PDFName.of(name), ref);
}

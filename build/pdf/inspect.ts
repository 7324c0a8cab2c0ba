/**
 * Reads back what a PDF really contains: page sizes, language, title and embedded fonts.
 * Used by the build's own checks and by the tests, so both judge the same facts.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, type PDFRef, PDFString, PDFHexString, type PDFObject } from "pdf-lib";
import { transparencyOf, type Transparency } from "./print-facts.ts";

interface PdfFont {
  /** BaseFont without the subset tag: "NotoSansArabic-Bold". */
  name: string;
  /** Family as in the registry, spaces removed: "NotoSansArabic". */
  family: string;
  subtype: string;
  embedded: boolean;
}
interface BoxMm {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface PdfFacts {
  pages: number;
  /** Each page's boxes, in millimetres. */
  boxes: { media: BoxMm; trim: BoxMm; bleed: BoxMm }[];
  lang?: string;
  title?: string;
  fonts: PdfFont[];
  /** Names of the optional content groups (the draft watermark is one). */
  layers: string[];
  /** Has bookmarks. */
  outline: boolean;
  /** The XMP metadata packet, as text (UTF-8). */
  xmp?: string;
  tagged: boolean;
  /** Transparency the pages can paint (none is allowed in print: a PDF/X conversion would rasterise the page). */
  transparency: Transparency[];
}

const PT_TO_MM = 25.4 / 72;

export async function inspectPdf(bytes: Uint8Array): Promise<PdfFacts> {
  return inspectDoc(await PDFDocument.load(bytes, { updateMetadata: false }));
}

/** The same facts from a document already loaded (finishing reads what it made without parsing it again). */
export function inspectDoc(doc: PDFDocument): PdfFacts {
  const lang = doc.catalog.lookup(PDFName.of("Lang"));
  const fonts = new Map<string, PdfFont>();
  const seen = new Set<PDFDict>();

  const visitResources = (res: PDFDict | undefined) => {
    if (!res || seen.has(res)) return;
    seen.add(res);
    const fontDict = res.lookupMaybe(PDFName.of("Font"), PDFDict);
    for (const [, ref] of fontDict?.entries() ?? []) {
      const font = doc.context.lookup(ref) as PDFDict;
      const f = describeFont(doc, font);
      fonts.set(f.name + f.subtype, f);
    }
    // Form XObjects carry resources of their own.
    const xobjects = res.lookupMaybe(PDFName.of("XObject"), PDFDict);
    for (const [, ref] of xobjects?.entries() ?? []) {
      const x = doc.context.lookup(ref);
      const dict = x && "dict" in (x as object) ? (x as unknown as { dict: PDFDict }).dict : undefined;
      visitResources(dict?.lookupMaybe(PDFName.of("Resources"), PDFDict));
    }
  };
  for (const page of doc.getPages()) visitResources(page.node.Resources());

  const mm = (b: { x: number; y: number; width: number; height: number }): BoxMm => ({
    x: b.x * PT_TO_MM,
    y: b.y * PT_TO_MM,
    width: b.width * PT_TO_MM,
    height: b.height * PT_TO_MM,
  });
  const ocgs = doc.catalog.lookupMaybe(PDFName.of("OCProperties"), PDFDict)?.lookupMaybe(PDFName.of("OCGs"), PDFArray);
  const metadata = doc.catalog.lookup(PDFName.of("Metadata"));
  const xmp = metadata instanceof PDFRawStream ? metadata : undefined;
  const layers = ocgs ? ocgs.asArray().map((ref) => decodeText((doc.context.lookup(ref) as PDFDict).get(PDFName.of("Name"))!)) : [];
  return {
    pages: doc.getPageCount(),
    boxes: doc.getPages().map((p) => ({ media: mm(p.getMediaBox()), trim: mm(p.getTrimBox()), bleed: mm(p.getBleedBox()) })),
    layers,
    outline: Boolean(doc.catalog.lookupMaybe(PDFName.of("Outlines"), PDFDict)?.get(PDFName.of("First"))),
    tagged: Boolean(doc.catalog.lookupMaybe(PDFName.of("StructTreeRoot"), PDFDict)),
    ...(lang ? { lang: decodeText(lang) } : {}),
    ...(xmp ? { xmp: new TextDecoder().decode(xmp.getContents()) } : {}),
    ...(doc.getTitle() ? { title: doc.getTitle() } : {}),
    fonts: [...fonts.values()],
    transparency: transparencyOf(doc),
  };
}

function describeFont(doc: PDFDocument, font: PDFDict): PdfFont {
  const subtype = font.lookup(PDFName.of("Subtype"))?.toString().slice(1) ?? "?";
  const base = font.lookup(PDFName.of("BaseFont"))?.toString().slice(1) ?? "(unnamed)";
  const name = base.replace(/^[A-Z]{6}\+/, "");
  // Type0 fonts keep their descriptor on the descendant CIDFont.
  let descriptorHolder = font;
  const descendants = font.lookupMaybe(PDFName.of("DescendantFonts"), PDFArray);
  if (descendants) descriptorHolder = doc.context.lookup(descendants.get(0)) as PDFDict;
  const descriptor = descriptorHolder.lookupMaybe(PDFName.of("FontDescriptor"), PDFDict);
  const embedded = Boolean(descriptor && ["FontFile", "FontFile2", "FontFile3"].some((k) => descriptor.has(PDFName.of(k))));
  return { name, family: name.replace(/-.*$/, ""), subtype, embedded };
}

function decodeText(obj: PDFObject | PDFRef): string {
  if (obj instanceof PDFString || obj instanceof PDFHexString) return obj.decodeText();
  return obj.toString();
}

/**
 * What a print shop's preflight looks at in a PDF, read from the file itself: transparency
 * (fill or stroke opacity below 1, soft masks, blend modes other than Normal, transparency
 * groups: any of them makes a PDF/X-3 conversion rasterise the page), the colour spaces it
 * paints in, every raster image with its resolution at the size it is placed, the colours text
 * is painted in, how much of each page the largest image covers, and the PDF/X keys (version,
 * trapping, output intent and its profile). One pass over each page's content, forms and tiling
 * patterns, following the transformation matrix.
 */
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, type PDFDocument, type PDFObject, PDFRawStream, PDFRef, PDFString } from "pdf-lib";
import { Name, pageOperations, parseContent, streamBytes, type Operation, type Value } from "./content-stream.ts";

export interface Transparency {
  /** 1-based. */
  page: number;
  /** What it is and where: "fill opacity 0.8 (graphics state /G4)". */
  what: string;
}
interface PlacedImage {
  page: number;
  pixels: [number, number];
  placedMm: [number, number];
  /** The lower of its two resolutions at the size it is placed. */
  dpi: number;
  colourSpace: string;
  /** A stencil mask (1 bit, painted in the fill colour). */
  mask: boolean;
}
interface TextColour {
  space: string;
  values: number[];
  /** Text-showing operations painted in it, and on which pages. */
  runs: number;
  pages: number[];
}
interface OutputIntent {
  subtype: string;
  identifier?: string;
  condition?: string;
  registry?: string;
  info?: string;
  /** The embedded destination profile: its components, size, colour space and description. */
  profile?: { components: number; bytes: number; space: string; description?: string };
}
export interface PrintFacts {
  transparency: Transparency[];
  /** Every colour space painted in, sorted: "DeviceCMYK", "DeviceGray", "DeviceRGB", "ICCBased RGB", "Separation All", ... */
  colourSpaces: string[];
  images: PlacedImage[];
  textColours: TextColour[];
  /** Per page: how many text runs it shows, the share of its trim the largest image covers, and its annotations (links, …). */
  pages: { textRuns: number; largestImageShare: number; annotations: number }[];
  pdfx: { pdfVersion: string; version?: string; trapped?: string; outputIntents: OutputIntent[] };
}

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
/** m applied first, then n (PDF's row-vector convention: `cm` makes CTM = m × CTM). */
const times = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];
const PT_TO_MM = 25.4 / 72;
/** Forms inside forms inside …: deeper than this is a loop or a broken file. */
const MAX_DEPTH = 12;
/** Text rendering modes that paint with the fill colour (3 is invisible, 7 only clips). */
const FILLING_MODES = new Set([0, 2, 4, 6]);
const TEXT_SHOWING = new Set(["Tj", "TJ", "'", '"']);

interface Colour {
  space: string;
  values: number[];
}
interface State {
  ctm: Matrix;
  fill: Colour;
  textMode: number;
}

export function printFacts(doc: PDFDocument): PrintFacts {
  const spaces = new Set<string>();
  const images: PlacedImage[] = [];
  const text = new Map<string, TextColour>();
  const pages: PrintFacts["pages"] = [];
  const ctx = doc.context;
  const lookup = (o: PDFObject | undefined): PDFObject | undefined => (o instanceof PDFRef ? ctx.lookup(o) : o);
  const dictOf = (o: PDFObject | undefined): PDFDict | undefined => {
    const v = lookup(o);
    return v instanceof PDFDict ? v : v instanceof PDFRawStream ? v.dict : undefined;
  };
  const num = (d: PDFDict | undefined, key: string): number | undefined => {
    const v = lookup(d?.get(PDFName.of(key)));
    return v instanceof PDFNumber ? v.asNumber() : undefined;
  };

  /** A colour space as a short name: a device space, or "ICCBased CMYK", "Separation All", "Indexed DeviceRGB". */
  const spaceName = (o: PDFObject | undefined, resources: PDFDict | undefined): string => {
    const v = lookup(o);
    if (v instanceof PDFName) {
      const n = v.asString().slice(1);
      if (["DeviceRGB", "DeviceCMYK", "DeviceGray", "Pattern"].includes(n)) return n;
      const named = dictOf(resources?.get(PDFName.of("ColorSpace")))?.get(PDFName.of(n));
      return named ? spaceName(named, undefined) : n;
    }
    if (v instanceof PDFArray) {
      const family = lookup(v.get(0))?.toString().slice(1) ?? "?";
      if (family === "ICCBased") return `ICCBased ${["", "Gray", "", "RGB", "CMYK"][num(dictOf(v.get(1)), "N") ?? 0] ?? "?"}`;
      if (family === "Separation") return `Separation ${lookup(v.get(1))?.toString().slice(1)}`;
      if (family === "Indexed" || family === "Pattern") return v.size() > 1 ? `${family} ${spaceName(v.get(1), resources)}` : family;
      return family;
    }
    return "?";
  };

  const walk = (ops: Operation[], resources: PDFDict | undefined, start: State, page: number, trimArea: number, depth: number) => {
    if (depth > MAX_DEPTH) throw new Error(`page ${page}: forms nested deeper than ${MAX_DEPTH}`);
    const resource = (kind: string, name: Value | undefined) =>
      name instanceof Name ? lookup(dictOf(resources?.get(PDFName.of(kind)))?.get(PDFName.of(name.name))) : undefined;
    const stack: State[] = [];
    let s: State = { ...start };
    const setFill = (space: string, operands: Value[]) => {
      s.fill = { space, values: operands.filter((v): v is number => typeof v === "number") };
      spaces.add(space);
    };
    for (const op of ops) {
      const o = op.operator;
      const a = op.operands;
      if (o === "q") stack.push({ ...s });
      else if (o === "Q") s = stack.pop() ?? s;
      else if (o === "cm" && a.length === 6) s.ctm = times(a as Matrix, s.ctm);
      else if (o === "g") setFill("DeviceGray", a);
      else if (o === "rg") setFill("DeviceRGB", a);
      else if (o === "k") setFill("DeviceCMYK", a);
      else if (o === "G" || o === "RG" || o === "K") spaces.add(o === "G" ? "DeviceGray" : o === "RG" ? "DeviceRGB" : "DeviceCMYK");
      else if (o === "cs") setFill(spaceName(a[0] instanceof Name ? PDFName.of(a[0].name) : undefined, resources), []);
      else if (o === "CS") spaces.add(spaceName(a[0] instanceof Name ? PDFName.of(a[0].name) : undefined, resources));
      else if (o === "sc" || o === "scn") {
        s.fill = { space: s.fill.space, values: a.filter((v): v is number => typeof v === "number") };
        const pattern = a.at(-1) instanceof Name ? resource("Pattern", a.at(-1)) : undefined;
        if (pattern) walkPattern(pattern, s, page, trimArea, depth);
      } else if (o === "sh") {
        const shading = dictOf(resource("Shading", a[0]));
        if (shading) spaces.add(spaceName(shading.get(PDFName.of("ColorSpace")), resources));
      } else if (o === "Tr" && typeof a[0] === "number") s.textMode = a[0];
      else if (TEXT_SHOWING.has(o)) {
        pages[page - 1]!.textRuns++;
        if (FILLING_MODES.has(s.textMode)) {
          const key = `${s.fill.space} ${s.fill.values.join(" ")}`;
          const entry = text.get(key) ?? { space: s.fill.space, values: s.fill.values, runs: 0, pages: [] };
          entry.runs++;
          if (!entry.pages.includes(page)) entry.pages.push(page);
          text.set(key, entry);
        }
      } else if (o === "Do") {
        const x = resource("XObject", a[0]);
        if (!(x instanceof PDFRawStream)) continue;
        const d = x.dict;
        const subtype = d.get(PDFName.of("Subtype"))?.toString();
        if (subtype === "/Image") placeImage(d, s, page, trimArea, resources);
        else if (subtype === "/Form") {
          const m = lookup(d.get(PDFName.of("Matrix")));
          const matrix = m instanceof PDFArray ? (m.asArray().map((n) => (lookup(n) as PDFNumber).asNumber()) as Matrix) : IDENTITY;
          walk(
            parseContent(streamBytes(x)),
            dictOf(d.get(PDFName.of("Resources"))) ?? resources,
            { ...s, ctm: times(matrix, s.ctm) },
            page,
            trimArea,
            depth + 1,
          );
        }
      }
    }
  };

  const placeImage = (d: PDFDict, s: State, page: number, trimArea: number, resources: PDFDict | undefined) => {
    const mask = lookup(d.get(PDFName.of("ImageMask")))?.toString() === "true";
    const space = mask ? s.fill.space : spaceName(d.get(PDFName.of("ColorSpace")), resources);
    spaces.add(space);
    const [w, h] = [num(d, "Width") ?? 0, num(d, "Height") ?? 0];
    const placedW = Math.hypot(s.ctm[0], s.ctm[1]);
    const placedH = Math.hypot(s.ctm[2], s.ctm[3]);
    if (!placedW || !placedH) return;
    const dpi = Math.min(w / (placedW / 72), h / (placedH / 72));
    images.push({ page, pixels: [w, h], placedMm: [round(placedW * PT_TO_MM), round(placedH * PT_TO_MM)], dpi: round(dpi), colourSpace: space, mask });
    const share = (placedW * placedH) / trimArea;
    pages[page - 1]!.largestImageShare = Math.max(pages[page - 1]!.largestImageShare, round(share));
  };

  /** A tiling pattern's cell is content of its own (its matrix maps it to the page's default space); a shading pattern paints in its shading's colour space. */
  const walkPattern = (pattern: PDFObject, s: State, page: number, trimArea: number, depth: number) => {
    const d = dictOf(pattern);
    if (!d) return;
    if (num(d, "PatternType") === 2) {
      const shading = dictOf(d.get(PDFName.of("Shading")));
      if (shading) spaces.add(spaceName(shading.get(PDFName.of("ColorSpace")), undefined));
      return;
    }
    if (!(pattern instanceof PDFRawStream)) return;
    const m = lookup(d.get(PDFName.of("Matrix")));
    const matrix = m instanceof PDFArray ? (m.asArray().map((n) => (lookup(n) as PDFNumber).asNumber()) as Matrix) : IDENTITY;
    walk(parseContent(streamBytes(pattern)), dictOf(d.get(PDFName.of("Resources"))), { ...s, ctm: matrix }, page, trimArea, depth + 1);
  };

  for (const [i, page] of doc.getPages().entries()) {
    const number = i + 1;
    const annots = page.node.lookup(PDFName.of("Annots"));
    pages.push({ textRuns: 0, largestImageShare: 0, annotations: annots instanceof PDFArray ? annots.size() : 0 });
    const trim = page.getTrimBox();
    const ops = pageOperations(page.node);
    if (ops) walk(ops, page.node.Resources(), { ctm: IDENTITY, fill: { space: "DeviceGray", values: [0] }, textMode: 0 }, number, trim.width * trim.height, 0);
  }
  return {
    transparency: transparencyOf(doc),
    colourSpaces: [...spaces].filter((sp) => sp !== "Pattern").sort(),
    images,
    textColours: [...text.values()],
    pages,
    pdfx: pdfxKeys(doc),
  };
}

/**
 * Transparency a page can paint, from its resources (and its forms', patterns' and images'):
 * what preflight tools report, read without parsing the content, so the build checks every
 * print PDF at no cost. Chromium lists only what a page uses.
 */
export function transparencyOf(doc: PDFDocument): Transparency[] {
  const ctx = doc.context;
  const found: Transparency[] = [];
  const lookup = (o: PDFObject | undefined): PDFObject | undefined => (o instanceof PDFRef ? ctx.lookup(o) : o);
  const dictOf = (o: PDFObject | undefined): PDFDict | undefined => {
    const v = lookup(o);
    return v instanceof PDFDict ? v : v instanceof PDFRawStream ? v.dict : undefined;
  };
  const isTransparencyGroup = (d: PDFDict) =>
    dictOf(d.get(PDFName.of("Group")))
      ?.get(PDFName.of("S"))
      ?.toString() === "/Transparency";
  const judge = (gs: PDFDict, name: string, page: number) => {
    for (const [key, what] of [
      ["ca", "fill opacity"],
      ["CA", "stroke opacity"],
    ] as const) {
      const v = lookup(gs.get(PDFName.of(key)));
      if (v instanceof PDFNumber && v.asNumber() < 1) found.push({ page, what: `${what} ${v.asNumber()} (graphics state /${name})` });
    }
    const mask = lookup(gs.get(PDFName.of("SMask")));
    if (mask && !(mask instanceof PDFName && mask.asString() === "/None")) found.push({ page, what: `soft mask (graphics state /${name})` });
    const bm = lookup(gs.get(PDFName.of("BM")));
    const modes = bm instanceof PDFArray ? bm.asArray().map((m) => lookup(m)?.toString()) : bm ? [bm.toString()] : [];
    if (modes.length && !modes.some((m) => m === "/Normal" || m === "/Compatible"))
      found.push({ page, what: `blend mode ${modes.join(" ")} (graphics state /${name})` });
  };
  const visit = (resources: PDFDict | undefined, page: number, seen: Set<PDFDict>) => {
    if (!resources || seen.has(resources)) return;
    seen.add(resources);
    for (const [name, gs] of dictOf(resources.get(PDFName.of("ExtGState")))?.entries() ?? []) {
      const d = dictOf(gs);
      if (d) judge(d, name.asString().slice(1), page);
    }
    for (const [key, x] of dictOf(resources.get(PDFName.of("XObject")))?.entries() ?? []) {
      const d = dictOf(x);
      const name = key.asString().slice(1);
      if (!d) continue;
      if (d.get(PDFName.of("Subtype"))?.toString() === "/Image") {
        if (d.has(PDFName.of("SMask"))) found.push({ page, what: `soft mask on image /${name}` });
        continue;
      }
      if (isTransparencyGroup(d)) found.push({ page, what: `transparency group (form /${name})` });
      visit(dictOf(d.get(PDFName.of("Resources"))), page, seen);
    }
    for (const [, p] of dictOf(resources.get(PDFName.of("Pattern")))?.entries() ?? []) {
      const d = dictOf(p);
      const gs = dictOf(d?.get(PDFName.of("ExtGState")));
      if (gs) judge(gs, "(a shading pattern's)", page);
      visit(dictOf(d?.get(PDFName.of("Resources"))), page, seen);
    }
  };
  for (const [i, page] of doc.getPages().entries()) {
    if (isTransparencyGroup(page.node)) found.push({ page: i + 1, what: "transparency group (the page's)" });
    visit(page.node.Resources(), i + 1, new Set());
  }
  return [...new Map(found.map((t) => [`${t.page} ${t.what}`, t])).values()];
}

const round = (n: number) => Math.round(n * 100) / 100;

/** The PDF/X keys: the header's version, GTS_PDFXVersion and Trapped in the Info dictionary, and the catalog's output intents. */
function pdfxKeys(doc: PDFDocument): PrintFacts["pdfx"] {
  const ctx = doc.context;
  const text = (o: PDFObject | undefined) => {
    const v = o instanceof PDFRef ? ctx.lookup(o) : o;
    return v instanceof PDFString || v instanceof PDFHexString ? v.decodeText() : v instanceof PDFName ? v.asString().slice(1) : undefined;
  };
  const info = ctx.lookup(ctx.trailerInfo.Info);
  const infoDict = info instanceof PDFDict ? info : undefined;
  const intents = ctx.lookup(doc.catalog.get(PDFName.of("OutputIntents")));
  const outputIntents = (intents instanceof PDFArray ? intents.asArray() : []).map((ref): OutputIntent => {
    const d = ctx.lookup(ref) as PDFDict;
    const profile = ctx.lookup(d.get(PDFName.of("DestOutputProfile")));
    const get = (k: string) => text(d.get(PDFName.of(k)));
    const fields = { identifier: get("OutputConditionIdentifier"), condition: get("OutputCondition"), registry: get("RegistryName"), info: get("Info") };
    return {
      subtype: get("S") ?? "?",
      ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
      ...(profile instanceof PDFRawStream ? { profile: describeProfile(profile) } : {}),
    };
  });
  const version = text(infoDict?.get(PDFName.of("GTS_PDFXVersion")));
  const trapped = text(infoDict?.get(PDFName.of("Trapped")));
  return {
    pdfVersion: /%PDF-(\d\.\d)/.exec(ctx.header.toString())?.[1] ?? "?",
    ...(version ? { version } : {}),
    ...(trapped ? { trapped } : {}),
    outputIntents,
  };
}

/** An ICC profile's components, size, colour space (header bytes 16–19) and description ('desc' tag, ICC v2 or v4). */
function describeProfile(stream: PDFRawStream): NonNullable<OutputIntent["profile"]> {
  const icc = Buffer.from(streamBytes(stream));
  const n = stream.dict.get(PDFName.of("N"));
  const space = icc.subarray(16, 20).toString("latin1").trim();
  let description: string | undefined;
  const count = icc.length > 132 ? icc.readUInt32BE(128) : 0;
  for (let t = 0; t < count && 132 + 12 * (t + 1) <= icc.length; t++) {
    const at = 132 + 12 * t;
    if (icc.subarray(at, at + 4).toString("latin1") !== "desc") continue;
    const offset = icc.readUInt32BE(at + 4);
    const type = icc.subarray(offset, offset + 4).toString("latin1");
    if (type === "desc") description = icc.subarray(offset + 12, offset + 12 + icc.readUInt32BE(offset + 8) - 1).toString("latin1");
    else if (type === "mluc") {
      const [len, off] = [icc.readUInt32BE(offset + 20), icc.readUInt32BE(offset + 24)];
      description = icc
        .subarray(offset + off, offset + off + len)
        .swap16()
        .toString("utf16le");
    }
  }
  return { components: n instanceof PDFNumber ? n.asNumber() : 0, bytes: icc.length, space, ...(description ? { description } : {}) };
}

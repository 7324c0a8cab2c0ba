/**
 * Puts the text of a Chromium PDF in reading order, so that the structure tree reads as written.
 *
 * Chromium (Skia) draws each line in visual order: an Arabic run's glyphs left to right, inside
 * `/ReversedChars BMC`, and every cluster whose glyphs do not map one-to-one to characters in a
 * nested `/Span <</ActualText …>>` (Arabic contextual forms, ligatures, marks). Poppler's
 * structure text, pdf.js's and many screen readers read the glyphs of a marked-content sequence
 * in stream order through the font's ToUnicode map, and stop at the first nested span. So an
 * Arabic heading read "ﻪ", and a wrapped English line lost the space where it wrapped.
 *
 * For each marked-content sequence this module:
 * - takes the glyphs of each line (one BT … ET per line and run, as Chromium writes them, merged
 *   when only colour changes lie between them) and orders the clusters logically: right-to-left
 *   runs reversed, runs reordered as the bidi algorithm placed them on the line;
 * - draws every glyph at its own absolute position (Tm), so the page looks exactly the same;
 * - re-encodes the glyphs through a font of its own per embedded font (same glyph program, an
 *   embedded encoding CMap and ToUnicode), where a code stands for a glyph *and* the text it
 *   carries: a cluster's first glyph carries the cluster's text, its other glyphs none;
 * - gives the last cluster of a wrapped line the space the wrap took (not between Chinese
 *   characters, not after a hyphen Chromium added), and drops the nested spans.
 * Why not set /ActualText on structure elements instead: poppler (pdfinfo -struct-text, Evince)
 * and pdf.js ignore it there, and copy-paste and search would still give the wrong text.
 */
import { brokenRtlWord } from "../checks/page-text.ts";
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRef, type PDFDocument, type PDFPage } from "pdf-lib";
import { Bytes, Name, operation, operationsStream, pageOperations, textString, writeNumber, type Dict, type Operation } from "./content-stream.ts";
import { markUntaggedAsArtifacts } from "./artifacts.ts";
import { codesOf, type PdfFontInfo } from "./fonts-in-pdf.ts";
import { Encoder } from "./reencode.ts";
import { joinLines, lastOf, readingOrder, type Cluster, type Glyph, type Matrix, type OrderedLine, type Paint, type Run, type Segment } from "./text-lines.ts";

/** The graphics-state operations Chromium changes between text objects (colour, transparency). */
const PAINT_OPS = new Set(["RG", "rg", "gs"]);

/** Rewrites every page's text in reading order. `rtl` is the document's base direction. */
/**
 * @param opts.rtl the document's base direction
 * @param opts.wraps the wraps inside words of the laid-out page (wrapKey): joined without a space
 */
export function putTextInReadingOrder(doc: PDFDocument, opts: { rtl: boolean; wraps?: Iterable<string>; blocks?: { type: string; text: string }[] }): void {
  const inWord = new Set(opts.wraps ?? []);
  const domBlock = blockFinder(opts.blocks ?? []);
  const encoder = new Encoder(doc);
  const pages = doc.getPages();
  const plans = pages.map((page, i) => planPage(page, i, encoder, opts));
  // A wrap's space is given back across the marked-content sequences of one structure element
  // (a paragraph that goes on in another sequence, or on the next page), in the tree's order.
  const joined = new Set<string>();
  const pageIndex = new Map(pages.map((p, i) => [p.ref.toString(), i]));
  for (const { type, index, contents } of structureContents(doc)) {
    const lines: OrderedLine[] = [];
    for (const { page, mcid, element } of contents) {
      const i = pageIndex.get(page.toString());
      const own = i === undefined ? undefined : plans[i]?.byMcid.get(mcid);
      if (!own) continue;
      lines.push(...own.map((l) => ({ ...l, element })));
      joined.add(`${i}/${mcid}`);
    }
    const page = domBlock(type, index);
    if (page && brokenRtlWord(page, inWord)) giveText(lines, page, opts.rtl);
    else joinLines(lines, inWord);
  }
  plans.forEach((plan, i) => {
    if (!plan) return;
    for (const [mcid, lines] of plan.byMcid) if (!joined.has(`${i}/${mcid}`)) joinLines(lines, inWord);
    writePage(pages[i]!, plan, encoder);
  });
  encoder.finish();
}

interface PagePlan {
  ops: Operation[];
  groups: Segment[][];
  ordered: OrderedLine[][];
  byMcid: Map<number, OrderedLine[]>;
  fontDict: PDFDict;
  fonts: Map<string, PdfFontInfo>;
}

function planPage(page: PDFPage, index: number, encoder: Encoder, opts: { rtl: boolean }): PagePlan | undefined {
  const ctx = page.doc.context;
  const ops = pageOperations(page.node);
  if (!ops) return undefined;
  const fontDict = page.node.Resources()?.lookupMaybe(PDFName.of("Font"), PDFDict) ?? ctx.obj({});
  const fonts = new Map<string, PdfFontInfo>();
  for (const [name, ref] of fontDict.entries()) if (ref instanceof PDFRef) fonts.set(name.asString().slice(1), encoder.font(ref));
  const segments = findSegments(ops, fonts);
  const groups = mergeSegments(ops, segments);
  const ordered = groups.map((g) => readingOrder(g, opts.rtl).map(({ key, clusters }) => ({ key: `${index} ${key}`, clusters })));
  const byMcid = new Map<number, OrderedLine[]>();
  groups.forEach((g, i) => {
    const lines = byMcid.get(g[0]!.mcid) ?? [];
    lines.push(...ordered[i]!);
    byMcid.set(g[0]!.mcid, lines);
  });
  return { ops, groups, ordered, byMcid, fontDict, fonts };
}

function writePage(page: PDFPage, plan: PagePlan, encoder: Encoder): void {
  const ctx = page.doc.context;
  const replaced = new Map<number, Operation[]>();
  const dropped = new Set<number>();
  const patches = new Map<number, Map<number, Glyph & { text: string }>>();
  plan.groups.forEach((g, i) => {
    const first = g[0]!;
    const last = g[g.length - 1]!;
    const clusters = plan.ordered[i]!.flatMap((l) => l.clusters);
    if (inStreamOrder(g, clusters)) {
      // Already in reading order with one glyph per character: only a glyph whose text changed
      // (a wrap's space) is shown through the kit's font; the rest stays as Chromium wrote it.
      for (const c of clusters) {
        if (c.text === c.mapped) continue;
        const glyph = c.glyphs[0]!;
        const own = patches.get(glyph.op) ?? new Map();
        own.set(glyph.at, { ...glyph, text: c.text });
        patches.set(glyph.op, own);
      }
      return;
    }
    replaced.set(first.start, emit(clusters, first.paint, last.paint, encoder, plan.fontDict, plan.fonts));
    for (let k = first.start + 1; k <= last.end; k++) dropped.add(k);
  });
  for (const [k, glyphs] of patches) replaced.set(k, patchShow(plan.ops[k]!, glyphs, encoder, plan));
  let out: Operation[] = [];
  plan.ops.forEach((op, k) => {
    if (replaced.has(k)) out.push(...replaced.get(k)!);
    else if (!dropped.has(k)) out.push(op);
  });
  const marked = markUntaggedAsArtifacts(out);
  if (!replaced.size && !marked) return;
  out = marked ?? out;
  page.node.set(PDFName.of("Contents"), ctx.register(operationsStream(ctx, out)));
}

/** Whether a group's stream order is its reading order, one glyph per character, nothing nested. */
function inStreamOrder(group: Segment[], logical: Cluster[]): boolean {
  let k = 0;
  for (const s of group)
    for (const r of s.runs) {
      if (r.rtl) return false;
      for (const c of r.clusters) if (c.mapped === undefined || c.glyphs.length !== 1 || logical[k++] !== c) return false;
    }
  return k === logical.length;
}

/** A Tj with some of its glyphs shown through the kit's font (same glyph, same advance, new text). */
function patchShow(op: Operation, glyphs: Map<number, Glyph & { text: string }>, encoder: Encoder, plan: PagePlan): Operation[] {
  const bytes = (op.operands[0] as Bytes).bytes;
  const out: Operation[] = [];
  let from = 0;
  const flush = (to: number) => {
    if (to > from) out.push(operation("Tj", new Bytes(bytes.slice(from * 2, to * 2), true)));
  };
  for (const at of [...glyphs.keys()].sort((a, b) => a - b)) {
    const g = glyphs.get(at)!;
    flush(at);
    const font = plan.fonts.get(g.font)!;
    const code = encoder.code(font, g.code, g.text);
    out.push(
      operation("Tf", new Name(encoder.resourceName(g.font, font, plan.fontDict)), g.size),
      operation("Tj", new Bytes(Uint8Array.of(code >> 8, code & 0xff), true)),
      operation("Tf", new Name(g.font), g.size),
    );
    from = at + 1;
  }
  flush(bytes.length / 2);
  return out;
}

/** A marked-content sequence: its page, its MCID and which structure element holds it. */
interface MarkedContent {
  page: PDFRef;
  mcid: number;
  element: number;
}

/** The DOM block that is the n-th structure element of a type (the pairing the structure-text check makes). */
function blockFinder(blocks: { type: string; text: string }[]): (type: string, index: number) => string | undefined {
  const byType = new Map<string, string[]>();
  for (const b of blocks) byType.set(b.type, [...(byType.get(b.type) ?? []), b.text]);
  return (type, index) => byType.get(type)?.[index];
}

/**
 * An element with a right-to-left word broken across lines gets the page's text: Chromium wrote
 * that word's letters out of order, with the text of one glyph on another, so no reordering of
 * its glyphs can read right. Each line gets its share of the text, a grapheme a glyph from the
 * right (from the left on a left-to-right line), the rest on its last glyph; shares end at a
 * space where one is near, so each line carries about its own words.
 */
function giveText(lines: OrderedLine[], text: string, rtl: boolean): void {
  const drawn = lines.filter((l) => l.clusters.some((c) => c.glyphs.length));
  const total = drawn.reduce((n, l) => n + l.clusters.filter((c) => c.glyphs.length).length, 0);
  const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });
  const x = (c: Cluster) => Math.min(...c.glyphs.map((g) => g.m[4]));
  let from = 0;
  let seen = 0;
  drawn.forEach((l, i) => {
    const clusters = l.clusters.filter((c) => c.glyphs.length).sort((a, b) => (rtl ? x(b) - x(a) : x(a) - x(b)));
    seen += clusters.length;
    let to = i === drawn.length - 1 ? text.length : Math.round((text.length * seen) / total);
    const space = text.indexOf(" ", to);
    if (i < drawn.length - 1 && space >= 0 && space - to < 12) to = space + 1;
    const share = [...graphemes.segment(text.slice(from, Math.max(from, to)))].map((g) => g.segment);
    from = Math.max(from, to);
    clusters.forEach((c, k) => {
      c.text = k === clusters.length - 1 ? share.slice(k).join("") : (share[k] ?? "");
    });
    // In place: the page's plan holds the same array, and writes the glyphs in this order.
    const bare = l.clusters.filter((c) => !c.glyphs.length);
    for (const c of bare) c.text = "";
    l.clusters.splice(0, l.clusters.length, ...clusters, ...bare);
  });
}

/** Structure types whose text runs on as one (a space at each wrap, even from one element to the next). */
const BLOCKS = new Set(["P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "LI", "TD", "TH", "Caption"]);

/**
 * The marked-content sequences (page and MCID) that read as one text, in the structure tree's
 * order: everything inside a block (a paragraph, a heading, a caption…), else each element's own.
 */
function structureContents(doc: PDFDocument): { type: string; index: number; contents: MarkedContent[] }[] {
  const ctx = doc.context;
  const root = doc.catalog.lookupMaybe(PDFName.of("StructTreeRoot"), PDFDict);
  const out: { type: string; index: number; contents: MarkedContent[] }[] = [];
  let elements = 0;
  // Each block element's place among those of its type, nested ones counted, in tree order.
  const seen = new Map<string, number>();
  const visit = (el: PDFDict, block: MarkedContent[] | undefined) => {
    const element = elements++;
    const page = el.get(PDFName.of("Pg"));
    const s = el.get(PDFName.of("S"));
    const type = s instanceof PDFName ? s.asString().slice(1) : "";
    const index = seen.get(type) ?? 0;
    seen.set(type, index + 1);
    const own = block ?? (BLOCKS.has(type) ? [] : undefined);
    const mine = own ?? [];
    const kids = el.get(PDFName.of("K"));
    for (const k of kids instanceof PDFArray ? kids.asArray() : kids ? [kids] : []) {
      const kid = ctx.lookup(k);
      if (kid instanceof PDFNumber && page instanceof PDFRef) mine.push({ page, mcid: kid.asNumber(), element });
      else if (kid instanceof PDFDict) {
        const kidType = kid.get(PDFName.of("Type"));
        if (kidType === PDFName.of("MCR")) {
          const pg = kid.get(PDFName.of("Pg")) ?? page;
          const mcid = kid.lookupMaybe(PDFName.of("MCID"), PDFNumber);
          if (pg instanceof PDFRef && mcid) mine.push({ page: pg, mcid: mcid.asNumber(), element });
        } else if (kidType !== PDFName.of("OBJR")) visit(kid, own);
      }
    }
    if (!block && mine.length) out.push({ type, index, contents: mine });
  };
  if (root) visit(root, undefined);
  return out;
}

/**
 * Every BT … ET inside a marked-content sequence with an MCID, parsed. One the kit cannot read
 * (a font or operator Chromium does not use today) is left as written; the structure-text
 * check then names the block it spoils.
 */
function findSegments(ops: Operation[], fonts: Map<string, PdfFontInfo>): Segment[] {
  const segments: Segment[] = [];
  const marks: (number | undefined)[] = [];
  let paint: Paint = { RG: undefined, rg: undefined, gs: undefined };
  const saved: Paint[] = [];
  for (let k = 0; k < ops.length; k++) {
    const op = ops[k]!;
    switch (op.operator) {
      case "q":
        saved.push({ ...paint });
        break;
      case "Q":
        paint = saved.pop() ?? paint;
        break;
      case "BDC":
        marks.push(mcidOf(op.operands[1]));
        break;
      case "BMC":
        marks.push(undefined);
        break;
      case "EMC":
        marks.pop();
        break;
      case "BT": {
        let end = k + 1;
        while (end < ops.length && ops[end]!.operator !== "ET") end++;
        const mcid = lastOf(marks, (m) => m !== undefined);
        if (end >= ops.length) return segments;
        if (mcid !== undefined) {
          const parsed = parseSegment(ops, k + 1, end, fonts, { ...paint });
          if (parsed) segments.push({ start: k, end, mcid, paint: { ...paint }, ...parsed });
        }
        k = end;
        break;
      }
      default:
        if (PAINT_OPS.has(op.operator)) paint[op.operator as keyof Paint] = op;
    }
  }
  return segments;
}

function mcidOf(v: unknown): number | undefined {
  const m = v instanceof Map ? (v as Dict).get("MCID") : undefined;
  return typeof m === "number" ? m : undefined;
}

/** The glyphs of one text object as runs and clusters; undefined when it holds what the kit does not read. */
function parseSegment(all: Operation[], from: number, to: number, fonts: Map<string, PdfFontInfo>, paint: Paint): { line: string; runs: Run[] } | undefined {
  let font: string | undefined;
  let size = 0;
  let line: Matrix = [1, 0, 0, 1, 0, 0];
  let tm: Matrix = line;
  let lineKey: string | undefined;
  const runs: Run[] = [{ rtl: false, clusters: [] }];
  let span: Cluster | undefined;
  const marks: ("rtl" | "span")[] = [];
  const run = () => runs[runs.length - 1]!;
  for (let index = from; index < to; index++) {
    const op = all[index]!;
    const n = op.operands as number[];
    switch (op.operator) {
      case "Tf": {
        font = (op.operands[0] as Name).name;
        size = n[1]!;
        const f = fonts.get(font);
        if (!f?.identity) return undefined;
        break;
      }
      case "Tm":
        line = tm = n.slice(0, 6) as Matrix;
        lineKey ??= [n[0], n[1], n[2], n[3], n[5]].map((x) => writeNumber(x!)).join(" ");
        break;
      case "Td":
        line = tm = [line[0], line[1], line[2], line[3], line[0] * n[0]! + line[2] * n[1]! + line[4], line[1] * n[0]! + line[3] * n[1]! + line[5]];
        break;
      case "Tj": {
        const f = font === undefined ? undefined : fonts.get(font);
        if (!f) return undefined;
        for (const [at, code] of codesOf(f, op.operands[0] as Bytes).entries()) {
          const glyph: Glyph = { font: font!, size, code, m: tm, paint, op: index, at };
          if (span) span.glyphs.push(glyph);
          else {
            const mapped = f.toUnicode.get(code) ?? "";
            run().clusters.push({ text: mapped, glyphs: [glyph], mapped });
          }
          const advance = (f.advance(code) / 1000) * size;
          tm = [tm[0], tm[1], tm[2], tm[3], tm[4] + tm[0] * advance, tm[5] + tm[1] * advance];
        }
        break;
      }
      case "BMC":
        if ((op.operands[0] as Name).name !== "ReversedChars") return undefined;
        marks.push("rtl");
        runs.push({ rtl: true, clusters: [] });
        break;
      case "BDC": {
        const props = op.operands[1];
        const actual = props instanceof Map ? (props as Dict).get("ActualText") : undefined;
        if ((op.operands[0] as Name).name !== "Span" || !(actual instanceof Bytes) || span) return undefined;
        span = { text: textString(actual), glyphs: [] };
        marks.push("span");
        break;
      }
      case "EMC": {
        const what = marks.pop();
        if (what === "span") {
          run().clusters.push(span!);
          span = undefined;
        } else if (what === "rtl") runs.push({ rtl: false, clusters: [] });
        else return undefined;
        break;
      }
      default:
        return undefined;
    }
  }
  if (marks.length) return undefined;
  return { line: lineKey ?? "", runs: runs.filter((r) => r.clusters.length) };
}

/**
 * Groups the segments that can be drawn as one text object: same marked-content sequence and
 * nothing but colour or graphics-state changes between them.
 */
function mergeSegments(ops: Operation[], segments: Segment[]): Segment[][] {
  const groups: Segment[][] = [];
  for (const s of segments) {
    const group = groups[groups.length - 1];
    const prev = group?.[group.length - 1];
    const between = prev ? ops.slice(prev.end + 1, s.start) : [];
    const paintKnown =
      prev && (Object.keys(s.paint) as (keyof Paint)[]).every((k) => s.paint[k] === prev.paint[k] || (s.paint[k] !== undefined && prev.paint[k] !== undefined));
    if (group && prev!.mcid === s.mcid && paintKnown && between.every((o) => PAINT_OPS.has(o.operator))) group.push(s);
    else groups.push([s]);
  }
  return groups;
}

/** The new text object: every glyph at its place, in reading order, through the kit's fonts. */
function emit(clusters: Cluster[], startPaint: Paint, endPaint: Paint, encoder: Encoder, fontDict: PDFDict, fonts: Map<string, PdfFontInfo>): Operation[] {
  const out: Operation[] = [operation("BT")];
  let paint = startPaint;
  let font = "";
  let size = Number.NaN;
  const setPaint = (p: Paint) => {
    for (const k of ["RG", "rg", "gs"] as const) if (p[k] !== paint[k] && p[k] !== undefined) out.push(p[k]);
    paint = p;
  };
  for (const c of clusters) {
    c.glyphs.forEach((g, i) => {
      setPaint(g.paint);
      const name = encoder.resourceName(g.font, fonts.get(g.font)!, fontDict);
      if (name !== font || g.size !== size) out.push(operation("Tf", new Name(name), g.size));
      font = name;
      size = g.size;
      const code = encoder.code(fonts.get(g.font)!, g.code, i === 0 ? c.text : "");
      out.push(operation("Tm", ...g.m), operation("Tj", new Bytes(Uint8Array.of(code >> 8, code & 0xff), true)));
    });
  }
  out.push(operation("ET"));
  setPaint(endPaint);
  return out;
}

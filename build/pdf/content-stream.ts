/**
 * A PDF content stream as a list of operations, and back. Written here because pdf-lib writes
 * content streams but does not read them, and pdf.js's parser is not exposed as an API. It
 * covers the whole content-stream syntax (ISO 32000-1 §7.8.2) except that an inline image
 * (BI … ID … EI) is refused rather than parsed: Chromium never writes one.
 */

import { constants, deflateSync, inflateSync } from "node:zlib";
import { PDFArray, PDFName as PdfLibName, PDFRawStream, decodePDFRawStream, type PDFContext, type PDFDict } from "pdf-lib";

/**
 * A stream's decoded bytes; Flate through Node's zlib (pdf-lib's own inflater is several times
 * slower), reading what a stream holds even when it ends without its final block (Ghostscript
 * writes some so), as PDF readers do.
 */
export function streamBytes(stream: PDFRawStream): Uint8Array {
  const filter = stream.dict.get(PdfLibName.of("Filter"));
  if (filter === PdfLibName.of("FlateDecode") && !stream.dict.has(PdfLibName.of("DecodeParms")))
    return inflateSync(stream.contents, { finishFlush: constants.Z_SYNC_FLUSH });
  return decodePDFRawStream(stream).decode();
}

/** A page's content: its content streams decoded and joined (a newline between two); undefined if it has none. */
export function pageContent(page: PDFDict): Uint8Array | undefined {
  const contents = page.lookup(PdfLibName.of("Contents"));
  const streams = (contents instanceof PDFArray ? contents.asArray().map((r) => page.context.lookup(r)) : [contents]).filter(
    (s): s is PDFRawStream => s instanceof PDFRawStream,
  );
  if (!streams.length) return undefined;
  return Buffer.concat(streams.flatMap((s) => [streamBytes(s), Buffer.from("\n")]));
}

/** Operations the kit wrote into a stream itself, so reading them back needs no second parse (the reading-order rewrite, then the structure check). */
const written = new WeakMap<PDFRawStream, Operation[]>();

/** A page's operations: those the kit wrote there, or its content parsed; undefined if it has none. */
export function pageOperations(page: PDFDict): Operation[] | undefined {
  const contents = page.lookup(PdfLibName.of("Contents"));
  if (contents instanceof PDFRawStream && written.has(contents)) return written.get(contents);
  const data = pageContent(page);
  return data && parseContent(data);
}

/** A content stream of the given operations, remembered as such for pageOperations. */
export function operationsStream(ctx: PDFContext, ops: Operation[]): PDFRawStream {
  const stream = flateStream(ctx, serializeContent(ops));
  written.set(stream, ops);
  return stream;
}

/** A Flate-compressed stream, compressed by Node's zlib (pdf-lib's pako takes ten times as long). */
export function flateStream(ctx: PDFContext, data: Uint8Array | string, dict: Record<string, unknown> = {}): PDFRawStream {
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  return ctx.stream(deflateSync(bytes), { ...dict, Filter: "FlateDecode" } as never);
}

export type Value = number | boolean | null | Name | Bytes | Value[] | Dict;
/** A name such as /MCID, without the slash. */
export class Name {
  constructor(readonly name: string) {}
}
/** A string operand, as bytes; `hex` keeps how it was written. */
export class Bytes {
  constructor(
    readonly bytes: Uint8Array,
    readonly hex: boolean,
  ) {}
}
export type Dict = Map<string, Value>;

export interface Operation {
  operator: string;
  operands: Value[];
  /** The operation as written, for copying it unchanged. */
  raw: string;
}

/** Character classes by byte: 1 whitespace, 2 delimiter, 0 regular. */
const CLASS = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[c] = 1;
for (const c of "()<>[]{}/%") CLASS[c.charCodeAt(0)] = 2;

/** Hex digit values by byte; 255 for anything else. */
const HEX = new Uint8Array(256).fill(255);
for (let d = 0; d < 16; d++) {
  HEX["0123456789abcdef".charCodeAt(d)] = d;
  HEX["0123456789ABCDEF".charCodeAt(d)] = d;
}

class ContentSyntaxError extends Error {}

/** Splits a content stream into operations. */
export function parseContent(data: Uint8Array): Operation[] {
  const text = latin1(data);
  let i = 0;
  const ops: Operation[] = [];
  let operands: Value[] = [];
  let start = 0;

  const skipSpace = () => {
    for (;;) {
      while (i < text.length && CLASS[text.charCodeAt(i)] === 1) i++;
      if (text[i] !== "%") return;
      while (i < text.length && text[i] !== "\n" && text[i] !== "\r") i++;
    }
  };
  const regular = (c: number) => c > 255 || CLASS[c] === 0;

  const readValue = (): Value | { operator: string } => {
    const c = text[i]!;
    if (c === "/") {
      let j = i + 1;
      while (j < text.length && regular(text.charCodeAt(j))) j++;
      let name = text.slice(i + 1, j);
      if (name.includes("#")) name = name.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
      i = j;
      return new Name(name);
    }
    if (c === "<" && text[i + 1] === "<") {
      i += 2;
      const dict: Dict = new Map();
      for (;;) {
        skipSpace();
        if (text.startsWith(">>", i)) {
          i += 2;
          return dict;
        }
        const key = readValue();
        if (!(key instanceof Name)) throw new ContentSyntaxError(`dictionary key is not a name at byte ${i}`);
        skipSpace();
        dict.set(key.name, expectValue(readValue()));
      }
    }
    if (c === "<") {
      const end = text.indexOf(">", i);
      if (end < 0) throw new ContentSyntaxError(`unterminated hex string at byte ${i}`);
      const out = new Uint8Array((end - i) >> 1);
      let n = 0;
      let high = -1;
      for (let k = i + 1; k < end; k++) {
        const v = HEX[text.charCodeAt(k)]!;
        if (v === 255) continue; // whitespace between digits
        if (high < 0) high = v;
        else {
          out[n++] = (high << 4) | v;
          high = -1;
        }
      }
      if (high >= 0) out[n++] = high << 4;
      i = end + 1;
      return new Bytes(out.subarray(0, n), true);
    }
    if (c === "(") return readLiteral();
    if (c === "[") {
      i++;
      const items: Value[] = [];
      for (;;) {
        skipSpace();
        if (text[i] === "]") {
          i++;
          return items;
        }
        if (i >= text.length) throw new ContentSyntaxError("unterminated array");
        items.push(expectValue(readValue()));
      }
    }
    let j = i;
    while (j < text.length && regular(text.charCodeAt(j))) j++;
    if (j === i) throw new ContentSyntaxError(`unexpected '${c}' at byte ${i}`);
    const word = text.slice(i, j);
    i = j;
    const first = word.charCodeAt(0);
    if ((first >= 0x30 && first <= 0x39) || first === 0x2b || first === 0x2d || first === 0x2e) {
      const n = Number(word);
      if (!Number.isNaN(n)) return n;
    }
    if (word === "true" || word === "false") return word === "true";
    if (word === "null") return null;
    return { operator: word };
  };
  const expectValue = (v: Value | { operator: string }): Value => {
    if (v !== null && typeof v === "object" && "operator" in v) throw new ContentSyntaxError(`operator ${v.operator} inside an operand`);
    return v;
  };
  const readLiteral = (): Bytes => {
    i++;
    const out: number[] = [];
    let depth = 1;
    while (i < text.length) {
      const c = text[i++]!;
      if (c === "\\") {
        const e = text[i++]!;
        const simple: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, "(": 40, ")": 41, "\\": 92 };
        if (e in simple) out.push(simple[e]!);
        else if (/[0-7]/.test(e)) {
          let oct = e;
          while (oct.length < 3 && /[0-7]/.test(text[i] ?? "")) oct += text[i++];
          out.push(parseInt(oct, 8) & 0xff);
        } else if (e === "\r") {
          if (text[i] === "\n") i++;
        } else if (e !== "\n") out.push(e.charCodeAt(0));
        continue;
      }
      if (c === "(") depth++;
      if (c === ")" && --depth === 0) return new Bytes(Uint8Array.from(out), false);
      out.push(c.charCodeAt(0));
    }
    throw new ContentSyntaxError("unterminated string");
  };

  for (;;) {
    skipSpace();
    if (i >= text.length) break;
    if (operands.length === 0) start = i;
    const v = readValue();
    if (v !== null && typeof v === "object" && "operator" in v) {
      if (v.operator === "BI") throw new ContentSyntaxError("inline images are not supported");
      ops.push({ operator: v.operator, operands, raw: text.slice(start, i) });
      operands = [];
    } else operands.push(v);
  }
  if (operands.length) throw new ContentSyntaxError("operands without an operator at the end of the stream");
  return ops;
}

/** Writes operations back as a content stream, one per line. */
export function serializeContent(ops: Operation[]): Uint8Array {
  return fromLatin1(ops.map((op) => op.raw).join("\n") + "\n");
}

/** An operation built by the kit; its operands are written in PDF syntax. */
export function operation(operator: string, ...operands: Value[]): Operation {
  return { operator, operands, raw: [...operands.map(writeValue), operator].join(" ") };
}

function writeValue(v: Value): string {
  if (v === null) return "null";
  if (typeof v === "boolean") return String(v);
  if (typeof v === "number") return writeNumber(v);
  if (v instanceof Name) return "/" + v.name.replace(/[^!-~]|[()<>[\]{}/%#]/g, (c) => "#" + c.charCodeAt(0).toString(16).padStart(2, "0"));
  if (v instanceof Bytes)
    return (
      "<" +
      [...v.bytes]
        .map((b) => b.toString(16).padStart(2, "0"))
        .join("")
        .toUpperCase() +
      ">"
    );
  if (Array.isArray(v)) return "[" + v.map(writeValue).join(" ") + "]";
  return "<<" + [...v].map(([k, val]) => `${writeValue(new Name(k))} ${writeValue(val)}`).join(" ") + ">>";
}

/** A number with at most 5 decimals and no exponent (PDF has none). */
export function writeNumber(n: number): string {
  const s = (Math.round(n * 1e5) / 1e5).toFixed(5).replace(/\.?0+$/, "");
  return s === "-0" ? "0" : s;
}

function latin1(data: Uint8Array): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString("latin1");
}
function fromLatin1(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, "latin1"));
}

/** UTF-16BE text string (with its FEFF mark) or PDFDocEncoding-ish Latin-1 to a JS string. */
export function textString(b: Bytes): string {
  const bytes = b.bytes;
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    let s = "";
    for (let i = 2; i + 1 < bytes.length; i += 2) s += String.fromCharCode((bytes[i]! << 8) | bytes[i + 1]!);
    return s;
  }
  return latin1(bytes);
}

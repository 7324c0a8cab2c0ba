/**
 * A zip file, written here rather than by a library: none takes an entry already deflated, and
 * an offline bundle is mostly PDFs that stay the same from one build to the next while every page
 * changes with the content's revision. Each large entry's deflated bytes are kept by its hash,
 * so a rebuild deflates only what changed and the small files. Deflating is zlib's (native, on
 * libuv's threads, beside the main thread), four times quicker than a JavaScript deflate.
 *
 * The format is the plain one (PKWARE APPNOTE 4.3): local headers, central directory, end record;
 * names in UTF-8 (flag 11), times in UTC, so the same entries always give the same bytes. No
 * Zip64: a bundle is megabytes, not gigabytes, and far under 65 535 entries.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { crc32, deflateRaw } from "node:zlib";
import { sha256 } from "../hash.ts";
import { writeWhole } from "../write-whole.ts";

const deflate = promisify(deflateRaw);

/** Deflate's level; part of a cached entry's name. Not 9: PDFs, already compressed, take three times as long for the same size. */
const ZIP_LEVEL = 6;

/** Smaller entries (pages, which change with every edit) are deflated in no time: kept, they would only fill the cache. */
const CACHED_FROM = 32_768;

const STORED = 0;
const DEFLATED = 8;
const UTF8_NAMES = 1 << 11;
const VERSION = 20; // 2.0: deflate

interface Packed {
  name: Uint8Array;
  method: number;
  crc: number;
  size: number;
  data: Uint8Array;
}

/**
 * @param entries names (with "/") and bytes, in the order they are written
 * @param date every entry's time (to the even second, as zip keeps it)
 * @param cacheDir where deflated entries are kept between builds, by the hash of their bytes
 */
export async function zipFiles(entries: [name: string, bytes: Uint8Array][], date: Date, cacheDir?: string): Promise<Uint8Array> {
  const packed = await Promise.all(
    entries.map(async ([name, bytes]): Promise<Packed> => {
      const kept = cacheDir && bytes.byteLength >= CACHED_FROM && path.join(cacheDir, `${sha256(bytes)}-${ZIP_LEVEL}.deflate`);
      let data: Uint8Array | undefined = kept ? await readFile(kept).catch(() => undefined) : undefined;
      if (!data) {
        data = await deflate(bytes, { level: ZIP_LEVEL });
        if (kept) await writeWhole(kept, data);
      }
      const stored = data.byteLength >= bytes.byteLength; // deflate gains nothing (a tiny or random file): kept as it is
      return {
        name: new TextEncoder().encode(name),
        method: stored ? STORED : DEFLATED,
        crc: crc32(bytes),
        size: bytes.byteLength,
        data: stored ? bytes : data,
      };
    }),
  );
  const [time, day] = dosTime(date);
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of packed) {
    const local = header(30, e.name);
    local.view.setUint32(0, 0x04034b50, true);
    common(local.view, 4, e, time, day);
    parts.push(local.bytes, e.data);
    const dir = header(46, e.name);
    dir.view.setUint32(0, 0x02014b50, true);
    dir.view.setUint16(4, VERSION, true); // made by
    common(dir.view, 6, e, time, day);
    dir.view.setUint32(42, offset, true); // the local header's offset; comment, disk and attributes stay 0
    central.push(dir.bytes);
    offset += local.bytes.byteLength + e.data.byteLength;
  }
  const size = central.reduce((n, b) => n + b.byteLength, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, packed.length, true);
  end.setUint16(10, packed.length, true);
  end.setUint32(12, size, true);
  end.setUint32(16, offset, true);
  return Buffer.concat([...parts, ...central, new Uint8Array(end.buffer)]);
}

/** A header's fixed part, zeroed, followed by the name. */
function header(fixed: number, name: Uint8Array): { bytes: Uint8Array; view: DataView } {
  const bytes = new Uint8Array(fixed + name.byteLength);
  bytes.set(name, fixed);
  return { bytes, view: new DataView(bytes.buffer) };
}

/** The fields local and central headers share, from "version needed" to the name's length (extra length 0). */
function common(view: DataView, at: number, e: Packed, time: number, day: number): void {
  view.setUint16(at, VERSION, true);
  view.setUint16(at + 2, UTF8_NAMES, true);
  view.setUint16(at + 4, e.method, true);
  view.setUint16(at + 6, time, true);
  view.setUint16(at + 8, day, true);
  view.setUint32(at + 10, e.crc, true);
  view.setUint32(at + 14, e.data.byteLength, true);
  view.setUint32(at + 18, e.size, true);
  view.setUint16(at + 22, e.name.byteLength, true);
}

/** MS-DOS time and date, as zip keeps them: two-second steps, years from 1980. */
function dosTime(d: Date): [number, number] {
  const time = (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1);
  const day = ((Math.max(d.getUTCFullYear(), 1980) - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate();
  return [time, day];
}

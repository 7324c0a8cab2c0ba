/**
 * One font cut, on a worker thread (build/worker-pool.ts): HarfBuzz, through subset-font, cuts a
 * font file to some characters (10-600 ms of CPU for woff2, a tenth of that for truetype), and a
 * build cuts hundreds. Each thread reads a font file once.
 */
import { realpathSync } from "node:fs";
import { readFile } from "node:fs/promises";
import subsetFont from "subset-font";

const fonts = new Map<string, Promise<Buffer>>();

export async function cutFont({
  path,
  text,
  format,
}: {
  path: string;
  text: string;
  format: "woff2" | "truetype";
}): Promise<{ output: Uint8Array; transfer: ArrayBuffer[] }> {
  // By real path: every campaign copy (a test's) reaches the same package files through its own link.
  const real = realpathSync(path);
  if (!fonts.has(real)) fonts.set(real, readFile(real));
  const bytes = new Uint8Array(await subsetFont(await fonts.get(real)!, text, { targetFormat: format }));
  return { output: bytes, transfer: [bytes.buffer as ArrayBuffer] };
}

/**
 * One font cut, on a worker thread (build/worker-pool.ts): HarfBuzz, through subset-font, cuts a
 * font file to some characters (10-600 ms of CPU for woff2, a tenth of that for truetype), and a
 * build cuts hundreds. Each thread reads a font file once.
 */
import { readFile } from "node:fs/promises";
import subsetFont from "subset-font";
import { byRealPath } from "./by-real-path.ts";

const fontBytes = byRealPath((real) => readFile(real));

export async function cutFont({
  path,
  text,
  format,
}: {
  path: string;
  text: string;
  format: "woff2" | "truetype";
}): Promise<{ output: Uint8Array; transfer: ArrayBuffer[] }> {
  const bytes = new Uint8Array(await subsetFont(await fontBytes(path), text, { targetFormat: format }));
  return { output: bytes, transfer: [bytes.buffer as ArrayBuffer] };
}

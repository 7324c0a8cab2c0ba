/**
 * One offline bundle zipped, on a worker thread (build/site/offline.ts): deflating a language's
 * pages and PDFs is a second of CPU, and the bundles of a campaign are packed side by side.
 */
import { zipSync, type Zippable } from "fflate";

/** Deflate's level; part of an offline bundle's cache key (build/site/offline.ts). */
export const PACK_LEVEL = 9;

export function packTask({ entries }: { lang: string; entries: Zippable }): { output: Uint8Array; transfer: ArrayBuffer[] } {
  const zip = zipSync(entries, { level: PACK_LEVEL });
  return { output: zip, transfer: [zip.buffer as ArrayBuffer] };
}

/**
 * One offline bundle zipped, on a worker thread (build/site/offline.ts): deflating a language's
 * pages and PDFs is a second of CPU, and the bundles of a campaign are packed side by side.
 */
import { zipSync, type Zippable } from "fflate";

export function packTask({ entries }: { lang: string; entries: Zippable }): { output: Uint8Array; transfer: ArrayBuffer[] } {
  const zip = zipSync(entries, { level: 9 });
  return { output: zip, transfer: [zip.buffer as ArrayBuffer] };
}

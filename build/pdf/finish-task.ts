/**
 * One page's finishing, on a worker thread (build/worker-pool.ts): both variants made from the
 * PDF Chromium printed (postprocess.ts), and what they hold read back for the checks. The main
 * thread is left to drive Chromium: finishing is the build's heaviest work in Node.
 */
import type { PdfFacts } from "./inspect.ts";
import { finishPdf, type FinishOptions } from "./postprocess.ts";
import type { Variant } from "../print/formats.ts";

export interface Finished {
  pdfs: Record<Variant, Uint8Array>;
  /** What the PDFs hold (fonts, pages: the same in both variants), for the checks. */
  facts: PdfFacts;
}

export async function finishTask({ pdf, opts }: { pdf: Uint8Array; opts: FinishOptions }): Promise<{ output: Finished; transfer: ArrayBuffer[] }> {
  const finished = await finishPdf(pdf, opts);
  return { output: finished, transfer: [finished.pdfs.print.buffer as ArrayBuffer, finished.pdfs.screen.buffer as ArrayBuffer] };
}

/**
 * pdf.js, loaded once per thread without its polyfills for built-ins (build/keep-builtins.mjs),
 * and the one thing the kit draws with it: a PDF's first page as PNG.
 */
import { importKeepingBuiltins } from "../keep-builtins.mjs";

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");

/** pdf.js and its own fake worker, which it would otherwise import on first use, polyfills and all. */
export const PDFJS_MODULES = ["pdfjs-dist/legacy/build/pdf.mjs", "pdfjs-dist/legacy/build/pdf.worker.mjs"];

let loading: Promise<PdfJs> | undefined;

function loadPdfjs(): Promise<PdfJs> {
  loading ??= importKeepingBuiltins(PDFJS_MODULES).then(([lib]) => lib as PdfJs);
  return loading;
}

/**
 * The first page of a PDF drawn by pdf.js (Skia, through @napi-rs/canvas: pdf.js's own canvas in
 * Node), as PNG, at the scale `scaleOf` gives for the page's size in points; with the page count.
 */
export async function firstPagePng(
  pdf: Uint8Array,
  scaleOf: (widthPt: number, heightPt: number) => number,
): Promise<{ png: Buffer; pages: number; widthPt: number; heightPt: number }> {
  const doc = await (await loadPdfjs()).getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  try {
    const page = await doc.getPage(1);
    const [x0, y0, x1, y1] = page.view as [number, number, number, number];
    const [widthPt, heightPt] = [x1 - x0, y1 - y0];
    const viewport = page.getViewport({ scale: scaleOf(widthPt, heightPt) });
    const factory = (
      doc as unknown as { canvasFactory: { create(w: number, h: number): { canvas: { toBuffer(type: "image/png"): Buffer }; context: unknown } } }
    ).canvasFactory;
    const { canvas, context } = factory.create(Math.round(viewport.width), Math.round(viewport.height));
    await page.render({ canvas: canvas as unknown as HTMLCanvasElement, canvasContext: context as CanvasRenderingContext2D, viewport }).promise;
    return { png: canvas.toBuffer("image/png"), pages: doc.numPages, widthPt, heightPt };
  } finally {
    await doc.destroy();
  }
}

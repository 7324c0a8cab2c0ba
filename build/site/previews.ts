/**
 * Stage "previews": what the materials page says of each PDF (its pages and paper) and a small
 * picture of its first page. pdf.js reads the PDF as it was made (no second layout in Chromium),
 * Skia draws the page (@napi-rs/canvas) and sharp writes it as WebP. Both are kept in the cache
 * by the PDF's bytes: a PDF that did not change is not opened again.
 *
 * One picture per print page, from its screen PDF (cut to its trim: no crop marks); the print
 * and PDF/X files of that page show it too. A booklet has its own (its first sheet).
 */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { shortHash } from "../hash.ts";
import { PDFJS_MODULES } from "../pdf/pdfjs.ts";
import { defineTask, WorkerPool } from "../worker-pool.ts";
import { writeWhole } from "../write-whole.ts";
import { splitName, type FileFacts } from "./materials.ts";
import { PREVIEW_SETTINGS, type PdfRead } from "./preview-task.ts";

/** A first page drawn on a worker thread (pdf.js parses and draws 50-400 ms of CPU; a campaign has hundreds). */
const DRAW = defineTask<{ pdf: Uint8Array }>({
  module: new URL("./preview-task.ts", import.meta.url),
  exported: "drawFirstPage",
  describe: () => "drawing a PDF's first page",
  preload: PDFJS_MODULES,
});

/**
 * @param rels the PDFs, by their paths under pdfDir ("ar/leaflet.screen.pdf")
 * @returns what was found of each PDF (by site path), and the previews written into siteDir/previews/, by language folder and the base of their name ("ar/leaflet")
 */
export async function pdfPreviews(
  pdfDir: string,
  rels: string[],
  siteDir: string,
  cacheDir: string | undefined,
): Promise<{ facts: Map<string, FileFacts>; previews: Map<string, { src: string; width: number; height: number }> }> {
  const facts = new Map<string, FileFacts>();
  const previews = new Map<string, { src: string; width: number; height: number }>();
  await Promise.all(
    rels.map(async (rel) => {
      const { base, variant } = splitName(rel);
      // Pages and paper of a print or PDF/X file are its screen PDF's (read once); its own with bleed would name no paper.
      if (variant !== "screen" && variant !== "booklet") return void facts.set(`pdf/${rel}`, { bytes: (await stat(path.join(pdfDir, rel))).size });
      const bytes = await readFile(path.join(pdfDir, rel));
      const key = shortHash(Buffer.concat([Buffer.from(PREVIEW_SETTINGS), bytes]), 32);
      const folder = path.posix.dirname(rel);
      const name = variant === "booklet" ? `${base}.booklet` : base;
      const src = `/previews/${folder}/${name}-${key.slice(0, 8)}.webp`;
      const cachedMeta = cacheDir && (await readFile(path.join(cacheDir, `${key}.json`), "utf8").catch(() => undefined));
      const cachedImage = cacheDir && (await readFile(path.join(cacheDir, `${key}.webp`)).catch(() => undefined));
      let read: PdfRead;
      let image: Uint8Array;
      if (cachedMeta && cachedImage) [read, image] = [JSON.parse(cachedMeta) as PdfRead, cachedImage];
      else {
        ({ read, image } = await WorkerPool.shared().run<{ pdf: Uint8Array }, { read: PdfRead; image: Uint8Array }>(DRAW, { pdf: bytes }));
        if (cacheDir) {
          await writeWhole(path.join(cacheDir, `${key}.json`), JSON.stringify(read));
          await writeWhole(path.join(cacheDir, `${key}.webp`), image);
        }
      }
      await writeWhole(path.join(siteDir, src), image);
      facts.set(`pdf/${rel}`, { bytes: bytes.byteLength, pages: read.pages, paper: read.paper });
      previews.set(`${folder}/${name}`, { src, width: read.width, height: read.height });
    }),
  );
  return { facts, previews };
}

/**
 * A printed page as pixels: poppler's pdftoppm draws each page of a PDF (its embedded fonts, so
 * every script looks as printed), cut to the trim. Chromium cannot draw a PDF page headless.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { SetupError } from "../errors.ts";
import type { PagePixels } from "./highlight.ts";

const run = promisify(execFile);

const PDFTOPPM_HINT = "install poppler's tools (as root: apt-get install -y poppler-utils); they draw the printed pages for the screenshots";

/**
 * Every page of a PDF as pixels, at `dpi`, cut to the trim (the printed page holds a bleed of
 * `bleedMm` on every side). Written as PPM: pdftoppm's PNG encoder takes twenty times longer than drawing.
 */
export async function rasterizePages(pdf: Uint8Array, dpi: number, trimMm: { width: number; height: number }, bleedMm: number): Promise<PagePixels[]> {
  const dir = await mkdtemp(path.join(tmpdir(), "waymark-raster-"));
  try {
    const file = path.join(dir, "page.pdf");
    await writeFile(file, pdf);
    const px = (mm: number) => Math.round((mm / 25.4) * dpi);
    const crop = ["-x", px(bleedMm), "-y", px(bleedMm), "-W", px(trimMm.width), "-H", px(trimMm.height)].map(String);
    await run("pdftoppm", ["-r", String(dpi), ...crop, file, path.join(dir, "p")]).catch((e: NodeJS.ErrnoException) => {
      if (e.code === "ENOENT") throw new SetupError("pdftoppm is not installed.", PDFTOPPM_HINT);
      throw e;
    });
    // p-1.ppm … or p-01.ppm …: numbered with as many digits as the last page needs.
    const pages = (await readdir(dir)).filter((f) => /^p-\d+\.ppm$/.test(f)).sort((a, b) => Number(a.match(/\d+/)![0]) - Number(b.match(/\d+/)![0]));
    return Promise.all(pages.map(async (f) => readPpm(await readFile(path.join(dir, f)))));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A binary PPM (P6, 8 bits): "P6 <width> <height> 255" and a single white space, then RGB bytes. */
function readPpm(bytes: Buffer): PagePixels {
  const head = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.subarray(0, 64).toString("latin1"));
  if (!head) throw new Error("pdftoppm wrote no PPM image");
  const [width, height] = [Number(head[1]), Number(head[2])];
  return { data: bytes.subarray(head[0].length, head[0].length + width * height * 3), width, height, channels: 3 };
}

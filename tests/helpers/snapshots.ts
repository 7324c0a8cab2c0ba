/**
 * Visual regression: the first page of a PDF rendered to PNG (pdf.js, drawn by Skia through
 * @napi-rs/canvas: no system tool, the same pixels on every machine with the same lockfile) and
 * compared with a committed baseline in tests/snapshots/ by pixelmatch. A page that differs in
 * more than MAX_DIFF_SHARE of its pixels fails, and its render and a diff image are written to
 * test-results/snapshots/. `npm run snapshots:update` writes the renders as the new baselines,
 * after a change to the layout that is meant.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import pixelmatch from "pixelmatch";
import sharp from "sharp";
import { firstPagePng } from "../../build/pdf/pdfjs.ts";
import { PROJECT_ROOT } from "./sample-campaign.ts";

const SNAPSHOT_DIR = path.join(PROJECT_ROOT, "tests", "snapshots");
const RESULTS_DIR = path.join(PROJECT_ROOT, "test-results", "snapshots");
/** Low enough to keep the baselines small, high enough to see a block move by a millimetre. */
export const SNAPSHOT_DPI = 30;
/**
 * Share of a page's pixels that may differ: the revision stamp changes with every content
 * change (a few hundred pixels); a block that moves, grows or changes colour is far more.
 */
export const MAX_DIFF_SHARE = 0.004;
/** Per-pixel colour distance pixelmatch ignores (anti-aliasing is ignored too). */
const PIXEL_THRESHOLD = 0.1;

export const updating = process.env.UPDATE_SNAPSHOTS === "1";

/** The first page of a PDF as PNG bytes, at SNAPSHOT_DPI. */
export async function renderFirstPage(pdf: Uint8Array, dpi = SNAPSHOT_DPI): Promise<Buffer> {
  return (await firstPagePng(pdf, () => dpi / 72)).png;
}

export interface Comparison {
  name: string;
  /** Share of the pixels that differ (1 when the sizes differ). */
  share: number;
  /** Where the render and the diff image were written, when it failed. */
  diff?: string;
  /** Rewritten (UPDATE_SNAPSHOTS=1). */
  written?: boolean;
  /** No baseline yet: `npm run snapshots:update` makes one. */
  missing?: boolean;
}

/** Compares a render with its baseline (tests/snapshots/<name>.png); writes the baseline when updating. */
export async function compareWithBaseline(name: string, png: Buffer, baselineDir = SNAPSHOT_DIR, resultsDir = RESULTS_DIR): Promise<Comparison> {
  const baselineFile = path.join(baselineDir, `${name}.png`);
  const baseline = await readFile(baselineFile).catch(() => undefined);
  if (updating) {
    await mkdir(baselineDir, { recursive: true });
    await writeFile(baselineFile, png);
    return { name, share: 0, written: true };
  }
  if (!baseline) return { name, share: 1, missing: true };
  const [a, b] = await Promise.all([baseline, png].map((p) => sharp(p).ensureAlpha().raw().toBuffer({ resolveWithObject: true })));
  const { width, height } = a!.info;
  const sameSize = width === b!.info.width && height === b!.info.height;
  const diff = Buffer.alloc(width * height * 4);
  const share = sameSize ? pixelmatch(a!.data, b!.data, diff, width, height, { threshold: PIXEL_THRESHOLD }) / (width * height) : 1;
  if (share <= MAX_DIFF_SHARE) return { name, share };
  await mkdir(resultsDir, { recursive: true });
  await writeFile(path.join(resultsDir, `${name}.actual.png`), png);
  const diffFile = path.join(resultsDir, `${name}.diff.png`);
  if (sameSize)
    await sharp(diff, { raw: { width, height, channels: 4 } })
      .png()
      .toFile(diffFile);
  else await writeFile(diffFile, png);
  return { name, share, diff: diffFile };
}

/**
 * The visual-regression comparison: the same render passes; a block moved by a millimetre or a
 * page of another size fails, with the render and a diff image written where the test says.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { compareWithBaseline, MAX_DIFF_SHARE, SNAPSHOT_DPI } from "../helpers/snapshots.ts";

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
const tmp = async () => {
  const d = await mkdtemp(path.join(os.tmpdir(), "snap-"));
  dirs.push(d);
  return d;
};

/** An A6 page at the snapshot resolution: a band, and a block of "text" at `top` pixels. */
const page = (top: number, width = Math.round((105 / 25.4) * SNAPSHOT_DPI)) =>
  sharp({ create: { width, height: Math.round((148 / 25.4) * SNAPSHOT_DPI), channels: 4, background: "#ffffff" } })
    .composite([
      { input: { create: { width, height: 30, channels: 4, background: "#0b2a3a" } }, top: 0, left: 0 },
      { input: { create: { width: 80, height: 12, channels: 4, background: "#1b1b1b" } }, top, left: 10 },
    ])
    .png()
    .toBuffer();

describe("compareWithBaseline", () => {
  it("passes the same render and fails a block moved by a millimetre, writing the render and a diff image", async () => {
    const [baselines, results] = [await tmp(), await tmp()];
    await writeFile(path.join(baselines, "card-en.png"), await page(60));
    expect(await compareWithBaseline("card-en", await page(60), baselines, results)).toEqual({ name: "card-en", share: 0 });
    // 1 mm at 30 dpi is about 1.2 pixels: two pixels down.
    const moved = await compareWithBaseline("card-en", await page(62), baselines, results);
    expect(moved.share).toBeGreaterThan(MAX_DIFF_SHARE);
    expect(moved.diff).toBe(path.join(results, "card-en.diff.png"));
    const diff = await sharp(await readFile(moved.diff!)).metadata();
    expect([diff.width, diff.height]).toEqual([124, 175]);
    expect(await readFile(path.join(results, "card-en.actual.png"))).toEqual(await page(62));
  });

  it("fails a page of another size, and a render without a baseline", async () => {
    const [baselines, results] = [await tmp(), await tmp()];
    await writeFile(path.join(baselines, "card-ar.png"), await page(60));
    expect((await compareWithBaseline("card-ar", await page(60, 130), baselines, results)).share).toBe(1);
    expect(await compareWithBaseline("card-ti", await page(60), baselines, results)).toEqual({ name: "card-ti", share: 1, missing: true });
  });
});

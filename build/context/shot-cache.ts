/**
 * The screenshot cache: a page whose HTML and assets did not change is not shot again.
 *
 * Content-addressed, in <root>/.waymark-cache/context/ (git-ignored, safe to delete):
 *   img/<sha256>.png      images, named by their own hash
 *   pdf/<sha256>.pdf      print pages as printed for context (the proofs are drawn from them)
 *   pages/<key>.json      one entry per page: the assets it loaded with their hashes, its places, its images
 * A page's key is the hash of what it shows (its laid-out HTML, texts marked) and of what shoots
 * it (this folder's code, the poster fitting and contents numbering it shares with the build,
 * the locked dependencies, the Chromium). An entry counts only while every asset the page
 * loaded (styles, fonts, images) still has the hash it had.
 */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { createHash } from "node:crypto";
import { findChromium } from "../chromium/find-chromium.mjs";
import { hashFolders, sha256 } from "../hash.ts";
import { writeWhole } from "../write-whole.ts";
import type { PageShots, Place } from "./page-shots.ts";

/** Raise when what a cached entry holds changes shape. */
const FORMAT = "context-1";

interface Entry {
  format: string;
  assets: Record<string, string>;
  places: Place[];
  pageCount: number;
  unplaced: string[];
  images: Record<string, string>;
  pdf?: string;
  marks?: string[][];
}

/** What shoots a page besides the page itself, hashed once per run. */
export async function shootingKit(): Promise<string> {
  const kitDir = path.join(import.meta.dirname, "..", "..");
  const hash = createHash("sha256").update(FORMAT);
  for (const f of ["package-lock.json", "build/print/legibility.ts", "build/print/contents.ts", "build/print/formats.ts"])
    hash.update(f).update(await readFile(path.join(kitDir, f)).catch(() => ""));
  const chromium = findChromium();
  const binary = chromium ? await stat(chromium).catch(() => undefined) : undefined;
  hash.update(`${chromium} ${binary?.size} ${binary?.mtimeMs}\0`);
  await hashFolders([path.join(kitDir, "build", "context")], kitDir, hash);
  return hash.digest("hex");
}

export class ShotCache {
  private readonly hashes = new Map<string, Promise<string>>();

  /**
   * @param dir the cache's folder (.waymark-cache/context)
   * @param kit shootingKit()
   */
  constructor(
    readonly dir: string,
    private readonly kit: string,
  ) {}

  key(medium: string, html: Uint8Array): string {
    return sha256(Buffer.concat([Buffer.from(`${this.kit}\0${medium}\0`), html]));
  }

  /** A page's shots, if every asset it loaded (read from servedDir) is unchanged. */
  async lookup(key: string, servedDir: string): Promise<PageShots | undefined> {
    let entry: Entry;
    try {
      entry = JSON.parse(await readFile(path.join(this.dir, "pages", `${key}.json`), "utf8")) as Entry;
    } catch {
      return undefined;
    }
    if (entry.format !== FORMAT) return undefined;
    for (const [asset, hash] of Object.entries(entry.assets)) if ((await this.assetHash(servedDir, asset)) !== hash) return undefined;
    const images = new Map<string, Buffer>();
    for (const [name, hash] of Object.entries(entry.images)) {
      const image = await readFile(path.join(this.dir, "img", `${hash}.png`)).catch(() => undefined);
      if (!image) return undefined;
      images.set(name, image);
    }
    const pdf = entry.pdf ? await readFile(path.join(this.dir, "pdf", `${entry.pdf}.pdf`)).catch(() => undefined) : undefined;
    if (entry.pdf && !pdf) return undefined;
    return {
      places: entry.places,
      pageCount: entry.pageCount,
      unplaced: entry.unplaced,
      images,
      ...(pdf ? { pdf } : {}),
      ...(entry.marks ? { marks: entry.marks } : {}),
    };
  }

  /** Keeps a page's shots with the assets it loaded (paths on its served folder). */
  async store(key: string, servedDir: string, shots: PageShots, loaded: string[]): Promise<void> {
    const assets: Record<string, string> = {};
    for (const asset of [...new Set(loaded)].sort()) assets[asset] = await this.assetHash(servedDir, asset);
    const images: Record<string, string> = {};
    for (const [name, image] of shots.images) images[name] = await this.blob("img", "png", image);
    const pdf = shots.pdf ? await this.blob("pdf", "pdf", shots.pdf) : undefined;
    const entry: Entry = {
      format: FORMAT,
      assets,
      places: shots.places,
      pageCount: shots.pageCount,
      unplaced: shots.unplaced,
      images,
      ...(pdf ? { pdf } : {}),
      ...(shots.marks ? { marks: shots.marks } : {}),
    };
    await writeWhole(path.join(this.dir, "pages", `${key}.json`), JSON.stringify(entry));
  }

  private async blob(folder: string, ext: string, bytes: Uint8Array): Promise<string> {
    const hash = sha256(bytes);
    const file = path.join(this.dir, folder, `${hash}.${ext}`);
    if (!(await stat(file).catch(() => undefined))) await writeWhole(file, bytes); // named by its bytes: there already
    return hash;
  }

  /** Hash of a file a page loaded, by its path on the served folder ("" for one that is gone). */
  private assetHash(servedDir: string, sitePath: string): Promise<string> {
    const file = path.join(servedDir, decodeURIComponent(sitePath).replace(/\/$/, "/index.html"));
    if (!this.hashes.has(file))
      this.hashes.set(
        file,
        readFile(file).then(sha256, () => ""),
      );
    return this.hashes.get(file)!;
  }
}

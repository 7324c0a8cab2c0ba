/**
 * The PDF cache: a PDF whose inputs did not change is not printed again.
 *
 * Content-addressed, in <root>/.waymark-cache/pdf/ (git-ignored, safe to delete at any time):
 *   pdf/<sha256>.pdf        finished PDFs, named by their own hash
 *   jobs/<key>.json         one entry per job: the assets its page loaded, with their hashes,
 *                           and the PDFs it gave (print and screen)
 * A job's key is the hash of what decides its print page and its bytes: the kit (its code, its
 * locked dependencies, the Chromium it prints with), the templates, the page's view data (every
 * text it shows, its revision) and its finishing options. So an unchanged campaign needs no
 * layout at all. An entry counts only while every asset its page loaded (styles, fonts,
 * images) still has the hash it had. Every file is written to a temporary name and renamed, so
 * a stopped build never leaves half a file.
 */
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { findChromium } from "../chromium/find-chromium.mjs";
import type { PrintJob } from "./printer.ts";
import type { Variant } from "../print/formats.ts";
import { CUT_FONTS } from "../site/fonts.ts";
import { writeWhole } from "../write-whole.ts";
import { hashFolders, sha256 } from "../hash.ts";

interface Entry {
  /** Hash of each file the page loaded, by its path on the print site. */
  assets: Record<string, string>;
  /** sha256 of each finished PDF. */
  pdfs: Record<Variant, string>;
  /** What the job measured on its laid-out page (PrintJob.layout), for the reports. */
  facts?: unknown;
}

export class PdfCache {
  private readonly hashes = new Map<string, Promise<string | undefined>>();

  /**
   * @param dir the PDF cache's folder (.waymark-cache/pdf)
   * @param siteDir the folder the print pages are served from
   * @param kit what else decides a PDF's bytes (kitFingerprint: code, dependencies, Chromium, templates)
   */
  constructor(
    readonly dir: string,
    private readonly siteDir: string,
    private readonly kit: string,
  ) {}

  /** The job's key: the kit and templates, the page's view data, its output names and its finishing, hashed. */
  key(job: PrintJob, page: unknown): string {
    return sha256(JSON.stringify([this.kit, page, Object.values(job.out).map((f) => path.basename(f)), job.finishing ?? null]));
  }

  /** The cached PDFs for a key and what its page measured, if every asset its page loaded is unchanged. */
  async lookup(key: string): Promise<{ pdfs: Record<Variant, Uint8Array>; facts: unknown } | undefined> {
    let entry: Entry;
    try {
      entry = JSON.parse(await readFile(path.join(this.dir, "jobs", `${key}.json`), "utf8")) as Entry;
    } catch {
      return undefined; // never printed, or an entry from an interrupted or older build
    }
    for (const [asset, hash] of Object.entries(entry.assets)) if (((await this.fileHash(asset)) ?? "") !== hash) return undefined; // "": a file that did not exist
    const pdfs: Partial<Record<Variant, Uint8Array>> = {};
    for (const [variant, hash] of Object.entries(entry.pdfs ?? {})) {
      const pdf = await readFile(path.join(this.dir, "pdf", `${hash}.pdf`)).catch(() => undefined);
      if (!pdf || sha256(pdf) !== hash) return undefined;
      pdfs[variant as Variant] = pdf;
    }
    return pdfs.print && pdfs.screen ? { pdfs: pdfs as Record<Variant, Uint8Array>, facts: entry.facts } : undefined;
  }

  /** Keeps a job's PDFs with the assets its page loaded (the page itself is in the key already). */
  async store(job: PrintJob, key: string, pdfs: Record<Variant, Uint8Array>, loaded: string[], facts?: unknown): Promise<void> {
    const assets: Record<string, string> = {};
    // A cut font is named by the hash of its source and of the page's characters: the page (in the key) decides it.
    for (const asset of [...loaded].filter((p) => p !== job.path && !p.startsWith(`/${CUT_FONTS}/`)).sort()) assets[asset] = (await this.fileHash(asset)) ?? "";
    const hashes = {} as Record<Variant, string>;
    for (const [variant, pdf] of Object.entries(pdfs) as [Variant, Uint8Array][]) {
      const hash = (hashes[variant] = sha256(pdf));
      const blob = path.join(this.dir, "pdf", `${hash}.pdf`);
      if (
        !(await stat(blob).then(
          () => true,
          () => false,
        ))
      )
        await writeWhole(blob, pdf); // content-addressed: there already
    }
    await writeWhole(
      path.join(this.dir, "jobs", `${key}.json`),
      JSON.stringify({ assets, pdfs: hashes, ...(facts === undefined ? {} : { facts }) } satisfies Entry),
    );
  }

  /** Hash of a file of the print site by its path ("/assets/fonts.css"; a folder means its index.html). */
  private fileHash(sitePath: string): Promise<string | undefined> {
    if (!this.hashes.has(sitePath)) {
      const file = path.join(this.siteDir, decodeURIComponent(sitePath).replace(/\/$/, "/index.html"));
      this.hashes.set(
        sitePath,
        readFile(file).then(sha256, () => undefined),
      );
    }
    return this.hashes.get(sitePath)!;
  }
}

/**
 * What makes PDFs besides the content, hashed: the kit's code, its locked dependencies
 * (Eleventy, pdf-lib, ...), the Chromium it prints with, and the templates. A change to any of
 * them invalidates the cache.
 */
export async function kitFingerprint(templatesDir: string): Promise<string> {
  const hash = createHash("sha256");
  const kitDir = path.join(import.meta.dirname, "..", "..");
  for (const f of ["package.json", "package-lock.json"])
    hash
      .update(f)
      .update("\0")
      .update(await readFile(path.join(kitDir, f)).catch(() => ""))
      .update("\0");
  const chromium = findChromium();
  const binary = chromium ? await stat(chromium).catch(() => undefined) : undefined;
  hash.update(`${chromium} ${binary?.size} ${binary?.mtimeMs}\0`);
  await hashFolders([path.join(kitDir, "build")], kitDir, hash);
  await hashFolders([templatesDir], path.dirname(templatesDir), hash);
  return hash.digest("hex");
}

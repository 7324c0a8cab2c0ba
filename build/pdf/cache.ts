/**
 * The PDF cache: a PDF whose inputs did not change is not printed again.
 *
 * Content-addressed, in <root>/.waymark-cache/pdf/ (git-ignored, safe to delete at any time):
 *   pdf/<sha256>.pdf        finished PDFs, named by their own hash
 *   jobs/<key>.json         one entry per job: the assets its page loaded, with their hashes,
 *                           and the PDF it gave
 * A job's key is the hash of what decides its print page and its bytes: the kit (its code, its
 * locked dependencies, the Chromium it prints with), the templates, the page's view data (every
 * text it shows, its revision) and its finishing options. So an unchanged campaign needs no
 * layout at all. An entry counts only while every asset its page loaded (styles, fonts,
 * images) still has the hash it had. Every file is written to a temporary name and renamed, so
 * a stopped build never leaves half a file.
 */
import { createHash } from "node:crypto";
import { readFile, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { findChromium } from "../chromium/find-chromium.mjs";
import type { PrintJob } from "./printer.ts";
import { writeWhole } from "../write-whole.ts";

interface Entry {
  /** Hash of each file the page loaded, by its path on the print site. */
  assets: Record<string, string>;
  /** sha256 of the finished PDF. */
  pdf: string;
  /** What the job measured on its laid-out page (PrintJob.layout), for the reports. */
  facts?: unknown;
}

const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");

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

  /** The job's key: the kit and templates, the page's view data, its output name and its finishing, hashed. */
  key(job: PrintJob, page: unknown): string {
    return sha256(JSON.stringify([this.kit, page, path.basename(job.out), job.finishing ?? null]));
  }

  /** The cached PDF for a key and what its page measured, if every asset its page loaded is unchanged. */
  async lookup(key: string): Promise<{ pdf: Uint8Array; facts: unknown } | undefined> {
    let entry: Entry;
    try {
      entry = JSON.parse(await readFile(path.join(this.dir, "jobs", `${key}.json`), "utf8")) as Entry;
    } catch {
      return undefined; // never printed, or an entry from an interrupted or older build
    }
    for (const [asset, hash] of Object.entries(entry.assets)) if (((await this.fileHash(asset)) ?? "") !== hash) return undefined; // "": a file that did not exist
    const pdf = await readFile(path.join(this.dir, "pdf", `${entry.pdf}.pdf`)).catch(() => undefined);
    return pdf && sha256(pdf) === entry.pdf ? { pdf, facts: entry.facts } : undefined;
  }

  /** Keeps a printed PDF with the assets its page loaded (the page itself is in the key already). */
  async store(job: PrintJob, key: string, pdf: Uint8Array, loaded: string[], facts?: unknown): Promise<void> {
    const assets: Record<string, string> = {};
    for (const asset of [...loaded].filter((p) => p !== job.path).sort()) assets[asset] = (await this.fileHash(asset)) ?? "";
    const hash = sha256(pdf);
    const blob = path.join(this.dir, "pdf", `${hash}.pdf`);
    if (!(await stat(blob).then(() => true, () => false))) await writeWhole(blob, pdf); // content-addressed: there already
    await writeWhole(path.join(this.dir, "jobs", `${key}.json`), JSON.stringify({ assets, pdf: hash, ...(facts === undefined ? {} : { facts }) } satisfies Entry));
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
  for (const f of ["package.json", "package-lock.json"]) hash.update(f).update("\0").update(await readFile(path.join(kitDir, f)).catch(() => "")).update("\0");
  const chromium = findChromium();
  const binary = chromium ? await stat(chromium).catch(() => undefined) : undefined;
  hash.update(`${chromium} ${binary?.size} ${binary?.mtimeMs}\0`);
  for (const dir of [path.join(kitDir, "build"), templatesDir]) {
    const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)).sort();
    for (const f of files) hash.update(path.relative(dir, f)).update("\0").update(await readFile(f)).update("\0");
  }
  return hash.digest("hex");
}

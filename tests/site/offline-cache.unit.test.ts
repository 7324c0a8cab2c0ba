/**
 * The offline bundles' cache (build/site/offline.ts, build/site/zip.ts): a rebuild deflates again
 * only the large files that changed. Unit: a two-language site written here, zipped for real.
 */
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { deflateRawSync } from "node:zlib";
import { unzipSync } from "fflate";
import { expect, it } from "vitest";
import { sha256 } from "../../build/hash.ts";
import { writeOfflineBundles } from "../../build/site/offline.ts";

it("keeps each large file deflated, takes it from the cache while its bytes are the same, and deflates it again when they change", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "waymark-bundles-"));
  try {
    const [site, out, cache] = ["site", "out", "cache"].map((d) => path.join(dir, d)) as [string, string, string];
    const languages = [
      { code: "en", folder: "en" },
      { code: "ar", folder: "ar" },
    ];
    // A PDF is large and compressible in parts, as Chromium's are: text around incompressible streams.
    const pdf = (seed: string) => Buffer.concat([Buffer.from(`%PDF-1.7 ${seed} `.repeat(2000)), randomBytes(20_000)]);
    const pdfs = { en: pdf("en"), ar: pdf("ar") };
    for (const { folder } of languages) {
      for (const sub of [folder, `pdf/${folder}`]) await mkdir(path.join(site, sub), { recursive: true });
      await writeFile(path.join(site, folder, "index.html"), `<!doctype html><title>${folder}</title>`);
      await writeFile(path.join(site, "pdf", folder, "leaflet.screen.pdf"), pdfs[folder as "en" | "ar"]);
    }
    await writeFile(path.join(site, "index.html"), "<!doctype html><title>Root</title>");
    const pack = () => writeOfflineBundles(site, out, languages, "https://waymark.example/", new Date("2026-01-01T00:00:00Z"), cache);
    const unzipped = async (lang: string) => unzipSync(new Uint8Array(await readFile(path.join(out, "offline", `${lang}.zip`))));

    await pack();
    const kept = (await readdir(cache)).sort();
    expect(kept).toHaveLength(2); // the two PDFs; the pages are too small to keep
    for (const lang of ["en", "ar"] as const) expect(Buffer.from((await unzipped(lang))[`pdf/${lang}/leaflet.screen.pdf`]!).equals(pdfs[lang])).toBe(true);

    // What the cache holds is what the next build writes: an entry deflated otherwise (level 1, as valid) shows it was read, not deflated again.
    const other = new Map(Object.entries(pdfs).map(([lang, bytes]) => [lang, deflateRawSync(bytes, { level: 1 })]));
    for (const [lang, bytes] of Object.entries(pdfs)) {
      const f = kept.find((name) => name.startsWith(sha256(bytes)));
      expect(f).toBeDefined();
      await writeFile(path.join(cache, f!), other.get(lang)!);
    }
    await pack();
    for (const lang of ["en", "ar"] as const) {
      expect((await readFile(path.join(out, "offline", `${lang}.zip`))).includes(other.get(lang)!)).toBe(true);
      expect(Buffer.from((await unzipped(lang))[`pdf/${lang}/leaflet.screen.pdf`]!).equals(pdfs[lang])).toBe(true);
    }

    // A changed English PDF is deflated again (a third entry kept); the bundle holds the new bytes.
    const changed = pdf("en, changed");
    await writeFile(path.join(site, "pdf", "en", "leaflet.screen.pdf"), changed);
    await pack();
    expect(await readdir(cache)).toHaveLength(3);
    expect(Buffer.from((await unzipped("en"))["pdf/en/leaflet.screen.pdf"]!).equals(changed)).toBe(true);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

/**
 * The offline bundles' cache (build/site/offline.ts): a rebuild zips again only the bundles
 * whose files changed. Unit: a two-page site written here, the real zipping on a worker thread.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { unzipSync } from "fflate";
import { expect, it } from "vitest";
import { writeOfflineBundles } from "../../build/site/offline.ts";

it("takes a bundle from the cache while the names and bytes it holds are the same, and zips it again when a page changes", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "waymark-bundles-"));
  try {
    const [site, out, cache] = ["site", "out", "cache"].map((d) => path.join(dir, d)) as [string, string, string];
    const page = (lang: string, text: string) => writeFile(path.join(site, lang, "index.html"), `<!doctype html><title>${text}</title><p>${text}</p>`);
    for (const lang of ["en", "ar"]) await mkdir(path.join(site, lang), { recursive: true });
    await writeFile(path.join(site, "index.html"), "<!doctype html><title>Root</title>");
    await page("en", "Before you pay anyone");
    await page("ar", "قبل أن تدفع لأي شخص");
    const languages = [
      { code: "en", folder: "en" },
      { code: "ar", folder: "ar" },
    ];
    const pack = () => writeOfflineBundles(site, out, languages, "https://waymark.example/", new Date("2026-01-01T00:00:00Z"), cache);
    const zip = (lang: string) => readFile(path.join(out, "offline", `${lang}.zip`));

    await pack();
    const kept = await readdir(cache);
    expect(kept).toHaveLength(2);
    const cachedZips = await Promise.all(kept.map((f) => readFile(path.join(cache, f))));
    for (const lang of ["en", "ar"]) {
      const written = await zip(lang);
      expect(cachedZips.some((z) => z.equals(written))).toBe(true);
    }
    // What the cache holds is what the next build writes: a marked entry shows it was read, not zipped again.
    for (const f of kept) await writeFile(path.join(cache, f), `kept ${f}`);
    await pack();
    expect(new Set([String(await zip("en")), String(await zip("ar"))])).toEqual(new Set(kept.map((f) => `kept ${f}`)));

    // A changed English page: the English bundle is zipped again with it, the Arabic one still comes from the cache.
    await page("en", "Ask first");
    const [bundle] = await pack();
    expect(bundle!.lang).toBe("en");
    expect(new TextDecoder().decode(unzipSync(new Uint8Array(await zip("en")))["en/index.html"])).toContain("Ask first");
    expect(String(await zip("ar")).startsWith("kept ")).toBe(true);
    expect(await readdir(cache)).toHaveLength(3);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

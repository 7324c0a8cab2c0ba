/**
 * Incremental builds: a PDF or share card whose inputs did not change is not made again. An
 * unchanged campaign reprints nothing and starts no Chromium; one changed Arabic string of a
 * document reprints that Arabic document (print and screen, one layout) and reshoots its card,
 * and leaves every other PDF byte for byte as it was. (That only
 * the Dutch brochure's revision changes with a Dutch brochure string, in the whole sample:
 * tests/print/document-revision.unit.test.ts.)
 */
import { readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect, it } from "vitest";
import { ChromiumSession } from "../../build/chromium/session.ts";
import { sha256 } from "../../build/hash.ts";
import { buildCampaign } from "../../build/pipeline.ts";
import { buildTimeout, sampleCampaigns, sampleFile, smallSample } from "../helpers/sample-campaign.ts";
import { testChromium } from "../helpers/test-chromium.ts";

const copy = sampleCampaigns();

/** Each PDF's hash, by its path: compared as text, since comparing bytes one by one takes vitest seconds a megabyte. */
async function pdfBytes(dir: string): Promise<Map<string, string>> {
  const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith(".pdf")).sort();
  return new Map(await Promise.all(files.map(async (f) => [f, sha256(await readFile(path.join(dir, f)))] as const)));
}

it(
  "reprints and reshoots nothing when nothing changed (no Chromium started), only the Arabic leaflet and its share card when one of its Arabic strings did, and prints the same bytes again with the cache off",
  async ({ signal }) => {
    // A left-to-right and a right-to-left language: the reading-order rewrite is deterministic in both.
    // The leaflet alone, without its story (its card and A3 poster would add four pages to print, three times).
    const root = await copy(await smallSample(["en", "ar"], ["leaflet"], { stories: [] }));
    const pdfDir = path.join(root, "dist", "pdf");

    const cold = await buildCampaign({ chromium: testChromium(), root, signal });
    expect([cold.printed, cold.reused]).toEqual([2, 0]); // the leaflet in 2 languages: each page gives both variants
    const first = await pdfBytes(pdfDir);
    expect(first.size).toBe(4);

    const session = new ChromiumSession({ signal });
    const noop = await buildCampaign({ root, signal, chromium: session });
    expect([noop.printed, noop.reused]).toEqual([0, 2]);
    expect(session.started).toBe(false);
    expect(await pdfBytes(pdfDir)).toEqual(first);
    const report = JSON.parse(await readFile(path.join(root, "dist", "reports", "build.json"), "utf8"));
    expect(report).toMatchObject({ printed: 0, reused: 2 });
    expect(report.stages.map((s: { stage: string }) => s.stage)).toEqual([
      "load content and translations",
      "check glyph coverage",
      "look for unchanged PDFs",
      "render the share cards and preview the PDFs",
      "render the site",
      "pack the offline bundles", // the materials pages show the bundles' sizes the last build measured: rendered once
      "weigh the pages",
      "publish",
    ]);
    expect(report.stages.every((s: { ms: number }) => Number.isInteger(s.ms) && s.ms >= 0)).toBe(true);

    const ar = JSON.parse(await sampleFile("locales/ar/leaflet.json"));
    ar.subtitle += " (معدّل)";
    await writeFile(path.join(root, "locales", "ar", "leaflet.json"), JSON.stringify(ar));
    const shot: number[] = [];
    let stage = "";
    const edited = await buildCampaign({
      root,
      signal,
      chromium: testChromium(),
      onEvent: (e) => (e.type === "stage" ? (stage = e.stage) : e.type === "progress" && stage.includes("share cards") && shot.push(e.total)),
    });
    expect([edited.printed, edited.reused]).toEqual([1, 1]);
    expect(new Set(shot)).toEqual(new Set([1])); // one page's cards shot again: the Arabic leaflet's
    const after = await pdfBytes(pdfDir);
    const changed = [...after].filter(([f, hash]) => hash !== first.get(f)).map(([f]) => f);
    expect(changed.sort()).toEqual(["ar/leaflet.print.pdf", "ar/leaflet.screen.pdf"]);

    // Printed again from the same input with the cache off: the same bytes, in both scripts' PDFs.
    const fresh = await buildCampaign({ chromium: testChromium(), root, signal, cache: false, outDir: path.join(root, "fresh") });
    expect([fresh.printed, fresh.reused]).toEqual([2, 0]);
    expect(await pdfBytes(path.join(root, "fresh", "pdf"))).toEqual(after);
  },
  buildTimeout({ builds: 4, pdfs: 5 }),
);

/**
 * A campaign printed over several machines: each `--shard i/n` prints its share of the PDFs and
 * shoots its share of the share cards, `merge` checks the shares and assembles them with the
 * site, with no Chromium. (That the merge gives the single build's files byte for byte is
 * checked on the whole campaign by `npm run verify`.)
 */
import { readFile, readdir, rm } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ChromiumSession } from "../../build/chromium/session.ts";
import { ContentError } from "../../build/errors.ts";
import { buildCampaign } from "../../build/pipeline.ts";
import { loadSite } from "../../build/load.ts";
import { parseShard, splitIntoShards } from "../../build/print/shards.ts";
import { buildTimeout, PROJECT_ROOT, sampleCampaigns, smallSample } from "../helpers/sample-campaign.ts";
import { testChromium } from "../helpers/test-chromium.ts";

const copy = sampleCampaigns();
const pdfsIn = async (dir: string) => (await readdir(dir, { recursive: true })).filter((f) => f.endsWith(".pdf")).sort();

describe("the split", () => {
  it("reads i/n, and refuses anything else", () => {
    expect(parseShard("2/4")).toEqual({ index: 2, count: 4 });
    for (const bad of ["0/2", "3/2", "1", "a/b", "1/0"]) expect(parseShard(bad), bad).toBeUndefined();
  });

  it("gives every PDF to exactly one shard, the same way every time, balanced by pages", async () => {
    const pages = Object.values((await loadSite(PROJECT_ROOT)).model.print).flat();
    const split = splitIntoShards(pages, 3);
    expect(
      split
        .flat()
        .map((p) => p.out.print)
        .sort(),
    ).toEqual(pages.map((p) => p.out.print).sort());
    expect(splitIntoShards([...pages].reverse(), 3).map((s) => s.map((p) => p.out.print))).toEqual(split.map((s) => s.map((p) => p.out.print)));
    const sizes = split.map((s) => s.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(6);
  });
});

describe("shards and merge", () => {
  it(
    "print each share into its own folder, merge into dist/ with the site, and refuse a merge with a shard missing",
    async ({ signal }) => {
      const root = await copy(await smallSample(["en", "ar"], ["poster"]));
      const dist = path.join(root, "dist");
      for (const index of [1, 2]) {
        const shard = await buildCampaign({ chromium: testChromium(), root, signal, shard: { index, count: 2 } });
        expect(shard.pdfs.length, `shard ${index}`).toBe(2);
      }
      await expect(readdir(dist)).resolves.toEqual(["shards"]); // no site, no pdf/ yet
      // The merge needs no Chromium: the shards printed the PDFs and shot the share cards.
      const chromium = new ChromiumSession({ signal });
      const merged = await buildCampaign({ root, signal, fromShards: true, chromium });
      expect(chromium.started).toBe(false);
      expect([merged.printed, merged.reused]).toEqual([0, 0]);
      expect((await readdir(path.join(dist, "site", "share"), { recursive: true })).filter((f) => f.endsWith(".jpg")).sort()).toEqual(
        ["ar/poster-square.jpg", "ar/poster-wide.jpg", "en/poster-square.jpg", "en/poster-wide.jpg"].map((f) => f.split("/").join(path.sep)),
      );
      expect(await pdfsIn(path.join(dist, "pdf"))).toEqual(["ar/poster.print.pdf", "ar/poster.screen.pdf", "en/poster.print.pdf", "en/poster.screen.pdf"]);
      // Each merged PDF is its shard's, byte for byte.
      for (const shard of ["1-of-2", "2-of-2"]) {
        for (const f of await pdfsIn(path.join(dist, "shards", shard, "pdf"))) {
          expect((await readFile(path.join(dist, "pdf", f))).equals(await readFile(path.join(dist, "shards", shard, "pdf", f))), f).toBe(true);
        }
      }
      expect(await readFile(path.join(dist, "site", "ar", "index.html"), "utf8")).toContain('href="../pdf/ar/poster.print.pdf"');

      // Without one of its shards, the merge refuses, names it, and publishes nothing new.
      await rm(path.join(dist, "shards", "2-of-2"), { recursive: true });
      await rm(path.join(dist, "pdf"), { recursive: true });
      const error = await buildCampaign({ chromium: testChromium(), root, signal, fromShards: true }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ContentError);
      expect((error as ContentError).message).toMatch(/shard 2-of-2 is missing/);
      await expect(readdir(dist)).resolves.toEqual(expect.not.arrayContaining(["pdf"]));
    },
    buildTimeout({ builds: 4, pdfs: 4 }),
  );
});

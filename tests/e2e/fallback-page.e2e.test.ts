/** A text missing in a language is shown in the source language and marked on the real page. */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCampaign } from "../../build/pipeline.ts";
import { sampleCampaign, sampleFile } from "../helpers/sample-campaign.ts";

let root: string;
let cleanup: () => Promise<void>;
const page = (rel: string) => readFile(path.join(root, "dist", "site", rel), "utf8");

beforeAll(async () => {
  const brochure = JSON.parse(await sampleFile("locales/ar/brochure.json"));
  delete brochure.sections["the-road"].blocks.transit;
  ({ root, cleanup } = await sampleCampaign({ "locales/ar/brochure.json": JSON.stringify(brochure) }));
  await buildCampaign({ root, pdf: false });
});
afterAll(() => cleanup());

describe("a paragraph missing in Arabic", () => {
  it("is shown in English, marked with lang, dir and data-fallback", async () => {
    const html = await page("ar/brochure/index.html");
    expect(html).toMatch(/<p lang="en" dir="ltr" data-fallback="" data-block="transit">Belgium is a country of transit and of destination\./);
  });

  it("puts the translated notice on that page only", async () => {
    const notice = /class="notice notice-fallback[^"]*"[^>]*>([^<]+)</;
    const arNotice = JSON.parse(await sampleFile("locales/ar/ui.json")).notice.fallback;
    expect(notice.exec(await page("ar/brochure/index.html"))?.[1]).toBe(arNotice);
    expect(await page("ar/glossary/index.html")).not.toMatch(notice);
    expect(await page("nl/brochure/index.html")).not.toMatch(notice);
  });
});

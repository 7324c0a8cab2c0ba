/**
 * One release state: a text missing in a language is shown in the source language, marked on
 * the element, and every page and PDF that shows it says so — the story page, the home page
 * that lists the story, the brochure that tells it — whatever kind of text it is (a
 * paragraph, a story title, an image's alt text).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCampaign, type BuildResult } from "../../build/pipeline.ts";
import { buildTimeout, sampleCampaign, sampleFile, trimmedCampaign } from "../helpers/sample-campaign.ts";

let root: string;
let cleanup: () => Promise<void>;
let result: BuildResult;
const page = (rel: string) => readFile(path.join(root, "dist", "site", rel), "utf8");
const NOTICE = /class="notice notice-fallback[^"]*"[^>]*>([^<]+)</;
const STORY = "zeebrugge-2000";

beforeAll(
  async () => {
    const brochure = JSON.parse(await sampleFile("locales/ar/brochure.json"));
    delete brochure.sections["the-road"].blocks.transit;
    const stories = JSON.parse(await sampleFile("locales/ar/stories.json"));
    delete stories[STORY].title;
    ({ root, cleanup } = await sampleCampaign({
      "content/campaign.yaml": await trimmedCampaign(["en", "nl", "ar"], ["brochure", "leaflet", "poster"]),
      "locales/ar/brochure.json": JSON.stringify(brochure),
      "locales/ar/stories.json": JSON.stringify(stories),
      "locales/ar/images.json": "{}",
    }));
    // The site and the PDFs' release state; printing adds nothing to what is checked here.
    result = await buildCampaign({ root, pdf: false });
  },
  buildTimeout({ builds: 1 }),
);
afterAll(() => cleanup());

describe("a paragraph missing in Arabic", () => {
  it("is shown in English, marked with lang, dir and data-fallback", async () => {
    expect(await page("ar/brochure/index.html")).toMatch(
      /<p lang="en" dir="ltr" data-fallback="" data-block="transit">Belgium is a country of transit and of destination\./,
    );
  });

  it("puts the translated notice on the pages that show it only", async () => {
    const arNotice = JSON.parse(await sampleFile("locales/ar/ui.json")).notice.fallback;
    expect(NOTICE.exec(await page("ar/brochure/index.html"))?.[1]).toBe(arNotice);
    expect(await page("ar/glossary/index.html")).not.toMatch(NOTICE);
    expect(await page("nl/brochure/index.html")).not.toMatch(NOTICE);
  });
});

describe("a story title missing in Arabic", () => {
  it("is marked where it is shown, and every page that shows it carries the notice", async () => {
    for (const rel of [`ar/stories/${STORY}/index.html`, "ar/index.html", "ar/brochure/index.html"]) {
      const html = await page(rel);
      expect(html, rel).toMatch(NOTICE);
      expect(html, rel).toMatch(/lang="en" dir="ltr" data-fallback="">Fifty-eight deaths in a refrigerated lorry/);
    }
    // A story page that does not show it stays clean.
    expect(await page("ar/stories/austria-2015/index.html")).not.toMatch(NOTICE);
  });

  it("is named among the draft reasons of every PDF that prints it", () => {
    const reasonsOf = (pdf: string) => result.drafts.find((d) => d.pdf === pdf)?.reasons.join("\n") ?? "";
    for (const pdf of [`ar/brochure.print.pdf`, `ar/story-${STORY}.screen.pdf`]) {
      expect(reasonsOf(pdf), pdf).toMatch(new RegExp(`Arabic text missing, shown in English \\(\\d+\\): .*stories:${STORY}\\.title`));
    }
    expect(reasonsOf("ar/leaflet.print.pdf")).not.toContain(`stories:${STORY}.title`);
  });
});

describe("an image's alt text missing in Arabic", () => {
  it("marks the pages and PDFs that place the image", async () => {
    expect(await page("ar/poster/index.html")).toMatch(NOTICE);
    expect(result.drafts.find((d) => d.pdf === "ar/poster.print.pdf")?.reasons.join("\n")).toContain("images:road.alt");
  });
});

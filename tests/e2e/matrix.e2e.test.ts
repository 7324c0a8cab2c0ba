/**
 * End to end: every format in one language per script family (Latin, Arabic, Ethiopic, Han),
 * built once with the real Eleventy, fonts and Chromium, then read back by the checks every
 * built edition must pass (tests/built/built-campaign.ts), with axe on a page of every layout,
 * the help strip and the materials page in English and Arabic (tests/built/), and the first
 * page of every format against its committed snapshot. The whole campaign, every
 * language and edition, is checked by `npm run verify`, not here.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadSite } from "../../build/load.ts";
import { buildCampaign } from "../../build/pipeline.ts";
import { FORMATS } from "../../build/print/formats.ts";
import { builtCampaignTests } from "../built/built-campaign.ts";
import { helpStripTests } from "../built/help-strip.ts";
import { materialsPageTests } from "../built/materials-page.ts";
import { paragraphs } from "../helpers/pdf-paragraphs.ts";
import { buildTimeout, sampleCampaign, smallSample, sampleFile } from "../helpers/sample-campaign.ts";
import { testChromium } from "../helpers/test-chromium.ts";
import { compareWithBaseline, renderFirstPage, updating } from "../helpers/snapshots.ts";

/** One language per script family the campaign prints. */
const LANGUAGES = ["en", "ar", "ti", "zh-Hans"];
const documents = /^documents: \[(.*)\]$/m
  .exec(await sampleFile("content/campaign.yaml"))![1]!
  .split(",")
  .map((d) => d.trim());
// One of the four stories, with an English source inside Arabic text (below), told by the deck too
// in another's place (a story slide). A story's card, poster, web page and share cards are one
// layout each; every further story would print 8 more PDFs alike and shoot 4 more cards.
const STORY = "albanian-network";
const sample = await sampleCampaign(await smallSample(LANGUAGES, documents, { stories: [STORY], tellInstead: { session: { "austria-2015": STORY } } }));
const loaded = await loadSite(sample.root);
const PAGES = Object.values(loaded.model.print).flat().length;
const out = path.join(sample.root, "dist");

beforeAll(
  async () => {
    // A build that outlives its hook's timeout is cancelled: its Chromium is killed, not left behind.
    await buildCampaign({
      chromium: testChromium(),
      root: sample.root,
      outDir: out,
      signal: AbortSignal.timeout(buildTimeout({ pdfs: PAGES, pages: loaded.model.cards.length }) - 1_000),
    });
  },
  buildTimeout({ pdfs: PAGES, pages: loaded.model.cards.length }),
);
afterAll(() => sample.cleanup());

it("samples every format in every script family", () => {
  const made = Object.values(loaded.model.print).flat();
  expect(new Set(made.map((p) => p.format))).toEqual(new Set(Object.keys(FORMATS)));
  expect(new Set(made.map((p) => p.lang.code))).toEqual(new Set(LANGUAGES));
});

builtCampaignTests(loaded, { out: () => out, axe: true, root: sample.root, minSlides: 7 });
// Read from the same build: a build of their own would print the same leaflet, posters and stories again.
helpStripTests(loaded, () => out);
materialsPageTests(loaded, () => out);

it("reads a source's English title in order inside Arabic text: each of a story's sources isolated, in the brochure's structure text and on the story's web page", async () => {
  // The Albanian network's sources: an English title with page numbers, then the action plan. (Pashto and Dari: tests/e2e/mixed-direction.e2e.test.ts.)
  const myria = "Myria, Annual report on trafficking and smuggling of human beings, 2015, pages 78-79 and 81";
  const plan = "Federal action plan against migrant smuggling (Belgium), Dutch text, section 1.2";
  expect(await paragraphs(path.join(out, "pdf", "ar", "brochure.screen.pdf"))).toContain(`المصادر: ${myria} ${plan}`);
  const html = await readFile(path.join(out, "site", "ar", "stories", "albanian-network", "index.html"), "utf8");
  expect(html).toContain(`<cite class="source" lang="en" dir="ltr">${myria}</cite><cite class="source" lang="en" dir="ltr">${plan}</cite>`);
});

it("renders the first page of every format as its committed snapshot, in each script family", async () => {
  // Against tests/snapshots/ (npm run snapshots:update).
  const story = loaded.campaign.stories.find((s) => s.image)!.id;
  const files: Record<string, string> = {
    brochure: "brochure",
    booklet: "brochure.booklet",
    leaflet: "leaflet",
    poster: "poster",
    fiche: "fiche",
    guide: "guide",
    session: "session",
    handout: "session-notes",
    "story-card": `story-${story}`,
    "story-poster": `poster-${story}`,
  };
  expect(Object.keys(files)).toEqual(expect.arrayContaining(Object.keys(FORMATS)));
  const results = [];
  for (const lang of LANGUAGES.map((l) => l.toLowerCase())) {
    for (const [format, name] of Object.entries(files)) {
      const pdf = await readFile(path.join(out, "pdf", lang, name.endsWith(".booklet") ? `${name}.pdf` : `${name}.screen.pdf`)).catch(() => undefined);
      if (!pdf) continue; // not made in this language (the fiche and guide are for professionals, in en, nl, fr, de)
      results.push(await compareWithBaseline(`${format}-${lang}`, await renderFirstPage(pdf)));
    }
  }
  expect(new Set(results.map((r) => r.name.split("-").at(-1)))).toEqual(new Set(["en", "ar", "ti", "hans"]));
  expect(results.length).toBeGreaterThanOrEqual(Object.keys(files).length + 3 * 8);
  const failed = results
    .filter((r) => r.diff || r.missing)
    .map((r) =>
      r.missing ? `${r.name}: no baseline (npm run snapshots:update)` : `${r.name}: ${(r.share * 100).toFixed(2)}% of the pixels differ, see ${r.diff}`,
    );
  expect(failed, updating ? "" : "a layout changed: look at the diff images; if the change is meant, run npm run snapshots:update").toEqual([]);
}, 120_000);

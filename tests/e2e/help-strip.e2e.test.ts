/**
 * The help strip, built for real: the emergency number and where to ask before paying anyone,
 * from the contacts' data and in the page's language, on every story card, story poster and
 * story slide of the deck, read back from each PDF's structure text (what a screen reader gets).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { normaliseText } from "../../build/checks/page-text.ts";
import { structureTree, walk } from "../../build/pdf/structure-text.ts";
import { buildCampaign } from "../../build/pipeline.ts";
import { buildTimeout, sampleCampaigns, smallSample } from "../helpers/sample-campaign.ts";

const copy = sampleCampaigns();

/** Each paragraph of a PDF's structure tree, as read. */
async function paragraphs(file: string): Promise<string[]> {
  const tree = structureTree(await PDFDocument.load(await readFile(file)))!;
  return [...walk(tree)].filter((n) => n.type === "P").map((n) => normaliseText(n.textWithoutLabels));
}

describe("the help strip", () => {
  it(
    "is on every story card, story poster and story slide, in the language, with the emergency number from the contacts and the campaign's pages to ask, marked unverified",
    async ({ signal }) => {
      const root = await copy(await smallSample(["en", "ar"], ["session"]));
      await buildCampaign({ root, signal });
      const pdf = (rel: string) => path.join(root, "dist", "pdf", rel);
      const strips = {
        en: ["Emergency: 112", "Before you pay anyone, ask first: waymark.example/en", "Not yet checked against an official source."],
        ar: ["الطوارئ: 112", "قبل أن تدفع لأي شخص، اسأل أولًا: waymark.example/ar", "لم يتم التحقق منها بعد من مصدر رسمي."],
      };
      const stories = ["zeebrugge-2000", "austria-2015", "guaranteed-transport"];
      for (const [lang, strip] of Object.entries(strips)) {
        for (const story of stories)
          for (const piece of [`story-${story}`, `poster-${story}`])
            expect(await paragraphs(pdf(`${lang}/${piece}.screen.pdf`)), `${lang} ${piece}`).toEqual(expect.arrayContaining(strip));
        // The deck: once on each story's slide.
        const deck = await paragraphs(pdf(`${lang}/session.screen.pdf`));
        expect(deck.filter((p) => p === strip[0]).length, `${lang} session`).toBe(stories.length);
      }
    },
    buildTimeout({ pdfs: 2 * (2 + 2 * 2 * 3) }),
  );
});

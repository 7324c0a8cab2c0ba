/**
 * What the print stage refuses and what it guarantees, each on a small campaign built for
 * real: text too long for its page, transparency in a print PDF, a text set under its format's minimum size, an image too small for print, a crashed page recovered
 * in the build of long words (a page that fails twice, and every other retry and timeout path: printer.unit.test.ts). (The
 * draft watermark's absence: release-gate.e2e.test.ts; byte-identical rebuilds and a changed
 * source changing exactly its PDFs: incremental-build.e2e.test.ts.)
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Page } from "puppeteer-core";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { ContentError } from "../../build/errors.ts";
import { normaliseText } from "../../build/checks/page-text.ts";
import { structureTree, walk } from "../../build/pdf/structure-text.ts";
import { PDFDocument } from "pdf-lib";
import { buildCampaign } from "../../build/pipeline.ts";
import { buildTimeout, madeIn, sampleCampaigns, sampleFile, smallSample } from "../helpers/sample-campaign.ts";
import { testChromium } from "../helpers/test-chromium.ts";

const campaign = sampleCampaigns();

describe("the print stage", () => {
  it(
    "fails when a translation does not fit its page, naming the language, document and block",
    async ({ signal }) => {
      const nl = JSON.parse(await sampleFile("locales/nl/leaflet.json"));
      const note = nl.sections.help.blocks.protection;
      note.text = Array(8).fill(note.text).join(" "); // a translation eight times too long for the page
      // The leaflet in Dutch alone: an English one would be printed for nothing.
      const root = await campaign({
        ...(await madeIn(await smallSample(["en", "nl"], ["leaflet"], { stories: [] }), ["leaflet"], ["nl"])),
        "locales/nl/leaflet.json": JSON.stringify(nl),
      });
      const error = await buildCampaign({ chromium: testChromium(), root, signal }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ContentError);
      expect((error as ContentError).problems).toEqual([
        expect.objectContaining({
          file: "locales/nl/leaflet.json",
          field: expect.stringMatching(/^help/),
          message: expect.stringMatching(
            /^leaflet in nl: block "help[^"]*" does not fit on page 2 \(about \d+ mm too long\); its texts?: .*locales\/nl\/leaflet\.json \(sections\.help\.blocks\.protection\.text\)/,
          ),
        }),
      ]);
      // Nothing half-built was published.
      await expect(readdir(path.join(root, "dist"))).resolves.toEqual([]);
    },
    buildTimeout({ pdfs: 12 }),
  );

  it(
    "joins a word wrapped inside itself without a space in the PDF's text: a 6,000-character run in a list, a long compound and a long Arabic word in a poster's headline; and recovers a crashed page by printing it again in a fresh tab",
    async ({ signal }) => {
      // What a hostile translator might send, or a pasted URL: 6,000 characters with no break opportunity, in a list item.
      const nl = JSON.parse(await sampleFile("locales/nl/guide.json"));
      const run = "Ondersteuningsmaatregel".repeat(260);
      nl.sections.notice.blocks.law.items.minor = `Het slachtoffer is ${run} minderjarig.`;
      // Words longer than the headline's line, which the browser breaks where it must (overflow-wrap: anywhere).
      // Chromium writes the letters of a right-to-left word broken across lines out of order; the rewrite gives the page's text back.
      const headlines = { nl: "Mensensmokkelbestrijdingsplan werkt.", ar: "الشاحنة ليست وسيلةآمنةللسفرعبرالحدود." };
      const poster = async (lang: keyof typeof headlines) =>
        JSON.stringify({ ...JSON.parse(await sampleFile(`locales/${lang}/poster.json`)), title: headlines[lang] });
      const sample = await smallSample(["en", "nl", "ar"], ["guide", "poster"]);
      const root = await campaign({
        ...sample,
        // The guide in Dutch only and the poster in the two languages tested: English pages would add nothing.
        "content/documents/guide.yaml": String(sample["content/documents/guide.yaml"]).replace(/^languages: \[.*\]$/m, "languages: [nl]"),
        "content/documents/poster.yaml": (await sampleFile("content/documents/poster.yaml")).replace(
          /^format: poster$/m,
          "format: poster\nlanguages: [nl, ar]",
        ),
        "locales/nl/guide.json": JSON.stringify(nl),
        "locales/nl/poster.json": await poster("nl"),
        "locales/ar/poster.json": await poster("ar"),
      });
      // The guide's renderer crashes on its first attempt, for real (the other retry and timeout paths: printer.unit.test.ts).
      const attempts: string[] = [];
      const result = await buildCampaign({
        chromium: testChromium(),
        root,
        signal,
        beforePrint: async (page, job, attempt) => {
          attempts.push(`${job.id}#${attempt}`);
          if (job.id === "nl/guide" && attempt === 1) await crash(page);
        },
      });
      expect(attempts.filter((a) => a.startsWith("nl/guide"))).toEqual(["nl/guide#1", "nl/guide#2"]);
      expect(result.pdfs.filter((p) => p.includes("guide"))).toHaveLength(2); // the guide's print and screen PDFs
      const pdf = (rel: string) => path.join(root, "dist", "pdf", rel);
      const texts = async (rel: string, type: string) =>
        [...walk(structureTree(await PDFDocument.load(await readFile(pdf(rel))))!)]
          .filter((n) => n.type === type)
          .map((n) => normaliseText(n.textWithoutLabels));
      expect(await texts("nl/guide.screen.pdf", "LI")).toContain(`Het slachtoffer is ${run} minderjarig.`);
      for (const lang of ["nl", "ar"] as const) expect(await texts(`${lang}/poster.screen.pdf`, "H1")).toEqual([headlines[lang]]);
    },
    buildTimeout({ pdfs: 12 }),
  );

  it(
    "fails a print PDF that paints with transparency (a fill with alpha, translucent text), naming the file, page and the CSS rules responsible",
    async ({ signal }) => {
      // A translucent band (a fill with alpha) and translucent text (opacity: a transparency group).
      const translucent = ".format-leaflet .band { background-color: rgba(11, 42, 58, 0.5) }\n.sheet .lead { opacity: 0.6 }";
      const css = `${await sampleFile("templates/assets/print-base.css")}\n${translucent}\n`;
      const root = await campaign({ ...(await smallSample(["en"], ["leaflet"], { stories: [] })), "templates/assets/print-base.css": css });
      const error = (await buildCampaign({ chromium: testChromium(), root, signal }).catch((e: unknown) => e)) as ContentError;
      expect(error).toBeInstanceOf(ContentError);
      expect(error.problems).toEqual([
        {
          file: "dist/pdf/en/leaflet.print.pdf",
          message: expect.stringMatching(
            /^paints with transparency \(page 1: fill opacity 0\.50?2? \(graphics state \/\w+\); .*transparency group .*\): a press's PDF\/X conversion would turn such a page into one image; on en\/leaflet: /,
          ),
          hint: expect.stringContaining("give each rule named the solid colour it shows"),
        },
      ]);
      expect(error.problems[0]!.message).toMatch(
        /; on en\/leaflet: templates\/assets\/print-base\.css: \.format-leaflet \.band \{ background-color: rgba\(11, 42, 58, 0\.5\) \} \(header\.band\.identity\); templates\/assets\/print-base\.css: \.sheet \.lead \{ opacity: 0\.6 \} \(p\.lead\)$/,
      );
    },
    buildTimeout({ pdfs: 2 }),
  );

  it(
    "fails when a text is set smaller than its format's minimum (design tokens: min-size), naming the text, its block and the rule; and when an image is under 300 dpi where it is placed, naming the image, document and dpi",
    async ({ signal }) => {
      // Both are measured on the laid-out page, each page's problems gathered before the build stops: one build shows both, and nothing else.
      const css = await sampleFile("templates/assets/print-base.css");
      const root = await campaign({
        ...(await smallSample(["en"], ["leaflet", "poster"])),
        // A story card's sources set at 5 pt, under the 8 pt the tokens ask.
        "templates/assets/print-base.css": `${css}\n.format-story-card .sources { font-size: 0.5rem; }\n`,
        // The poster's road, 800 px wide where 303 mm need 3,579.
        "content/images.yaml": (await sampleFile("content/images.yaml")).replace("src: road.svg", "src: small.png"),
      });
      await sharp({ create: { width: 800, height: 333, channels: 3, background: "#0b2a3a" } })
        .png()
        .toFile(path.join(root, "content", "images", "small.png"));
      const error = await buildCampaign({ chromium: testChromium(), root, signal }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ContentError);
      // In the order the pages were done (two at a time).
      expect((error as ContentError).problems).toHaveLength(2);
      expect((error as ContentError).problems).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            file: "templates/assets/print-base.css",
            message: expect.stringMatching(
              /^story-albanian-network in en: sources text "Sources: Myria, Annual report .*" \(block "[^"]+", content\/ui\.yaml\) is set at 5 pt, under the 8 pt its format needs \(templates\/design\/tokens\.json: min-size\.story-card\.sources\)$/,
            ),
          }),
          expect.objectContaining({
            field: "road",
            message: expect.stringMatching(/^poster in en: image "road" is placed 303 mm wide at 67 dpi; print needs 300 dpi/),
          }),
        ]),
      );
    },
    buildTimeout({ pdfs: 8 }),
  );

  it(
    "keeps a real case's label, headline and warning with its first lines, and fails a page that ends on one, naming the page and the label",
    async ({ signal }) => {
      const css = await sampleFile("templates/assets/print-base.css");
      // A rule that strands every story's label at the foot of a page, away from its story.
      const root = await campaign({
        ...(await smallSample(["en"], ["brochure"], { stories: ["zeebrugge-2000"] })),
        "templates/assets/print-base.css": `${css}\n.story-label { break-after: page; }\n`,
      });
      const error = await buildCampaign({ chromium: testChromium(), root, signal }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ContentError);
      // (The rule breaks the story's card too; the brochure's page is what this test is about.)
      expect((error as ContentError).problems).toContainEqual(
        expect.objectContaining({
          file: "dist/pdf/en/brochure.screen.pdf",
          message: expect.stringMatching(/^en brochure: page \d+ ends on "Real case · \d{4}", and what it introduces \("[^"]+"\) starts on page \d+$/),
        }),
      );
    },
    buildTimeout({ pdfs: 10 }),
  );
});

/** Crashes the page's renderer for real, through the DevTools protocol. */
async function crash(page: Page): Promise<void> {
  const session = await page.createCDPSession();
  void session.send("Page.crash").catch(() => undefined); // the renderer dies: no answer comes
  await new Promise((resolve) => setTimeout(resolve, 200));
}

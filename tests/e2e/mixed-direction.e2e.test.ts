/**
 * Lines that mix directions, built for real: a source's English title inside an Arabic or
 * Pashto page keeps its order in the PDF's text (each source isolated, one per line), and a
 * Pashto and Dari partner edition with a logo and a local contact publishes (the structure-text
 * check of every page passes).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { normaliseText } from "../../build/checks/page-text.ts";
import { structureTree, walk } from "../../build/pdf/structure-text.ts";
import { buildCampaign, buildEditions } from "../../build/pipeline.ts";
import { CONFIRMED_PARTNER, LOCAL_LINE } from "../helpers/edition-lines.ts";
import { buildTimeout, sampleCampaigns, smallSample } from "../helpers/sample-campaign.ts";
import { testChromium } from "../helpers/test-chromium.ts";

const copy = sampleCampaigns();

const MYRIA = "Myria, Annual report on trafficking and smuggling of human beings, 2015, pages 78-79 and 81";
const PLAN_1_2 = "Federal action plan against migrant smuggling (Belgium), Dutch text, section 1.2";

/** The PDF's paragraphs (structure text, as a screen reader reads them) that start with a label. */
async function paragraphs(file: string, label: string): Promise<string[]> {
  const tree = structureTree(await PDFDocument.load(await readFile(file)))!;
  return [...walk(tree)]
    .filter((n) => n.type === "P")
    .map((n) => normaliseText(n.textWithoutLabels))
    .filter((t) => t.startsWith(label));
}

describe("a line that mixes directions", () => {
  it(
    "reads in order in the Arabic brochure's sources and the Pashto story poster, each source isolated on its own line, in print and on the web",
    async ({ signal }) => {
      // The brochure in Arabic only (the Pashto story poster is made whatever the documents).
      const sample = await smallSample(["en", "ar", "ps"], ["brochure"], { stories: ["albanian-network"] });
      const brochure = sample["content/documents/brochure.yaml"] as string;
      const root = await copy({ ...sample, "content/documents/brochure.yaml": brochure.replace(/^format: brochure$/m, "$&\nlanguages: [ar]") });
      await buildCampaign({ chromium: testChromium(), root, signal });
      const pdf = (rel: string) => path.join(root, "dist", "pdf", rel);
      // The Albanian network's sources: an English title with page numbers, then the action plan.
      expect(await paragraphs(pdf("ar/brochure.screen.pdf"), "المصادر:")).toContain(`المصادر: ${MYRIA} ${PLAN_1_2}`);
      expect(await paragraphs(pdf("ps/poster-albanian-network.screen.pdf"), "سرچینې:")).toEqual([`سرچینې: ${MYRIA} ${PLAN_1_2}`]);
      // On the web page, each source is its own isolated block in its own language and direction.
      const html = await readFile(path.join(root, "dist", "site", "ar", "stories", "albanian-network", "index.html"), "utf8");
      expect(html).toContain(`<cite class="source" lang="en" dir="ltr">${MYRIA}</cite><cite class="source" lang="en" dir="ltr">${PLAN_1_2}</cite>`);
    },
    buildTimeout({ pdfs: 3 + 3 * 4 }),
  );

  it(
    "publishes a Pashto and Dari partner edition with its logo and a local contact in place of a campaign one",
    async ({ signal }) => {
      const root = await copy({
        ...(await smallSample(["en", "ps", "prs"], ["leaflet", "poster"])),
        "content/editions/af.yaml": [
          "id: af",
          "audience: origin-country",
          "country: AF",
          "languages: [ps, prs]",
          "documents: [leaflet, poster]",
          "stories: [albanian-network]",
          "colophon: Published for a test edition in Pashto and Dari.",
          "publishedAt: /editions/af/",
          ...LOCAL_LINE('unverified: { lead: "a test, not a real line" }'),
          ...CONFIRMED_PARTNER.map((l) => l.replace("partner-slot.svg", "test-logo.png")),
        ].join("\n"),
      });
      // A partner's logo as partners send them: 600 x 200 px.
      await sharp({ create: { width: 600, height: 200, channels: 3, background: "#2a6f4e" } })
        .png()
        .toFile(path.join(root, "content", "editions", "logos", "test-logo.png"));
      // The partner's edition only: the main edition's pages are checked by the test above and the matrix.
      const [edition] = await buildEditions({ chromium: testChromium(), root, signal, editions: ["af"] });
      const pdf = (rel: string) => path.join(edition!.outDir, "pdf", rel);
      expect(await paragraphs(pdf("prs/poster-albanian-network.screen.pdf"), "منابع:")).toEqual([`منابع: ${MYRIA} ${PLAN_1_2}`]);
      expect(await paragraphs(pdf("ps/poster-albanian-network.screen.pdf"), "سرچینې:")).toEqual([`سرچینې: ${MYRIA} ${PLAN_1_2}`]);
    },
    buildTimeout({ pdfs: 2 * 2 * 3 }),
  );
});

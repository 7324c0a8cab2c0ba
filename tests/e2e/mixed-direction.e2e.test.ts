/**
 * Lines that mix directions, built for real: a Pashto and Dari partner edition with a logo and
 * a local contact publishes (the structure-text check of every page passes), and a source's
 * English title inside its Pashto and Dari story posters keeps its order in the PDF's text. (The
 * Arabic brochure's sources, in print and on the web: the matrix, tests/e2e/matrix.e2e.test.ts.)
 */
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { buildEditions } from "../../build/pipeline.ts";
import { paragraphs } from "../helpers/pdf-paragraphs.ts";
import { CONFIRMED_PARTNER, LOCAL_LINE } from "../helpers/edition-lines.ts";
import { buildTimeout, sampleCampaigns, smallSample } from "../helpers/sample-campaign.ts";
import { testChromium } from "../helpers/test-chromium.ts";

const copy = sampleCampaigns();

const MYRIA = "Myria, Annual report on trafficking and smuggling of human beings, 2015, pages 78-79 and 81";
const PLAN_1_2 = "Federal action plan against migrant smuggling (Belgium), Dutch text, section 1.2";

/** The PDF's paragraphs (structure text, as a screen reader reads them) that start with a label. */
async function labelled(file: string, label: string): Promise<string[]> {
  return (await paragraphs(file)).filter((t) => t.startsWith(label));
}

describe("a line that mixes directions", () => {
  it(
    "publishes a Pashto and Dari partner edition with its logo and a local contact in place of a campaign one",
    async ({ signal }) => {
      const root = await copy({
        ...(await smallSample(["en", "ps", "prs"], ["leaflet"])),
        "content/editions/af.yaml": [
          "id: af",
          "audience: origin-country",
          "country: AF",
          "languages: [ps, prs]",
          "documents: [leaflet]",
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
      // The partner's edition only: the main edition's pages are checked by the matrix.
      const [edition] = await buildEditions({ chromium: testChromium(), root, signal, editions: ["af"] });
      const pdf = (rel: string) => path.join(edition!.outDir, "pdf", rel);
      expect(await labelled(pdf("prs/poster-albanian-network.screen.pdf"), "منابع:")).toEqual([`منابع: ${MYRIA} ${PLAN_1_2}`]);
      expect(await labelled(pdf("ps/poster-albanian-network.screen.pdf"), "سرچینې:")).toEqual([`سرچینې: ${MYRIA} ${PLAN_1_2}`]);
    },
    buildTimeout({ pdfs: 2 * 2 * 3 }), // two languages, three pages (the leaflet, the story's card and poster), two PDFs each
  );
});

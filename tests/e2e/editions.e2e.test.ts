/**
 * Partner editions, built for real: an edition's contacts, brand and links are its own and the
 * main edition is left as it was; a partner's logo is checked where it is placed; the release
 * gate judges one edition at a time.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { ContentError, ReleaseBlockedError } from "../../build/errors.ts";
import { inspectPdf } from "../../build/pdf/inspect.ts";
import { structureTree } from "../../build/pdf/structure-text.ts";
import { buildCampaign, buildEditions, type BuildResult } from "../../build/pipeline.ts";
import { waymark as cli } from "../helpers/cli.ts";
import { CONFIRMED_PARTNER, LOCAL_LINE } from "../helpers/edition-lines.ts";
import { buildTimeout, madeIn, sampleCampaigns, smallSample, verifiedAndSignedOff } from "../helpers/sample-campaign.ts";
import { testChromium } from "../helpers/test-chromium.ts";

const copy = sampleCampaigns();

/** An edition of the trimmed sample (the leaflet, which tells albanian-network), with its own lines. */
function edition(id: string, lines: string[], languages = "[nl]", documents = "[leaflet]"): string {
  return [
    `id: ${id}`,
    "audience: diaspora",
    "country: BE",
    `languages: ${languages}`,
    `documents: ${documents}`,
    "stories: [albanian-network]",
    `colophon: Published for the ${id} edition.`,
    `publishedAt: /editions/${id}/`,
    ...lines,
  ].join("\n");
}
const pdfText = async (file: string) => structureTree(await PDFDocument.load(await readFile(file)))!.text;

describe("an edition", () => {
  it(
    "shows its own contacts, brand and links, and leaves the main edition as it was",
    async ({ signal }) => {
      const root = await copy({
        // The main edition's leaflet in Dutch alone, as the edition's: what is compared.
        ...(await madeIn(await smallSample(["en", "nl"], ["leaflet"]), ["leaflet"], ["nl"])),
        "content/editions/test.yaml": edition("test", [...LOCAL_LINE("unverified: { lead: a test }"), ...CONFIRMED_PARTNER]),
      });
      // Both in one run, with one Chromium, as `waymark build` makes them.
      const [main, ed] = (await buildEditions({ chromium: testChromium(), root, signal, editions: ["main", "test"] })) as [BuildResult, BuildResult];

      expect(ed.outDir).toBe(path.join(root, "dist", "editions", "test"));
      expect(ed.pdfs.map((p) => path.relative(root, p)).sort()).toEqual(
        [
          "leaflet.print.pdf",
          "leaflet.screen.pdf",
          "poster-albanian-network.print.pdf",
          "poster-albanian-network.screen.pdf",
          "story-albanian-network.print.pdf",
          "story-albanian-network.screen.pdf",
        ].map((f) => `dist/editions/test/pdf/nl/${f}`),
      );
      const [edLeaflet, mainLeaflet] = await Promise.all([
        pdfText(path.join(ed.outDir, "pdf", "nl", "leaflet.screen.pdf")),
        pdfText(path.join(main.outDir, "pdf", "nl", "leaflet.screen.pdf")),
      ]);
      // The local line takes PAG-ASA's place in the edition only.
      expect(edLeaflet).toContain("Test line of the edition");
      expect(edLeaflet).not.toContain("PAG-ASA");
      expect(mainLeaflet).toContain("PAG-ASA");
      expect(mainLeaflet).not.toContain("Test line");
      // The help strip sends readers to the edition's own pages; the colophon and stamp name the edition.
      expect(edLeaflet).toContain("waymark.example/editions/test/nl");
      expect(mainLeaflet).toContain("waymark.example/nl");
      expect(mainLeaflet).not.toContain("editions/test");
      expect(edLeaflet).toMatch(/nl leaflet test/);
      expect(mainLeaflet).not.toMatch(/leaflet test/);
      expect((await inspectPdf(await readFile(path.join(ed.outDir, "pdf", "nl", "leaflet.print.pdf")))).xmp).toMatch(
        /<pdf:Keywords>[^<]*edition test[^<]*<\/pdf:Keywords>/,
      );
      // The story card carries the issuer's mark, the partner's logo (alt text: its name) and role.
      const card = await PDFDocument.load(await readFile(path.join(ed.outDir, "pdf", "nl", "story-albanian-network.print.pdf")));
      const cardText = structureTree(card)!.text;
      expect(cardText).toContain("Dienst Vreemdelingenzaken");
      expect(cardText).toContain("Partner in the test");
      // The partner's own words, without the edition's internal id (the stamp keeps it for the office).
      expect(cardText).toContain("Published for the test edition.");
      expect(cardText).not.toMatch(/edition\. test/);
      expect(await pdfText(path.join(main.outDir, "pdf", "nl", "story-albanian-network.print.pdf"))).not.toContain("Dienst Vreemdelingenzaken");

      // Its site: its own canonical URLs, links relative to each page (it is published under a path).
      const page = await readFile(path.join(ed.outDir, "site", "nl", "leaflet", "index.html"), "utf8");
      expect(page).toContain('<link rel="canonical" href="https://waymark.example/editions/test/nl/leaflet/">');
      expect(page).toContain('href="../../assets/site.css"');
      expect(page).toContain("Test line of the edition");
      expect(page).not.toMatch(/(href|src)="\/(?!\/)/);
      expect(await readFile(path.join(main.outDir, "site", "nl", "leaflet", "index.html"), "utf8")).not.toContain("Test line");
    },
    buildTimeout({ builds: 2, pdfs: 16 }),
  );

  it(
    "refuses a partner's raster logo under 300 dpi where it is placed, naming its dpi and file",
    async ({ signal }) => {
      const lowres = await sharp({ create: { width: 60, height: 20, channels: 3, background: "#357" } })
        .png()
        .toBuffer();
      const partner = CONFIRMED_PARTNER.map((l) => l.replace("partner-slot.svg", "lowres.png"));
      const root = await copy({
        ...(await smallSample(["en"], ["poster"])),
        "content/editions/lowres.yaml": edition("lowres", partner, "[en]", "[poster]").replace("stories: [albanian-network]", "stories: []"),
        "content/editions/logos/lowres.png": lowres,
      });
      const error = await buildCampaign({ chromium: testChromium(), root, signal, edition: "lowres" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ContentError);
      // 20 pixels on a 12 mm high logo: about 42 dpi.
      expect((error as ContentError).problems).toEqual([
        expect.objectContaining({
          file: "content/editions/lowres.yaml",
          field: "partner test-partner",
          message: expect.stringMatching(/^poster in en: image "partner test-partner" is placed \d+ mm wide at 4\d dpi; print needs 300 dpi$/),
        }),
      ]);
    },
    buildTimeout({ builds: 1, pdfs: 2 }),
  );

  it(
    "whose additions overfill a page is named for them, not the translation",
    async ({ signal }) => {
      const colophon = `colophon: ${"Published with the help of many partners, whose names all follow here. ".repeat(12)}`;
      const root = await copy({
        ...(await smallSample(["en"], ["poster"])),
        "content/editions/long.yaml": edition("long", [], "[en]", "[poster]")
          .replace("stories: [albanian-network]", "stories: []")
          .replace(/^colophon: .*$/m, colophon),
      });
      const error = await buildCampaign({ chromium: testChromium(), root, signal, edition: "long" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ContentError);
      expect((error as ContentError).problems).toEqual([
        expect.objectContaining({
          file: "content/editions/long.yaml",
          field: "long",
          message: expect.stringMatching(
            /^poster in en: block "colophon" does not fit .* The edition long adds to this page its co-branding \(\d+ mm\), its colophon \(\d+ mm\): without them the page fits$/,
          ),
          hint: expect.stringContaining("shorten the edition's colophon"),
        }),
      ]);
    },
    buildTimeout({ builds: 1, pdfs: 2 }),
  );
});

describe("the release gate", () => {
  const waymark = (root: string, ...args: string[]) => cli([...args, "--root", root], { cwd: root });

  it(
    "judges one edition: a ready one is published, one with a partner slot and an unverified line is refused for those",
    async ({ signal }) => {
      const root = await copy({
        ...(await verifiedAndSignedOff(await smallSample(["en"], ["leaflet"]))),
        "content/editions/ready.yaml": edition(
          "ready",
          [...LOCAL_LINE('verified: { on: 2026-11-01, source: "a test, not a real verification" }'), ...CONFIRMED_PARTNER],
          "[en]",
        ),
        "content/editions/slots.yaml": edition(
          "slots",
          [...LOCAL_LINE("unverified: { lead: a test }"), ...CONFIRMED_PARTNER.slice(0, 5), "    placeholder: { lead: a test }"],
          "[en]",
        ),
      });
      const ready = await waymark(root, "build", "--release", "--no-pdf", "--edition", "ready");
      expect(ready.stderr).toBe("");
      expect(ready.stdout).toMatch(/Built ready: \d+ pages in en → dist\/editions\/ready\/site\//);

      // (The command line prints this error as it is: tests/e2e/release-gate.e2e.test.ts.)
      const slots = await buildEditions({ chromium: testChromium(), root, signal, editions: ["slots"], release: true, pdf: false }).catch((e: unknown) => e);
      expect(slots).toBeInstanceOf(ReleaseBlockedError);
      expect((slots as Error).message).toMatch(/^Release refused: 2 things may not be published yet/);
      expect((slots as Error).message).toContain("  all  leaflet  contact test-line: unverified");
      expect((slots as Error).message).toContain("  all  leaflet  partner test-partner: a placeholder");

      const status = await waymark(root, "status", "--json", "--edition", "slots");
      expect(
        JSON.parse(status.stdout)
          .blockers.map((b: { key: string }) => b.key)
          .sort(),
      ).toEqual(["contact test-line", "partner test-partner"]);
      expect(JSON.parse(await readFile(path.join(root, "dist", "editions", "slots", "reports", "translation-status.json"), "utf8")).blockers).toHaveLength(2);
    },
    buildTimeout({ builds: 3 }),
  );
});

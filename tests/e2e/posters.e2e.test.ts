/**
 * Posters read at 3 m, built for real: a long headline is set smaller (copyfit, reported) down
 * to 18 mm cap height and no further; a sheet left with an empty band fails; a photo's face is
 * never cropped by its placement.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ContentError, type Problem } from "../../build/errors.ts";
import { buildCampaign, type BuildEvent } from "../../build/pipeline.ts";
import { buildTimeout, sampleCampaigns, sampleFile, smallSample, type Overlay } from "../helpers/sample-campaign.ts";
import { testChromium } from "../helpers/test-chromium.ts";

const copy = sampleCampaigns();
const POSTER = "content/documents/poster.yaml";
const retitled = async (title: string) => (await sampleFile(POSTER)).replace(/^title: .*$/m, `title: ${title}`);

async function build(overlay: Overlay, onEvent?: (e: BuildEvent) => void) {
  const root = await copy({ ...(await smallSample(["en"], ["poster"])), ...overlay });
  return { root, result: await buildCampaign({ chromium: testChromium(), root, ...(onEvent ? { onEvent } : {}) }).catch((e: unknown) => e) };
}
const problemsOf = (e: unknown): Problem[] => {
  expect(e).toBeInstanceOf(ContentError);
  return (e as ContentError).problems;
};

describe("a poster", () => {
  it(
    "sets a long headline smaller to fit, says so, and reports its cap height, QR code and empty band",
    async () => {
      const warnings: string[] = [];
      const { root, result } = await build(
        { [POSTER]: await retitled("A closed lorry is not a safe way to travel, whatever the smuggler promises you.") },
        (e) => {
          if (e.type === "problem" && e.level === "warning") warnings.push(e.problem.message);
        },
      );
      expect(result).not.toBeInstanceOf(Error);
      const report = JSON.parse(await readFile(path.join(root, "dist", "reports", "posters.json"), "utf8"));
      const row = report.posters.find((r: { pdf: string }) => r.pdf === "en/poster.screen.pdf");
      expect(row.copyfitFromMm).toBe(25);
      expect(row.capMm).toBeGreaterThanOrEqual(18);
      expect(row.capMm).toBeLessThan(25);
      expect(row.qrMm).toBeGreaterThanOrEqual(40);
      expect(row.emptyBand.share).toBeLessThanOrEqual(0.15);
      expect(warnings).toContain(
        `poster in en: the headline is set at ${row.capMm} mm cap height, down from 25 mm, so that the sheet holds everything (copyfit)`,
      );
    },
    buildTimeout({ builds: 1, pdfs: 2 }),
  );

  it(
    "fails a headline too long even at 18 mm cap height, naming the text to shorten",
    async () => {
      const { result } = await build({
        [POSTER]: await retitled(Array(6).fill("A closed lorry is not a safe way to travel, whatever the smuggler promises.").join(" ")),
      });
      expect(problemsOf(result)).toContainEqual(
        expect.objectContaining({ file: POSTER, message: expect.stringMatching(/^poster in en: block "[\w/-]+" does not fit on page 1/) }),
      );
    },
    buildTimeout({ builds: 1, pdfs: 2 }),
  );

  it(
    "fails a layout that leaves a band of the sheet empty",
    async () => {
      // Less to show, packed at the top: the stamp alone at the foot, a wide band between.
      const css =
        (await sampleFile("templates/assets/print-base.css")) +
        "\n.poster-image, [data-block='story-line'] { display: none; } .poster-body { justify-content: flex-start; } .format-poster .print-section { flex: none; } .poster-body .stamp { margin-block-start: auto; }\n";
      const { result } = await build({ "templates/assets/print-base.css": css });
      expect(problemsOf(result)).toContainEqual(
        expect.objectContaining({
          message: expect.stringMatching(
            /^poster in en: nothing is drawn from [\d.]+ to [\d.]+ mm below the top of the sheet, \d+% of its height \(at most 15%\)$/,
          ),
        }),
      );
    },
    buildTimeout({ builds: 1, pdfs: 2 }),
  );

  it(
    "never crops a face: a focal point that cuts one fails, naming the image and the face",
    async () => {
      // The poster's band shows the middle of a 2.4:1 image; a face at its very top is cut off.
      const images = (await sampleFile("content/images.yaml")).replace(
        "  focal: { x: 0.3, y: 0.62 }\n  people: none",
        "  focal: { x: 0.3, y: 0.62 }\n  people:\n    faces: [{ x: 0.5, y: 0.02, width: 0.06, height: 0.1 }]\n    consent: { by: a test, date: 2026-11-01, scope: [print], expires: 2030-01-01, record: 'a test fixture: no one is shown' }",
      );
      const { result } = await build({ "content/images.yaml": images });
      expect(problemsOf(result)).toContainEqual({
        file: "content/images.yaml",
        field: "road.focal",
        message: 'poster in en: image "road" is cropped across face 1 where it is placed',
        hint: expect.stringContaining("focal point"),
      });
    },
    buildTimeout({ builds: 1, pdfs: 2 }),
  );
});

/**
 * The kit's judgement after an editor's save (build/editor/check-entry.ts), on copies of the
 * sample: a partner's raster logo too small for print is said at once, with the size to upload.
 */
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { checkEntry } from "../../build/editor/check-entry.ts";
import { inLanguages, loadTimeout, sampleCampaigns, sampleFile } from "../helpers/sample-campaign.ts";

const copy = sampleCampaigns(() => inLanguages(["en", "pt-BR"]));
const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: "#0c2842" } })
    .png()
    .toBuffer();

describe("after a partner edition is saved", { timeout: loadTimeout(2) }, () => {
  it("names a raster logo under 300 dpi where it prints largest, with the size to upload; a large enough one passes", async () => {
    const brazil = await sampleFile("content/editions/brazil.yaml");
    const small = await copy({
      "content/editions/logos/partner.png": await png(300, 100),
      "content/editions/brazil.yaml": brazil.replace("logo: partner-slot.svg", "logo: partner.png"),
    });
    const check = await checkEntry(small, "content/editions/brazil.yaml");
    // 300 px across a poster footer's 36 mm (three 12 mm marks) is 211 dpi.
    expect(check.problems).toEqual([
      {
        file: "content/editions/brazil.yaml",
        field: "partners.0.logo",
        message: "the logo partner.png (300 × 100 px) prints at 211 dpi where it is largest (36 × 12 mm, a poster's footer); print needs 300 dpi",
        hint: "upload a logo of at least 426 × 142 px, or an SVG",
      },
    ]);

    const large = await copy({
      "content/editions/logos/partner.png": await png(426, 142),
      "content/editions/brazil.yaml": brazil.replace("logo: partner-slot.svg", "logo: partner.png"),
    });
    expect((await checkEntry(large, "content/editions/brazil.yaml")).problems).toEqual([]);
  });
});

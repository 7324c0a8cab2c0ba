/**
 * Any language by data alone: scripts the kit was never tuned on, Bengali (clusters with a
 * virama, the danda) and Burmese (a tall script written without spaces between words), each
 * added as a partner would add it: a registry entry with `hyphenate: false`, a font package in
 * fonts.yaml, a few translated keys, the rest falling back to English. The build must publish
 * them with every check it makes (fonts, structure text, posters read at 3 m, overflow), and
 * the PDFs' text must read as written: no space inside a word or a syllable, none before the
 * full stop. `npm test` samples the leaflet (without its story) and the poster; `npm run verify` sets
 * WAYMARK_EVERY_FORMAT=1 and builds every format of the main edition.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { normaliseText } from "../../build/checks/page-text.ts";
import { ContentError } from "../../build/errors.ts";
import { loadSite } from "../../build/load.ts";
import { structureTree, walk } from "../../build/pdf/structure-text.ts";
import { buildCampaign, type BuildResult } from "../../build/pipeline.ts";
import { buildTimeout, madeIn, sampleCampaign, sampleCampaigns, sampleFile, smallSample } from "../helpers/sample-campaign.ts";
import { testChromium } from "../helpers/test-chromium.ts";

const campaign = sampleCampaigns();

const EVERY_FORMAT = process.env.WAYMARK_EVERY_FORMAT === "1";
const documents = EVERY_FORMAT
  ? /^documents: \[(.*)\]$/m
      .exec(await sampleFile("content/campaign.yaml"))![1]!
      .split(",")
      .map((d) => d.trim())
  : ["leaflet", "poster"];

const REGISTRY = `- code: bn
  endonym: বাংলা
  name: Bengali
  dir: ltr
  script: Beng
  fonts: [noto-sans-bengali, noto-sans]
  hyphenate: false
- code: my
  endonym: မြန်မာ
  name: Burmese
  dir: ltr
  script: Mymr
  fonts: [noto-sans-myanmar, noto-sans]
  hyphenate: false
  leading: 1.3
`;
const FONTS = `noto-sans-bengali:
  family: Noto Sans Bengali
  package: "@fontsource/noto-sans-bengali"
  files:
    400: [files/noto-sans-bengali-bengali-400-normal.woff2]
    700: [files/noto-sans-bengali-bengali-700-normal.woff2]
noto-sans-myanmar:
  family: Noto Sans Myanmar
  package: "@fontsource/noto-sans-myanmar"
  files:
    400: [files/noto-sans-myanmar-myanmar-400-normal.woff2]
    700: [files/noto-sans-myanmar-myanmar-700-normal.woff2]
`;
// Drafts by the kit's developers, for this test only: a native speaker has not reviewed them.
const BN = {
  campaign: { title: "যাত্রার আসল সত্য" },
  poster: { title: "লরিতে চড়ে যাত্রা করা নিরাপদ নয়।", sections: { message: { title: "একটি লরিতে আটান্ন জন মানুষ মারা গেছেন।" } } },
};
const MY = {
  campaign: { title: "ခရီးစဉ်၏ အမှန်တရား" },
  poster: { title: "ကုန်တင်ကားဖြင့်ခရီးသွားခြင်းသည်ဘေးကင်းသောနည်းလမ်းမဟုတ်ပါ။", sections: { message: { title: "ကုန်တင်ကားတစ်စီးထဲတွင်လူငါးဆယ့်ရှစ်ဦးသေဆုံးခဲ့သည်။" } } },
};

let sample: { root: string; cleanup: () => Promise<void> };
let result: BuildResult;
const text = async (rel: string) =>
  structureTree(await PDFDocument.load(await readFile(path.join(sample.root, "dist", "pdf", rel)), { updateMetadata: false }))!;

beforeAll(
  async () => {
    // In the suite, the leaflet without its story (whose card and A3 poster verify builds with the rest).
    const overlay = await smallSample(["en", "bn", "my"], documents, EVERY_FORMAT ? {} : { stories: [] });
    // A document made in some languages only (the fiche, the guide) is made in these too; in the
    // suite, the leaflet and poster are made in the two new languages alone.
    for (const [file, text] of Object.entries(overlay))
      if (file.startsWith("content/documents/") && typeof text === "string") overlay[file] = text.replace(/^languages: \[(.*)\]$/m, "languages: [$1, bn, my]");
    if (!EVERY_FORMAT) await madeIn(overlay, documents, ["bn", "my"]);
    sample = await sampleCampaign({
      ...overlay,
      "content/languages.yaml": (await sampleFile("content/languages.yaml")) + REGISTRY,
      "content/fonts.yaml": (await sampleFile("content/fonts.yaml")) + FONTS,
      "locales/bn/campaign.json": JSON.stringify(BN.campaign),
      "locales/bn/poster.json": JSON.stringify(BN.poster),
      "locales/my/campaign.json": JSON.stringify(MY.campaign),
      "locales/my/poster.json": JSON.stringify(MY.poster),
    });
    result = await buildCampaign({ chromium: testChromium(), root: sample.root });
  },
  buildTimeout({ pdfs: EVERY_FORMAT ? 50 : 12, pages: 40 }),
);
afterAll(() => sample?.cleanup());

describe("a script the kit has never seen, added by data alone", () => {
  it("is built and published in every format asked, every check passed", async () => {
    const { model } = await loadSite(sample.root);
    const made = Object.values(model.print)
      .flat()
      .filter((p) => p.lang.code !== "en");
    expect(new Set(made.map((p) => p.lang.code))).toEqual(new Set(["bn", "my"]));
    expect(result.pdfs.filter((p) => /\/(bn|my)\//.test(p)).length).toBe(2 * made.length);
    if (EVERY_FORMAT) expect(new Set(made.map((p) => p.format)).size).toBeGreaterThanOrEqual(9);
  });

  it("reads the poster's headline as written, with no space inside a word or a syllable and none before the full stop", async () => {
    for (const [code, own] of [
      ["bn", BN],
      ["my", MY],
    ] as const) {
      const tree = await text(`${code}/poster.screen.pdf`);
      const h1 = [...walk(tree)].find((n) => n.type === "H1")!;
      expect(normaliseText(h1.textWithoutLabels), code).toBe(own.poster.title);
      expect(normaliseText(tree.text), code).toContain(own.poster.sections.message.title);
    }
  });

  it("measures each poster's headline in the script's own letters: a cap height, never null, of 18 mm at least", async () => {
    const report = JSON.parse(await readFile(path.join(sample.root, "dist", "reports", "posters.json"), "utf8")) as {
      posters: { pdf: string; capMm: number }[];
    };
    const ours = report.posters.filter((p) => /^(bn|my)\//.test(p.pdf));
    expect(ours.length).toBeGreaterThanOrEqual(2);
    for (const p of ours) expect(p.capMm, p.pdf).toBeGreaterThanOrEqual(18);
    const css = await readFile(path.join(sample.root, "dist", "site", "assets", "type.css"), "utf8");
    for (const code of ["bn", "my"]) {
      const ratio = Number(new RegExp(`html:lang\\(${code}\\) \\{[^}]*--cap-ratio: ([\\d.]+)`).exec(css)?.[1]);
      expect(ratio, code).toBeGreaterThan(0.3);
      expect(ratio, code).toBeLessThan(1);
    }
  });
});

describe("what a partner adding a script is told when the registry entry is not enough", () => {
  it(
    "names content/languages.yaml and its leading when the script's lines, not the translation, make a page too long",
    async ({ signal }) => {
      // Burmese at leading 2.4, not 1.3: its tall stacks push the leaflet and poster past their sheets.
      const root = await campaign({
        ...(await madeIn(await smallSample(["en", "my"], ["leaflet", "poster"]), ["leaflet", "poster"], ["my"])),
        "content/languages.yaml": (await sampleFile("content/languages.yaml")) + REGISTRY.replace("  leading: 1.3\n", "  leading: 2.4\n"),
        "content/fonts.yaml": (await sampleFile("content/fonts.yaml")) + FONTS,
        "locales/my/campaign.json": JSON.stringify(MY.campaign),
        "locales/my/poster.json": JSON.stringify(MY.poster),
      });
      const error = await buildCampaign({ chromium: testChromium(), root, signal, pdf: true }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ContentError);
      expect((error as ContentError).problems).toContainEqual(
        expect.objectContaining({ file: "content/languages.yaml", field: "my.leading", hint: expect.stringMatching(/^lower leading \(now 2\.4\)/) }),
      );
    },
    buildTimeout({ pdfs: 4 }),
  );
});

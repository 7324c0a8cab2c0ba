/**
 * Adding a language is a registry entry plus its locale files, with no code change; codes
 * that Eleventy's i18n plugin would refuse (a region like es-419, a script subtag) work.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCampaign } from "../../build/pipeline.ts";
import { buildTimeout, sampleCampaign, sampleFile, smallSample } from "../helpers/sample-campaign.ts";

let root: string;
let cleanup: () => Promise<void>;
const page = (rel: string) => readFile(path.join(root, "dist", "site", rel), "utf8");

beforeAll(
  async () => {
    const registry =
      (await sampleFile("content/languages.yaml")) +
      `- code: ur
  endonym: اردو
  name: Urdu
  dir: rtl
  script: Arab
  fonts: [noto-naskh-arabic, noto-sans]
  hyphenate: false
  numerals: arabext
- code: es-419
  endonym: Español (Latinoamérica)
  name: Latin American Spanish
  dir: ltr
  script: Latn
  fonts: [noto-sans]
  hyphenate: true
`;
    ({ root, cleanup } = await sampleCampaign({
      ...(await smallSample(["en", "ar", "ur", "es-419"], ["leaflet"])),
      "content/languages.yaml": registry,
      "locales/ur/ui.json": JSON.stringify({ nav: { home: "مرکزی صفحہ" } }),
    }));
    await buildCampaign({ root, pdf: false });
  },
  buildTimeout({ builds: 1 }),
);
afterAll(() => cleanup());

describe("a language added by registry entry only", () => {
  it("gets its pages in a lower-case folder, with its BCP 47 code in lang and hreflang", async () => {
    const es = await page("es-419/leaflet/index.html");
    expect(es).toMatch(/<html lang="es-419" dir="ltr"/);
    expect(es).toContain('<link rel="alternate" hreflang="es-419" href="https://waymark.example/es-419/leaflet/">');
    const ur = await page("ur/index.html");
    expect(ur).toMatch(/<html lang="ur" dir="rtl"/);
    expect(ur).toContain("مرکزی صفحہ");
  });

  it("shows what is not translated yet in English, marked, and is offered on the root page", async () => {
    expect(await page("ur/leaflet/index.html")).toMatch(/<h1 lang="en" dir="ltr" data-fallback="">/);
    const rootPage = await page("index.html");
    expect(rootPage).toContain('<span class="choice-endonym" lang="ur" dir="rtl">اردو</span>');
    expect(rootPage).toContain("Español (Latinoamérica)");
  });

  it("gets a font stack and typography from the registry, and its own digits", async () => {
    const css = await readFile(path.join(root, "dist", "site", "assets", "type.css"), "utf8");
    expect(css).toContain(':lang(ur) { font-family: "Noto Naskh Arabic", "Noto Sans", var(--page-fonts); }');
    expect(css).toMatch(
      /html:lang\(ur\) \{ --page-fonts: "Noto Naskh Arabic", "Noto Sans"; --leading: 1\.6; --script-size: 1; --cap-ratio: 0\.6\d+; --mark-tracking: 0; \}/,
    );
    expect(css).toContain(":lang(es-419) { hyphens: auto; }");
    // The story count on the home page, in Extended Arabic-Indic digits.
    expect(await page("ur/index.html")).toMatch(/[۰-۹]/);
  });
});

/**
 * Adding a language is a registry entry plus its locale files, with no code change; codes
 * that Eleventy's i18n plugin would refuse (ckb, pt-BR) work.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCampaign } from "../../build/pipeline.ts";
import { buildTimeout, sampleCampaign, sampleFile } from "../helpers/sample-campaign.ts";

let root: string;
let cleanup: () => Promise<void>;
const page = (rel: string) => readFile(path.join(root, "dist", "site", rel), "utf8");

beforeAll(async () => {
  const registry =
    (await sampleFile("content/languages.yaml")) +
    `- code: ckb
  endonym: کوردیی ناوەندی
  name: Central Kurdish (Sorani)
  dir: rtl
  script: Arab
  fonts: [noto-sans-arabic, noto-sans]
  hyphenate: false
- code: pt-BR
  endonym: Português (Brasil)
  name: Brazilian Portuguese
  dir: ltr
  script: Latn
  fonts: [noto-sans]
  hyphenate: true
`;
  const campaign = (await sampleFile("content/campaign.yaml")).replace("languages: [en, nl, fr, ar, ti]", "languages: [en, nl, fr, ar, ti, ckb, pt-BR]");
  ({ root, cleanup } = await sampleCampaign({
    "content/languages.yaml": registry,
    "content/campaign.yaml": campaign,
    "locales/ckb/ui.json": JSON.stringify({ nav: { home: "سەرەکی" } }),
  }));
  await buildCampaign({ root, pdf: false });
}, buildTimeout({ builds: 1 }));
afterAll(() => cleanup());

describe("a language added by registry entry only", () => {
  it("gets its pages in a lower-case folder, with its BCP 47 code in lang and hreflang", async () => {
    const pt = await page("pt-br/brochure/index.html");
    expect(pt).toMatch(/<html lang="pt-BR" dir="ltr"/);
    expect(pt).toContain('<link rel="alternate" hreflang="pt-BR" href="https://waymark.example/pt-br/brochure/">');
    const ckb = await page("ckb/index.html");
    expect(ckb).toMatch(/<html lang="ckb" dir="rtl"/);
    expect(ckb).toContain("سەرەکی");
  });

  it("shows what is not translated yet in English, marked, and is offered on the root page", async () => {
    expect(await page("ckb/brochure/index.html")).toMatch(/<h1 lang="en" dir="ltr" data-fallback="">The truth about the journey<\/h1>/);
    const rootPage = await page("index.html");
    expect(rootPage).toContain('<li lang="ckb" dir="rtl">');
    expect(rootPage).toContain("Português (Brasil)");
  });

  it("gets a font stack from the registry", async () => {
    const css = await readFile(path.join(root, "dist", "site", "assets", "fonts.css"), "utf8");
    expect(css).toContain(':lang(ckb) { font-family: "Noto Sans Arabic", "Noto Sans", var(--page-fonts); }');
    expect(css).toContain('html:lang(ckb) { --page-fonts: "Noto Sans Arabic", "Noto Sans"; }');
  });
});

/**
 * End to end: the embedded campaign built with the real Eleventy, fonts and Chromium into
 * a temporary folder; then every page of every language opened in Chromium, and every PDF
 * read back. Expectations come from the language registry, not from copies of it.
 */
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCampaign, type Campaign } from "../../build/content/campaign.ts";
import { launchBrowser } from "../../build/pdf/browser.ts";
import { inspectPdf, type PdfFacts } from "../../build/pdf/inspect.ts";
import { serveStatic, type StaticServer } from "../../build/pdf/static-server.ts";
import { expectedFontFamilies } from "../../build/checks/pdf-output.ts";
import { buildCampaign, type BuildResult } from "../../build/pipeline.ts";
import { PROJECT_ROOT } from "../helpers/sample-campaign.ts";

let out: string;
let campaign: Campaign;
let result: BuildResult;
let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  out = await mkdtemp(path.join(tmpdir(), "waymark-e2e-"));
  campaign = await loadCampaign(PROJECT_ROOT);
  result = await buildCampaign({ root: PROJECT_ROOT, outDir: out });
  server = await serveStatic(path.join(out, "site"));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await rm(out, { recursive: true, force: true });
});

async function htmlPages(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(out, "site", dir), { recursive: true });
  return entries.filter((f) => f.endsWith("index.html")).map((f) => `/${dir}/${f.replace(/index\.html$/, "")}`.replace(/\/+/g, "/"));
}

describe("the embedded campaign, built", () => {
  it("has a folder per language and a brochure PDF per language", () => {
    expect(result.languages).toEqual(["en", "nl", "fr", "ar", "ti"]);
    expect(result.pdfs.map((p) => path.relative(out, p)).sort()).toEqual(["pdf/ar/brochure.pdf", "pdf/en/brochure.pdf", "pdf/fr/brochure.pdf", "pdf/nl/brochure.pdf", "pdf/ti/brochure.pdf"]);
  });

  it("offers every language on the root page, each named in its own script and language", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/`);
    const choices = await page.$$eval(".language-choices li", (lis) => lis.map((li) => ({ lang: li.lang, dir: li.dir, name: li.querySelector(".choice-endonym")!.textContent })));
    expect(choices).toEqual(campaign.languages.map((l) => ({ lang: l.code, dir: l.dir, name: l.endonym })));
    await page.close();
  });
});

describe.each(["en", "nl", "fr", "ar", "ti"])("pages in %s", (code) => {
  it("declare lang, dir and hreflang alternates, and load nothing from another host", async () => {
    const lang = campaign.languages.find((l) => l.code === code)!;
    const urls = await htmlPages(code.toLowerCase());
    expect(urls.length).toBe(3 + campaign.stories.length); // home, brochure, glossary, one per story
    const page = await browser.newPage();
    const foreign: string[] = [];
    const loaded: string[] = [];
    page.on("request", (req) => (req.url().startsWith(server.origin) ? loaded.push(req.url()) : foreign.push(req.url())));
    for (const url of urls) {
      const response = await page.goto(server.origin + url, { waitUntil: "load" });
      expect(response?.status(), url).toBe(200);
      const facts = await page.evaluate(() => ({
        lang: document.documentElement.lang,
        dir: document.documentElement.dir,
        hreflang: [...document.querySelectorAll('link[rel="alternate"][hreflang]')].map((l) => l.getAttribute("hreflang")),
        scripts: document.querySelectorAll("script").length,
        fontsOk: [...document.fonts].every((f) => f.status !== "error"),
      }));
      expect(facts, url).toEqual({
        lang: lang.code,
        dir: lang.dir,
        hreflang: [...campaign.languages.map((l) => l.code), "x-default"],
        scripts: 0,
        fontsOk: true,
      });
    }
    expect(foreign).toEqual([]);
    expect(loaded.some((u) => u.endsWith(".woff2"))).toBe(true);
    await page.close();
  });

  it("print the brochure as a tagged A5 PDF, pages padded to a multiple of 4, with only the language's fonts embedded", async () => {
    const lang = campaign.languages.find((l) => l.code === code)!;
    const facts: PdfFacts = await inspectPdf(await readFile(path.join(out, "pdf", code.toLowerCase(), "brochure.pdf")));
    expect(facts.pages % 4).toBe(0);
    for (const size of facts.sizesMm) {
      expect(Math.abs(size.width - 148)).toBeLessThanOrEqual(0.5);
      expect(Math.abs(size.height - 210)).toBeLessThanOrEqual(0.5);
    }
    expect(facts.lang).toBe(lang.code);
    expect(facts.title).toBeTruthy();
    const families = new Set(facts.fonts.map((f) => f.family));
    expect([...families].every((f) => expectedFontFamilies(campaign, lang).includes(f)), [...families].join()).toBe(true);
    // The language's own first font is really used, embedded, and never as a Type 3 font.
    expect(families.has(campaign.fonts[lang.fonts[0]!]!.family.replace(/\s+/g, ""))).toBe(true);
    expect(facts.fonts.filter((f) => !f.embedded || f.subtype === "Type3")).toEqual([]);
  });
});

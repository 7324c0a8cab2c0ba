/**
 * Accessibility of every partial fixture, checked by axe-core (WCAG 2.2 AA) in the real
 * Chromium: Latin, right-to-left Arabic and Ethiopic examples, and the hard cases.
 */
import type { Browser } from "puppeteer-core";
import { beforeAll, describe, expect, it } from "vitest";
import { loadSite } from "../../build/load.ts";
import { axeViolations } from "../../build/checks/accessibility.ts";
import { PROJECT_ROOT } from "../helpers/sample-campaign.ts";
import { testBrowser } from "../helpers/test-chromium.ts";
import { partialFixtures } from "./fixtures.ts";
import { asPage, partialRenderer } from "./render-partial.ts";

let browser: Browser;

describe("every partial fixture", () => {
  let pages: { name: string; html: string }[] = [];
  beforeAll(async () => {
    const site = await loadSite(PROJECT_ROOT);
    const render = partialRenderer(site);
    pages = partialFixtures(site).map((f) => {
      const lang = site.campaign.languages.find((l) => l.code === f.lang)!;
      return { name: f.name, html: asPage(render(f), lang, f.name) };
    });
    browser = await testBrowser();
  }, 30_000);

  it("passes axe-core's WCAG 2.2 AA rules, in every script family", async () => {
    expect(pages.map((p) => p.name)).toEqual(expect.arrayContaining(["story, ar", "story, ti", "contact card, ar", "contact card, ti"]));
    const page = await browser.newPage();
    const violations: string[] = [];
    try {
      for (const { name, html } of pages) {
        await page.setContent(html, { waitUntil: "load" });
        const found = await axeViolations(page);
        violations.push(...found.map((v) => `${name}: ${v}`));
      }
    } finally {
      await page.close();
    }
    expect(violations).toEqual([]);
  }, 30_000);
});

/**
 * Accessibility of the partial fixtures, checked by axe-core (WCAG 2.2 AA) in the real
 * Chromium: each fixture in the first language of every script (Latin, right-to-left Arabic,
 * Ethiopic, Han), and the hard cases in their own language. A second font stack of a script
 * (Naskh beside Noto Sans Arabic) or a language's punctuation (French) changes the letters, not
 * the markup, names and colours axe reads: tests/templates/partials.unit.test.ts checks those.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadSite } from "../../build/load.ts";
import { axeViolations } from "../../build/checks/accessibility.ts";
import { PROJECT_ROOT } from "../helpers/sample-campaign.ts";
import { withTab } from "../helpers/test-chromium.ts";
import { partialFixtures } from "./fixtures.ts";
import { asPage, partialRenderer } from "./render-partial.ts";

describe("every partial fixture", () => {
  let pages: { name: string; html: string }[] = [];
  let scripts: { all: Set<string>; audited: Set<string> };
  beforeAll(async () => {
    const site = await loadSite(PROJECT_ROOT);
    const render = partialRenderer(site);
    const languages = site.campaign.languages;
    const scriptOf = (code: string) => languages.find((l) => l.code === code)!.script;
    const firstOfScript = new Set(languages.filter((l, i) => languages.findIndex((m) => m.script === l.script) === i).map((l) => l.code));
    const fixtures = partialFixtures(site);
    const kind = (name: string) => name.replace(/, [\w-]+$/, "");
    // A fixture made in no first-of-script language (the hostile translation, in French) is audited in its own.
    const audited = fixtures.filter((f) => firstOfScript.has(f.lang) || !fixtures.some((g) => kind(g.name) === kind(f.name) && firstOfScript.has(g.lang)));
    scripts = { all: new Set(languages.map((l) => l.script)), audited: new Set(audited.map((f) => scriptOf(f.lang))) };
    pages = audited.map((f) => {
      const lang = site.campaign.languages.find((l) => l.code === f.lang)!;
      return { name: f.name, html: asPage(render(f), lang, f.name) };
    });
  }, 30_000);

  it("passes axe-core's WCAG 2.2 AA rules, in every script family", async () => {
    expect(pages.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        "story, ar",
        "story, ti",
        "contact card, ar",
        "contact card, ti",
        "hostile translation, fr",
        "story falling back to English, ar",
      ]),
    );
    expect(scripts.audited).toEqual(scripts.all);
    const violations = await withTab(async (page) => {
      const found: string[] = [];
      for (const { name, html } of pages) {
        await page.setContent(html, { waitUntil: "load" });
        found.push(...(await axeViolations(page)).map((v) => `${name}: ${v}`));
      }
      return found;
    });
    expect(violations).toEqual([]);
  }, 30_000);

  it("would name a violation: the audit sees an image without a text alternative and grey text on white", async () => {
    const found = await withTab(async (page) => {
      await page.setContent(
        `<!doctype html><html lang="en"><head><title>t</title></head><body><main><h1>t</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><p style="color:#bbb;background:#fff">faint</p></main></body></html>`,
        { waitUntil: "load" },
      );
      return axeViolations(page);
    });
    expect(found.map((v) => v.split(" ")[0])).toEqual(expect.arrayContaining(["image-alt", "color-contrast"]));
  });
});

/**
 * The partials, rendered alone with their parameters in milliseconds (no build): what each
 * must show, in Latin, Arabic and Ethiopic script. Axe checks the same fixtures in Chromium
 * (partials-axe.e2e.test.ts).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadSite, type LoadedSite } from "../../build/load.ts";
import { PROJECT_ROOT } from "../helpers/sample-campaign.ts";
import { partialFixtures } from "./fixtures.ts";
import { partialRenderer, type PartialFixture } from "./render-partial.ts";

let site: LoadedSite;
let render: (f: PartialFixture) => string;
let fixtures: PartialFixture[];
const byName = (name: string) => render(fixtures.find((f) => f.name === name)!);

beforeAll(async () => {
  site = await loadSite(PROJECT_ROOT);
  render = partialRenderer(site);
  fixtures = partialFixtures(site);
}, 20_000);

describe("every fixture", () => {
  it("renders, fast, to HTML with no Nunjucks left in it", () => {
    const started = performance.now();
    for (const f of fixtures) {
      const html = render(f);
      expect(html.length, f.name).toBeGreaterThan(20);
      expect(html, f.name).not.toMatch(/\{%|undefined|\[object Object\]/);
      if (!f.name.startsWith("hostile")) expect(html, f.name).not.toContain("{{");
    }
    expect(fixtures.length).toBeGreaterThanOrEqual(15);
    expect(performance.now() - started).toBeLessThan(5_000); // milliseconds each; a build takes tens of seconds
  });
});

describe("the contact card", () => {
  it("puts a tel: link with the number isolated left to right inside the translated label", () => {
    // Latin digits in every script, Persian's Extended Arabic-Indic numerals included.
    for (const lang of ["en", "ar", "fa", "ti", "zh-Hans"])
      expect(byName(`contact card, ${lang}`)).toMatch(/<p class="contact-phone">[^<]*<a href="tel:\d+"><bdi dir="ltr">\d+<\/bdi><\/a>/);
  });

  it("takes its punctuation from the translation: French puts a narrow no-break space before the colon", () => {
    expect(byName("contact card, fr")).toContain("Téléphone\u202F: <a href=");
    expect(byName("contact card, fr")).toContain("Ville\u202F: ");
    expect(byName("contact card, en")).toContain("Phone: <a href=");
  });
});

describe("a story", () => {
  it("shows its year with the language's own separator", () => {
    expect(byName("story, ti")).toMatch(/<p class="story-label">ሓቀኛ ፍጻመ · \d{4}<\/p>/);
    expect(byName("story, ar")).toMatch(/<p class="story-label">حالة حقيقية · <bdi dir="ltr">\d{4}<\/bdi><\/p>/);
  });

  it("marks only the English words of a fallback warning; the Arabic topics stay Arabic", () => {
    const html = byName("story falling back to English, ar");
    expect(html).toMatch(/<p class="content-warning" role="note" data-fallback=""><span lang="en" dir="ltr">This story mentions: <\/span>الموت/);
    expect(html).toMatch(/<h2 id="story-[\w-]+-title" lang="en" dir="ltr" data-fallback="">/);
  });

  it("lists its sources one per line, each isolated in its own language and direction", () => {
    const html = byName("story, ar");
    expect(html).toMatch(/<p class="sources">المصادر: (<cite class="source" lang="\w+" dir="ltr">[^<]+<\/cite>)+<\/p>/);
  });
});

describe("text from translators", () => {
  it("is escaped: no element, no attribute, no placeholder is interpreted", () => {
    const html = byName("hostile translation, fr");
    expect(html).toBe('<p data-block="hostile">&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt; &amp; {{x}}</p>');
  });
});

describe("on print pages", () => {
  it("names every text of a composite block (the revision stamp) with its language and key", () => {
    const html = byName("revision stamp and QR code, ti");
    expect(html).toMatch(/<p class="stamp" data-block="stamp"><span data-text="ti\|ui:print.stamp">ስሪት /);
    expect(html).toMatch(/<span class="qr-label"><span data-text="ti\|ui:print.scan">/);
  });
});

/**
 * The checks that run on a laid-out print page, in the real Chromium with the kit's print
 * stylesheet: nothing may leave the page sideways (a run that cannot break wraps; one that
 * still sticks out is an error like a page too long), an overflowing block names every text
 * in it with its file and key, and a stray font is traced to the text that pulled it in.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Browser, Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { strayFonts } from "../../build/checks/page-fonts.ts";
import { FORMATS, formatCss } from "../../build/print/formats.ts";
import { inspectPrintPage } from "../../build/print/inspect-page.ts";
import { PROJECT_ROOT } from "../helpers/sample-campaign.ts";
import { testBrowser } from "../helpers/test-chromium.ts";

let browser: Browser;
let page: Page;
let css: string;
beforeAll(async () => {
  css = (await readFile(path.join(PROJECT_ROOT, "templates", "assets", "print-base.css"), "utf8")) + formatCss(FORMATS.leaflet);
  browser = await testBrowser();
  page = await browser.newPage();
}, 30_000);
afterAll(() => page?.close());

const RUN = "https://example.org/" + "a1b2c3d4e5".repeat(300); // 3,000+ characters, no break opportunity
const sheet = (body: string) =>
  `<!doctype html><html lang="en"><head><style>${css}</style></head><body><section class="sheet"><div class="sheet-body">${body}</div></section></body></html>`;
const fileOf = (lang: string, id: string) => `locales/${lang}/${id.split(":")[0]}.json`;
const inspect = async (html: string) => {
  await page.setContent(html, { waitUntil: "load" });
  return inspectPrintPage(page, { lang: "nl", document: "leaflet", file: "locales/nl/leaflet.json", fileOf });
};

describe("a run that cannot break", () => {
  it("wraps inside its column instead of running past the trim edge", async () => {
    const problems = await inspect(sheet(`<p data-block="long" style="font-size: 4pt">${RUN.slice(0, 600)}</p>`));
    expect(problems).toEqual([]);
    const box = await page.$eval("[data-block=long]", (el) => ({ right: el.getBoundingClientRect().right, width: el.scrollWidth, client: el.clientWidth }));
    expect(box.width).toBeLessThanOrEqual(box.client + 1);
  });

  it("that is too long for the page is the same clear error as any text too long", async () => {
    const problems = await inspect(sheet(`<p data-block="long" data-text="nl|leaflet:sections.help.blocks.long.text">${RUN}</p>`));
    expect(problems).toEqual([
      expect.objectContaining({
        file: "locales/nl/leaflet.json",
        field: "long",
        message: expect.stringMatching(/^leaflet in nl: block "long" does not fit on page 1/),
      }),
    ]);
  });

  it("that still sticks out sideways (it may not wrap) is an error naming the block and the text", async () => {
    const problems = await inspect(sheet(`<p data-block="url" data-text="nl|contacts:x.url" style="white-space: nowrap">${RUN.slice(0, 120)}</p>`));
    expect(problems).toEqual([
      expect.objectContaining({
        file: "locales/nl/contacts.json",
        field: "url",
        message: expect.stringMatching(
          /^leaflet in nl: block "url" runs past the edge of its column on page 1 \(about \d+ mm too wide\).*locales\/nl\/contacts\.json \(x\.url\)/,
        ),
      }),
    ]);
  });
});

describe("a block made of several texts (the revision stamp)", () => {
  it("names every text in it, each with its file and key", async () => {
    const filler = `<p data-block="filler" style="block-size: 180mm; flex: none">…</p>`;
    const stamp = `<p class="stamp" data-block="stamp"><span data-text="nl|ui:print.stamp">Versie 0.1.0 <span>x</span></span> <span data-text="nl|ui:footer.revision">revisie</span></p>`;
    const [problem] = await inspect(sheet(filler + stamp));
    expect(problem?.field).toBe("stamp");
    expect(problem?.file).toBe("locales/nl/ui.json");
    expect(problem?.message).toContain("its texts: locales/nl/ui.json (print.stamp), locales/nl/ui.json (footer.revision)");
  });
});

describe("a stray font", () => {
  // Two of the kit's own fonts, as data: no system font takes part, so the test reads the same
  // on a machine with Debian's Noto fonts and on one with none.
  const face = async (family: string, file: string) =>
    `@font-face { font-family: "${family}"; src: url(data:font/woff2;base64,${(await readFile(path.join(PROJECT_ROOT, "node_modules", file))).toString("base64")}) format("woff2"); }`;

  it("is traced to the text drawn with it, its block and its key", async () => {
    const fonts = [
      await face("Other", "@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2"),
      await face("Allowed", "@fontsource/noto-sans-ethiopic/files/noto-sans-ethiopic-ethiopic-400-normal.woff2"),
    ].join("\n");
    await page.setContent(
      `<!doctype html><html lang="ti"><head><style>${fonts}</style></head><body><p data-block="warning" data-text="ti|ui:story.warning" style="font-family: 'Other', 'Allowed'">ሰላም Hello</p></body></html>`,
      { waitUntil: "load" },
    );
    await page.evaluate(() => document.fonts.ready);
    // The Latin letters come from Noto Sans, which the language's stack does not have.
    expect(await strayFonts(page, ["Noto Sans Ethiopic"])).toEqual([
      { text: "ሰላም Hello", fonts: ["Noto Sans"], block: "warning", texts: ["ti|ui:story.warning"] },
    ]);
    expect(await strayFonts(page, ["Noto Sans Ethiopic", "Noto Sans"])).toEqual([]);
  });
});

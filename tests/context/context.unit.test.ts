/**
 * The pure parts of `waymark context`: the window a screenshot shows and the outline drawn on
 * it, the manifest assembled from the shots of each page (with its count of texts shown vs
 * texts with a screenshot), and where each text stands in words and as linked images for XLIFF.
 */
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { highlightShot, shotWindow } from "../../build/context/highlight.ts";
import type { ContextPage } from "../../build/context/lay-out.ts";
import { assembleManifest, type Shot } from "../../build/context/manifest.ts";
import type { PageShots, Place } from "../../build/context/page-shots.ts";
import { placeInWords, xliffContext } from "../../build/context/xliff-bundle.ts";
import type { Campaign } from "../../build/content/campaign.ts";
import type { LoadedSite } from "../../build/load.ts";

describe("a screenshot's window", () => {
  it("is the whole page when the page is short enough", () => {
    expect(shotWindow({ width: 400, height: 300 }, { x: 10, y: 200, width: 50, height: 20 }, 480)).toEqual({ x: 0, y: 0, width: 400, height: 300 });
  });
  it("is centred on the text on a tall page, and stays within the page", () => {
    expect(shotWindow({ width: 390, height: 3000 }, { x: 0, y: 1000, width: 100, height: 80 }, 480)).toEqual({ x: 0, y: 800, width: 390, height: 480 });
    expect(shotWindow({ width: 390, height: 3000 }, { x: 0, y: 2950, width: 100, height: 40 }, 480).y).toBe(2520);
    expect(shotWindow({ width: 390, height: 3000 }, { x: 0, y: 10, width: 100, height: 40 }, 480).y).toBe(0);
  });
  it("starts a little above a text taller than itself", () => {
    expect(shotWindow({ width: 390, height: 3000 }, { x: 0, y: 1000, width: 100, height: 900 }, 480).y).toBe(960);
  });
});

describe("the highlight", () => {
  it("tints the text's box, outlines it just outside, and leaves the rest of the page as it was", async () => {
    const page = { data: Buffer.alloc(100 * 100 * 3, 255), width: 100, height: 100, channels: 3 as const };
    const png = await highlightShot(page, { x: 40, y: 40, width: 20, height: 10 }, { x: 0, y: 0, width: 100, height: 100 });
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)];
    expect(at(50, 45)).toEqual([255, 236, 140]); // tinted, so dark text on it stays dark
    expect(at(36, 45)).toEqual([194, 0, 107]); // the outline, 3 px outside the box
    expect(at(5, 5)).toEqual([255, 255, 255]);
    expect(at(50, 70)).toEqual([255, 255, 255]);
  });
  it("draws the box where it is in the window, not on the page", async () => {
    const page = { data: Buffer.alloc(50 * 200 * 3, 255), width: 50, height: 200, channels: 3 as const };
    const png = await highlightShot(page, { x: 10, y: 150, width: 10, height: 10 }, { x: 0, y: 100, width: 50, height: 100 });
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect(info.height).toBe(100);
    expect([...data.subarray((55 * 50 + 15) * 3, (55 * 50 + 15) * 3 + 3)]).toEqual([255, 236, 140]);
  });
});

const campaign = { source: { code: "en" }, revision: "abc1234", documents: [{ id: "brochure" }], languages: [] } as unknown as Campaign;

function place(id: string, over: Partial<Place> = {}): Place {
  return {
    id,
    shownIn: "ti",
    page: 1,
    element: "h2",
    kind: "heading",
    block: "help",
    fontSize: 14,
    box: { x: 10, y: 20, width: 100, height: 8 },
    lines: 1,
    occurrences: 1,
    shot: `p01/${id.replace(":", ".")}.png`,
    ...over,
  };
}
function shots(places: Place[], pageCount = 1, unplaced: string[] = []): PageShots {
  return { places, images: new Map(places.map((p) => [p.shot, Buffer.from(p.id)])), pageCount, unplaced };
}
const printPage = (lang: string): ContextPage => ({
  medium: "print",
  lang,
  document: "brochure",
  rel: "",
  url: `/_print/${lang}/brochure/`,
  format: "brochure",
});
const webPage = (lang: string, document: string): ContextPage => ({ medium: "web", lang, document, rel: "", url: `/${lang}/${document}/` });

describe("the manifest", () => {
  const shot = [
    { page: printPage("en"), shots: shots([place("brochure:title", { shownIn: "en" })]) },
    {
      page: printPage("ti"),
      shots: shots([place("brochure:title"), place("brochure:back", { page: 7, shot: "p07/brochure.back.png" })], 7, ["brochure:hidden", "brochure:title"]),
    },
    { page: webPage("ti", "home"), shots: shots([place("ui:site.name", { frame: "the site's header", shot: "ui.site.name.png" })]) },
    { page: webPage("ti", "brochure"), shots: shots([place("ui:site.name", { frame: "the site's header", shot: "ui.site.name.png" })]) },
  ];
  const { manifest, images } = assembleManifest(campaign, "ti", shot, ["brochure:title", "brochure:back", "brochure:hidden", "ui:site.name", "ui:unused"]);

  it("counts the texts the language's pages show and those with a screenshot, and lists the rest", () => {
    expect(manifest.keys).toEqual({
      shown: 3,
      withScreenshot: 3,
      withoutScreenshot: [],
      hidden: [{ key: "brochure:hidden", document: "brochure" }],
      notShown: ["ui:unused"],
    });
  });
  it("lists the language's shots first, the source language's for comparison, the site's header once", () => {
    expect(manifest.shots.map((s) => `${s.lang} ${s.medium} ${s.document} ${s.key}`)).toEqual([
      "ti print brochure brochure:title",
      "ti print brochure brochure:back",
      "ti web home ui:site.name",
      "en print brochure brochure:title",
    ]);
    expect(images.get("images/ti/print/brochure/p01/brochure.title.png")?.toString()).toBe("brochure:title");
  });
  it("numbers a booklet's back cover as printed (after the blank pages it is padded with), in mm and pt", () => {
    const back = manifest.shots.find((s) => s.key === "brochure:back")!;
    expect([back.page, back.pages]).toEqual([8, 8]);
    expect(back).toMatchObject({ file: "locales/ti/brochure.json", pdf: "ti/brochure.screen.pdf", box: { unit: "mm" }, fontSize: { value: 14, unit: "pt" } });
    const web = manifest.shots.find((s) => s.medium === "web")!;
    expect(web).toMatchObject({ page: 1, pages: 1, box: { unit: "px" }, frame: "the site's header" });
  });
  it("counts a shown text without a screenshot in the language (never dropped silently)", () => {
    const noShot = [{ page: printPage("ti"), shots: { ...shots([place("brochure:title")]), places: [] as Place[] } }];
    // A text marked on a page whose box was never found is hidden, not shown; one shown only in English is not the language's.
    const m = assembleManifest(campaign, "ti", [...noShot, { page: printPage("en"), shots: shots([place("brochure:title")]) }], ["brochure:title"]).manifest;
    expect(m.keys.shown).toBe(0);
    expect(m.keys.notShown).toEqual(["brochure:title"]);
  });
});

describe("a text's place for a translator", () => {
  const loaded = {
    campaign: {
      languages: [
        { code: "en", name: "English" },
        { code: "ti", name: "Tigrinya" },
      ],
    },
  } as unknown as LoadedSite;
  const print: Shot = {
    key: "brochure:title",
    file: "locales/ti/brochure.json",
    lang: "ti",
    shownIn: "en",
    medium: "print",
    document: "brochure",
    page: 1,
    pages: 8,
    url: "/_print/ti/brochure/",
    element: "h1",
    kind: "main heading",
    block: "cover",
    fontSize: { value: 24, unit: "pt" },
    box: { x: 14, y: 30.5, width: 120, height: 20, unit: "mm" },
    lines: 2,
    occurrences: 1,
    image: "images/ti/print/brochure/p01/brochure.title.png",
  };
  it("says in words where it stands, its size and whether it falls back", () => {
    expect(placeInWords(print, (c) => (c === "en" ? "English" : c))).toBe(
      'Print: brochure, page 1 of 8: main heading in block "cover", 24 pt, 2 lines, 120 × 20 mm, 14 mm from the left and 30.5 mm from the top. Shown there in English: not translated yet.',
    );
  });
  it("pairs each screenshot in the language with the source language's of the same document, for the XLIFF", () => {
    const en = { ...print, lang: "en", shownIn: "en", image: "images/en/print/brochure/p01/brochure.title.png" };
    const web = { ...print, medium: "web" as const, image: "images/ti/web/brochure/brochure.title.png", box: { ...print.box, unit: "px" as const } };
    const manifest = { lang: "ti", source: "en", shots: [print, web, en] } as unknown as Parameters<typeof xliffContext>[1];
    const ctx = xliffContext(loaded, manifest, "");
    expect(ctx.images("brochure:title")).toEqual([
      { target: { href: print.image, lang: "ti" }, source: { href: en.image, lang: "en" } },
      { target: { href: web.image, lang: "ti" } },
    ]);
    expect(ctx.notes("brochure:title")).toHaveLength(2);
    expect(ctx.notes("brochure:other")).toEqual([]);
    // A plural form no page shows gets the screenshots of the form that is shown.
    const plural = { ...manifest, shots: [{ ...print, key: "ui:count_one" }] } as typeof manifest;
    expect(xliffContext(loaded, plural, "ti/").images("ui:count_few")).toEqual([{ target: { href: `ti/${print.image}`, lang: "ti" } }]);
  });
});

/**
 * Share images, laid out by the real template in Chromium at each shape's size: a story's
 * content warning and illustration, the help strip and address large, no QR code (the image is
 * seen on the phone that would scan it), and DRAFT while anything on it may not be released.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { serveStatic } from "../../build/chromium/static-server.ts";
import { loadSite } from "../../build/load.ts";
import { layOutPrintPages } from "../../build/print/lay-out.ts";
import { writeAssets } from "../../build/site/assets.ts";
import { CARD_SIZES } from "../../build/site/views.ts";
import { sampleCampaigns, smallSample, verifiedAndSignedOff } from "../helpers/sample-campaign.ts";
import { withTab } from "../helpers/test-chromium.ts";

const copy = sampleCampaigns();
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

interface Seen {
  draft: boolean;
  warning: string | null;
  help: string;
  helpPx: number;
  urlPx: number | null;
  qr: number;
  imagePx: number;
  overflow: number;
}

/** Lays out a sample's card pages and reads what each shape of the named cards shows. */
async function cardsOf(root: string, pages: string[]): Promise<Map<string, Seen>> {
  const loaded = await loadSite(root);
  const dir = await mkdtemp(path.join(tmpdir(), "waymark-cards-"));
  dirs.push(dir);
  await writeAssets(loaded.campaign, dir);
  // Those cards' pages alone: the print pages and other cards would be laid out for nothing.
  const cards = loaded.model.cards.filter((card) => pages.some((page) => card.url === `/_share/${page}/`));
  expect(cards).toHaveLength(pages.length);
  await layOutPrintPages(loaded, dir, path.join(root, ".waymark-cache", "fonts"), { print: [], cards });
  const server = await serveStatic(dir);
  const seen = new Map<string, Seen>();
  try {
    await withTab(async (tab) => {
      for (const page of pages)
        for (const [shape, size] of Object.entries(CARD_SIZES)) {
          await tab.setViewport(size);
          await tab.goto(`${server.origin}/_share/${page}/index.html`, { waitUntil: "load" });
          seen.set(
            `${page} ${shape}`,
            await tab.evaluate(async () => {
              await document.fonts.ready;
              const px = (el: Element | null) => (el && getComputedStyle(el).display !== "none" ? parseFloat(getComputedStyle(el).fontSize) : null);
              const card = document.querySelector(".card")!;
              const strip = document.querySelector(".help-strip p")!;
              return {
                draft: Boolean(document.querySelector(".card-draft")),
                warning: document.querySelector(".card-warning")?.textContent ?? null,
                help: (document.querySelector(".help-strip") as HTMLElement).innerText.replace(/\s+/g, " ").trim(),
                helpPx: px(strip)!,
                urlPx: px(document.querySelector(".card-url")),
                qr: document.querySelectorAll("svg, .card-qr").length,
                imagePx: document.querySelector(".card-image")?.getBoundingClientRect().height ?? 0,
                overflow: card.scrollHeight - card.clientHeight,
              };
            }),
          );
        }
    });
  } finally {
    await server.close();
  }
  return seen;
}

describe("a share image", () => {
  it("carries the story's warning and illustration, the help strip and address at 40 px, no QR code, and DRAFT while its texts are drafts", async () => {
    const root = await copy(await smallSample(["en", "ar"], ["leaflet"]));
    const seen = await cardsOf(root, ["en/stories/albanian-network", "ar/stories/albanian-network", "en/leaflet"]);
    for (const [name, card] of seen) {
      expect(card.draft, name).toBe(true);
      expect(card.qr, name).toBe(0);
      expect(card.helpPx, name).toBeGreaterThanOrEqual(40);
    }
    const story = seen.get("en/stories/albanian-network square")!;
    expect(story.warning).toBe("This story mentions: harm to children and violence");
    expect(story.help).toContain("Emergency: 112");
    expect(story.help).toContain("Before you pay anyone, ask first: waymark.example/en");
    expect(story.urlPx).toBeGreaterThanOrEqual(40);
    expect(story.imagePx).toBeGreaterThan(100);
    // The wide preview: the illustration beside the text, the address left to the link itself.
    const wide = seen.get("en/stories/albanian-network wide")!;
    expect(wide.warning).toBe(story.warning);
    expect(wide.imagePx).toBeGreaterThan(300);
    expect(wide.urlPx).toBeNull();
    expect(seen.get("ar/stories/albanian-network square")!.help).toContain("الطوارئ: 112");
    // A document's card has no warning to carry.
    expect(seen.get("en/leaflet square")!.warning).toBeNull();
  });

  it("is not marked DRAFT once everything on it may be released", async () => {
    const root = await copy(await verifiedAndSignedOff(await smallSample(["en"], ["leaflet"])));
    const seen = await cardsOf(root, ["en/stories/albanian-network"]);
    for (const [name, card] of seen) expect(card.draft, name).toBe(false);
  });
});

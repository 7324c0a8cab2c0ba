/**
 * The screenshots of one page: for every text it shows, one image per page of it the text is on
 * (its first occurrence there, outlined), and where it is. Print pages are printed with every
 * text made a link to itself (the PDF's link rectangles say on which page each line landed),
 * then drawn by pdftoppm; web pages are shot whole at a phone's width.
 */
import type { Page } from "puppeteer-core";
import { fitAndMeasurePoster } from "../print/legibility.ts";
import { fillContentsPages } from "../print/contents.ts";
import { BLEED_MM, FORMATS } from "../print/formats.ts";
import type { ContextPage } from "./lay-out.ts";
import { decodePage, highlightShot, shotWindow, type PagePixels } from "./highlight.ts";
import { linkRects } from "./link-rects.ts";
import { linkMarkedTexts, markedBoxes, readMarkedTexts, type MarkedText } from "./marked-texts.ts";
import { rasterizePages } from "./raster.ts";

/** A phone's screen, in CSS pixels. */
export const PHONE = { width: 390, height: 844 };
/** Web shots: a phone screen's height around the text. */
const WEB_SHOT_HEIGHT = 480;
/** Print shots: the page drawn about this tall (a poster less finely than a card), a window of it no taller than that. */
const PRINT_LONG_SIDE_PX = 900;
const PRINT_SHOT_HEIGHT = 480;
export const LINK_PREFIX = "waymark-text-";

/** One text at one place: what the manifest says of it, without the image's final path. */
export interface Place {
  /** "ns:key". */
  id: string;
  /** The language the text is shown in there (the source language where the page falls back). */
  shownIn: string;
  page: number;
  element: string;
  kind: string;
  block: string;
  /** Type size: points on print, CSS pixels on the web. */
  fontSize: number;
  /** Its box: millimetres from the top left of the trim on print, CSS pixels from the top of the page on the web. */
  box: { x: number; y: number; width: number; height: number };
  lines: number;
  /** How many times the page shows it (the shot outlines the first). */
  occurrences: number;
  frame?: string;
  /** Name of its image among the page's shots. */
  shot: string;
}

export interface PageShots {
  places: Place[];
  /** Images by name ("p05/brochure.title.png"). */
  images: Map<string, Buffer>;
  /** Pages of it (print), 1 on the web. */
  pageCount: number;
  /** Marked texts it shows that have no box (hidden): listed, never silently dropped. */
  unplaced: string[];
  /** A print page as printed for context, its texts linked: the proofs are drawn from it. */
  pdf?: Uint8Array;
  /** The texts of each marked element ("ns:key"), in document order: what each link in `pdf` stands for. */
  marks?: string[][];
}

/** A file name for a text: its namespace and key, with any character a file system may refuse replaced. */
function shotName(id: string): string {
  return `${id.replace(":", ".").replace(/[^A-Za-z0-9._-]/g, "_")}.png`;
}

/** In a tab: esbuild's keepNames helper, which functions sent to page.evaluate refer to (once per tab). */
export async function prepareTab(tab: Page): Promise<void> {
  await tab.evaluateOnNewDocument("globalThis.__name = (fn) => fn");
}

interface Found {
  index: number;
  page: number;
  box: { x: number; y: number; width: number; height: number };
  lines: number;
}

/** One place per text and page (its first occurrence there), the others counted. */
function placesOf(texts: MarkedText[], found: Found[], units: { font: (px: number) => number }, pageName: (page: number) => string) {
  const places = new Map<string, Place & { first: Found }>();
  const shown = new Set<string>();
  for (const f of found) {
    const t = texts[f.index]!;
    for (const mark of t.texts) {
      const [shownIn, id] = mark.split("|") as [string, string];
      shown.add(id);
      const key = `${id} ${f.page}`;
      const had = places.get(key);
      if (had) {
        had.occurrences++;
        continue;
      }
      places.set(key, {
        id,
        shownIn,
        page: f.page,
        element: t.element,
        kind: t.kind,
        block: t.block,
        fontSize: Math.round(units.font(t.fontPx) * 10) / 10,
        box: f.box,
        lines: f.lines,
        occurrences: 1,
        ...(t.frame ? { frame: t.frame } : {}),
        shot: `${pageName(f.page)}${shotName(id)}`,
        first: f,
      });
    }
  }
  const unplaced = [...new Set(texts.flatMap((t) => t.texts.map((m) => m.split("|")[1]!)))].filter((id) => !shown.has(id));
  return { places: [...places.values()], unplaced };
}

/** Draws each place's shot from its page's pixels, a few at a time (sharp works on its own threads). */
async function drawShots(
  places: (Place & { first: Found })[],
  pixels: PagePixels[],
  toPx: (box: Found["box"]) => { x: number; y: number; width: number; height: number },
  maxHeight: number,
): Promise<Map<string, Buffer>> {
  const images = new Map<string, Buffer>();
  const queue = [...places];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let p = queue.shift(); p; p = queue.shift()) {
        const page = pixels[p.page - 1]!;
        const box = toPx(p.first.box);
        images.set(p.shot, await highlightShot(page, box, shotWindow(page, box, maxHeight)));
      }
    }),
  );
  return images;
}

const strip = (places: (Place & { first: Found })[]): Place[] => places.map(({ first: _, ...place }) => place);

/**
 * A print page, in a tab: laid out as the build lays it out (a poster's headline fitted, a
 * guide's contents numbered), printed with its texts linked, drawn page by page.
 */
export async function shootPrintPage(tab: Page, url: string, page: ContextPage): Promise<PageShots> {
  const format = FORMATS[page.format!];
  await tab.goto(url, { waitUntil: "load" });
  await tab.evaluate(() => document.fonts.ready);
  if (format.poster) await fitAndMeasurePoster(tab);
  await tab.emulateMediaType("print"); // type sizes as printed
  const texts = await readMarkedTexts(tab);
  await tab.emulateMediaType(undefined);
  await linkMarkedTexts(tab, LINK_PREFIX);
  const print = () => tab.pdf({ printBackground: true, preferCSSPageSize: true, tagged: false, outline: false });
  let pdf = await print();
  if (format.contents && (await fillContentsPages(pdf, tab))) pdf = await print();
  const { boxes, pages, trimMm } = await linkRects(pdf, LINK_PREFIX, BLEED_MM);
  const dpi = Math.min(150, Math.round(PRINT_LONG_SIDE_PX / (Math.max(trimMm.width, trimMm.height) / 25.4)));
  const pixels = await rasterizePages(pdf, dpi, trimMm, BLEED_MM);
  const pad = (n: number) => String(n).padStart(2, "0");
  const found = boxes.map(({ index, page, lines, ...box }) => ({ index, page, lines, box }));
  const { places, unplaced } = placesOf(texts, found, { font: (px) => px * 0.75 }, (n) => `p${pad(n)}/`);
  const mmToPx = (mm: number) => (mm / 25.4) * dpi;
  const toPx = (b: Found["box"]) => ({ x: mmToPx(b.x), y: mmToPx(b.y), width: mmToPx(b.width), height: mmToPx(b.height) });
  return {
    places: strip(places),
    images: await drawShots(places, pixels, toPx, PRINT_SHOT_HEIGHT),
    pageCount: pages,
    unplaced,
    pdf,
    marks: texts.map((t) => t.texts.map((m) => m.split("|")[1]!)),
  };
}

/** A web page at a phone's width, in a tab: shot whole once, each text's shot cut from it. */
export async function shootWebPage(tab: Page, url: string, shoot: (full: () => Promise<Uint8Array>) => Promise<Uint8Array>): Promise<PageShots> {
  await tab.setViewport({ ...PHONE, deviceScaleFactor: 1 });
  await tab.goto(url, { waitUntil: "load" });
  await tab.evaluate(async () => {
    // Images below the fold are lazy: loaded now, so the whole page is drawn.
    for (const img of document.querySelectorAll("img")) img.loading = "eager";
    await Promise.all([...document.images].map((img) => img.decode().catch(() => undefined)));
    await document.fonts.ready;
  });
  const texts = await readMarkedTexts(tab);
  const boxes = await markedBoxes(tab);
  const png = Buffer.from(await shoot(() => tab.screenshot({ type: "png", fullPage: true, captureBeyondViewport: true })));
  const found = boxes.flatMap((b, index) =>
    b
      ? [
          {
            index,
            page: 1,
            box: { x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height) },
            lines: b.lines,
          },
        ]
      : [],
  );
  const { places, unplaced } = placesOf(texts, found, { font: (px) => px }, () => "");
  const pixels = [await decodePage(png)];
  return { places: strip(places), images: await drawShots(places, pixels, (b) => b, WEB_SHOT_HEIGHT), pageCount: 1, unplaced };
}

/**
 * Stage "share cards": for every story and document page, a 1200×630 link preview (og:image)
 * and a 1080×1080 image to send as it is (WhatsApp drops previews over 300 KB). Chromium
 * renders each card from its template, so every script shapes as on the page, and writes it as
 * a JPEG. A card whose page did not change is taken from the cache.
 */
import { access, copyFile, mkdir, readFile } from "node:fs/promises";
import { findAll, findOne, getInnerHTML, textContent } from "domutils";
import { parseDocument } from "htmlparser2";
import path from "node:path";
import type { Browser, Page } from "puppeteer-core";
import { ContentError, type Problem } from "../errors.ts";
import { cachePath, type BuildContext } from "../context.ts";
import { shortHash } from "../hash.ts";
import type { LoadedSite } from "../load.ts";
import { visitPages } from "../chromium/visit-pages.ts";
import { withTimeout } from "../chromium/browser.ts";
import { croppedFaceProblem, croppedFaces } from "../print/faces.ts";
import { CARD_SIZES, type CardShape } from "../site/views.ts";
import type { ShareCard } from "../site/web-pages.ts";

import { writeWhole } from "../write-whole.ts";

const SHAPES: CardShape[] = ["square", "wide"];

/** WhatsApp shows no preview for a larger image. */
const CARD_MAX_BYTES = 300_000;
/** Sharp text on flat colour at a few tens of KB. */
const JPEG_QUALITY = 88;
/** Longer than a shot takes on a busy machine (well under a second alone). */
const SHOT_TIMEOUT_MS = 15_000;
/** The title is set smaller, down to this, until the card holds it. */
const MIN_TITLE_PX = 36;

interface CardOptions {
  /** Lays the card pages out (into servedDir) and gives the browser to shoot them in: only when a card must be shot. */
  prepare: () => Promise<Browser>;
  /** The folder the card pages are laid out in (with the print pages), served to Chromium. */
  servedDir: string;
  host?: string | undefined;
  siteDir: string;
  /** Everything that decides a card's pixels (its texts, QR code, the templates, fonts, Chromium): its cache key. */
  keyOf: (card: ShareCard) => string;
  cacheDir?: string | undefined;
  signal?: AbortSignal | undefined;
  /** Called as each card page is done (its images shot or refused). */
  onProgress?: ((done: number, total: number, item: string) => void) | undefined;
}

/** Renders every card into the site; returns the images made (site paths) and what stops the build. */
async function renderCards(cards: ShareCard[], opts: CardOptions): Promise<{ made: Set<string>; problems: Problem[] }> {
  const problems: Problem[] = [];
  const made = new Set<string>();
  const todo = new Map<string, { card: ShareCard; key: string }>(); // by the card page's file
  // The cached images copied into the site (by the kernel: no bytes through this thread), side by side.
  const copied = (from: string, to: string) =>
    mkdir(path.dirname(to), { recursive: true })
      .then(() => copyFile(from, to))
      .then(
        () => true,
        () => false,
      );
  const keys = cards.map((card) => opts.keyOf(card));
  const cacheDir = opts.cacheDir;
  const cached = cacheDir
    ? await Promise.all(
        cards.map(async (card, i) =>
          (await Promise.all(SHAPES.map((shape) => copied(path.join(cacheDir, `${keys[i]}-${shape}.jpg`), path.join(opts.siteDir, card.out[shape]))))).every(
            Boolean,
          ),
        ),
      )
    : cards.map(() => false);
  for (const [i, card] of cards.entries()) {
    if (cached[i]) SHAPES.forEach((shape) => made.add(card.out[shape]));
    else todo.set(`${card.url.slice(1)}index.html`, { card, key: keys[i]! });
  }
  if (!todo.size) return { made, problems };
  const browser = await opts.prepare();
  // One tab lays out and shoots every card, in front: Chromium may never answer a screenshot of a
  // tab that is not (seen here: a build hung on it), and tabs taking turns in front cost a fifth
  // more than one tab alone (measured: 84 pages' cards in 8.4 s, 10.7 s in two tabs), as each
  // switch makes the tab draw itself again. A shot that still hangs is given up.
  const inFront = <T>(tab: Page, shoot: () => Promise<T>): Promise<T> =>
    withTimeout(tab.bringToFront().then(shoot), SHOT_TIMEOUT_MS, `a screenshot took longer than ${SHOT_TIMEOUT_MS / 1000} s`);
  // A screenshot per shape: the template lays itself out for each viewport.
  await visitPages(
    opts.servedDir,
    [...todo.keys()],
    browser,
    async () => ({ holds: undefined as string | undefined }),
    async (tab, url, rel, state) => {
      const { card, key } = todo.get(rel)!;
      const page = parseCardPage(await readFile(path.join(opts.servedDir, rel), "utf8"));
      for (const shape of SHAPES) {
        const { width, height } = CARD_SIZES[shape];
        await tab.setViewport({ width, height, deviceScaleFactor: 1 });
        if (shape === SHAPES[0]) {
          // A tab keeps its card page and takes the next card's content in place: stylesheets and
          // fonts stay parsed, which saves half of a card's time. A card with other stylesheets is navigated to.
          if (state.holds === page.links) await tab.evaluate(swapCard, page);
          else {
            await tab.goto(url, { waitUntil: "load" });
            state.holds = page.links;
          }
        }
        const fits = await tab.evaluate(async (min: number) => {
          await document.fonts.ready;
          const card = document.querySelector<HTMLElement>(".card")!;
          // Copyfit: a long title, then the line under it, get smaller until the card holds
          // everything; the help strip and the address keep their size. (No named functions
          // here: the page has no __name for esbuild's keepNames.)
          const image = card.querySelector<HTMLElement>(".card-image");
          image?.style.removeProperty("display");
          for (const [selector, floor, step] of [
            ["h1", min, 4],
            [".card-line", 22, 2],
          ] as const) {
            const el = card.querySelector<HTMLElement>(selector);
            if (!el) continue;
            el.style.fontSize = "";
            for (let px = parseFloat(getComputedStyle(el).fontSize); card.scrollHeight > card.clientHeight + 1 && px > floor; px -= step)
              el.style.fontSize = `${px - step}px`;
          }
          // Last, the illustration gives its room to the words (a long language on the wide preview).
          if (card.scrollHeight > card.clientHeight + 1 && image) image.style.display = "none";
          return card.scrollHeight <= card.clientHeight + 1;
        }, MIN_TITLE_PX);
        const where = `${card.lang.code}: the ${shape} share card of ${card.webUrl}`;
        const cut = await tab.evaluate(croppedFaces);
        if (cut.length) {
          problems.push(...cut.map((c) => croppedFaceProblem(where, c)));
          continue;
        }
        if (!fits) {
          problems.push({
            file: `dist/site/${card.out[shape]}`,
            message: `${where} does not hold its title, line and help strip, even with the title at ${MIN_TITLE_PX}px and the line at 22px`,
            hint: "shorten the title or its summary in this language",
          });
          continue;
        }
        // JPEG straight from Chromium: what messaging apps send anyway, and twice as quick as a re-encoded PNG.
        const image = await inFront(tab, () =>
          tab.screenshot({ type: "jpeg", quality: JPEG_QUALITY, clip: { x: 0, y: 0, width, height }, captureBeyondViewport: false }),
        );
        if (image.byteLength > CARD_MAX_BYTES) {
          problems.push({
            file: `dist/site/${card.out[shape]}`,
            message: `${where} weighs ${Math.round(image.byteLength / 1000)} KB, over ${CARD_MAX_BYTES / 1000} KB (WhatsApp shows no preview)`,
            hint: "check the card's template (templates/share/card.njk): a photo or a gradient makes it heavy",
          });
          continue;
        }
        await writeWhole(path.join(opts.siteDir, card.out[shape]), image);
        if (opts.cacheDir) await writeWhole(path.join(opts.cacheDir, `${key}-${shape}.jpg`), image);
        made.add(card.out[shape]);
      }
    },
    { host: opts.host, concurrency: 1, signal: opts.signal, onDone: opts.onProgress, giveBack: true },
  );
  return { made, problems };
}

/**
 * Stage "share cards": every story and document page's two images, into the site. A card is
 * keyed by what it shows and the kit, so a rebuild with nothing new lays out nothing and opens
 * no browser. Returns the site paths of the images made.
 * @param layOut lays the card pages out into servedDir (with the print pages): called only when a card must be shot
 * @param cards the cards to make (a shard makes its share)
 */
export async function shareCards(
  ctx: BuildContext,
  loaded: LoadedSite,
  servedDir: string,
  siteDir: string,
  layOut: () => Promise<void>,
  cards = loaded.model.cards,
): Promise<Set<string>> {
  const { made, problems } = await renderCards(cards, {
    keyOf: cardKeys(await ctx.kit(), loaded),
    prepare: async () => {
      await layOut();
      return ctx.chromium.get();
    },
    servedDir,
    siteDir,
    host: ctx.printHost,
    cacheDir: ctx.useCache ? cachePath(ctx, "cards") : undefined,
    signal: ctx.signal,
    onProgress: (done, total, item) => ctx.emit({ type: "progress", done, total, item }),
  });
  if (problems.length) throw new ContentError(problems);
  return made;
}

/** A card's cache key: everything that decides its pixels (its texts, QR code, the templates, fonts, Chromium: the kit). */
function cardKeys(kit: string, loaded: LoadedSite): (card: ShareCard) => string {
  return (card) => shortHash(JSON.stringify([kit, card, loaded.model.qr[card.webUrl], loaded.translators.get(card.lang.code)!.t("campaign:title").text]), 32);
}

/** The cards a build must shoot (and so lay out): those whose images are not all in the cache; every one with the cache off. */
export async function cardsToShoot(ctx: BuildContext, loaded: LoadedSite, cards: ShareCard[]): Promise<ShareCard[]> {
  if (!ctx.useCache) return cards;
  const keyOf = cardKeys(await ctx.kit(), loaded);
  const dir = cachePath(ctx, "cards");
  const cached = await Promise.all(
    cards.map((card) =>
      Promise.all(SHAPES.map((shape) => access(path.join(dir, `${keyOf(card)}-${shape}.jpg`)))).then(
        () => true,
        () => false,
      ),
    ),
  );
  return cards.filter((_, i) => !cached[i]);
}

/** What a card page holds, to put in a tab that holds another card: its root's attributes, its inline styles (fonts cut for it), its body. */
interface CardPage {
  /** The stylesheets it links, in order: a tab can take the card in place only if it holds the same. */
  links: string;
  lang: string;
  dir: string;
  className: string;
  css: string;
  body: string;
}

function parseCardPage(html: string): CardPage {
  const doc = parseDocument(html);
  const root = findOne((n) => n.name === "html", doc.children)!;
  const body = findOne((n) => n.name === "body", doc.children)!;
  return {
    links: findAll((n) => n.name === "link", doc.children)
      .map((l) => l.attribs.href)
      .join(" "),
    lang: root.attribs.lang ?? "",
    dir: root.attribs.dir ?? "ltr",
    className: root.attribs.class ?? "",
    css: findAll((n) => n.name === "style", doc.children)
      .map(textContent)
      .join("\n"),
    body: getInnerHTML(body, { decodeEntities: false }),
  };
}

/** In the page: the card's content in place of the one shown, once its images and fonts are ready. */
async function swapCard(card: CardPage): Promise<void> {
  const root = document.documentElement;
  root.lang = card.lang;
  root.dir = card.dir;
  root.className = card.className;
  for (const s of [...document.head.querySelectorAll("style")]) s.remove();
  const style = document.createElement("style");
  style.textContent = card.css;
  document.head.append(style);
  document.body.innerHTML = card.body;
  void document.body.offsetHeight; // lay out now, so the fonts it needs start loading before fonts.ready is asked
  await Promise.all([...document.images].map((img) => img.decode().catch(() => undefined)));
  await document.fonts.ready;
}

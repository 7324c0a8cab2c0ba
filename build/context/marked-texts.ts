/**
 * What a laid-out page says about each text it shows: every element marked data-text, with the
 * texts it holds ("lang|ns:key"), what kind of element it is (a heading, a list item, a caption,
 * an image's text alternative), the block it belongs to, its type size and the part of the page
 * it sits in. Read in the page (the functions here run in Chromium), shared by web and print.
 */
import type { Page } from "puppeteer-core";

export interface MarkedText {
  /** The texts it shows, as marked: "ti|brochure:title" (a fallback is marked with the source language). */
  texts: string[];
  /** "h2", "p.contact-phone", "img". */
  element: string;
  /** In words, for translators: "heading", "list item", "text in a paragraph", "text alternative of an image". */
  kind: string;
  /** The block it is in, as the print checks name blocks ("help/emergency"); empty outside blocks. */
  block: string;
  /** Its type size in CSS pixels (1/96 inch). */
  fontPx: number;
  /** Where on a web page: the site's header, footer or a notice (shown on every page alike), else undefined. */
  frame?: string;
}

/** Reads every marked text of the page, in document order (the order of `[data-text]`). */
export function readMarkedTexts(page: Page): Promise<MarkedText[]> {
  return page.evaluate(() => {
    const KINDS: Record<string, string> = {
      H1: "main heading",
      H2: "heading",
      H3: "subheading",
      H4: "subheading",
      P: "paragraph",
      LI: "list item",
      DT: "term",
      DD: "definition",
      FIGCAPTION: "caption",
      IMG: "text alternative of an image",
      A: "link",
      TD: "table cell",
      TH: "table heading",
      BUTTON: "button",
      CAPTION: "table caption",
      BLOCKQUOTE: "quotation",
    };
    const FRAMES: [string, string][] = [
      [".site-header", "the site's header"],
      [".site-footer", "the site's footer"],
      [".notice", "a notice at the top of the page"],
    ];
    const kindOf = (el: Element): string => {
      const own = KINDS[el.tagName];
      if (own) return own;
      const block = el.parentElement?.closest(Object.keys(KINDS).join(","));
      return block ? `text in a ${KINDS[block.tagName]}` : "text";
    };
    const blockOf = (el: Element) => {
      const names: string[] = [];
      for (let e = el.closest("[data-block]"); e; e = e.parentElement?.closest("[data-block]") ?? null) names.unshift(e.getAttribute("data-block")!);
      return names.join("/");
    };
    return [...document.querySelectorAll("[data-text]")].map((el) => {
      const cls = el.classList[0];
      const frame = FRAMES.find(([sel]) => el.closest(sel))?.[1];
      return {
        texts: (el.getAttribute("data-text") ?? "").split(" ").filter(Boolean),
        element: `${el.tagName.toLowerCase()}${cls ? `.${cls}` : ""}`,
        kind: kindOf(el),
        block: blockOf(el),
        fontPx: parseFloat(getComputedStyle(el).fontSize) || 0,
        ...(frame ? { frame } : {}),
      };
    });
  });
}

/** The box of every marked text on a laid-out web page, in CSS pixels from the top of the page (null: not drawn). */
export function markedBoxes(page: Page): Promise<({ x: number; y: number; width: number; height: number; lines: number } | null)[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll("[data-text]")].map((el) => {
      const r = el.getBoundingClientRect();
      if (!r.width || !r.height || getComputedStyle(el).visibility === "hidden") return null;
      // Lines: the distinct tops of its text's line boxes (an image counts as one).
      const range = document.createRange();
      range.selectNodeContents(el);
      const tops = new Set([...range.getClientRects()].filter((q) => q.width > 0).map((q) => Math.round(q.top)));
      return { x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height, lines: Math.max(1, tops.size) };
    }),
  );
}

/**
 * Makes every marked text a link to itself (an anchor around its content, styled to change
 * nothing), so the PDF Chromium prints holds a link rectangle for each of its lines, on the page
 * it landed on: the only way to know where a flowing document put a text. Call after the page's
 * own fitting (posters), just before printing.
 */
export function linkMarkedTexts(page: Page, prefix: string): Promise<number> {
  return page.evaluate((prefix: string) => {
    const marked = [...document.querySelectorAll("[data-text]")];
    marked.forEach((el, i) => {
      const a = document.createElement("a");
      a.id = `${prefix}${i}`;
      a.href = `#${prefix}${i}`;
      a.setAttribute("style", "all: unset");
      if (el.tagName === "IMG") {
        el.replaceWith(a);
        a.append(el);
      } else {
        while (el.firstChild) a.append(el.firstChild);
        el.append(a);
      }
    });
    return marked.length;
  }, prefix);
}

/**
 * Check "structure text": what a screen reader gets from a PDF is the text of the page as written.
 *
 * Before printing, the laid-out page's blocks (headings, paragraphs, list items, table cells,
 * captions) are read from the DOM with their rendered text and language, and so are the
 * elements whose language differs from the page's. After printing, the PDF's structure tree is
 * read as poppler reads it (structure-text.ts) and each block of a type is compared, in order,
 * with the PDF's element of that type. The same reading tags those elements with /Lang.
 */
import type { Page } from "puppeteer-core";
import type { Problem } from "../errors.ts";
import { walk, type StructNode } from "../pdf/structure-text.ts";

/** A block of the laid-out page: its PDF structure type, rendered text and language. */
interface DomBlock {
  type: string;
  text: string;
  lang: string;
  /** A label, heading or content warning: what must not end a page, away from what it introduces. */
  keep?: boolean;
}
export interface PageText {
  lang: string;
  blocks: DomBlock[];
  /** Elements in another language than the page's (a fallback paragraph, an endonym). */
  islands: { text: string; lang: string }[];
  /**
   * Every place a line wraps inside a word (no space there in the text: a long compound or URL
   * broken by `overflow-wrap`, a break inside a syllable), as wrapKey gives it: the PDF's text is
   * joined there without a space (build/pdf/reading-order.ts).
   */
  wraps: string[];
}

/** How many characters (graphemes) on each side of a wrap name it. */
const WRAP_CONTEXT = 6;

/** A wrap's name: the graphemes that end the line and those that start the next. */
export function wrapKey(before: string, after: string, segmenter: Intl.Segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" })): string {
  const g = (t: string) => [...segmenter.segment(normaliseText(t).normalize("NFC"))].map((x) => x.segment);
  return `${g(before).slice(-WRAP_CONTEXT).join("")}|${g(after).slice(0, WRAP_CONTEXT).join("")}`;
}

/** The structure types Chromium gives these HTML elements (when they have no role of their own). */
const BLOCK_TYPES: Record<string, string> = {
  h1: "H1",
  h2: "H2",
  h3: "H3",
  h4: "H4",
  h5: "H5",
  h6: "H6",
  p: "P",
  li: "LI",
  th: "TH",
  td: "TD",
  figcaption: "Caption",
  caption: "Caption",
};

/** What introduces what follows it: it is never the last thing on a page (checkKeeps). */
const KEEP_WITH_NEXT = "h1, h2, h3, h4, h5, h6, .story-label, .content-warning";

/** Reads the laid-out page's blocks, language islands and wraps inside words, in document order. */
export async function readPageText(page: Page): Promise<PageText> {
  const read = await page.evaluate(
    (types: Record<string, string>, keepWithNext: string, contextUnits: number) => {
      const norm = (t: string) =>
        t
          .replace(/\u00ad/g, "")
          .replace(/\s+/g, " ")
          .trim();
      const shown = (el: Element) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden" && !el.closest("[aria-hidden=true]");
      const langOf = (el: Element) => (el.closest("[lang]") as HTMLElement | null)?.lang ?? "";
      const pageLang = document.documentElement.lang;
      const blockSelector = Object.keys(types).join(",");
      const listed = [...document.body.querySelectorAll(blockSelector)]
        .filter((el) => shown(el) && !el.hasAttribute("role"))
        // biome-ignore lint/performance/useDomNodeTextContent: the rendered text (case, hidden parts) is what the PDF holds
        .filter((el) => norm((el as HTMLElement).innerText));
      const isListed = new Set(listed);
      // The block whose text comes next after an element (a content warning between a headline and
      // its story is passed over: it is kept with what follows too).
      const nextBlock = (el: Element) => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        walker.currentNode = el;
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (el.contains(n) || !n.textContent?.trim() || !n.parentElement || !shown(n.parentElement)) continue;
          const block = n.parentElement.closest(blockSelector);
          if (block && !isListed.has(block) && block.matches(keepWithNext)) continue;
          return block;
        }
        return null;
      };
      const blocks = listed.map((el, i) => ({
        type: types[el.localName]!,
        // biome-ignore lint/performance/useDomNodeTextContent: as above
        text: norm((el as HTMLElement).innerText),
        lang: langOf(el),
        // Checked only where the next block read is what follows it on the page (not a term list between).
        ...(el.matches(keepWithNext) && nextBlock(el) === listed[i + 1] ? { keep: true } : {}),
      }));
      const islands = [...document.body.querySelectorAll("[lang]")]
        .filter((el) => shown(el) && (el as HTMLElement).lang.toLowerCase() !== pageLang.toLowerCase())
        // biome-ignore lint/performance/useDomNodeTextContent: the rendered text, as above
        .map((el) => ({ text: norm((el as HTMLElement).innerText), lang: (el as HTMLElement).lang }))
        .filter((i) => i.text);
      // Wraps inside a word: in each text node laid out on more than one line, each run without
      // white space that is itself on more than one line, split where its graphemes change line
      // (found by halving, so a 200,000-character run costs a few hundred measures, not one each).
      const graphemes = new Intl.Segmenter(pageLang || undefined, { granularity: "grapheme" });
      const range = document.createRange();
      const topOf = (node: Text, from: number, to: number) => {
        range.setStart(node, from);
        range.setEnd(node, to);
        return range.getBoundingClientRect().top;
      };
      const wraps: { before: string; after: string }[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
        const text = n.data;
        range.selectNodeContents(n);
        if (range.getClientRects().length < 2 || !n.parentElement || !shown(n.parentElement)) continue;
        for (const word of text.matchAll(/\S{2,}/g)) {
          range.setStart(n, word.index);
          range.setEnd(n, word.index + word[0].length);
          const lines = [...range.getClientRects()].map((r) => r.top).filter((t, i, all) => i === 0 || Math.abs(t - all[i - 1]!) > 1);
          if (lines.length < 2) continue;
          const starts = [...graphemes.segment(word[0])].map((g) => word.index + g.index);
          const ends = starts.slice(1).concat(word.index + word[0].length);
          for (const line of lines.slice(1)) {
            // The first grapheme at or below this line.
            let [lo, hi] = [0, starts.length - 1];
            while (lo < hi) {
              const mid = (lo + hi) >> 1;
              if (topOf(n, starts[mid]!, ends[mid]!) >= line - 1) hi = mid;
              else lo = mid + 1;
            }
            // Enough of each side for wrapKey's graphemes, not the whole text: a 6,000-character run wraps tens of times.
            if (lo > 0)
              wraps.push({
                before: text.slice(Math.max(0, starts[lo]! - contextUnits), starts[lo]),
                after: text.slice(starts[lo], starts[lo]! + contextUnits),
              });
          }
        }
      }
      return { lang: pageLang, blocks, islands, wraps };
    },
    BLOCK_TYPES,
    KEEP_WITH_NEXT,
    WRAP_CONTEXT * 16, // UTF-16 units: more than any grapheme a script writes (a Devanagari conjunct, an emoji sequence) needs
  );
  const segmenter = new Intl.Segmenter(read.lang || undefined, { granularity: "grapheme" });
  return { ...read, wraps: read.wraps.map((w) => wrapKey(w.before, w.after, segmenter)) };
}

/** Whitespace-normalised text, as the comparison sees it. */
export const normaliseText = (t: string) =>
  t
    .replace(/\u00ad/g, "")
    .replace(/\s+/g, " ")
    .trim();

/**
 * Compares each DOM block with the PDF element of its type, in order. Problems name the
 * document, the block and what the PDF reads instead.
 */
export function compareStructureText(tree: StructNode, page: PageText, where: { file: string; document: string }): Problem[] {
  const problems: Problem[] = [];
  const byType = new Map<string, StructNode[]>();
  for (const n of walk(tree)) if (Object.values(BLOCK_TYPES).includes(n.type)) byType.set(n.type, [...(byType.get(n.type) ?? []), n]);
  const seen = new Map<string, number>();
  for (const block of page.blocks) {
    const i = seen.get(block.type) ?? 0;
    seen.set(block.type, i + 1);
    const node = byType.get(block.type)?.[i];
    const reads = node ? normaliseText(node.textWithoutLabels) : undefined;
    if (reads === block.text) continue;
    problems.push({
      file: where.file,
      message: `${page.lang} ${where.document}: ${block.type} ${i + 1} ${reads === undefined ? `"${clip(block.text)}" has no element in the PDF's structure tree` : differs(block.text, reads)}`,
      hint:
        brokenRtlHint(block.text, page.wraps) ??
        "the PDF's text is rewritten in reading order after printing (build/pdf/reading-order.ts); a new layout feature (a font, an operator, a direction) may need support there",
    });
    if (problems.length >= 5) break; // one wrong mechanism makes many; five show it
  }
  return problems;
}

/**
 * A page that ends on a label, a heading or a content warning, away from the text it introduces
 * (a flowing document, read from the printed PDF): each such block of the laid-out page is found
 * in the PDF as compareStructureText finds it, and the block after it must start on its last page.
 */
export function checkKeeps(tree: StructNode, page: PageText, where: { file: string; document: string }): Problem[] {
  const byType = new Map<string, StructNode[]>();
  for (const n of walk(tree)) if (Object.values(BLOCK_TYPES).includes(n.type)) byType.set(n.type, [...(byType.get(n.type) ?? []), n]);
  const seen = new Map<string, number>();
  const nodes = page.blocks.map((b) => {
    const i = seen.get(b.type) ?? 0;
    seen.set(b.type, i + 1);
    return byType.get(b.type)?.[i];
  });
  const problems: Problem[] = [];
  page.blocks.forEach((block, i) => {
    const [here, next] = [nodes[i], nodes[i + 1]];
    if (!block.keep || !here?.pages.length || !next?.pages.length) return;
    const last = Math.max(...here.pages);
    const first = Math.min(...next.pages);
    if (first <= last) return;
    problems.push({
      file: where.file,
      message: `${page.lang} ${where.document}: page ${last} ends on "${clip(block.text)}", and what it introduces ("${clip(page.blocks[i + 1]!.text)}") starts on page ${first}`,
      hint: "a label, heading or content warning is kept with the first lines after it (break-after: avoid, and a story starts on its own page: templates/assets/print-base.css); a new block or rule may have undone it",
    });
  });
  return problems;
}

const RTL_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;

/**
 * The right-to-left word of a text that the page broke inside, if any. Chromium writes the letters
 * of such a word to the PDF out of order (its ActualText spans shifted, the run not marked as
 * reversed), so the reading-order rewrite gives its element the page's text instead.
 */
export function brokenRtlWord(text: string, wraps: Iterable<string>): string | undefined {
  const flat = text.replace(/\s/g, " ");
  for (const w of wraps) {
    const at = flat.indexOf(w.replace("|", ""));
    if (at < 0) continue;
    const word = flat.slice(flat.lastIndexOf(" ", at) + 1).split(" ")[0]!;
    if (RTL_LETTER.test(word)) return word;
  }
  return undefined;
}

function brokenRtlHint(text: string, wraps: string[]): string | undefined {
  const word = brokenRtlWord(text, wraps);
  return word === undefined
    ? undefined
    : `"${clip(word)}" is wider than its line and broke inside itself, and its text in the PDF could not be given back: add the space it may be missing, or a shorter word`;
}

function clip(t: string): string {
  return t.length > 80 ? t.slice(0, 77) + "…" : t;
}

/** Where two texts part: the written text and the PDF's, from a little before the first difference. */
function differs(written: string, reads: string): string {
  let at = 0;
  while (at < written.length && written[at] === reads[at]) at++;
  const from = Math.max(0, at - 30);
  const part = (t: string) => clip((from ? "…" : "") + t.slice(from));
  return `"${part(written)}" reads "${part(reads)}" in the PDF's structure tree`;
}

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
}
export interface PageText {
  lang: string;
  blocks: DomBlock[];
  /** Elements in another language than the page's (a fallback paragraph, an endonym). */
  islands: { text: string; lang: string }[];
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

/** Reads the laid-out page's blocks and language islands, in document order. */
export async function readPageText(page: Page): Promise<PageText> {
  return page.evaluate((types: Record<string, string>) => {
    const norm = (t: string) =>
      t
        .replace(/\u00ad/g, "")
        .replace(/\s+/g, " ")
        .trim();
    const shown = (el: Element) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden" && !el.closest("[aria-hidden=true]");
    const langOf = (el: Element) => (el.closest("[lang]") as HTMLElement | null)?.lang ?? "";
    const pageLang = document.documentElement.lang;
    const blocks = [...document.body.querySelectorAll(Object.keys(types).join(","))]
      .filter((el) => shown(el) && !el.hasAttribute("role"))
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text (case, hidden parts) is what the PDF holds
      .map((el) => ({ type: types[el.localName]!, text: norm((el as HTMLElement).innerText), lang: langOf(el) }))
      .filter((b) => b.text);
    const islands = [...document.body.querySelectorAll("[lang]")]
      .filter((el) => shown(el) && (el as HTMLElement).lang.toLowerCase() !== pageLang.toLowerCase())
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text, as above
      .map((el) => ({ text: norm((el as HTMLElement).innerText), lang: (el as HTMLElement).lang }))
      .filter((i) => i.text);
    return { lang: pageLang, blocks, islands };
  }, BLOCK_TYPES);
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
      hint: "the PDF's text is rewritten in reading order after printing (build/pdf/reading-order.ts); a new layout feature (a font, an operator, a direction) may need support there",
    });
    if (problems.length >= 5) break; // one wrong mechanism makes many; five show it
  }
  return problems;
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

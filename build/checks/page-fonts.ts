/**
 * Check "page fonts", run only when a PDF embeds a font it should not: asks Chromium which
 * font drew each text of the print page (DevTools' CSS.getPlatformFontsForNode), so the
 * error names the page, the text and where it is written, not only the PDF file.
 */
import type { Browser, Page } from "puppeteer-core";
import { closePage, openPage } from "../chromium/browser.ts";
import type { Campaign } from "../content/campaign.ts";
import type { Language } from "../content/schemas.ts";
import { fileOfText } from "../i18n/source-strings.ts";

export interface StrayText {
  /** The text as written on the page (its first 60 characters). */
  text: string;
  /** The fonts Chromium drew it with that are not allowed. */
  fonts: string[];
  /** The enclosing block (data-block) and texts (data-text "lang|ns:key"), when the page marks them. */
  block?: string;
  texts: string[];
}

interface DomNode {
  nodeId: number;
  nodeType: number;
  nodeValue: string;
  attributes?: string[];
  children?: DomNode[];
}

/** Texts of the page drawn with a font family outside `allowed` (names as in CSS: "Noto Sans Arabic"). */
export async function strayFonts(page: Page, allowed: string[]): Promise<StrayText[]> {
  const ok = new Set(allowed.map((f) => f.replace(/\s+/g, "")));
  const session = await page.createCDPSession();
  try {
    await session.send("DOM.enable");
    await session.send("CSS.enable");
    const { root } = (await session.send("DOM.getDocument", { depth: -1 })) as unknown as { root: DomNode };
    const found: StrayText[] = [];
    const walk = async (node: DomNode, block: string | undefined, texts: string[]) => {
      const attrs = Object.fromEntries((node.attributes ?? []).flatMap((v, i, a) => (i % 2 ? [] : [[v, a[i + 1]!]])));
      const here = attrs["data-block"] ?? block;
      const marked = attrs["data-text"] ? [...texts, ...attrs["data-text"].split(" ")] : texts;
      if (node.nodeType === 3 && node.nodeValue.trim()) {
        const { fonts } = (await session.send("CSS.getPlatformFontsForNode", { nodeId: node.nodeId })) as { fonts: { familyName: string }[] };
        const stray = fonts.map((f) => f.familyName).filter((f) => !ok.has(f.replace(/\s+/g, "")));
        if (stray.length) found.push({ text: node.nodeValue.trim().slice(0, 60), fonts: stray, ...(here ? { block: here } : {}), texts: [...new Set(marked)] });
      }
      for (const child of node.children ?? []) await walk(child, here, marked);
    };
    await walk(root, undefined, []);
    return found;
  } finally {
    await session.detach().catch(() => undefined);
  }
}

/**
 * Which texts of a print page Chromium drew with a font outside its language's stack (and the
 * source's), each with the file and key it is written under: what a stray-font error names.
 */
export async function explainStrayFonts(c: Campaign, browser: Browser, url: string, lang: Language): Promise<string[]> {
  const page = await openPage(browser);
  try {
    await page.goto(url, { waitUntil: "load" });
    await page.evaluate(() => document.fonts.ready);
    const families = [...new Set([...lang.fonts, ...c.source.fonts].map((id) => c.fonts[id]!.family))];
    return (await strayFonts(page, families)).map((s) => {
      const where = s.texts.map((t) => {
        const [l, id] = t.split("|") as [string, string];
        return `${fileOfText(c, l, id)} (${id.split(/:(.*)/s)[1]})`;
      });
      return `"${s.text}"${s.block ? ` in block "${s.block}"` : ""}${where.length ? ` from ${where.join(", ")}` : ""} is drawn in ${s.fonts.join(", ")}`;
    });
  } finally {
    await closePage(page);
  }
}

/**
 * The smallest type each format may print (templates/design/tokens.json: min-size), checked on
 * the laid-out page like the poster's cap height: every shown text of a role is measured in
 * Chromium, after any copyfit, and one set smaller than its format's minimum (a script may have
 * its own, "body-Ethi") fails the build, named by its block and its text's file.
 */
import type { Page } from "puppeteer-core";
import type { DesignTokens } from "../design/tokens.ts";
import type { Problem } from "../errors.ts";

/**
 * What each role is on a print page. Running text is the paragraphs, list items and definitions
 * the templates give no class of their own (labels, notes and stamps have one); a contact card's
 * lines are "contact"; the help strip's, "help"; a partner edition's publisher block (the issuer's
 * mark, each partner's role), "publisher".
 */
const ROLES: Record<string, string> = {
  body: "p:not([class]):not(.contact *), li:not([class]):not(.contact *), dd:not([class])",
  headline: "h1",
  "story-headline": ".format-brochure .story > h3",
  sources: ".sources",
  contact: ".contact p",
  help: ".help-strip p:not(.help-status)",
  publisher: ".issuer-mark, .partner figcaption",
};

interface Smallest {
  role: string;
  pt: number;
  minPt: number;
  block: string;
  text: string;
  texts: string[];
}

/** A dimension token in points. */
function points(value: string): number {
  const [, n, unit] = /^([\d.]+)(pt|mm|rem)$/.exec(value) ?? [];
  if (!n || unit === "rem") throw new Error(`${value}: a minimum type size is given in pt or mm`);
  return unit === "pt" ? Number(n) : (Number(n) / 25.4) * 72;
}

/** The minimums of a format in a script, by role: a script's own ("body-Ethi") before the format's. */
function minimumSizes(tokens: DesignTokens, format: string, script: string): Record<string, number> {
  const group = tokens["min-size"][format];
  if (!group || typeof group === "string") return {};
  const out: Record<string, number> = {};
  for (const role of Object.keys(ROLES)) {
    const token = group[`${role}-${script}`] ?? group[role];
    if (token && typeof token !== "string") out[role] = points(token.$value);
  }
  return out;
}

export async function typeSizeProblems(
  page: Page,
  ctx: { format: string; script: string; lang: string; document: string; file: string; fileOf: (lang: string, id: string) => string },
  tokens: DesignTokens,
): Promise<Problem[]> {
  const mins = minimumSizes(tokens, ctx.format, ctx.script);
  if (!Object.keys(mins).length) return [];
  const found: Smallest[] = await page.evaluate(
    (roles: Record<string, string>, minimums: Record<string, number>) => {
      const out: Smallest[] = [];
      const shown = (el: Element) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
      const nameOf = (el: Element) => {
        const names: string[] = [];
        for (let e = el.closest("[data-block]"); e; e = e.parentElement?.closest("[data-block]") ?? null) names.unshift(e.getAttribute("data-block")!);
        return names.join("/") || el.localName;
      };
      for (const [role, minPt] of Object.entries(minimums)) {
        let smallest: Smallest | undefined;
        for (const el of document.querySelectorAll(roles[role]!)) {
          // biome-ignore lint/performance/useDomNodeTextContent: the text as shown
          const text = (el as HTMLElement).innerText.replace(/\s+/g, " ").trim();
          if (!text || !shown(el)) continue;
          // Every text node's own element: a smaller span inside counts too.
          const sizes = [el, ...el.querySelectorAll("*")].filter(
            (e) => e.firstChild && [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim()),
          );
          const pt = Math.min(...sizes.map((e) => parseFloat(getComputedStyle(e).fontSize) * 0.75));
          if (pt < minPt - 0.05 && (!smallest || pt < smallest.pt)) {
            const texts = [el, ...el.querySelectorAll("[data-text]"), el.closest("[data-text]")].flatMap((e) =>
              (e?.getAttribute("data-text") ?? "").split(" ").filter(Boolean),
            );
            smallest = {
              role,
              pt: Math.round(pt * 10) / 10,
              minPt,
              block: nameOf(el),
              text: text.length > 60 ? `${text.slice(0, 57)}…` : text,
              texts: [...new Set(texts)],
            };
          }
        }
        if (smallest) out.push(smallest);
      }
      return out;
    },
    ROLES,
    mins,
  );
  return found.map((f) => {
    const [lang, id] = (f.texts[0] ?? "").split("|") as [string, string | undefined];
    // The design sets the size: the message names the text (and its file) and the rule it breaks.
    return {
      file: "templates/assets/print-base.css",
      field: f.block,
      message: `${ctx.document} in ${ctx.lang}: ${f.role} text "${f.text}" (block "${f.block}", ${id ? ctx.fileOf(lang, id) : ctx.file}) is set at ${f.pt} pt, under the ${f.minPt} pt its format needs (templates/design/tokens.json: min-size.${ctx.format}.${f.role})`,
      hint: `the text need not change: set the ${f.role} of ${ctx.format} at ${f.minPt} pt or more in templates/assets/print-base.css (or the format's body size, format.${ctx.format} in tokens.json)`,
    };
  });
}

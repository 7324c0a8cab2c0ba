/**
 * Turns a Localized text into safe HTML, in one place: translators' text is always
 * escaped here, every run in the other direction is isolated so the bidi algorithm cannot
 * reorder it or its neighbours (Latin runs and numbers inside right-to-left text: "0800-1234"
 * must not show as "1234-0800"; a right-to-left name inside left-to-right text), and text shown
 * in another language than the page's (a fallback) says so with lang and dir: the whole
 * element when all of it is in that language, only its own words when it carries values in
 * the page's language.
 */
import { escapeMarkup as escapeHtml } from "../escape.ts";
import { INLINE_TAG } from "../i18n/safety.ts";
import type { Localized, TextPart } from "../i18n/translator.ts";

// A run of left-to-right material: Latin letters or digits, with the punctuation and
// spaces found inside names, numbers, phone numbers and URLs ("EUR 7,500", "E40", "PAG-ASA").
const LTR_RUN = /[A-Za-z0-9\u00C0-\u024F](?:[A-Za-z0-9\u00C0-\u024F.,:/+\-–_@'’ ]*[A-Za-z0-9\u00C0-\u024F])?/g;
// A run of right-to-left letters, with the spaces and marks between its words (a name in Arabic
// script inside left-to-right text).
const RTL = "\\p{Script=Arabic}\\p{Script=Hebrew}\\p{Script=Syriac}\\p{Script=Thaana}\\p{Script=Nko}";
const RTL_RUN = new RegExp(`[${RTL}](?:[${RTL}\\p{M} ]*[${RTL}\\p{M}])?`, "gu");

/**
 * Escapes text, keeping only the allowed inline tags; wraps each run in the other direction in
 * <bdi> (left-to-right runs in right-to-left text, right-to-left runs in left-to-right text).
 */
export function textToHtml(text: string, dir: "ltr" | "rtl", wrap: (html: string) => string = (html) => html): string {
  let html = "";
  let last = 0;
  // The inline markup a source may use (checked at load and in every translation) stays HTML.
  for (const m of text.matchAll(INLINE_TAG)) {
    html += wrap(plainToHtml(text.slice(last, m.index), dir)) + `<${m[1]}${m[2]}>`;
    last = m.index + m[0].length;
  }
  return html + wrap(plainToHtml(text.slice(last), dir));
}

function plainToHtml(text: string, dir: "ltr" | "rtl"): string {
  const other = dir === "ltr" ? "rtl" : "ltr";
  let html = "";
  let last = 0;
  for (const m of text.matchAll(dir === "ltr" ? RTL_RUN : LTR_RUN)) {
    html += escapeHtml(text.slice(last, m.index)) + `<bdi dir="${other}">${escapeHtml(m[0])}</bdi>`;
    last = m.index + m[0].length;
  }
  return html + escapeHtml(text.slice(last));
}

/**
 * Attributes for an element holding this text, when its language differs from the page's.
 * A text that mixes languages keeps the page's language on its element; its runs in other
 * languages get their own spans (innerHtml).
 */
export function langAttributes(text: Localized, pageLang: string): string {
  const flag = text.fallback ? ' data-fallback=""' : "";
  if (text.parts) return flag;
  if (text.lang === pageLang) return "";
  return ` lang="${escapeHtml(text.lang)}" dir="${text.dir}"${flag}`;
}

/** The text's content as HTML, for an element that carries its langAttributes. */
export function innerHtml(text: Localized, pageLang: string): string {
  if (!text.parts) return textToHtml(text.text, text.dir);
  return text.parts.map((p) => p.html ?? (p.lang === pageLang ? textToHtml(p.text, p.dir) : foreignRun(p))).join("");
}

/** A run in another language than the page's: each stretch of its text in a span saying so, markup left outside. */
function foreignRun(p: TextPart): string {
  const attrs = ` lang="${escapeHtml(p.lang)}" dir="${p.dir}"`;
  return textToHtml(p.text, p.dir, (html) => (html ? `<span${attrs}>${html}</span>` : ""));
}

/** The text as inline HTML; wrapped in a span when its language differs from the page's. */
export function inlineHtml(text: Localized, pageLang: string): string {
  const body = innerHtml(text, pageLang);
  const attrs = langAttributes(text, pageLang);
  return attrs ? `<span${attrs}>${body}</span>` : body;
}

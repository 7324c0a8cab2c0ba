/**
 * The template filters, in one place: Eleventy's site build and the templates' fixture tests
 * (a partial rendered with plain Nunjucks) add the same ones. Every text reaches HTML through
 * them, escaped, with its language marked where it differs from the page's.
 */
import { byPurpose } from "./materials.ts";
import nunjucks from "nunjucks";
import type { Language } from "../content/schemas.ts";
import { formatNumber } from "../i18n/locale.ts";
import { escapeMarkup as escapeHtml } from "../escape.ts";
import { inlineHtml, innerHtml, langAttributes } from "./html-text.ts";
import { isLocalized, type Localized, type Translator, type Value, type Vars } from "../i18n/translator.ts";

/**
 * What a filter sees as `this`: the Nunjucks context, whose `view` is the page being rendered and
 * `site` the model (`textMarks`: every page marks its texts, for `waymark context`).
 */
type FilterThis = { ctx: { view: { lang: { code: string; numerals: Language["numerals"] } }; site?: { textMarks?: boolean } } };
type Filter = (this: FilterThis, ...args: never[]) => unknown;

const safe = (html: string) => new nunjucks.runtime.SafeString(html);

/** Values a template passes to a text: markup it built itself (a tel: link) stays markup. */
function values(vars: Record<string, unknown> = {}): Vars {
  const out: Vars = {};
  for (const [name, v] of Object.entries(vars)) {
    if (v instanceof nunjucks.runtime.SafeString) {
      const html = String(v).trim();
      out[name] = {
        html,
        text: html.replace(/<[^>]*>/g, "").replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[e]!),
      };
    } else if (typeof v === "number" || isLocalized(v)) out[name] = v as Value;
    else out[name] = String(v); // plain text: escaped when placed
  }
  return out;
}

/**
 * On print pages every text says which text it is (data-text="lang|ns:key …"), so a layout
 * check that finds a block too long can name each text in it, with its file and key. Web pages
 * carry the marks only when rendered for `waymark context` (site.textMarks): published pages
 * stay within their weight budget.
 */
function textMark(self: FilterThis, value: Localized): string {
  if ((self.ctx.view as { kind?: string }).kind !== "print" && !self.ctx.site?.textMarks) return "";
  const ids = [value.id, ...(value.uses ?? [])].filter(Boolean).map((id, i) => `${i ? self.ctx.view.lang.code : value.lang}|${id}`);
  return ids.length ? ` data-text="${escapeHtml(ids.join(" "))}"` : "";
}

/** Inline HTML for a text; on print pages inside a span that names it. */
function inline(self: FilterThis, value: Localized): string {
  const html = inlineHtml(value, self.ctx.view.lang.code);
  const mark = textMark(self, value);
  return mark ? `<span${mark}>${html}</span>` : html;
}

export function templateFilters(translatorFor: (lang: string) => Translator): Record<string, Filter> {
  const tr = (self: FilterThis) => translatorFor(self.ctx.view.lang.code);
  return {
    // {{ 'ui:nav.home' | t }} → the label in the page's language, as safe HTML.
    t(this: FilterThis, key: string, vars?: Record<string, unknown>) {
      return safe(inline(this, tr(this).t(key, values(vars))));
    },
    // The same label as plain text, for attributes such as aria-label (autoescape escapes it).
    tattr(this: FilterThis, key: string, vars?: Record<string, unknown>) {
      return tr(this).t(key, values(vars)).text;
    },
    // {{ story.title | text }} → a resolved Localized text, as safe HTML.
    text(this: FilterThis, value: Localized) {
      return safe(inline(this, value));
    },
    // <p{{ x | langattrs }}>{{ x | inner }}</p> → the element carries lang/dir, the text goes inside.
    inner(this: FilterThis, value: Localized) {
      return safe(innerHtml(value, this.ctx.view.lang.code));
    },
    langattrs(this: FilterThis, value: Localized) {
      return safe(langAttributes(value, this.ctx.view.lang.code) + textMark(this, value));
    },
    // <img{{ image.alt | altattrs }}> → the alt text, with lang/dir when it is in another language than the page.
    altattrs(this: FilterThis, value: Localized) {
      const other = value.lang !== this.ctx.view.lang.code ? ` lang="${escapeHtml(value.lang)}" dir="${value.dir}"` : "";
      // An image's alt text is placed where the image is; marked only for `waymark context` (the built PDFs stay as they are).
      const mark = this.ctx.site?.textMarks ? textMark(this, value) : "";
      return safe(` alt="${escapeHtml(value.text)}"${other}${mark}`);
    },
    // {{ sources | cites }} → each source as a <cite> in its own language and direction, isolated,
    // one per line (a block: a title in another direction never wraps around the next one).
    cites(sources: { text: string; lang: string }[]) {
      return safe(sources.map((s) => `<cite class="source" lang="${escapeHtml(s.lang)}" dir="ltr">${escapeHtml(s.text)}</cite>`).join(""));
    },
    // {{ url | urlbreaks }} → a URL shown as text, escaped, with a break opportunity after each "/":
    // lines break between its parts, not inside a word (where a reader would see a space).
    urlbreaks(url: string) {
      return safe(escapeHtml(url.replace(/^https:\/\//, "")).replace(/\/(?=.)/g, "/<wbr>"));
    },
    // {{ story.year | num }} → the number in the page language's numerals (registry), never grouped below 10 000.
    num(this: FilterThis, n: number) {
      return formatNumber(this.ctx.view.lang, n);
    },
    // {{ group.script | scriptName }} → a writing system's name, as the campaign words it
    // (ui:chooser.scripts.<code>), or for a script it has no label for (a partner's new
    // language) its name in the page's language from CLDR: no label to add, no translation owed.
    scriptName(this: FilterThis, script: string) {
      const key = `ui:chooser.scripts.${script}`;
      if (tr(this).has(key)) return safe(inline(this, tr(this).t(key)));
      return new Intl.DisplayNames([this.ctx.view.lang.code, "en"], { type: "script" }).of(script) ?? script;
    },
    // {% for part in group.entries | byPurpose %} → a materials group's files under their purpose, said once (build/site/materials.ts).
    byPurpose,
    // {% for group in links | byScript %} → language links grouped by writing system, in registry order.
    byScript(links: { script: string }[]) {
      const groups = new Map<string, { script: string }[]>();
      for (const link of links) groups.set(link.script, [...(groups.get(link.script) ?? []), link]);
      return [...groups].map(([script, items]) => ({ script, links: items }));
    },
  } as Record<string, Filter>;
}

/** Nunjucks as the site sets it up: autoescape on, an undefined value an error. */
export const NUNJUCKS_OPTIONS = { autoescape: true, throwOnUndefined: true, trimBlocks: true, lstripBlocks: true };

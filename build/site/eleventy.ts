/**
 * Stage "site": Eleventy renders templates/ with the view model. Wiring only: the data
 * comes from the pipeline, the layout from templates/. Every text reaches a template as
 * data or through the `t` filter, and is escaped on the way in (autoescape is on).
 */
import Eleventy from "@11ty/eleventy";
import nunjucks from "nunjucks";
import path from "node:path";
import { inlineHtml, langAttributes, textToHtml } from "./html-text.ts";
import type { Localized, Translator, Vars } from "../i18n/translator.ts";
import type { SiteModel } from "./pages.ts";

export interface SiteInput {
  model: SiteModel;
  translators: Map<string, Translator>;
}

export interface RenderOptions {
  templatesDir: string;
  outDir: string;
  /** Called for every build, so that `waymark serve` picks up edits to content/ and locales/. */
  load: () => Promise<SiteInput>;
  /** Live-reload preview: no Content-Security-Policy, since the dev server injects a script. */
  preview?: boolean;
  watch?: string[];
}

type FilterThis = { ctx: { view: { lang: { code: string } } } };
const safe = (html: string) => new nunjucks.runtime.SafeString(html);

export function eleventyConfig(opts: RenderOptions) {
  let current: SiteInput | undefined;
  const input = async () => (current = await opts.load());
  const translatorFor = (self: FilterThis) => {
    const tr = current?.translators.get(self.ctx.view.lang.code);
    if (!tr) throw new Error(`no translator for "${self.ctx.view.lang.code}"`);
    return tr;
  };

  return (cfg: any) => {
    cfg.setNunjucksEnvironmentOptions({ autoescape: true, throwOnUndefined: true, trimBlocks: true, lstripBlocks: true });
    cfg.addGlobalData("site", async () => {
      const { model } = await input();
      return { ...model, preview: Boolean(opts.preview) };
    });
    // {{ 'ui:nav.home' | t }} → the label in the page's language, as safe HTML.
    cfg.addNunjucksFilter("t", function (this: FilterThis, key: string, vars?: Vars) {
      return safe(inlineHtml(translatorFor(this).t(key, vars), this.ctx.view.lang.code));
    });
    // The same label as plain text, for attributes such as aria-label (autoescape escapes it).
    cfg.addNunjucksFilter("tattr", function (this: FilterThis, key: string, vars?: Vars) {
      return translatorFor(this).t(key, vars).text;
    });
    // {{ story.title | text }} → a resolved Localized text, as safe HTML.
    cfg.addNunjucksFilter("text", function (this: FilterThis, value: Localized) {
      return safe(inlineHtml(value, this.ctx.view.lang.code));
    });
    // <p{{ x | langattrs }}>{{ x | inner }}</p> → the element carries lang/dir, the text goes inside.
    cfg.addNunjucksFilter("inner", function (value: Localized) {
      return safe(textToHtml(value.text, value.dir));
    });
    // <p{{ block.text | langattrs }}> → lang/dir attributes when a block is shown in another language.
    cfg.addNunjucksFilter("langattrs", function (this: FilterThis, value: Localized) {
      return safe(langAttributes(value, this.ctx.view.lang.code));
    });
    cfg.addPassthroughCopy({ [path.join(opts.templatesDir, "assets")]: "assets" });
    for (const dir of opts.watch ?? []) cfg.addWatchTarget(dir);
    cfg.setQuietMode(true);
    return {
      templateFormats: ["njk"],
      dir: { input: opts.templatesDir, includes: "_includes", layouts: "_includes/layouts", output: opts.outDir },
    };
  };
}

export async function renderSite(opts: RenderOptions): Promise<void> {
  const elev = new Eleventy(opts.templatesDir, opts.outDir, { quietMode: true, config: eleventyConfig(opts) });
  await elev.write();
}

export async function serveSite(opts: RenderOptions, port: number): Promise<void> {
  const elev = new Eleventy(opts.templatesDir, opts.outDir, { runMode: "serve", quietMode: false, config: eleventyConfig({ ...opts, preview: true }) });
  await elev.init();
  await elev.watch();
  await elev.serve(port);
}

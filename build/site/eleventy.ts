/**
 * Stage "site": Eleventy renders templates/ with the view model. Wiring only: the data
 * comes from the pipeline, the layout from templates/. Every text reaches a template as
 * data or through the `t` filter, and is escaped on the way in (autoescape is on).
 */
import Eleventy from "@11ty/eleventy";
import path from "node:path";
import type { Translator } from "../i18n/translator.ts";
import { NUNJUCKS_OPTIONS, templateFilters } from "./filters.ts";
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

export function eleventyConfig(opts: RenderOptions) {
  let current: SiteInput | undefined;
  const input = async () => (current = await opts.load());
  const filters = templateFilters((lang) => {
    const tr = current?.translators.get(lang);
    if (!tr) throw new Error(`no translator for "${lang}"`);
    return tr;
  });

  return (cfg: any) => {
    cfg.setNunjucksEnvironmentOptions(NUNJUCKS_OPTIONS);
    cfg.addGlobalData("site", async () => {
      const { model } = await input();
      return { ...model, preview: Boolean(opts.preview) };
    });
    for (const [name, filter] of Object.entries(filters)) cfg.addNunjucksFilter(name, filter);
    cfg.addPassthroughCopy({ [path.join(opts.templatesDir, "assets")]: "assets" });
    for (const dir of opts.watch ?? []) cfg.addWatchTarget(dir);
    cfg.setQuietMode(true);
    // Quiet mode does not reach the benchmark group Eleventy makes before it reads this config:
    // under load it printed "[11ty] Benchmark … Nunjucks Filter" on stderr, which a build must not.
    cfg.benchmarks.config.setIsVerbose(false);
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

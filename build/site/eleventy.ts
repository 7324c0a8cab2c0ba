/**
 * Stage "site": Eleventy renders templates/ with the view model. Wiring only: the data
 * comes from the pipeline, the layout from templates/. Every text reaches a template as
 * data or through the `t` filter, and is escaped on the way in (autoescape is on).
 */
import Eleventy from "@11ty/eleventy";
import path from "node:path";
import type { Translator } from "../i18n/translator.ts";
import { NUNJUCKS_OPTIONS, templateFilters } from "./filters.ts";
import { FORMATS } from "../print/formats.ts";
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

function eleventyConfig(opts: RenderOptions) {
  let current: SiteInput | undefined;
  const input = async () => (current = await opts.load());
  const filters = templateFilters((lang) => {
    const tr = current?.translators.get(lang);
    if (!tr) throw new Error(`no translator for "${lang}"`);
    return tr;
  });

  // biome-ignore lint/suspicious/noExplicitAny: Eleventy 3 ships no types for its configuration object
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

/**
 * What a render makes: the web pages (with the editors' page), the print pages Chromium prints,
 * the share cards it shoots. Print and card pages are laid out before printing; the web pages
 * once the PDFs exist, since they list each download with its size.
 */
export type Part = "web" | "print" | "cards";

/** The model with only the given parts' pages (Eleventy renders every template: a part left out has none to render). */
function modelParts(model: SiteModel, parts: Part[]): SiteModel {
  const none = <T extends object>(o: T) => Object.fromEntries(Object.keys(o).map((k) => [k, []])) as unknown as T;
  return {
    ...model,
    pages: parts.includes("web") ? model.pages : none(model.pages),
    print: parts.includes("print") ? model.print : none(Object.fromEntries(Object.keys(FORMATS).map((f) => [f, []])) as unknown as SiteModel["print"]),
    cards: parts.includes("cards") ? model.cards : [],
  };
}

/** Renders the parts of the site input given into outDir. */
export function renderParts(input: SiteInput, parts: Part[], templatesDir: string, outDir: string): Promise<void> {
  return renderSite({ templatesDir, outDir, load: async () => ({ ...input, model: modelParts(input.model, parts) }) });
}

async function renderSite(opts: RenderOptions): Promise<void> {
  const elev = new Eleventy(opts.templatesDir, opts.outDir, { quietMode: true, config: eleventyConfig(opts) });
  await elev.write();
}

/** The live preview, on 127.0.0.1 only: it shows content not reviewed or released yet, which must not be reachable from the network. */
export async function serveSite(opts: RenderOptions, port: number): Promise<void> {
  const elev = new Eleventy(opts.templatesDir, opts.outDir, { runMode: "serve", quietMode: false, config: eleventyConfig({ ...opts, preview: true }) });
  await elev.init();
  await elev.watch();
  await listenOnLoopback(elev);
  await elev.serve(port);
}

/**
 * Eleventy's dev server (@11ty/eleventy-dev-server 2) listens on every interface and takes no
 * host: its instance is made first and its one listen call bound to 127.0.0.1. Should a new
 * Eleventy change that, the preview refuses to start rather than serve the network.
 */
// biome-ignore lint/suspicious/noExplicitAny: Eleventy 3 ships no types for its server
async function listenOnLoopback(elev: any): Promise<void> {
  await elev.eleventyServe?.initServerInstance?.();
  const server = elev.eleventyServe?.server;
  if (typeof server?._serverListen !== "function")
    throw new Error("this Eleventy's dev server cannot be bound to 127.0.0.1 (no _serverListen): the preview is not started; pin @11ty/eleventy to 3.1");
  server._serverListen = function (this: { server: import("node:http").Server }, p: number) {
    this.server.listen({ port: p, host: "127.0.0.1" });
  };
}

/**
 * Renders one partial of templates/ with its parameters, as govuk-frontend tests its
 * components: plain Nunjucks with the site's own options and filters, no Eleventy, no build.
 */
import path from "node:path";
import nunjucks from "nunjucks";
import type { LoadedSite } from "../../build/load.ts";
import { NUNJUCKS_OPTIONS, templateFilters } from "../../build/site/filters.ts";
import { languageView } from "../../build/site/views.ts";
import { PROJECT_ROOT } from "../helpers/sample-campaign.ts";

export interface PartialFixture {
  /** Names the example in test output: "contact, French". */
  name: string;
  lang: string;
  /** The page kind the partial is placed in: print pages mark their texts. */
  kind?: "document" | "print";
  /** A Nunjucks snippet that calls the partial, e.g. {{ blocks.contact(c) }}. */
  call: string;
  params: Record<string, unknown>;
}

export function partialRenderer(site: LoadedSite): (f: PartialFixture) => string {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(path.join(PROJECT_ROOT, "templates", "_includes")), NUNJUCKS_OPTIONS);
  for (const [name, filter] of Object.entries(templateFilters((lang) => site.translators.get(lang)!)))
    env.addFilter(name, filter as (...args: unknown[]) => unknown);
  const imports = '{% import "partials/blocks.njk" as blocks with context %}{% import "partials/print.njk" as printing with context %}';
  return (f) => {
    const lang = languageView(site.campaign.languages.find((l) => l.code === f.lang)!);
    const view = {
      kind: f.kind ?? "document",
      lang,
      url: `/${lang.folder}/`,
      variant: "print",
      format: "leaflet",
      revision: "0123456789ab",
      webUrl: "https://waymark.example/",
      fallback: false,
      draft: false,
    };
    return env.renderString(imports + f.call, { view, site: { ...site.model, preview: false }, ...f.params }).trim();
  };
}

/** The partial's HTML as a whole page in its language, for axe. */
export function asPage(html: string, lang: { code: string; dir: string }, title: string): string {
  return `<!doctype html><html lang="${lang.code}" dir="${lang.dir}"><head><meta charset="utf-8"><title>${title}</title></head><body><main>${html}</main></body></html>`;
}

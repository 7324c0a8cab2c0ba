/**
 * Stages "load", "translations" and "pages": the campaign (an edition applied), its
 * translations checked, and the view model of every page, with what blocks release. Everything
 * the site, the PDFs and the commands that only read (status, review, xliff) need.
 */
import { loadCampaign, type Campaign } from "./content/campaign.ts";
import { applyEdition, editionSources, MAIN_EDITION } from "./content/editions.ts";
import { GlyphCoverage } from "./checks/glyph-coverage.ts";
import { loadTranslations, type Translations } from "./i18n/locales.ts";
import { sourceStrings, type Resources } from "./i18n/source-strings.ts";
import { translationStatus } from "./i18n/status.ts";
import { createTranslators } from "./i18n/translator.ts";
import { qrSvg } from "./print/qr.ts";
import { addressBlockers, releaseBlockers, type ReleaseBlocker } from "./release/state.ts";
import type { SiteInput } from "./site/eleventy.ts";
import { fontFiles } from "./site/fonts.ts";
import { buildSiteModel, modelRelease } from "./site/pages.ts";
import { editorsPage } from "./site/web-pages.ts";

export interface LoadedSite extends SiteInput {
  campaign: Campaign;
  sources: Resources;
  translations: Translations;
  coverage: GlyphCoverage;
  /** Everything that keeps the campaign from release (the release state of every page and PDF). */
  blockers: ReleaseBlocker[];
}

/**
 * Loads and validates the campaign; its view model and release blockers are built when first
 * asked for (commands that only read translations, such as status and xliff, never need them).
 * @param edition a partner edition (content/editions/<id>.yaml); default the campaign's main edition
 */
export async function loadSite(root: string, edition?: string): Promise<LoadedSite> {
  const main = await loadCampaign(root);
  const campaign = edition && edition !== MAIN_EDITION ? await applyEdition(main, edition) : main;
  const sources = editionSources(campaign, sourceStrings(campaign));
  const coverage = new GlyphCoverage(fontFiles(campaign));
  const translations = await loadTranslations(root, campaign.languages, campaign.source, sources, coverage, campaign.edition);
  const translators = createTranslators(campaign.languages, campaign.source, sources, translations.resources);
  let view: Pick<LoadedSite, "model" | "blockers"> | undefined;
  const viewModel = () => {
    if (view) return view;
    const model = buildSiteModel(campaign, translators, translations.status, translations.resources);
    const blockers = [...addressBlockers(campaign.settings.baseUrl, campaign.edition?.id), ...releaseBlockers(modelRelease(model))];
    model.pages.editors.push(editorsPage(campaign, translators, translationStatus(campaign, sources, translations), blockers));
    // The QR codes the print pages and share cards show, by the URL they open.
    for (const url of [...Object.values(model.print).flatMap((pages) => pages.map((p) => p.webUrl)), ...model.cards.map((c) => c.webUrl)])
      model.qr[url] = qrSvg(url);
    view = { model, blockers };
    return view;
  };
  return {
    campaign,
    sources,
    translations,
    translators,
    coverage,
    get model() {
      return viewModel().model;
    },
    get blockers() {
      return viewModel().blockers;
    },
  };
}

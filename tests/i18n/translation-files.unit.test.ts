/**
 * Translation files are checked against the source: a lost or invented placeholder is
 * rejected (the source text is shown instead), an unknown key is reported, and a text its
 * language's fonts cannot draw is refused like any unsafe text.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ContentError } from "../../build/errors.ts";
import { buildCampaign } from "../../build/pipeline.ts";
import { loadSite } from "../../build/load.ts";
import { type Overlay, buildTimeout, inLanguages, sampleCampaigns, sampleFile, smallSample, loadTimeout } from "../helpers/sample-campaign.ts";

// The languages the files below edit: sixteen would load four times slower.
const sample = sampleCampaigns(() => inLanguages(["en", "nl", "fr"]));
const campaignWith = (overlay: Overlay) => sample(overlay);
// biome-ignore lint/suspicious/noExplicitAny: a test edits any key of a locale file, however deep
async function editedLocale(rel: string, edit: (tree: any) => void): Promise<string> {
  const tree = JSON.parse(await sampleFile(rel));
  edit(tree);
  return JSON.stringify(tree, null, 2);
}

describe("translation files", { timeout: loadTimeout(1) }, () => {
  it("reject a translation that drops a placeholder, and show the source text instead", async () => {
    const brochure = await editedLocale("locales/nl/brochure.json", (t) => {
      t.sections.help.blocks.emergency.text = "Bel bij nood {{emergency}}. Bel de politie.";
    });
    const root = await campaignWith({ "locales/nl/brochure.json": brochure });
    const { translations, translators } = await loadSite(root);
    expect(translations.rejected).toEqual([
      expect.objectContaining({ file: "locales/nl/brochure.json", field: "sections.help.blocks.emergency.text", message: "placeholder {{police}} is missing" }),
    ]);
    const shown = translators.get("nl")!.t("brochure:sections.help.blocks.emergency.text", { emergency: "112", police: "101" });
    expect(shown).toMatchObject({ lang: "en", fallback: true, text: "In an emergency, call 112. To reach the police, call 101." });
  });

  it("reject a placeholder the source does not have", async () => {
    const ui = await editedLocale("locales/fr/ui.json", (t) => {
      t.nav.home = "Accueil {{hotline}}";
    });
    const { translations } = await loadSite(await campaignWith({ "locales/fr/ui.json": ui }));
    expect(translations.rejected).toEqual([expect.objectContaining({ field: "nav.home", message: "placeholder {{hotline}} is not in the source" })]);
  });

  it("report a key the source no longer has, without failing", async () => {
    const ui = await editedLocale("locales/nl/ui.json", (t) => {
      t.nav.removedLabel = "Verwijderd";
    });
    const { translations } = await loadSite(await campaignWith({ "locales/nl/ui.json": ui }));
    expect(translations.warnings).toEqual([expect.objectContaining({ file: "locales/nl/ui.json", field: "nav.removedLabel" })]);
  });

  it(
    "refuse a text its language's fonts cannot draw; the build goes on, showing the source text there",
    async () => {
      const ui = await editedLocale("locales/ti/ui.json", (t) => {
        t.nav.home = "ቀንዲ ገጽ 目";
      });
      const root = await campaignWith({ "locales/ti/ui.json": ui, ...(await smallSample(["en", "ti"], ["leaflet"])) });
      const result = await buildCampaign({ root, pdf: false });
      expect(result.rejected).toEqual([
        expect.objectContaining({
          file: "locales/ti/ui.json",
          field: "nav.home",
          message: expect.stringMatching(/^has 1 character\(s\) that Tigrinya's fonts \(noto-sans-ethiopic, noto-sans\) cannot draw: U\+76EE "目"/),
        }),
      ]);
      const home = await readFile(path.join(root, "dist", "site", "ti", "index.html"), "utf8");
      expect(home).toContain('<span lang="en" dir="ltr" data-fallback="">Home</span>');
      expect(home).toContain("notice-fallback");
    },
    buildTimeout({ builds: 1 }),
  );

  it("stop the build on a source text that no font of the source language draws: the content is ours to fix", async () => {
    const ui = (await sampleFile("content/ui.yaml")).replace("  home: Home\n", "  home: Home 目\n");
    const build = buildCampaign({ root: await campaignWith({ "content/ui.yaml": ui }), pdf: false });
    await expect(build).rejects.toBeInstanceOf(ContentError);
    await expect(build).rejects.toThrow(/content\/ui\.yaml: text ui:nav\.home: 1 character\(s\) have no glyph in English's fonts \(noto-sans\): U\+76EE "目"/);
  });
});

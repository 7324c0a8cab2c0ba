/** The source texts as i18next JSON v4, the base files of Weblate's components. */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeSourceJson } from "../../build/i18n/source-json.ts";
import { flatten } from "../../build/i18n/source-strings.ts";
import { loadSite } from "../../build/load.ts";
import { loadTimeout, sampleCampaigns, smallSample } from "../helpers/sample-campaign.ts";

const copy = sampleCampaigns();

describe("source JSON", { timeout: loadTimeout(3) }, () => {
  it("writes every translatable namespace as nested i18next JSON, which the build does not read as a translation", async () => {
    const root = await copy(await smallSample(["en", "nl"], ["leaflet"]));
    const before = await loadSite(root);
    const files = await writeSourceJson(before.campaign, before.sources);
    expect(files.map((f) => path.relative(root, f))).toContain("locales/en/leaflet.json");
    expect(files.map((f) => path.basename(f))).not.toContain("editors.json"); // the editors' page is English only
    const leaflet = JSON.parse(await readFile(path.join(root, "locales", "en", "leaflet.json"), "utf8"));
    expect(flatten(leaflet)).toEqual(flatten(before.sources.leaflet!));
    const ui = JSON.parse(await readFile(path.join(root, "locales", "en", "ui.json"), "utf8"));
    expect(Object.keys(ui.home)).toEqual(expect.arrayContaining(["storyCount_one", "storyCount_other"])); // plural forms as i18next v4 names them
    const after = await loadSite(root);
    expect(after.translations.status).toEqual(before.translations.status);
    expect(after.translations.warnings).toEqual(before.translations.warnings);
  });

  it("writes only an edition's own texts for the edition, into its folder", async () => {
    const root = await copy();
    const site = await loadSite(root, "horn-of-africa");
    const files = await writeSourceJson(site.campaign, site.sources);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(path.relative(root, f)).toMatch(/^locales\/en\/editions\/horn-of-africa\/[\w-]+\.json$/);
    for (const f of files) {
      const ns = path.basename(f, ".json");
      for (const key of flatten(JSON.parse(await readFile(f, "utf8"))).keys())
        expect(site.campaign.edition!.overridden.has(`${ns}:${key}`) || ns === "edition" || ns === "contacts", `${ns}:${key}`).toBe(true);
    }
  });
});

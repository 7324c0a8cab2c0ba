/**
 * The translation workflow on copies of the sample campaign: stale detection after a source
 * edit, hostile translations rejected with their reason, and plural forms by CLDR rule.
 */
import { readFileSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadSite } from "../../build/load.ts";
import { documentLanguages } from "../../build/content/campaign.ts";
import { setPath } from "../../build/i18n/locales.ts";
import { recordReview } from "../../build/i18n/review.ts";
import { readReview } from "../../build/i18n/review-state.ts";
import { flatten } from "../../build/i18n/source-strings.ts";
import { translationStatus } from "../../build/i18n/status.ts";
import { sampleCampaigns, sampleFile, type Overlay, loadTimeout, inLanguages } from "../helpers/sample-campaign.ts";

const here = import.meta.dirname;
// Four languages, among them Arabic for its plural forms: each copy is loaded, and sixteen load four times slower.
const copy = sampleCampaigns(() => inLanguages(["en", "nl", "fr", "ar"]));
async function site(overlay: Overlay = {}) {
  const root = await copy(overlay);
  return { root, ...(await loadSite(root)) };
}
const KEY = "brochure:sections.the-road.blocks.transit.text";

describe("a source edit", { timeout: loadTimeout(3) }, () => {
  it("makes exactly that key stale, in every language, and shows the source text there", async () => {
    const before = await site();
    const brochure = (await sampleFile("content/documents/brochure.yaml")).replace(
      "Belgium is a country of transit and of destination.",
      "Belgium is a country of transit, and of destination.",
    );
    const after = await site({ "content/documents/brochure.yaml": brochure });

    // Every language the brochure is made in (German serves professionals only: no brochure).
    const translated = documentLanguages(before.campaign, before.campaign.documents.find((d) => d.id === "brochure")!)
      .filter((l) => l !== before.campaign.source)
      .map((l) => l.code);
    for (const lang of translated) {
      const was = before.translations.status[lang]!;
      const now = after.translations.status[lang]!;
      const changed = [...now].filter(([id, st]) => JSON.stringify(was.get(id)) !== JSON.stringify(st)).map(([id, st]) => [id, st.kind]);
      expect(changed, lang).toEqual([[KEY, "stale"]]);
      expect(after.translators.get(lang)!.t(KEY)).toMatchObject({
        lang: "en",
        fallback: true,
        text: expect.stringMatching(/^Belgium is a country of transit, and/),
      });
    }
    expect(
      translationStatus(after.campaign, after.sources, after.translations)
        .filter((r) => r.stale)
        .map((r) => [r.lang, r.document, r.stale]),
    ).toEqual(translated.map((l) => [l, "brochure", 1]));
  });

  it("stops being stale once a reviewer records the translation against the new source", async () => {
    const brochure = (await sampleFile("content/documents/brochure.yaml")).replace(
      "Belgium is a country of transit and of destination.",
      "Belgium is a country of transit, and of destination.",
    );
    const edited = await site({ "content/documents/brochure.yaml": brochure });
    const n = await recordReview(edited.campaign, edited.sources, edited.translations, {
      lang: "nl",
      document: "brochure",
      key: "sections.the-road.blocks.transit.text",
      state: "reviewed",
    });
    expect(n).toBe(1);
    const reloaded = await loadSite(edited.root);
    expect(reloaded.translations.status.nl!.get(KEY)).toMatchObject({ kind: "translated", state: "reviewed" });
    expect(reloaded.translations.status.fr!.get(KEY)?.kind).toBe("stale");
  });
});

describe("a review", { timeout: loadTimeout(3) }, () => {
  it("holds for the text that was reviewed: edited afterwards (in Weblate, say), the text is a draft again", async () => {
    const approved = await site();
    await recordReview(approved.campaign, approved.sources, approved.translations, { lang: "fr", document: "leaflet", state: "approved" });
    const reloaded = await loadSite(approved.root);
    expect(reloaded.translations.status.fr!.get("leaflet:title")).toMatchObject({ kind: "translated", state: "approved" });

    const leaflet = JSON.parse(await readFile(path.join(approved.root, "locales", "fr", "leaflet.json"), "utf8"));
    leaflet.title = "Avant de payer qui que ce soit";
    await writeFile(path.join(approved.root, "locales", "fr", "leaflet.json"), JSON.stringify(leaflet));
    const edited = await loadSite(approved.root);
    expect(edited.translations.status.fr!.get("leaflet:title")).toMatchObject({ kind: "translated", state: "draft" });
    expect(edited.translations.status.fr!.get("leaflet:subtitle")).toMatchObject({ kind: "translated", state: "approved" });
  });

  it("keeps who approved each text and when; the same decision again keeps the first reviewer", async () => {
    const s = await site();
    const at = new Date("2026-12-01T09:30:00.123Z");
    await recordReview(s.campaign, s.sources, s.translations, { lang: "fr", document: "leaflet", state: "approved", by: "Awet", at });
    const book = () => readReview(s.root, "fr").then((r) => ("records" in r ? r.records : {}));
    expect((await book())["leaflet:title"]).toMatchObject({ state: "approved", by: "Awet", at: "2026-12-01T09:30:00Z" });
    const again = await loadSite(s.root);
    expect(
      await recordReview(again.campaign, again.sources, again.translations, {
        lang: "fr",
        key: "title",
        document: "leaflet",
        state: "approved",
        by: "Someone else",
      }),
    ).toBe(0);
    expect((await book())["leaflet:title"]).toMatchObject({ by: "Awet" });
    // A file from before reviewers were named still loads; a malformed time is refused with its key.
    const file = path.join(s.root, "locales", "fr", "_review.json");
    const records = JSON.parse(await readFile(file, "utf8"));
    records["leaflet:title"].at = "yesterday";
    await writeFile(file, JSON.stringify(records));
    expect(await readReview(s.root, "fr")).toEqual({ error: expect.stringMatching(/^"leaflet:title": "by" must be a name and "at" an ISO date and time/) });
  });
});

describe("hostile and broken translations", { timeout: loadTimeout(2) }, () => {
  // Every case at once, each in its own interface label, in one copy of the campaign.
  const cases = Object.entries(JSON.parse(readFileSync(path.join(here, "fixtures", "hostile-translations.json"), "utf8")) as Record<string, [string, string]>);
  const LABELS = [
    "nav.skip",
    "nav.home",
    "nav.brochure",
    "nav.leaflet",
    "nav.poster",
    "nav.fiche",
    "nav.stories",
    "nav.glossary",
    "nav.languages",
    "nav.main",
    "chooser.heading",
    "chooser.intro",
    "home.readBrochure",
    "home.storiesHeading",
    "brochure.contents",
  ];
  let loaded: Awaited<ReturnType<typeof site>>;
  let english: Map<string, string>;
  beforeAll(async () => {
    expect(cases.length).toBeLessThanOrEqual(LABELS.length);
    const ui = JSON.parse(await sampleFile("locales/nl/ui.json"));
    cases.forEach(([, [hostile]], i) => setPath(ui, LABELS[i]!, hostile));
    loaded = await site({ "locales/nl/ui.json": JSON.stringify(ui) });
    english = flatten(loaded.sources.ui!);
  }, loadTimeout(1));

  it.each(cases.map(([name, [, reason]], i) => [name, LABELS[i]!, reason] as const))(
    "rejects %s (in %s), with its reason, and shows the source text",
    (_name, label, reason) => {
      const { translations, translators, blockers } = loaded;
      expect(translations.rejected.filter((p) => p.field === label)).toEqual([
        { file: "locales/nl/ui.json", field: label, message: reason, hint: expect.any(String) },
      ]);
      expect(translators.get("nl")!.t(`ui:${label}`)).toMatchObject({ text: english.get(label), lang: "en", fallback: true });
      // Shown in English, marked, and release blocked.
      expect(blockers).toContainEqual({ lang: "nl", document: "ui", key: label, reason: `rejected: ${reason}` });
    },
  );

  it("refuses nothing else, and marks only the language that has them", () => {
    expect(loaded.translations.rejected.length).toBe(cases.length);
    expect(loaded.model.pages.home.find((p) => p.lang.code === "nl")!.fallback).toBe(true);
    expect(loaded.model.pages.home.find((p) => p.lang.code === "fr")!.fallback).toBe(false);
  });

  it("counts an empty or invisible translation as missing, not as a text", async () => {
    const ui = JSON.parse(await sampleFile("locales/nl/ui.json"));
    ui.nav.home = " \u200B\u00A0\t ";
    const { translations, translators, blockers } = await site({ "locales/nl/ui.json": JSON.stringify(ui) });
    expect(translations.status.nl!.get("ui:nav.home")).toEqual({ kind: "missing" });
    expect(translations.rejected).toEqual([]);
    expect(translators.get("nl")!.t("ui:nav.home")).toMatchObject({ text: "Home", lang: "en", fallback: true });
    expect(blockers).toContainEqual({ lang: "nl", document: "ui", key: "nav.home", reason: "missing" });
  });

  it("refuses a file that is not UTF-8, whole, and shows the source texts", async () => {
    const { translations, translators } = await site({ "locales/fr/ui.json": await readFile(path.join(here, "fixtures", "latin1-ui.json")) });
    expect(translations.rejected).toEqual([expect.objectContaining({ file: "locales/fr/ui.json", message: expect.stringMatching(/^not UTF-8/) })]);
    expect(translators.get("fr")!.t("ui:nav.glossary").lang).toBe("en");
  });
});

describe("plurals", { timeout: loadTimeout(2) }, () => {
  it("follow Arabic's six CLDR forms", async () => {
    const { translators, translations } = await site();
    const ar = translators.get("ar")!;
    const ui = JSON.parse(await sampleFile("locales/ar/ui.json")).home;
    const forms = { 0: "zero", 1: "one", 2: "two", 3: "few", 11: "many", 100: "other" } as const;
    for (const [count, form] of Object.entries(forms)) {
      const expected = (ui[`storyCount_${form}`] as string).replace("{{count}}", count);
      expect(ar.t("ui:home.storyCount", { count: Number(count) }), `${count} → ${form}`).toMatchObject({ text: expected, lang: "ar", fallback: false });
    }
    // The six forms are six texts to translate in Arabic, two in Dutch.
    expect([...translations.status.ar!.keys()].filter((k) => k.startsWith("ui:home.storyCount_")).length).toBe(6);
    expect([...translations.status.nl!.keys()].filter((k) => k.startsWith("ui:home.storyCount_")).length).toBe(2);
  });

  it("count a missing Arabic form as missing, and fall back for that count only", async () => {
    const ui = JSON.parse(await sampleFile("locales/ar/ui.json"));
    delete ui.home.storyCount_few;
    const { translators, translations } = await site({ "locales/ar/ui.json": JSON.stringify(ui) });
    expect(translations.status.ar!.get("ui:home.storyCount_few")).toEqual({ kind: "missing" });
    expect(translators.get("ar")!.t("ui:home.storyCount", { count: 3 })).toMatchObject({ text: "3 real cases", lang: "en" });
    expect(translators.get("ar")!.t("ui:home.storyCount", { count: 2 }).lang).toBe("ar");
  });
});

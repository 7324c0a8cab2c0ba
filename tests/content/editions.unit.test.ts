/**
 * An edition file is checked like the rest of the content (file, line, what to do), and what
 * it lays over the campaign (its texts, its translations) stays inside that edition.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { editionIds } from "../../build/content/editions.ts";
import { recordReview } from "../../build/i18n/review.ts";
import { exportXliff, importXliff } from "../../build/i18n/xliff.ts";
import { ContentError, type Problem } from "../../build/errors.ts";
import { loadSite } from "../../build/load.ts";
import { loadTimeout, PROJECT_ROOT, sampleCampaigns, smallSample } from "../helpers/sample-campaign.ts";

const copy = sampleCampaigns();

/** A small edition of the trimmed sample (en, nl; the leaflet, which tells albanian-network, and the brochure, told with that story only). */
function edition(lines: string[] = []): string {
  return [
    "id: test",
    "audience: diaspora",
    "country: BE",
    "languages: [nl]",
    "documents: [leaflet]",
    "stories: [albanian-network]",
    "colophon: Published for a test.",
    "publishedAt: /editions/test/",
    ...lines,
  ].join("\n");
}

async function problemsOf(text: string, files: Record<string, string> = {}): Promise<Problem[]> {
  const root = await copy({
    ...(await smallSample(["en", "nl"], ["leaflet", "brochure"], { stories: ["albanian-network"] })),
    "content/editions/test.yaml": text,
    ...files,
  });
  const error = await loadSite(root, "test").then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ContentError);
  return (error as ContentError).problems;
}

describe("an edition file", { timeout: loadTimeout(1) }, () => {
  it("names a language the campaign does not have, at its line", async () => {
    const problems = await problemsOf(edition().replace("languages: [nl]", "languages: [nl, ti]"));
    expect(problems).toEqual([
      expect.objectContaining({
        file: "content/editions/test.yaml",
        line: 4,
        field: "languages.1",
        message: expect.stringMatching(/^"ti" is not one of the campaign's languages \(en, nl\)/),
      }),
    ]);
  });

  it("refuses a document, story or contact the campaign does not have, and a placement that does not exist", async () => {
    const problems = await problemsOf(
      edition([
        "contacts:",
        "  campaign: [pag-asa, nobody]",
        "  local:",
        "    - id: line",
        "      type: hotline",
        "      name: A line",
        "      description: A line of the edition.",
        "      unverified: { lead: a test }",
        "      showIn: [leaflet/nowhere]",
      ])
        .replace("documents: [leaflet]", "documents: [leaflet, brochure, booklet]")
        .replace("stories: [albanian-network]", "stories: [albanian-network, made-up]"),
    );
    expect(problems.map((p) => [p.line, p.field, p.message])).toEqual([
      [5, "documents.2", 'unknown document "booklet"'],
      [6, "stories.1", 'unknown story "made-up"'],
      [10, "contacts.campaign.1", 'unknown contact "nobody"'],
      [17, "contacts.local.0.showIn.0", '"leaflet" has no contacts block "nowhere"'],
      // The brochure dials 112 and 101: leaving them out leaves its text without a number.
      [
        10,
        "contacts.campaign",
        expect.stringMatching(/^leaves out "emergency-112", whose phone number brochure's block "emergency" shows as \{\{emergency\}\}/),
      ],
      [10, "contacts.campaign", expect.stringMatching(/^leaves out "police-101"/)],
      // The leaflet's help strip shows 112: leaving out every emergency contact leaves it without a number.
      [10, "contacts.campaign", "leaves no emergency number for the help strip on leaflet, its story cards and posters"],
    ]);
  });

  it("says which editions exist when asked for one that does not", async () => {
    const root = await copy(await smallSample(["en"], ["leaflet"]));
    await expect(loadSite(root, "nope")).rejects.toThrow(
      /content\/editions\/nope\.yaml: no edition "nope"[\s\S]*editions: belgium-communities, brazil, horn-of-africa \(or main\)/,
    );
  });

  it("refuses a partner that is neither confirmed nor a placeholder, and a logo that is not there", async () => {
    const problems = await problemsOf(edition(["partners:", "  - id: p", "    name: A partner", "    role: Partner", "    logo: missing.png"]));
    expect(problems).toEqual([
      expect.objectContaining({ line: 10, field: "partners.0", message: "must be either confirmed (on, by) or a placeholder (lead: where it came from)" }),
    ]);
    const again = await problemsOf(
      edition(["partners:", "  - id: p", "    name: A partner", "    role: Partner", "    logo: missing.png", "    placeholder: { lead: a test }"]),
    );
    expect(again).toEqual([expect.objectContaining({ line: 13, field: "partners.0.logo", message: "logo file content/editions/logos/missing.png not found" })]);
  });
});

describe("what an edition lays over the campaign", { timeout: loadTimeout(2) }, () => {
  it("rewords a campaign text in that edition only, where the campaign's translation no longer applies but its own does", async () => {
    const root = await copy({
      ...(await smallSample(["en", "nl", "fr"], ["leaflet"])),
      "content/editions/test.yaml": edition(["text:", "  ui:", "    print:", "      help: Where to ask for help"]).replace(
        "languages: [nl]",
        "languages: [nl, fr]",
      ),
      "locales/nl/editions/test/ui.json": JSON.stringify({ print: { help: "Waar u hulp kunt vragen" } }),
    });
    const main = await loadSite(root);
    const ed = await loadSite(root, "test");
    const help = (site: typeof main, lang: string) => site.translators.get(lang)!.t("ui:print.help");
    expect(help(main, "nl").text).toBe("Waar u hulp vindt in België");
    expect(help(ed, "nl")).toMatchObject({ text: "Waar u hulp kunt vragen", fallback: false });
    // French has no wording of its own for this edition: the edition's English, marked as such.
    expect(help(ed, "fr")).toMatchObject({ text: "Where to ask for help", fallback: true });
    expect(help(main, "fr").fallback).toBe(false);
    expect(ed.campaign.settings.baseUrl).toBe("https://waymark.example/editions/test/");
  });

  it("refuses to reword a text the campaign does not have", async () => {
    const problems = await problemsOf(edition(["text:", "  ui:", "    print:", "      helpp: Where to ask"]));
    expect(problems).toEqual([
      expect.objectContaining({ line: 12, field: "text.ui.print.helpp", message: 'the campaign has no text "ui:print.helpp" to word otherwise' }),
    ]);
  });
});

describe("the real editions", () => {
  it.each(["belgium-communities", "brazil", "horn-of-africa"])(
    "%s loads from content/editions/, with its own translations and nothing refused",
    async (id) => {
      const { campaign, translations } = await loadSite(PROJECT_ROOT, id);
      expect(campaign.edition?.id).toBe(id);
      expect(translations.rejected).toEqual([]);
      for (const l of campaign.languages.filter((x) => x.code !== campaign.source.code))
        expect(translations.status[l.code]!.get("edition:colophon")?.kind, `${id} ${l.code}`).toBe("translated");
    },
    loadTimeout(1),
  );

  it("lists every edition in content/editions/ here", async () => {
    expect((await editionIds(PROJECT_ROOT)).sort()).toEqual(["belgium-communities", "brazil", "horn-of-africa"]);
  });
});

describe("an edition's own translations", () => {
  it(
    "go through XLIFF into the edition's folder, and are approved by a review of the edition, its files only",
    async () => {
      const root = await copy();
      const site = await loadSite(root, "horn-of-africa");
      const colophon = site.translations.status.ti!.get("edition:colophon");
      expect(colophon?.kind).toBe("translated");
      // A reviewer corrects the colophon in a CAT tool and marks it final.
      const xml = exportXliff(site.campaign, site.sources, site.translations, "ti").replace(
        /(<unit id="colophon"[^>]*>[\s\S]*?<segment) state="[a-z]+"([\s\S]*?<target>)[^<]*(<\/target>)/,
        '$1 state="final"$2ብቤት ጽሕፈት ኢሚግሬሽን ቤልጅዩም ዝተሓትመ።$3',
      );
      const report = await importXliff(site.campaign, site.sources, site.translations, Buffer.from(xml), "ti.xlf", site.coverage, { by: "Reviewer" });
      expect({ rejected: report.rejected, changed: report.changed }).toEqual({ rejected: [], changed: ["edition:colophon"] });
      const own = JSON.parse(await readFile(path.join(root, "locales", "ti", "editions", "horn-of-africa", "edition.json"), "utf8"));
      expect(own.colophon).toBe("ብቤት ጽሕፈት ኢሚግሬሽን ቤልጅዩም ዝተሓትመ።");
      expect(JSON.parse(await readFile(path.join(root, "locales", "ti", "editions", "horn-of-africa", "_review.json"), "utf8"))["edition:colophon"].state).toBe(
        "approved",
      );
      expect(JSON.parse(await readFile(path.join(root, "locales", "ti", "_review.json"), "utf8"))["edition:colophon"]).toBeUndefined();

      // Then every Tigrinya text of the edition is approved by command, its own in its own file.
      const reloaded = await loadSite(root, "horn-of-africa");
      await recordReview(reloaded.campaign, reloaded.sources, reloaded.translations, { lang: "ti", state: "approved" });
      const after = await loadSite(root, "horn-of-africa");
      const states = [...after.translations.status.ti!]
        .filter(([id]) => id.startsWith("edition:"))
        .map(([, st]) => (st.kind === "translated" ? st.state : st.kind));
      expect(new Set(states)).toEqual(new Set(["approved"]));
      expect(after.blockers.filter((b) => b.lang === "ti" && b.key.startsWith("edition:"))).toEqual([]);
    },
    loadTimeout(4),
  );
});

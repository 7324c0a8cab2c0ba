/**
 * Bad content fails the build with the file, the line where known, the field and what is
 * expected; and a failed build leaves the previous output untouched.
 */
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadCampaign } from "../../build/content/campaign.ts";
import { ContentError, type Problem } from "../../build/errors.ts";
import { buildCampaign } from "../../build/pipeline.ts";
import { loadSite } from "../../build/load.ts";
import { fixture, sampleCampaigns, sampleFile, type Overlay, loadTimeout, inLanguages } from "../helpers/sample-campaign.ts";

const here = import.meta.dirname;
// Three languages: each copy is loaded, and sixteen load three times slower.
const copy = sampleCampaigns(() => inLanguages(["en", "nl", "ar"]));

async function problemsOf(overlay: Overlay, load: (root: string) => Promise<unknown> = loadCampaign): Promise<Problem[]> {
  const root = await copy(overlay);
  try {
    await load(root);
  } catch (e) {
    expect(e).toBeInstanceOf(ContentError);
    return (e as ContentError).problems;
  }
  throw new Error("expected the content to be refused");
}

describe("content that does not match its schema", { timeout: loadTimeout(1) }, () => {
  it("reports malformed YAML with its file and line", async () => {
    const [p, ...rest] = await problemsOf({ "content/campaign.yaml": await fixture(here, "malformed-campaign.yaml") });
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ file: "content/campaign.yaml", message: expect.stringMatching(/^not valid YAML/) });
    expect(p!.line).toBeGreaterThanOrEqual(5);
  });

  it("refuses a story without its consent basis, naming the field", async () => {
    const problems = await problemsOf({ "content/stories/zeebrugge-2000.yaml": await fixture(here, "story-without-consent.yaml") });
    expect(problems).toContainEqual(
      expect.objectContaining({ file: "content/stories/zeebrugge-2000.yaml", field: "consent", message: expect.stringMatching(/expected object/) }),
    );
  });

  it("refuses a story whose informed consent has expired, at the line of its expiry", async () => {
    const story = (await sampleFile("content/stories/austria-2015.yaml")).replace(
      /^consent:\n( {2}.*\n)+/m,
      "consent:\n  basis: informed-consent\n  note: Told with the consent of the person who made the journey.\n  date: 2024-03-01\n  scope: the kit's brochure and posters\n  expires: 2026-03-01\n  by: the person's own pseudonym\n  record: office file 2024/17\n",
    );
    const line = story.split("\n").findIndex((l) => l.startsWith("  expires:")) + 1;
    expect(await problemsOf({ "content/stories/austria-2015.yaml": story })).toEqual([
      expect.objectContaining({
        file: "content/stories/austria-2015.yaml",
        line,
        field: "consent.expires",
        message: "the consent to tell this story expired on 2026-03-01 (the campaign is dated 2026-11-27)",
      }),
    ]);
    // The same consent, still running on the campaign's date, is accepted.
    await loadCampaign(await copy({ "content/stories/austria-2015.yaml": story.replace("expires: 2026-03-01", "expires: 2027-03-01") }));
  });

  it("refuses a photo in a story that involves children, and a missing children tag", async () => {
    const problems = await problemsOf({ "content/stories/albanian-network.yaml": await fixture(here, "story-minors-with-photo.yaml") });
    expect(problems).toContainEqual(expect.objectContaining({ field: "anonymisation.photo", line: 16, message: expect.stringMatching(/photo: none/) }));
    expect(problems).toContainEqual(expect.objectContaining({ field: "sensitivity", message: expect.stringMatching(/"children"/) }));
  });

  it("refuses a badly written phone number and a contact neither verified nor marked unverified", async () => {
    const problems = await problemsOf({ "content/contacts.yaml": await fixture(here, "contact-bad-phone.yaml") });
    expect(problems).toContainEqual(
      expect.objectContaining({ file: "content/contacts.yaml", field: "0.phone", line: 5, message: expect.stringMatching(/phone number/) }),
    );
    expect(problems).toContainEqual(expect.objectContaining({ field: "1", message: expect.stringMatching(/verified .* or unverified/) }));
  });

  it("refuses an unknown writing direction in the language registry", async () => {
    const registry = (await sampleFile("content/languages.yaml")).replace("dir: rtl", "dir: right-to-left");
    const problems = await problemsOf({ "content/languages.yaml": registry });
    expect(problems).toEqual([expect.objectContaining({ file: "content/languages.yaml", field: "4.dir", message: expect.stringMatching(/"ltr"\|"rtl"/) })]);
  });

  it("refuses a language the registry does not know, saying where to add it", async () => {
    const campaign = (await sampleFile("content/campaign.yaml")).replace(/^languages: \[(.*)\]$/m, "languages: [$1, kmr]");
    const problems = await problemsOf({ "content/campaign.yaml": campaign });
    expect(problems).toEqual([
      expect.objectContaining({ field: "languages.16", line: 8, message: 'unknown language "kmr"', hint: expect.stringMatching(/languages\.yaml/) }),
    ]);
  });

  it("refuses a duplicate block id, since the id names the block's translations", async () => {
    const brochure = (await sampleFile("content/documents/brochure.yaml")).replace("id: purpose", "id: intro");
    const line = brochure.split("\n").findIndex((l, i, all) => l.includes("id: intro") && all.slice(0, i).some((x) => x.includes("id: intro"))) + 1;
    const problems = await problemsOf({ "content/documents/brochure.yaml": brochure });
    expect(problems).toEqual([expect.objectContaining({ field: "sections.0.blocks.1.id", line, message: expect.stringMatching(/duplicate id "intro"/) })]);
  });

  it("refuses a reference to a story that does not exist, listing those that do", async () => {
    const brochure = (await sampleFile("content/documents/brochure.yaml")).replace("story: austria-2015", "story: austria-2051");
    const problems = await problemsOf({ "content/documents/brochure.yaml": brochure });
    expect(problems).toEqual([
      expect.objectContaining({ field: "sections.2.blocks.2.story", message: 'unknown story "austria-2051"', hint: expect.stringMatching(/austria-2015/) }),
    ]);
  });

  it("refuses a field that is not in the schema (a typo must not be ignored)", async () => {
    const story = (await sampleFile("content/stories/austria-2015.yaml")).replace("minors: not-stated", "minor: not-stated");
    const problems = await problemsOf({ "content/stories/austria-2015.yaml": story });
    expect(problems.map((p) => p.message).join("\n")).toMatch(/minor/);
    expect(problems).toContainEqual(expect.objectContaining({ field: "minors" }));
  });

  it("refuses a translation file that is not JSON, whole, with its file and line; its texts fall back", async () => {
    const root = await copy({ "locales/nl/campaign.json": await fixture(here, "not-json.json") });
    const { translations, translators } = await loadSite(root);
    expect(translations.rejected).toEqual([
      expect.objectContaining({ file: "locales/nl/campaign.json", line: 4, message: expect.stringMatching(/^not valid JSON, the whole file is refused/) }),
    ]);
    expect(translators.get("nl")!.t("campaign:title")).toMatchObject({ lang: "en", fallback: true });
  });
});

describe("a failed build", { timeout: loadTimeout(1) }, () => {
  it("leaves the previous output untouched and no staging folder behind", async () => {
    const root = await copy({ "content/campaign.yaml": await fixture(here, "malformed-campaign.yaml") });
    const out = path.join(root, "dist");
    await mkdir(path.join(out, "site"), { recursive: true });
    await writeFile(path.join(out, "site", "index.html"), "previous build");
    await expect(buildCampaign({ root, outDir: out, pdf: false })).rejects.toThrow(/campaign\.yaml:\d+/);
    expect(await readFile(path.join(out, "site", "index.html"), "utf8")).toBe("previous build");
    expect(await readdir(out)).toEqual(["site"]);
  });
});

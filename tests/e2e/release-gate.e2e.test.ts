/**
 * `waymark build --release` refuses anything missing, stale, unapproved, unverified or
 * unsigned, lists every blocker and leaves dist/ as it was; a campaign with nothing left to
 * review builds with no draft banner and no watermark.
 */
import { loadCampaign } from "../../build/content/campaign.ts";
import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ReleaseBlockedError } from "../../build/errors.ts";
import { recordReview } from "../../build/i18n/review.ts";
import { translationStatus } from "../../build/i18n/status.ts";
import { inspectPdf } from "../../build/pdf/inspect.ts";
import { buildCampaign } from "../../build/pipeline.ts";
import { loadSite } from "../../build/load.ts";
import { buildTimeout, inLanguages, sampleCampaigns, sampleFile, smallSample, verifiedAndSignedOff } from "../helpers/sample-campaign.ts";
import { testChromium } from "../helpers/test-chromium.ts";
import { waymark as cli } from "../helpers/cli.ts";

// Every document in five languages (both directions, six plural forms in Arabic, the
// professionals' documents in English, Dutch and French): what the gate and the status table do for one language they do for all.
const copy = sampleCampaigns(() => inLanguages(["en", "nl", "fr", "ar", "ti"]));

/** Runs the CLI on a campaign copy, from inside it. */
const waymark = (root: string, ...args: string[]) => cli([...args, "--root", root], { cwd: root });

describe("waymark status", () => {
  it(
    "prints a table per language and document, and writes the JSON report",
    async () => {
      const root = await copy();
      const { code, stdout } = await waymark(root, "status");
      expect(code).toBe(0);
      expect(stdout).toMatch(/^language\s+document\s+total\s+translated\s+missing\s+stale\s+rejected\s+draft\s+reviewed\s+approved$/m);
      // Every language of the registry but the source has its rows, every text translated (as a draft).
      const { languages, source } = await loadCampaign(root);
      for (const l of languages.filter((x) => x !== source)) expect(stdout, l.code).toMatch(new RegExp(`^${l.code}\\s+ui\\s+(\\d+)\\s+\\1\\s+0\\s`, "m"));
      const report = JSON.parse(await readFile(path.join(root, "dist", "reports", "translation-status.json"), "utf8"));
      expect(report.rows).toContainEqual(expect.objectContaining({ lang: "fr", document: "fiche", missing: 0 }));
      // The table says what the report says; Arabic's six plural forms count, Dutch has two.
      const ui = (lang: string) => report.rows.find((r: { lang: string; document: string }) => r.lang === lang && r.document === "ui") as { total: number };
      expect(stdout).toMatch(new RegExp(`^ar\\s+ui\\s+${ui("ar").total}\\s+${ui("ar").total}\\s+0\\s+0\\s+0\\s+${ui("ar").total}\\s+0\\s+0$`, "m"));
      expect(ui("ar").total).toBeGreaterThan(ui("nl").total);
      expect(report.rows.some((r: { lang: string; document: string }) => r.lang === "ar" && r.document === "fiche")).toBe(false); // not made in Arabic
    },
    buildTimeout({ builds: 2 }),
  );
});

describe("a release build", () => {
  it(
    "refuses the sample campaign, listing every blocker, and leaves dist/ untouched",
    async () => {
      const root = await copy();
      await mkdir(path.join(root, "dist", "site"), { recursive: true });
      await writeFile(path.join(root, "dist", "site", "index.html"), "the previous release");

      const { code, stderr } = await waymark(root, "build", "--release");
      expect(code).not.toBe(0);
      const { campaign, sources, translations } = await loadSite(root);
      const unapproved = translationStatus(campaign, sources, translations).reduce((n, r) => n + r.total - r.approved, 0);
      const unverified = campaign.contacts.filter((c) => !c.verified).length;
      expect(stderr).toMatch(/^waymark: Release refused: (\d+) things may not be published yet/m);
      const blockers = stderr.split("\n").filter((l) => /^ {2}\S+ {2}\S+ {2}/.test(l));
      expect(blockers.length).toBe(Number(/Release refused: (\d+)/.exec(stderr)![1]));
      expect(blockers.length).toBeGreaterThanOrEqual(unapproved + unverified);
      expect(stderr).toContain("  ar  leaflet  sections.help.blocks.protection.text: not approved (draft)");
      expect(stderr).toContain("  all  brochure  contact emergency-112: unverified");
      expect(stderr).toContain("  all  brochure  story zeebrugge-2000: not signed off");
      expect(await readFile(path.join(root, "dist", "site", "index.html"), "utf8")).toBe("the previous release");
      expect(await readdir(path.join(root, "dist"))).toEqual(["site"]);
    },
    buildTimeout({ builds: 2 }),
  );

  it(
    "names a stale text as such",
    async ({ signal }) => {
      const brochure = (await sampleFile("content/documents/brochure.yaml")).replace(
        "Belgium is a country of transit and of destination.",
        "Belgium is a transit and destination country.",
      );
      const root = await copy({ "content/documents/brochure.yaml": brochure });
      const error = await buildCampaign({ chromium: testChromium(), root, signal, release: true, pdf: false }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ReleaseBlockedError);
      expect((error as ReleaseBlockedError).message).toContain(
        "  ti  brochure  sections.the-road.blocks.transit.text: stale: the source text changed since it was translated",
      );
    },
    buildTimeout({ builds: 1 }),
  );

  it(
    "publishes a campaign with nothing left to review, with no draft banner and no watermark",
    async ({ signal }) => {
      const root = await copy(await verifiedAndSignedOff(await smallSample(["en", "nl"], ["leaflet"], { stories: [] })));
      const loaded = await loadSite(root);
      await recordReview(loaded.campaign, loaded.sources, loaded.translations, { lang: "nl", state: "approved" });

      const result = await buildCampaign({ chromium: testChromium(), root, signal, release: true });
      expect(result.drafts).toEqual([]);
      for (const pdf of result.pdfs) expect((await inspectPdf(await readFile(pdf))).layers, pdf).toEqual([]);
      const page = await readFile(path.join(root, "dist", "site", "nl", "leaflet", "index.html"), "utf8");
      expect(page).toMatch(/<html lang="nl"/);
      expect(page).not.toContain("notice-draft");
    },
    buildTimeout({ pdfs: 8 }),
  );
});

/**
 * "Is it ready?": `waymark ready` lists what blocks release per edition, language and document,
 * in words, including what the release gate long missed: the stand-in site address every QR
 * code carries, and a story told on informed consent whose record does not say who gave it
 * and where the signed record is kept. A release build refuses both.
 */
import { describe, expect, it } from "vitest";
import { ReleaseBlockedError } from "../../build/errors.ts";
import { recordReview } from "../../build/i18n/review.ts";
import { loadSite } from "../../build/load.ts";
import { buildCampaign } from "../../build/pipeline.ts";
import { isPlaceholderAddress } from "../../build/release/state.ts";
import { waymark as cli } from "../helpers/cli.ts";
import { loadTimeout, sampleCampaigns, sampleFile, smallSample, verifiedAndSignedOff, type Overlay } from "../helpers/sample-campaign.ts";

const copy = sampleCampaigns();

const waymark = (root: string, ...args: string[]) => cli([...args, "--root", root], { cwd: root });

/** The small sample (en, nl; the leaflet, which tells albanian-network) with nothing left to review: every Dutch text approved. */
async function readyCampaign(overlay: Overlay = {}): Promise<string> {
  const root = await copy({ ...(await verifiedAndSignedOff(await smallSample(["en", "nl"], ["leaflet"]))), ...overlay });
  const loaded = await loadSite(root);
  await recordReview(loaded.campaign, loaded.sources, loaded.translations, { lang: "nl", state: "approved" });
  return root;
}

const informedConsent = async (lines: string[]) =>
  (await sampleFile("content/stories/albanian-network.yaml"))
    .replace(
      /consent:\n {2}basis: public-court-record\n {2}note: .*\n/,
      [
        "consent:",
        "  basis: informed-consent",
        "  note: A test of the consent record, not a real case.",
        "  date: 2026-10-01",
        "  scope: print and web",
        "  expires: 2028-10-01",
        ...lines,
        "",
      ].join("\n"),
    )
    .replace("status: pending", "status: approved\n  by: Test Reviewer\n  on: 2026-11-01");

describe("waymark ready", () => {
  it("knows the reserved example names for stand-ins", () => {
    expect(isPlaceholderAddress("https://waymark.example/")).toBe(true);
    expect(isPlaceholderAddress("https://waymark.example/editions/brazil/")).toBe(true);
    expect(isPlaceholderAddress("https://www.example.org/")).toBe(true);
    expect(isPlaceholderAddress("https://waymark-campaign.test/")).toBe(false);
    expect(isPlaceholderAddress("https://notexample.org/")).toBe(false);
  });

  it(
    "says a campaign with nothing to review is ready, and exits 0",
    async () => {
      const root = await readyCampaign();
      const r = await waymark(root, "ready", "--edition", "main");
      expect(r.stderr).toBe("");
      expect(r.stdout.trim()).toBe("Edition main: ready for release (waymark build --release).");
      expect(r.code).toBe(0);
    },
    loadTimeout(4),
  );

  it(
    "refuses the stand-in address every QR code would carry: in words, and in a release build",
    async () => {
      const root = await readyCampaign({
        "content/campaign.yaml": (await smallSample(["en", "nl"], ["leaflet"]))["content/campaign.yaml"]!,
      });
      const r = await waymark(root, "ready", "--edition", "main");
      expect(r.code).toBe(1);
      expect(r.stdout).toContain("Edition main: not ready, 1 thing blocks release.");
      expect(r.stdout).toMatch(/^ {2}Every language:\n {4}campaign:\n {6}- the site's address: https:\/\/waymark\.example\/ is a stand-in/m);
      expect(r.stdout).toContain("set baseUrl in content/campaign.yaml to the address the site will be published at");
      const error = await buildCampaign({ root, release: true, pdf: false }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ReleaseBlockedError);
      expect((error as Error).message).toContain("  all  campaign  site address: https://waymark.example/ is a stand-in");
    },
    loadTimeout(5),
  );

  it(
    "refuses a story told on informed consent until its record says who gave it and where the signed record is kept",
    async () => {
      const root = await readyCampaign({ "content/stories/albanian-network.yaml": await informedConsent(["  by: the person in the story (pseudonym Arben)"]) });
      const r = await waymark(root, "ready", "--json", "--edition", "main");
      expect(r.stderr).toBe("");
      expect(r.code).toBe(1);
      const [main] = JSON.parse(r.stdout) as { edition: string; languages: { lang: string; documents: { document: string; blockers: string[] }[] }[] }[];
      expect(main!.languages).toEqual([
        {
          lang: "all",
          name: "Every language",
          documents: [
            {
              document: "leaflet",
              blockers: [
                "1 story consent (albanian-network): told on informed consent, but its record does not say who gave it and where the signed record is kept: record consent.by and consent.record in the story's file",
              ],
            },
          ],
        },
      ]);
      const recorded = await readyCampaign({
        "content/stories/albanian-network.yaml": await informedConsent([
          "  by: the person in the story (pseudonym Arben)",
          "  record: consent file 2026-017, Immigration Office",
        ]),
      });
      expect((await loadSite(recorded)).blockers).toEqual([]);
    },
    loadTimeout(6),
  );
});

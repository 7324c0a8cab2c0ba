/**
 * Each PDF carries the revision of what it shows, not of the whole campaign: one Dutch string
 * of the brochure changes the Dutch brochure's revision (both variants) and no other PDF's, so
 * an unchanged document keeps its stamp and its bytes.
 */
import { expect, it } from "vitest";
import { loadSite } from "../../build/load.ts";
import { expectedPdfs, inLanguages, loadTimeout, sampleCampaigns, sampleFile } from "../helpers/sample-campaign.ts";

// Every document in four languages (two scripts, both directions): what one language's change leaves alone is in the other three.
const copy = sampleCampaigns(() => inLanguages(["en", "nl", "fr", "ar"]));
const revisions = async (root: string) => {
  const site = await loadSite(root);
  const map = new Map(
    Object.values(site.model.print)
      .flat()
      .flatMap((p) => Object.values(p.out).map((out) => [out, p.revision] as const)),
  );
  expect([...map.keys()].sort()).toEqual(expectedPdfs(site.campaign)); // every PDF of every language of the copy
  return map;
};

it(
  "changes with one Dutch brochure string for the Dutch brochure only",
  async () => {
    const before = await revisions(await copy());
    const nl = JSON.parse(await sampleFile("locales/nl/brochure.json"));
    nl.sections["the-road"].blocks.transit.text += " (gewijzigd)";
    const after = await revisions(await copy({ "locales/nl/brochure.json": JSON.stringify(nl) }));
    const changed = [...after].filter(([out, rev]) => before.get(out) !== rev).map(([out]) => out);
    expect(changed.sort()).toEqual(["nl/brochure.print.pdf", "nl/brochure.screen.pdf"]);
    expect(after.get("nl/brochure.print.pdf")).toBe(after.get("nl/brochure.screen.pdf")); // one revision for both variants
  },
  loadTimeout(2),
);

it(
  "changes for every PDF of a language when one of its interface labels changes",
  async () => {
    const before = await revisions(await copy());
    const ui = JSON.parse(await sampleFile("locales/fr/ui.json"));
    ui.print.scan += " !";
    const after = await revisions(await copy({ "locales/fr/ui.json": JSON.stringify(ui) }));
    const changed = [...after].filter(([out, rev]) => before.get(out) !== rev).map(([out]) => out.split("/")[0]);
    expect(new Set(changed)).toEqual(new Set(["fr"]));
    expect(changed.length).toBe([...after.keys()].filter((out) => out.startsWith("fr/")).length);
  },
  loadTimeout(2),
);

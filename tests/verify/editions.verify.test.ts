/**
 * The whole campaign as built in dist/ by `npm run build` (every edition), read back by the
 * checks every built edition must pass (tests/built/built-campaign.ts). Run by `npm run verify`
 * (tests/verify/run.ts) after the build, never by `npm test`: it builds nothing itself.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, it, expect } from "vitest";
import { editionIds, editionOutDir, MAIN_EDITION } from "../../build/content/editions.ts";
import { loadSite } from "../../build/load.ts";
import { builtCampaignTests } from "../built/built-campaign.ts";
import { PROJECT_ROOT } from "../helpers/sample-campaign.ts";

const editions = [MAIN_EDITION, ...(await editionIds(PROJECT_ROOT))];

it("finds every edition built in dist/ (npm run build first)", () => {
  expect(editions.filter((id) => !existsSync(path.join(editionOutDir(PROJECT_ROOT, id), "reports", "build.json")))).toEqual([]);
});

for (const id of editions) {
  const loaded = await loadSite(PROJECT_ROOT, id);
  describe(`edition ${id}`, () => builtCampaignTests(loaded, { out: () => editionOutDir(PROJECT_ROOT, id), root: PROJECT_ROOT }));
}

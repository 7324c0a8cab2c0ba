/**
 * docs/editing.md's templates are meant to be copied: each one loads into the campaign as it is
 * (a story, a contact, a partner edition), so an editor never copies something the kit refuses.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import YAML from "yaml";
import { describe, expect, it } from "vitest";
import { loadCampaign } from "../../build/content/campaign.ts";
import { applyEdition } from "../../build/content/editions.ts";
import { loadTimeout, PROJECT_ROOT, sampleCampaigns, sampleFile } from "../helpers/sample-campaign.ts";

const copy = sampleCampaigns();

async function examples(): Promise<Map<string, string>> {
  const doc = await readFile(path.join(PROJECT_ROOT, "docs", "editing.md"), "utf8");
  return new Map([...doc.matchAll(/^```yaml example=([\w-]+)\n([\s\S]*?)^```$/gm)].map((m) => [m[1]!, m[2]!]));
}

describe("docs/editing.md", () => {
  it("is linked from the README's first screen", async () => {
    const readme = await readFile(path.join(PROJECT_ROOT, "README.md"), "utf8");
    expect(readme.split("\n").slice(0, 25).join("\n")).toContain("(docs/editing.md)");
  });

  it(
    "has templates that load as they are: a story with its consent record, a verified contact, a partner edition",
    async () => {
      const found = await examples();
      expect([...found.keys()].sort()).toEqual(["contact", "edition", "story"]);
      const contact = YAML.parse(found.get("contact")!) as { id: string }[];
      const contacts = (YAML.parse(await sampleFile("content/contacts.yaml")) as { id: string }[]).filter((c) => !contact.some((x) => x.id === c.id));
      const root = await copy({
        "content/stories/example-case.yaml": found.get("story")!,
        "content/contacts.yaml": YAML.stringify([...contacts, ...contact]),
        "content/editions/example-edition.yaml": found.get("edition")!,
      });
      const campaign = await loadCampaign(root);
      const story = campaign.stories.find((s) => s.id === "example-case");
      expect(story?.consent).toMatchObject({ basis: "informed-consent", by: expect.any(String), record: expect.any(String) });
      expect(campaign.contacts.find((c) => c.id === "payoke")?.verified?.on).toBe("2026-12-01");
      const edition = await applyEdition(campaign, "example-edition");
      expect(edition.edition?.partners.map((p) => p.id)).toEqual(["example-partner"]);
    },
    loadTimeout(2),
  );
});

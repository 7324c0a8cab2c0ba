/**
 * Translation keys are built from ids, never from positions or text: inserting a paragraph
 * before another, or editing a source text, must leave every existing key naming the same text.
 */
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { documentSchema, type Document } from "../../build/content/schemas.ts";
import { documentStrings, flatten } from "../../build/i18n/source-strings.ts";
import { sampleFile } from "../helpers/sample-campaign.ts";

async function sampleBrochure(): Promise<Document> {
  return documentSchema.parse(parse(await sampleFile("content/documents/brochure.yaml")));
}
const keysOf = (doc: Document) => flatten(documentStrings(doc));

describe("translation keys", () => {
  it("survive a paragraph inserted before them", async () => {
    const before = keysOf(await sampleBrochure());
    const edited = await sampleBrochure();
    edited.sections[0]!.blocks.unshift({ type: "paragraph", id: "new-opening", text: "A new first paragraph." });
    const after = keysOf(edited);

    for (const [key, text] of before) expect(after.get(key), key).toBe(text);
    expect([...after.keys()].filter((k) => !before.has(k))).toEqual(["sections.before-you-go.blocks.new-opening.text"]);
  });

  it("survive an edit of the source text: the key stays, only its text changes", async () => {
    const before = keysOf(await sampleBrochure());
    const edited = await sampleBrochure();
    const intro = edited.sections[0]!.blocks.find((b) => b.id === "intro")!;
    if (intro.type !== "paragraph") throw new Error("sample changed: intro is not a paragraph");
    intro.text = "An edited introduction.";
    const after = keysOf(edited);

    expect([...after.keys()]).toEqual([...before.keys()]);
    const changed = [...after].filter(([k, v]) => before.get(k) !== v).map(([k]) => k);
    expect(changed).toEqual(["sections.before-you-go.blocks.intro.text"]);
  });

  it("survive a section moved to another place", async () => {
    const before = keysOf(await sampleBrochure());
    const edited = await sampleBrochure();
    edited.sections.reverse();
    expect(new Map(keysOf(edited))).toEqual(new Map(before));
  });
});

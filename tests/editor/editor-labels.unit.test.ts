/**
 * The editor's forms speak Dutch and French: every collection and field has its label in both,
 * and its hint where the English has one (build/editor/labels/nl.json, fr.json). The keys are
 * those the generator asks for while it makes every label and hint (labelKeys), so a field added
 * to the schemas fails here until it is translated, and a label left behind by a renamed field
 * is refused.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { editorSetup, labelKeys, type Widget } from "../../build/editor/decap-config.ts";
import { ENGLISH_PANEL, type LabelFile, labelFile, labelFileSchema, labelGaps, panelWords, wordsOf } from "../../build/editor/labels.ts";
import { PROJECT_ROOT } from "../helpers/sample-campaign.ts";

const TRANSLATED = ["nl", "fr"] as const;

/** A widget by its names from the collection's fields. */
function widgetAt(collection: { fields?: Widget[]; files?: { fields: Widget[] }[] }, names: string[]): Widget {
  let widgets = collection.fields ?? collection.files![0]!.fields;
  let found: Widget | undefined;
  for (const name of names) {
    found = widgets.find((w) => w.name === name);
    expect(found, names.join(".")).toBeDefined();
    widgets = (found!.fields as Widget[] | undefined) ?? [];
  }
  return found!;
}

const collectionsOf = (locale: "en" | "nl" | "fr") =>
  editorSetup({ name: "proxy" }, locale).config.collections as { name: string; label: string; fields?: Widget[]; files?: { fields: Widget[] }[] }[];

describe("the editor's forms in Dutch and French", () => {
  it.each(TRANSLATED)("%s: every collection and field has a label, and a hint where the English has one, and no label is stale", (locale) => {
    const keys = labelKeys();
    expect(keys.asked.size).toBeGreaterThan(150);
    expect(keys.asked.get("stories")).toBe(true);
    expect(keys.asked.get("stories.consent.basis")).toBe(true);
    expect(keys.asked.get("documents.sections.blocks.paragraph.phones.placeholder")).toBe(false);
    expect(keys.patterns).toContain('must be a phone number of digits and spaces: "112", "02 123 45 67" or "+32 2 123 45 67"');
    expect(labelGaps(labelFile(locale), keys)).toEqual([]);
  });

  it("the check sees a missing label, a missing hint, a hint the English lacks, a stale key, and a pattern's message untranslated or stale", () => {
    const keys = labelKeys();
    const file: LabelFile = structuredClone(labelFile("nl"));
    delete file.fields["stories.consent.basis"];
    delete file.fields.stories;
    delete file.fields["stories.signOff.status"]!.hint;
    file.fields["documents.sections.blocks"]!.hint = "Een hint die het Engels niet heeft.";
    file.fields["stories.consent.verifiedOn"] = { label: "Geverifieerd op" };
    delete file.patterns['must be a version like "1.2.0"'];
    file.patterns["must be a fax number"] = "moet een faxnummer zijn";
    expect(labelGaps(file, keys).sort()).toEqual([
      "documents.sections.blocks: a hint where the English has none",
      'pattern "must be a fax number": no form says it (a stale message)',
      'pattern "must be a version like "1.2.0"": no translation',
      "stories.consent.basis: no label",
      "stories.consent.verifiedOn: names no field of the editor (a stale label)",
      "stories.signOff.status: no hint (the English has one)",
      "stories: no label",
    ]);
  });

  it("the Dutch configuration labels a story's consent basis in Dutch, from nl.json; the English one keeps the schema's words", () => {
    const nl = labelFile("nl");
    const dutch = collectionsOf("nl").find((c) => c.name === "stories")!;
    expect(dutch.label).toBe(nl.fields.stories!.label);
    expect(widgetAt(dutch, ["consent", "basis"])).toMatchObject({
      label: "Grondslag",
      hint: nl.fields["stories.consent.basis"]!.hint,
      // The values are what the files hold: not translated.
      options: ["public-court-record", "published-report", "informed-consent"],
    });
    expect(widgetAt(dutch, ["signOff"]).label).toBe("Goedkeuring");
    const english = collectionsOf("en").find((c) => c.name === "stories")!;
    expect(widgetAt(english, ["consent", "basis"])).toMatchObject({ label: "Basis", hint: expect.stringContaining("Why the case may be told") });
  });

  it("the sentences the generator adds to hints are the language's too", () => {
    const fr = labelFile("fr");
    const contacts = collectionsOf("fr").find((c) => c.name === "contacts")!;
    const verifiedOn = widgetAt(contacts, ["contacts", "verified", "on"]);
    expect(verifiedOn.hint).toBe(`${fr.fields["contacts.verified.on"]!.hint} ${fr.phrases.neededOnce.replace("{{field}}", "vérifié")}`);
    const editions = collectionsOf("fr").find((c) => c.name === "editions")!;
    expect(widgetAt(editions, ["languages"]).hint).toBe(`${fr.fields["editions.languages"]!.hint} ${fr.phrases.separateWithCommas}`);
  });

  it("the Dutch form refuses a phone of letters in Dutch, and the after-save box speaks each language, keeping the slots the editor fills", () => {
    const nl = labelFile("nl");
    const contacts = collectionsOf("nl").find((c) => c.name === "contacts")!;
    expect(widgetAt(contacts, ["contacts", "phone"]).pattern).toEqual([
      expect.any(String),
      nl.patterns['must be a phone number of digits and spaces: "112", "02 123 45 67" or "+32 2 123 45 67"'],
    ]);
    expect(nl.patterns['must be a phone number of digits and spaces: "112", "02 123 45 67" or "+32 2 123 45 67"']).toMatch(/^moet een telefoonnummer/);
    for (const locale of TRANSLATED) {
      const words = panelWords(locale);
      expect(Object.keys(words).sort()).toEqual(Object.keys(ENGLISH_PANEL).sort());
      for (const [key, english] of Object.entries(ENGLISH_PANEL)) {
        expect(words[key as keyof typeof words], `${locale} ${key}`).not.toBe(english);
        for (const slot of english.match(/\{\{\w+\}\}/g) ?? []) expect(words[key as keyof typeof words], `${locale} ${key}`).toContain(slot);
      }
    }
    // A translation that drops a slot is refused when the file is read.
    const broken = { ...labelFile("fr"), panel: { ...labelFile("fr").panel, loads: "le kit le charge" } };
    expect(() => labelFileSchema.parse(broken)).toThrow(/keeps \{\{file\}\}/);
  });

  it("a key a language lacks shows the English", () => {
    const file: LabelFile = structuredClone(labelFile("fr"));
    delete file.fields["stories.consent.basis"];
    const words = wordsOf(file);
    expect(words.label("stories.consent.basis", "Basis")).toBe("Basis");
    expect(words.hint("stories.consent.basis", "Why the case may be told.")).toBe("Why the case may be told.");
    expect(words.label("stories.consent", "Consent")).toBe("Consentement");
  });

  it("labels not yet reviewed by a native speaker are drafts, and docs/editing.md says so", async () => {
    const doc = await readFile(path.join(PROJECT_ROOT, "docs", "editing.md"), "utf8");
    const drafts = TRANSLATED.filter((locale) => labelFile(locale)._review.state === "draft");
    for (const locale of drafts) expect(doc).toContain(`build/editor/labels/${locale}.json`);
    if (drafts.length) expect(doc).toContain("drafts awaiting review by a native speaker");
  });
});

/**
 * The schemas are the one truth about content/: the content model's page and the editor's
 * forms are generated from them, and neither may drift from them.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { rootField, SOURCES } from "../../build/editor/collections.ts";
import { contentModelPage } from "../../build/editor/content-model-doc.ts";
import { editorSetup, labelKeys, type Widget } from "../../build/editor/decap-config.ts";
import { fieldPaths } from "../../build/editor/fields.ts";
import { PROJECT_ROOT } from "../helpers/sample-campaign.ts";

/** Every field path the editor's configuration has a widget for, per collection (the mirror of fieldPaths). */
function widgetPaths(widgets: Widget[], at = ""): string[] {
  const join = (name: string) => (at ? `${at}.${name}` : name);
  return widgets.flatMap((w) => {
    const here = join(w.name);
    const types = (w.types as (Widget & { fields: Widget[] })[] | undefined) ?? [];
    const inner = (w.fields as Widget[] | undefined) ?? [];
    return [here, ...widgetPaths(inner, here), ...types.flatMap((t) => widgetPaths(t.fields, `${here}.${t.name}`))];
  });
}

function configPaths(collection: Record<string, unknown>): string[] {
  const files = collection.files as { fields: Widget[] }[] | undefined;
  const fields = files ? files[0]!.fields : (collection.fields as Widget[]);
  // A file holding a list or a map is edited as one list named after the collection: its fields are the entries'.
  const root = rootField(SOURCES.find((s) => s.name === collection.name)!);
  if (root.kind !== "object") {
    const [list] = fields;
    return widgetPaths((list!.fields as Widget[]) ?? []);
  }
  return widgetPaths(fields);
}

/** Schema fields without a widget, and widgets without a schema field, per collection. */
function mismatches(collections: Record<string, unknown>[]) {
  const problems: string[] = [];
  for (const source of SOURCES.filter((s) => s.inEditor)) {
    const collection = collections.find((c) => c.name === source.name);
    if (!collection) {
      problems.push(`${source.name}: no collection`);
      continue;
    }
    const schema = new Set(fieldPaths(rootField(source)));
    const widgets = new Set(configPaths(collection));
    for (const p of schema) if (!widgets.has(p)) problems.push(`${source.name}.${p}: a schema field with no widget`);
    for (const p of widgets) if (!schema.has(p)) problems.push(`${source.name}.${p}: a widget with no schema field`);
  }
  return problems;
}

describe("one truth for the fields", () => {
  it("docs/content-model.md is the page the schemas generate (npm run waymark -- content-model)", async () => {
    const committed = await readFile(path.join(PROJECT_ROOT, "docs", "content-model.md"), "utf8");
    expect(committed, "docs/content-model.md is out of date: run `npm run waymark -- content-model` and commit it").toBe(contentModelPage());
  });

  it("the content model names the fields editors looked for in the code: consent, sign-off, verification", () => {
    const page = contentModelPage();
    expect(page).toContain("| `consent.basis` | yes |");
    expect(page).toContain("one of `public-court-record`, `published-report`, `informed-consent`");
    expect(page).toContain("| `signOff.status` | yes |");
    expect(page).toContain("| `[].verified.source` | yes |");
  });

  it("every schema field has a widget in the editor, and every widget a schema field", () => {
    const { config } = editorSetup({ name: "proxy" });
    const collections = config.collections as Record<string, unknown>[];
    expect(mismatches(collections)).toEqual([]);
    // The check itself sees a field whose widget is gone, and a widget the schemas do not know.
    const stories = structuredClone(collections.find((c) => c.name === "stories")!) as { fields: Widget[] };
    const consent = stories.fields.find((f) => f.name === "consent")!;
    consent.fields = (consent.fields as Widget[]).filter((f) => f.name !== "record");
    stories.fields.push({ name: "verifiedOn", label: "Verified on", widget: "string" });
    expect(mismatches([...collections.filter((c) => c.name !== "stories"), stories])).toEqual([
      "stories.consent.record: a schema field with no widget",
      "stories.verifiedOn: a widget with no schema field",
    ]);
  });

  it("every collection and widget of the configuration is a key the Dutch and French labels are checked against (editor-labels.unit.test.ts)", () => {
    const collections = editorSetup({ name: "proxy" }).config.collections as Record<string, unknown>[];
    const keys = collections.flatMap((c) => [String(c.name), ...configPaths(c).map((p) => `${String(c.name)}.${p}`)]);
    const labelled = [...labelKeys().asked.keys()];
    expect(keys.filter((k) => !labelled.includes(k))).toEqual([]);
    // Beyond the widgets, the kinds of block in a list of blocks: each labelled, with its fields under it.
    const kinds = labelled.filter((k) => !keys.includes(k));
    expect(kinds).toContain("documents.sections.blocks.paragraph");
    expect(kinds.filter((kind) => !keys.some((k) => k.startsWith(`${kind}.`)))).toEqual([]);
  });

  it("widgets carry the schema's hint, whether required, its pattern and its allowed values", () => {
    const { config } = editorSetup({ name: "proxy" });
    const contacts = (config.collections as { name: string; files?: { fields: Widget[] }[] }[]).find((c) => c.name === "contacts")!;
    const entry = contacts.files![0]!.fields[0]!.fields as Widget[];
    const phone = entry.find((f) => f.name === "phone")!;
    expect(phone).toMatchObject({ widget: "string", required: false, hint: expect.stringContaining("As dialled") });
    expect(new RegExp((phone.pattern as string[])[0]!).test("02 123 45 67")).toBe(true);
    expect(new RegExp((phone.pattern as string[])[0]!).test("call us")).toBe(false);
    expect(entry.find((f) => f.name === "type")).toMatchObject({
      widget: "select",
      options: ["emergency", "hotline", "victim-centre", "guardianship", "partner"],
    });
    const verified = entry.find((f) => f.name === "verified")!;
    expect((verified.fields as Widget[]).map((f) => [f.name, f.widget, f.required ?? true])).toEqual([
      // Inside an optional part, nothing is required by the form (the kit says what is missing after a save).
      ["on", "datetime", false],
      ["source", "string", false],
    ]);
  });
});

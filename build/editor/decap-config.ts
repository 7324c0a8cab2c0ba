/**
 * The editor's configuration (Decap CMS, config.yml), generated from the schemas: a collection
 * per source in content/, a widget per field, with its label, hint (the schema's description),
 * whether it is required, its pattern and its allowed values, in English, Dutch or French
 * (labels.ts). And the shape of each source's files, which the editor's file format
 * (admin/formats.js) reads and writes them by.
 */
import { MEDIA_FIELDS, rootField, SOURCES, type Source } from "./collections.ts";
import { type Field, labelOf } from "./fields.ts";
import { type Words, wordsIn, wordsOf } from "./labels.ts";
import type { EditorLocale } from "./locales.ts";

export type Widget = { name: string; label: string; widget: string; required?: boolean; hint?: string; [option: string]: unknown };

/** Where the editor's shape of a file differs from the file's: admin/formats.js converts there. */
interface Transform {
  /** Keys from the root; "*" is every item of a list. */
  path: string[];
  kind: "record" | "one-or-list" | "none-or" | "yaml";
  /** A record's entries: the key's name, and the value's when it is not an object. */
  key?: string;
  value?: string;
}

/** How the editor's file format reads a source: its root wrapped under `name` when not an object. */
interface FileShape {
  name: string;
  root: "object" | "list" | "record";
  transforms: Transform[];
}

/** What every widget of a collection is made with: its language, and the conversions its files need. */
interface Making {
  words: Words;
  transforms: Transform[];
}

/** Hint sentences as one hint, or none. */
const hintOf = (...sentences: (string | undefined)[]) => {
  const hint = sentences.filter(Boolean).join(" ");
  return hint ? { hint } : {};
};

/**
 * A field's widget; `at` is its path from the collection, the key of its label and hint.
 * @param inOptionalPart the label of the optional part a field the kit requires is inside
 */
function widget(name: string, field: Field, at: string, making: Making, path: string[], inOptionalPart?: string): Widget | undefined {
  const { words, transforms } = making;
  const label = words.label(at, labelOf(name));
  const base = {
    name,
    label,
    ...(field.required ? {} : { required: false }),
    ...hintOf(words.hint(at, field.description), inOptionalPart && words.neededOnce(inOptionalPart)),
  };
  const child = (n: string, f: Field, p: string[]) => widget(n, f, `${at}.${n}`, making, p);
  // The editor checks a required field even inside an optional part left empty, and would refuse
  // to save: inside an optional part, it asks for none, and the kit's check after the save says
  // what that part lacks.
  const fields = (fs: { name: string; field: Field }[], p: string[]) =>
    fs.flatMap((f) => {
      const neededOnce = !field.required && f.field.required;
      return (
        widget(f.name, neededOnce ? { ...f.field, required: false } : f.field, `${at}.${f.name}`, making, [...p, f.name], neededOnce ? label : undefined) ?? []
      );
    });
  switch (field.kind) {
    case "string":
      // A file: uploaded into its folder, named in the field by its file name alone.
      if (MEDIA_FIELDS[at]) return { ...base, widget: "image", media_folder: `/${MEDIA_FIELDS[at]}`, public_folder: "", choose_url: false };
      if (field.format === "date")
        return { ...base, widget: "datetime", format: "YYYY-MM-DD", date_format: "YYYY-MM-DD", time_format: false, picker_utc: true };
      // The editor compiles patterns without the u flag: those that need it are checked by the kit after a save.
      return {
        ...base,
        widget: field.multiline ? "text" : "string",
        ...(field.pattern && !field.pattern.regex.flags.includes("u")
          ? { pattern: [field.pattern.regex.source, words.pattern(field.pattern.message ?? "does not have the form the hint describes")] }
          : {}),
      };
    case "number":
      return {
        ...base,
        widget: "number",
        value_type: field.integer ? "int" : "float",
        ...(field.min !== undefined ? { min: field.min } : {}),
        ...(field.max !== undefined ? { max: field.max } : {}),
        step: field.integer ? 1 : 0.01,
        ...(field.default !== undefined ? { default: field.default } : {}),
      };
    case "boolean":
      return { ...base, widget: "boolean", default: field.default ?? false };
    case "enum":
      return { ...base, widget: "select", options: field.values, ...(field.default !== undefined ? { default: field.default } : {}) };
    case "object":
      return { ...base, widget: "object", collapsed: false, fields: fields(field.fields, path) };
    case "none-or":
      transforms.push({ path, kind: "none-or" });
      return { ...base, required: false, widget: "object", collapsed: true, fields: fields(field.of.fields, path) };
    case "one-or-list":
      transforms.push({ path, kind: "one-or-list" });
      return listWidget(base, field.of, at, making, path);
    case "list":
      return { ...listWidget(base, field.of, at, making, path), ...(field.min ? { min: field.min } : {}) };
    case "record": {
      const value = field.value;
      transforms.push({ path, kind: "record", key: field.key.name, ...(value.kind === "object" ? {} : { value: field.valueName }) });
      const item = [...path, "*"];
      const entry = [
        child(field.key.name, field.key.field, item)!,
        ...(value.kind === "object" ? fields(value.fields, item) : [child(field.valueName, value, [...item, field.valueName])!]),
      ];
      return { ...base, widget: "list", collapsed: true, summary: `{{fields.${field.key.name}}}`, fields: entry };
    }
    case "variants":
      return {
        ...base,
        widget: "list",
        typeKey: field.key,
        types: field.options.map((o) => ({
          name: o.value,
          label: words.label(`${at}.${o.value}`, labelOf(o.value)),
          widget: "object",
          ...hintOf(words.hint(`${at}.${o.value}`, o.field.description)),
          summary: "{{fields.id}}",
          fields: o.field.fields.flatMap((f) => widget(f.name, f.field, `${at}.${o.value}.${f.name}`, making, [...path, "*", f.name]) ?? []),
        })),
      };
    case "tree":
      // A tree as deep as it needs has no form of fields: its YAML, in a text box (formats.js parses it back).
      transforms.push({ path, kind: "yaml" });
      return { ...base, widget: "text" };
  }
}

function listWidget(base: { name: string; label: string; required?: boolean; hint?: string }, of: Field, at: string, making: Making, path: string[]): Widget {
  const item = [...path, "*"];
  if (of.kind === "enum") return { ...base, widget: "select", multiple: true, options: of.values };
  if (of.kind === "object") {
    const summary = of.fields.some((f) => f.name === "id") ? "{{fields.id}}" : `{{fields.${of.fields[0]!.name}}}`;
    const fields = of.fields.flatMap((f) => widget(f.name, f.field, `${at}.${f.name}`, making, [...item, f.name]) ?? []);
    return { ...base, widget: "list", collapsed: true, summary, fields };
  }
  if (of.kind === "variants") return widget(base.name, { ...of, required: base.required !== false }, at, making, path)!;
  // A list of plain values (ids, codes): one line, comma-separated.
  return { ...base, widget: "list", ...hintOf(base.hint, making.words.separateWithCommas) };
}

/** The editor's collection for a source, and its files' shape. */
function collectionOf(source: Source, words: Words): { collection: Record<string, unknown>; shape: FileShape } {
  const root = rootField(source);
  const transforms: Transform[] = [];
  const making = { words, transforms };
  // Variants that share a field (every block's phones) convert it once.
  const shape = (r: FileShape["root"]): FileShape => ({
    name: source.name,
    root: r,
    transforms: transforms.filter((t, i) => transforms.findIndex((u) => JSON.stringify(u) === JSON.stringify(t)) === i),
  });
  const label = words.label(source.name, source.label);
  const common = {
    name: source.name,
    label,
    extension: "yaml",
    format: `waymark-${source.name}`,
    // The kit's own preview (npm run edit) shows the entry as readers see it; the editor's would show its raw fields.
    editor: { preview: false },
    ...(root.description ? { description: words.hint(source.name, root.description) } : {}),
  };
  if (root.kind === "object") {
    const fields = root.fields.flatMap((f) => widget(f.name, f.field, `${source.name}.${f.name}`, making, [f.name]) ?? []);
    if (source.folder)
      return {
        collection: { ...common, folder: source.folder, create: true, identifier_field: "id", slug: "{{id}}", summary: "{{id}}: {{title}}", fields },
        shape: shape("object"),
      };
    return { collection: { ...common, files: [{ name: source.name, label, file: source.file, fields }] }, shape: shape("object") };
  }
  // A file holding a list or a map by id: the editor edits an object with one list in it, labelled as the collection.
  const list = widget(source.name, root, source.name, making, [source.name])!;
  return {
    collection: { ...common, files: [{ name: source.name, label, file: source.file, fields: [{ ...list, label }] }] },
    shape: shape(root.kind === "record" ? "record" : "list"),
  };
}

export interface EditorSetup {
  /** config.yml, as an object. */
  config: Record<string, unknown>;
  /** The shape of each collection's files, by collection name. */
  shapes: Record<string, FileShape>;
}

function collectionsOf(words: Words): { collections: Record<string, unknown>[]; shapes: Record<string, FileShape> } {
  const shapes: Record<string, FileShape> = {};
  const collections = SOURCES.filter((s) => s.inEditor).map((s) => {
    const { collection, shape } = collectionOf(s, words);
    shapes[s.name] = shape;
    return collection;
  });
  return { collections, shapes };
}

/**
 * The editor's configuration.
 * @param backend Decap's backend: the kit's local one (`waymark edit`), or a git host's (docs/editing.md)
 * @param locale the editor's language (its interface, and the forms' labels and hints)
 */
export function editorSetup(backend: Record<string, unknown>, locale: EditorLocale = "en"): EditorSetup {
  const { collections, shapes } = collectionsOf(wordsIn(locale));
  return {
    config: {
      backend,
      locale,
      media_folder: "content/images",
      public_folder: "",
      // An optional field left empty is left out of the file, not written as "" (which the kit refuses).
      omit_empty_optional_fields: true,
      collections,
    },
    shapes,
  };
}

/** Every key of a label and hint the forms ask for (and whether its English has a hint), and every pattern's message: what labels/<locale>.json must cover. */
export function labelKeys(): { asked: Map<string, boolean>; patterns: Set<string> } {
  const asked = new Map<string, boolean>();
  const patterns = new Set<string>();
  collectionsOf(wordsOf(undefined, asked, patterns));
  return { asked, patterns };
}

/**
 * The kit's zod schemas read as a tree of fields: what the content model's page
 * (docs/content-model.md) and the editor's forms (decap-config.ts) are generated from, so that
 * the schemas stay the one truth about what content/ may hold.
 */
import type { z } from "zod";

interface Common {
  description?: string;
  /** False for an optional field or one with a default. */
  required: boolean;
  default?: unknown;
}

export type Field = Common &
  (
    | { kind: "string"; format?: "date" | "url"; pattern?: { regex: RegExp; message?: string }; multiline: boolean }
    | { kind: "number"; integer: boolean; min?: number; max?: number }
    | { kind: "boolean" }
    | { kind: "enum"; values: string[] }
    | { kind: "object"; fields: NamedField[] }
    | { kind: "list"; of: Field; min?: number }
    /** A map from a key (an id, a placeholder's name) to a value: a list of entries in the editor. */
    | { kind: "record"; key: NamedField; value: Field; valueName: string }
    /** One of several shapes told apart by a key ("type"), each an object. */
    | { kind: "variants"; key: string; options: { value: string; field: Field & { kind: "object" } }[] }
    /** One value or a list of them ("BR" or [BR, ER]): a list in the editor. */
    | { kind: "one-or-list"; of: Field }
    /** "none", or an object: an object left empty in the editor. */
    | { kind: "none-or"; of: Field & { kind: "object" } }
    /** A tree of texts by key, as deep as it needs (an edition's rewordings). */
    | { kind: "tree" }
  );

interface NamedField {
  name: string;
  field: Field;
}

// Fields whose text runs to sentences: a text area, not a line.
const MULTILINE = new Set(["text", "summary", "description", "note", "definition", "colophon", "lead", "origin", "notes", "question", "yes", "no"]);

type Def = { type: string; [k: string]: unknown };
type Check = { _zod: { def: { check: string; [k: string]: unknown } } };
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

function messageOf(error: unknown): string | undefined {
  if (typeof error !== "function") return undefined;
  const m = (error as (issue: object) => unknown)({});
  return typeof m === "string" ? m : undefined;
}

/** Reads a zod schema as a field; `name` decides single-line or multi-line text. Throws on a kind the editor cannot show. */
export function fieldOf(schema: z.ZodType, name = ""): Field {
  let s = schema;
  let required = true;
  let dflt: unknown;
  let description = s.description;
  // Unwrap optional, default and lazy; the outermost description wins.
  for (;;) {
    const def = defOf(s);
    if (def.type === "optional") required = false;
    else if (def.type === "default") {
      required = false;
      dflt = def.defaultValue;
    } else if (def.type === "lazy") {
      // The only lazy schema is the tree of label texts.
      return { kind: "tree", required, ...(description ? { description } : {}) };
    } else break;
    s = (def.innerType as z.ZodType | undefined) ?? s;
    description ??= s.description;
  }
  const common: Common = { required, ...(description ? { description } : {}), ...(dflt !== undefined ? { default: dflt } : {}) };
  const def = defOf(s);
  const checks = ((def.checks as Check[] | undefined) ?? []).map((c) => c._zod.def);
  switch (def.type) {
    case "string": {
      const regex = def.format === "regex" || def.format === "date" ? (def.pattern as RegExp) : undefined;
      const own = checks.find((c) => c.check === "string_format" && c.format === "regex");
      const pattern = own ? { regex: own.pattern as RegExp, message: messageOf(own.error) } : regex ? { regex, message: messageOf(def.error) } : undefined;
      const format = def.format === "date" || def.format === "url" ? def.format : undefined;
      return { kind: "string", ...common, ...(format ? { format } : {}), ...(pattern && format !== "date" ? { pattern } : {}), multiline: MULTILINE.has(name) };
    }
    case "number": {
      const min = checks.find((c) => c.check === "greater_than")?.value as number | undefined;
      const max = checks.find((c) => c.check === "less_than")?.value as number | undefined;
      const integer = checks.some((c) => c.check === "number_format" && c.format === "safeint");
      return { kind: "number", ...common, integer, ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
    }
    case "boolean":
      return { kind: "boolean", ...common };
    case "enum":
      return { kind: "enum", ...common, values: Object.values(def.entries as Record<string, string>) };
    case "literal":
      return { kind: "enum", ...common, values: (def.values as unknown[]).map(String) };
    case "object": {
      const shape = def.shape as Record<string, z.ZodType>;
      return { kind: "object", ...common, fields: Object.entries(shape).map(([n, f]) => ({ name: n, field: fieldOf(f, n) })) };
    }
    case "array": {
      const min = checks.find((c) => c.check === "min_length")?.minimum as number | undefined;
      return { kind: "list", ...common, of: fieldOf(def.element as z.ZodType, name), ...(min ? { min } : {}) };
    }
    case "record": {
      const value = fieldOf(def.valueType as z.ZodType);
      // Names for the editor's list of entries: an id and its fields, a phone's placeholder and its contact, a namespace and its texts.
      const [keyName, valueName] =
        value.kind === "object"
          ? ["id", "value"]
          : name === "phones"
            ? ["placeholder", "contact"]
            : value.kind === "tree"
              ? ["namespace", "texts"]
              : ["key", "value"];
      return { kind: "record", ...common, key: { name: keyName, field: fieldOf(def.keyType as z.ZodType, keyName) }, value, valueName };
    }
    case "union": {
      const options = def.options as z.ZodType[];
      const read = options.map((o) => fieldOf(o, name));
      if (typeof def.discriminator === "string") {
        const key = def.discriminator;
        return {
          kind: "variants",
          ...common,
          key,
          options: read.map((o, i) => {
            if (o.kind !== "object") throw new Error(`variant ${i} of "${name}" is not an object`);
            const literal = defOf(options[i]!).shape as Record<string, z.ZodType>;
            const value = (defOf(literal[key]!).values as string[])[0]!;
            return { value, field: { ...o, fields: o.fields.filter((f) => f.name !== key) } };
          }),
        };
      }
      const literalNone = options.findIndex((o) => defOf(o).type === "literal" && (defOf(o).values as unknown[])[0] === "none");
      const object = read.find((o) => o.kind === "object");
      if (literalNone !== -1 && object?.kind === "object" && options.length === 2) return { kind: "none-or", ...common, of: object };
      const [one, list] = read;
      if (read.length === 2 && one && list?.kind === "list" && one.kind === list.of.kind) return { kind: "one-or-list", ...common, of: one };
      if (read.every((o) => o.kind === "string")) return { kind: "string", ...common, multiline: MULTILINE.has(name) };
      throw new Error(`field "${name}": a union the editor cannot show`);
    }
    default:
      throw new Error(`field "${name}": a zod ${def.type} the editor cannot show`);
  }
}

/** "printWidthMm" → "Print width mm": a label from a field's name. */
export function labelOf(name: string): string {
  const words = name
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/[-_]/g, " ")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Every field's path under a root ("consent.by", "sections.blocks.paragraph.phones.contact"):
 * what a complete editor configuration must have one widget for.
 */
export function fieldPaths(field: Field, at = ""): string[] {
  const join = (name: string) => (at ? `${at}.${name}` : name);
  switch (field.kind) {
    case "object":
      return field.fields.flatMap((f) => [join(f.name), ...fieldPaths(f.field, join(f.name))]);
    case "list":
    case "one-or-list":
      return fieldPaths(field.of, at);
    case "none-or":
      return fieldPaths(field.of, at);
    case "record":
      return [
        join(field.key.name),
        ...(field.value.kind === "object" ? fieldPaths(field.value, at) : [join(field.valueName), ...fieldPaths(field.value, join(field.valueName))]),
      ];
    case "variants":
      return field.options.flatMap((o) => fieldPaths(o.field, join(o.value)));
    default:
      return [];
  }
}

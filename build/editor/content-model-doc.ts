/**
 * docs/content-model.md, generated from the schemas: every source in content/, every field with
 * whether it is required, what it holds (the schema's description) and the values it allows.
 * `waymark content-model` writes it; a test fails when the committed page is out of date.
 */
import { rootField, SOURCES } from "./collections.ts";
import type { Field } from "./fields.ts";

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
const code = (s: string) => `\`${s}\``;

function allowed(f: Field): string {
  switch (f.kind) {
    case "string":
      if (f.format === "date") return "a date, YYYY-MM-DD";
      if (f.format === "url") return "an https:// address";
      return f.pattern?.message ? f.pattern.message.replace(/^must be /, "") : "text";
    case "number":
      return [f.integer ? "a whole number" : "a number", f.min !== undefined ? `from ${f.min}` : "", f.max !== undefined ? `to ${f.max}` : ""]
        .filter(Boolean)
        .join(" ");
    case "boolean":
      return "true or false";
    case "enum":
      return `one of ${f.values.map(code).join(", ")}`;
    case "list":
      return f.of.kind === "variants" ? allowed(f.of) : `a list${f.min ? ` (at least ${f.min})` : ""} of: ${allowed(f.of)}`;
    case "one-or-list":
      return `${allowed(f.of)}, or a list of them`;
    case "none-or":
      return `${code("none")}, or the fields below`;
    case "record":
      return `a map: ${f.key.name} → ${f.value.kind === "object" ? "the fields below" : allowed(f.value)}`;
    case "variants":
      return `a list of blocks, each with its ${code("type")}: ${f.options.map((o) => code(o.value)).join(", ")}`;
    case "object":
      return "the fields below";
    case "tree":
      return "texts by key, nested";
  }
}

function rows(f: Field, at: string, out: string[]): void {
  const row = (path: string, field: Field) => {
    const dflt = field.default !== undefined ? ` (default ${code(JSON.stringify(field.default))})` : "";
    out.push(`| ${code(path)} | ${field.required ? "yes" : "no"}${dflt} | ${cell(field.description ?? "")} | ${cell(allowed(field))} |`);
  };
  const children = (fs: { name: string; field: Field }[], base: string) => {
    for (const c of fs) {
      const p = base ? `${base}.${c.name}` : c.name;
      row(p, c.field);
      rows(c.field, p, out);
    }
  };
  if (f.kind === "object") children(f.fields, at);
  else if (f.kind === "none-or") children(f.of.fields, at);
  // A list of blocks: each kind of block's fields under the list's own path.
  else if (f.kind === "list" || f.kind === "one-or-list") rows(f.of, f.of.kind === "variants" ? at : at ? `${at}[]` : "[]", out);
  else if (f.kind === "record" && f.value.kind === "object") children(f.value.fields, at ? `${at}.<${f.key.name}>` : `<${f.key.name}>`);
  else if (f.kind === "variants")
    for (const o of f.options) {
      out.push(`| ${code(`${at}[] (type: ${o.value})`)} | | ${cell(o.field.description ?? "")} | |`);
      children(o.field.fields, `${at}[]`);
    }
}

export function contentModelPage(): string {
  const out = [
    "# The content model",
    "",
    "<!-- Generated from build/content/schemas.ts by `npm run waymark -- content-model`: edit the schemas' descriptions, not this page. -->",
    "",
    "Everything `content/` may hold, field by field: whether a field is required, what it holds, and",
    "the values it allows. The editor (`npm run edit`, see docs/editing.md) shows the same",
    "descriptions as hints under each field. A file that does not match fails the build with its",
    "path, line, field and what was expected.",
    "",
  ];
  for (const s of SOURCES) {
    const root = rootField(s);
    const where = s.folder ? `${s.folder}/<id>.yaml` : s.file!;
    out.push(`## ${s.label} (\`${where}\`)`, "");
    const description = root.kind === "record" ? root.value.description : root.kind === "list" ? root.of.description : root.description;
    if (description) out.push(description, "");
    if (root.kind === "record") out.push(`The file is a map: each entry's key is its ${code(root.key.name)}.`, "");
    if (root.kind === "list") out.push("The file is a list: each entry starts with `- `.", "");
    if (!s.inEditor) out.push("Set up by a developer: not in the editor.", "");
    out.push("| field | required | what it holds | allowed |", "| --- | --- | --- | --- |");
    if (root.kind === "record")
      out.push(`| ${code(`<${root.key.name}>`)} | yes | ${cell(root.key.field.description ?? "")} | ${cell(allowed(root.key.field))} |`);
    rows(root, "", out);
    out.push("");
  }
  return out.join("\n");
}

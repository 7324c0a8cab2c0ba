/**
 * Stage "translations": reads locales/<lang>/<namespace>.json (i18next JSON v4) and checks
 * each string against its source. Translators are partners, not trusted code: a file that is
 * not JSON stops the build; a string whose placeholders differ from the source is rejected
 * (reported with file and key, then the source text is shown, marked as a fallback).
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Language, LabelTree } from "../content/schemas.ts";
import { ContentError, type Problem } from "../errors.ts";
import { flatten, type Resources } from "./source-strings.ts";

export interface Translations {
  /** Accepted strings per language and namespace, ready for i18next. */
  resources: Record<string, Resources>;
  /** Strings refused (the source is shown instead) and keys the source no longer has. */
  rejected: Problem[];
  warnings: Problem[];
}

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

export async function loadTranslations(root: string, languages: Language[], source: Language, sources: Resources): Promise<Translations> {
  const fatal: Problem[] = [];
  const result: Translations = { resources: {}, rejected: [], warnings: [] };
  const sourceFlat = new Map(Object.entries(sources).map(([ns, tree]) => [ns, flatten(tree)]));
  const namespaces = [...sourceFlat.keys()];

  for (const lang of languages) {
    if (lang.code === source.code) continue;
    const dir = path.join(root, "locales", lang.code);
    const files = await readdir(dir).catch(() => null);
    if (!files) {
      result.warnings.push({ file: path.relative(root, dir), message: `no translations for ${lang.name} yet: every text will be shown in ${source.name}, marked as not translated` });
      continue;
    }
    const perLang: Resources = {};
    for (const name of files.filter((f) => f.endsWith(".json")).sort()) {
      const file = path.relative(root, path.join(dir, name));
      const ns = name.slice(0, -".json".length);
      const source = sourceFlat.get(ns);
      if (!source) {
        // A document left out of the campaign keeps its translations: worth a word, not a failure.
        result.warnings.push({ file, message: "no such text in the campaign; this file is ignored", hint: `translation files are named ${namespaces.map((n) => n + ".json").join(", ")}` });
        continue;
      }
      const parsed = parseJson(await readFile(path.join(dir, name), "utf8"), file);
      if ("message" in parsed) {
        fatal.push(parsed);
        continue;
      }
      perLang[ns] = accept(parsed.tree, source, file, result);
    }
    result.resources[lang.code] = perLang;
  }
  if (fatal.length) throw new ContentError(fatal);
  return result;
}

function parseJson(text: string, file: string): { tree: LabelTree } | Problem {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    const message = (e as Error).message;
    const pos = /position (\d+)/.exec(message)?.[1];
    const line = pos === undefined ? undefined : text.slice(0, Number(pos)).split("\n").length;
    return { file, ...(line ? { line } : {}), message: `not valid JSON: ${message}`, hint: "translation files are i18next JSON v4: an object of keys and strings; check commas and quotes" };
  }
  const bad = findNonString(data);
  if (bad !== undefined) return { file, field: bad || undefined, message: "every value must be a text or an object of texts", hint: "numbers, lists and null are not translations" };
  return { tree: data as LabelTree };
}

function findNonString(v: unknown, at = ""): string | undefined {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return at;
  for (const [k, x] of Object.entries(v)) {
    const here = at ? `${at}.${k}` : k;
    if (typeof x === "string") continue;
    const bad = findNonString(x, here);
    if (bad !== undefined) return bad;
  }
  return undefined;
}

/** Keeps the strings that are safe to show; reports the rest. */
function accept(tree: LabelTree, source: Map<string, string>, file: string, result: Translations): LabelTree {
  const out: LabelTree = {};
  for (const [key, text] of flatten(tree)) {
    const sourceKey = source.has(key) ? key : pluralSibling(key, source);
    if (!sourceKey) {
      result.warnings.push({ file, field: key, message: "this key is not in the source (any more); it is ignored", hint: "remove it, or check that the source id was not renamed" });
      continue;
    }
    if (!text.trim()) continue; // empty = not translated yet
    const reason = placeholderMismatch(source.get(sourceKey)!, text);
    if (reason) {
      result.rejected.push({ file, field: key, message: reason, hint: "keep every {{placeholder}} of the source text, unchanged; the source text is shown until then" });
      continue;
    }
    setPath(out, key, text);
  }
  return out;
}

function pluralSibling(key: string, source: Map<string, string>): string | undefined {
  if (!PLURAL_SUFFIX.test(key)) return undefined;
  const base = key.replace(PLURAL_SUFFIX, "");
  return [...source.keys()].find((k) => k.replace(PLURAL_SUFFIX, "") === base && k !== base);
}

export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)].map((m) => m[1]!).sort();
}

function placeholderMismatch(source: string, target: string): string | undefined {
  const want = placeholders(source);
  const got = placeholders(target);
  const missing = want.filter((p) => !got.includes(p));
  const extra = got.filter((p) => !want.includes(p));
  if (!missing.length && !extra.length) return undefined;
  return [missing.length ? `placeholder ${missing.map((p) => `{{${p}}}`).join(", ")} is missing` : "", extra.length ? `placeholder ${extra.map((p) => `{{${p}}}`).join(", ")} is not in the source` : ""]
    .filter(Boolean)
    .join("; ");
}

function setPath(tree: LabelTree, key: string, value: string) {
  const parts = key.split(".");
  let node = tree;
  for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as LabelTree;
  node[parts.at(-1)!] = value;
}

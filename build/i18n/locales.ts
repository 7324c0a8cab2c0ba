/**
 * Stage "translations": reads locales/<lang>/<namespace>.json (i18next JSON v4) and the
 * language's review records (_review.json), and checks every text against its source.
 * Translators are partners, not trusted code: a file that is not UTF-8 JSON, and a text that
 * is unsafe or differs from its source's placeholders or markup, is rejected with the file,
 * the key and the reason. A text made from an older source is stale. Neither is shown: the
 * page shows the source text instead, marked as such.
 */
import { punctuationSlips } from "./punctuation.ts";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Language, LabelTree } from "../content/schemas.ts";
import type { Problem } from "../errors.ts";
import { localesDir, readReview, REVIEW_FILE, textHash, type ReviewState } from "./review-state.ts";
import { undrawable, type GlyphCoverage } from "../checks/glyph-coverage.ts";
import { decodeUtf8, isBlank, unsafeTranslation } from "./safety.ts";
import { flatten, translatable, type Resources } from "./source-strings.ts";

/** Where one expected text of a language stands. */
export type TextStatus = { kind: "missing" } | { kind: "rejected"; reason: string } | { kind: "stale" | "translated"; state: ReviewState; text: string };

export interface Translations {
  /** Texts that may be shown, per language and namespace, ready for i18next. */
  resources: Record<string, Resources>;
  /** Every text each language should have ("ns:key"), and where it stands. */
  status: Record<string, Map<string, TextStatus>>;
  /** Texts refused (the source is shown instead). */
  rejected: Problem[];
  warnings: Problem[];
}

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/**
 * The keys a language must translate, with their source texts. Plural forms follow the
 * language's CLDR categories: Arabic has six, so one English pair becomes six keys.
 */
export function expectedTexts(source: Map<string, string>, lang: string): Map<string, string> {
  const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
  const out = new Map<string, string>();
  for (const [key, text] of source) {
    if (!PLURAL_SUFFIX.test(key)) {
      out.set(key, text);
      continue;
    }
    const base = key.replace(PLURAL_SUFFIX, "");
    if (out.has(`${base}_${categories[0]}`)) continue; // this plural group is done
    for (const cat of categories) out.set(`${base}_${cat}`, source.get(`${base}_${cat}`) ?? source.get(`${base}_other`) ?? text);
  }
  return out;
}

/**
 * @param coverage the campaign's fonts: a text its language's fonts cannot draw is refused
 *   (without it, as in some unit tests, that check is skipped).
 * @param edition a partner edition: its own translations (locales/<lang>/editions/<id>/) are
 *   laid over the campaign's, and the campaign's translations of the texts it words otherwise
 *   do not apply.
 */
export async function loadTranslations(
  root: string,
  languages: Language[],
  source: Language,
  sources: Resources,
  coverage?: GlyphCoverage,
  edition?: { id: string; overridden: Set<string> },
): Promise<Translations> {
  const result: Translations = { resources: {}, status: {}, rejected: [], warnings: [] };
  const sourceFlat = new Map(translatable(sources).map(([ns, tree]) => [ns, flatten(tree)]));

  for (const lang of languages) {
    if (lang.code === source.code) continue;
    const status = new Map<string, TextStatus>();
    result.status[lang.code] = status;
    const perLang: Resources = {};
    result.resources[lang.code] = perLang;
    for (const [ns, flat] of sourceFlat) for (const key of expectedTexts(flat, lang.code).keys()) status.set(`${ns}:${key}`, { kind: "missing" });
    const folder = { root, lang, sourceFlat, status, perLang, result, coverage };
    const found = await readFolder({ ...folder, dir: localesDir(root, lang.code), ...(edition ? { skip: edition.overridden, quiet: true } : {}) });
    const ownFound = edition ? await readFolder({ ...folder, dir: localesDir(root, lang.code, edition.id), edition: edition.id }) : false;
    if (!found && !ownFound)
      result.warnings.push({
        file: path.relative(root, localesDir(root, lang.code)),
        message: `no translations for ${lang.name} yet: every text will be shown in ${source.name}, marked as not translated`,
      });
  }
  return result;
}

/**
 * Reads one folder of a language's translation files into its status and resources; a text
 * read later (an edition's own) takes the place of one read before. False when there is no folder.
 * @param skip texts whose translations here do not apply (an edition words them otherwise)
 * @param quiet leave unknown files and keys unreported (the campaign's own build reports them)
 */
async function readFolder(f: {
  root: string;
  dir: string;
  lang: Language;
  sourceFlat: Map<string, Map<string, string>>;
  status: Map<string, TextStatus>;
  perLang: Resources;
  result: Translations;
  coverage: GlyphCoverage | undefined;
  edition?: string;
  skip?: Set<string>;
  quiet?: boolean;
}): Promise<boolean> {
  const { root, dir, lang, status, result } = f;
  const rel = (name: string) => path.relative(root, path.join(dir, name));
  const files = await readdir(dir).catch(() => null);
  if (!files) return false;
  const review = await readReview(root, lang.code, f.edition);
  if ("error" in review)
    result.warnings.push({
      file: rel(REVIEW_FILE),
      message: `${review.error}; every text of ${lang.name} counts as a draft`,
      hint: "fix the file, or delete it and record the review states again",
    });
  const records = "error" in review ? {} : review.records;

  for (const name of files.filter((n) => n.endsWith(".json") && !n.startsWith("_")).sort()) {
    const ns = name.slice(0, -".json".length);
    const flat = f.sourceFlat.get(ns);
    if (!flat) {
      // A document left out of the campaign keeps its translations: worth a word, not a failure.
      if (!f.quiet)
        result.warnings.push({
          file: rel(name),
          message: "no such text in the campaign; this file is ignored",
          hint: `translation files are named ${[...f.sourceFlat.keys()].map((n) => n + ".json").join(", ")}`,
        });
      continue;
    }
    const parsed = parseFile(await readFile(path.join(dir, name)), rel(name));
    if ("message" in parsed) {
      result.rejected.push(parsed);
      continue;
    }
    const expected = expectedTexts(flat, lang.code);
    const accepted: LabelTree = f.perLang[ns] ?? {};
    for (const [key, text] of flatten(parsed.tree)) {
      const sourceText = expected.get(key);
      if (sourceText === undefined) {
        if (!f.quiet)
          result.warnings.push({
            file: rel(name),
            field: key,
            message: "this key is not in the source (any more); it is ignored",
            hint: "remove it, or check that the source id was not renamed",
          });
        continue;
      }
      if (isBlank(text)) continue; // empty or only white space = not translated yet
      const id = `${ns}:${key}`;
      if (f.skip?.has(id)) continue;
      const reason = unsafeTranslation(sourceText, text) ?? (f.coverage && undrawable(f.coverage, lang, text));
      if (reason) {
        status.set(id, { kind: "rejected", reason });
        result.rejected.push({ file: rel(name), field: key, message: reason, hint: "the source text is shown until the translation is corrected" });
        continue;
      }
      const record = records[id];
      // A review counts for the text that was reviewed: edited since, it is a draft again.
      const state = record && record.target === textHash(text) ? record.state : "draft";
      if (record && record.source !== textHash(sourceText)) {
        status.set(id, { kind: "stale", state, text }); // made from an older source text: not shown
        continue;
      }
      status.set(id, { kind: "translated", state, text });
      setPath(accepted, key, text);
      const slips = punctuationSlips(lang, text);
      if (slips.length)
        result.warnings.push({
          file: rel(name),
          field: key,
          message: `uses ${slips.join(", ")}`,
          hint: `${lang.name} punctuation is set in content/languages.yaml; the reviewer should correct the text`,
        });
    }
    f.perLang[ns] = accepted;
  }
  return true;
}

function parseFile(bytes: Uint8Array, file: string): { tree: LabelTree } | Problem {
  const text = decodeUtf8(bytes);
  if (text === undefined) return { file, message: "not UTF-8: the whole file is refused", hint: "save it as UTF-8 (every CAT tool and Weblate can)" };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const pos = /position (\d+)/.exec(message)?.[1];
    const line = pos === undefined ? undefined : text.slice(0, Number(pos)).split("\n").length;
    return {
      file,
      ...(line ? { line } : {}),
      message: `not valid JSON, the whole file is refused: ${message}`,
      hint: "translation files are i18next JSON v4: an object of keys and strings; check commas and quotes",
    };
  }
  const bad = findNonString(data);
  if (bad !== undefined)
    return {
      file,
      ...(bad ? { field: bad } : {}),
      message: "every value must be a text or an object of texts; the whole file is refused",
      hint: "numbers, lists and null are not translations",
    };
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

export function setPath(tree: LabelTree, key: string, value: string) {
  const parts = key.split(".");
  let node = tree;
  for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as LabelTree;
  node[parts.at(-1)!] = value;
}

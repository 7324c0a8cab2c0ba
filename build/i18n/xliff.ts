/**
 * XLIFF 2.0 for CAT tools (Trados, memoQ, OmegaT). Export: one <file> per document, one
 * <unit> per key, with the source, the current target and its state, and notes that give the
 * translator context (where the text appears, a length budget on fixed-size formats).
 * Placeholders travel as <ph> elements with their original text in <originalData>, so a CAT
 * tool protects them. Import: every target is checked like a JSON translation (placeholders,
 * markup, characters its fonts cannot draw); accepted ones are written to locales/ (an edition's
 * own texts to locales/<lang>/editions/<id>/) with their review state; nothing is dropped
 * without a report.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { undrawable, type GlyphCoverage } from "../checks/glyph-coverage.ts";
import { escapeMarkup as escapeXml } from "../escape.ts";
import { TRANSLATION_ROOM } from "../print/formats.ts";
import type { Campaign } from "../content/campaign.ts";
import { documentLanguages } from "../content/campaign.ts";
import type { LabelTree } from "../content/schemas.ts";
import type { Problem } from "../errors.ts";
import { expectedTexts, setPath, type Translations } from "./locales.ts";
import { reviewBook, reviewedBy } from "./review.ts";
import { localesDir, textHash, type ReviewState } from "./review-state.ts";
import { isBlank, unsafeTranslation } from "./safety.ts";
import { flatten, isEditionText, translatable, type Resources } from "./source-strings.ts";

export const XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0";
/** The Resource Data module: screenshots linked to the units they show. */
const RES_NS = "urn:oasis:names:tc:xliff:resourcedata:2.0";
const STATE_TO_XLIFF: Record<ReviewState, string> = { draft: "translated", reviewed: "reviewed", approved: "final" };
const XLIFF_TO_STATE: Record<string, ReviewState | undefined> = { translated: "draft", reviewed: "reviewed", final: "approved" };

interface KeyContext {
  location: string;
  /** Fixed-size formats where this text is printed, if any. */
  fixed?: string;
}

/**
 * Where each text stands, for an export that carries it (build/context/): notes in words, and
 * screenshots linked through the Resource Data module, each a pair of the same place in the
 * source language and in the target language where both exist.
 */
export interface XliffContext {
  /** Notes by text ("ns:key"). */
  notes: (id: string) => string[];
  /** Screenshots by text, as paths relative to the XLIFF file. */
  images: (id: string) => { source?: { href: string; lang: string }; target?: { href: string; lang: string } }[];
}

// ------------------------------------------------------------------------------- export

/**
 * @param context where each text stands (notes and linked screenshots), from `waymark context`
 */
export function exportXliff(c: Campaign, sources: Resources, t: Translations, lang: string, document?: string, context?: XliffContext): string {
  const status = t.status[lang];
  if (!status) throw new Error(`"${lang}" is not a translated language of this campaign (${c.languages.map((l) => l.code).join(", ")})`);
  const current = t.resources[lang] ?? {};
  const contexts = keyContexts(c);
  const files: string[] = [];
  for (const [ns, tree] of translatable(sources)) {
    if (document && ns !== document) continue;
    const doc = c.documents.find((d) => d.id === ns);
    if (doc && !documentLanguages(c, doc).some((l) => l.code === lang)) continue;
    const units: string[] = [];
    const resources: string[] = [];
    const translated = flatten(current[ns] ?? {});
    for (const [key, sourceText] of expectedTexts(flatten(tree), lang)) {
      const st = status.get(`${ns}:${key}`) ?? { kind: "missing" as const };
      const ctx = contexts.get(`${ns}:${key.replace(/_(zero|one|two|few|many|other)$/, "")}`) ?? contexts.get(`${ns}:${key}`);
      const notes = [
        `<note category="location">${escapeXml(ctx?.location ?? `${ns}: ${key}`)}</note>`,
        ...(ctx?.fixed
          ? [
              `<note category="length">Printed on ${ctx.fixed}: at most ${Math.ceil(sourceText.length * TRANSLATION_ROOM)} characters (the English has ${sourceText.length}).</note>`,
            ]
          : []),
        ...(st.kind === "stale"
          ? [`<note category="state">Stale: the English text changed since this was translated; check it and the state becomes current on import.</note>`]
          : []),
        ...(st.kind === "rejected" ? [`<note category="state">The current translation was refused: ${escapeXml(st.reason)}.</note>`] : []),
        ...(context?.notes(`${ns}:${key}`).map((n) => `<note category="context">${escapeXml(n)}</note>`) ?? []),
      ];
      // Each screenshot once per file, referred to by every unit it shows.
      const refs = (context?.images(`${ns}:${key}`) ?? []).map((image) => {
        const id = `r${resources.length + 1}`;
        const href = (side: "source" | "target") => {
          const it = image[side];
          return it ? `<res:${side} href="${escapeXml(it.href)}" xml:lang="${escapeXml(it.lang)}"/>` : "";
        };
        resources.push(`<res:resourceItem id="${id}" mimeType="image/png" context="yes">${href("source")}${href("target")}</res:resourceItem>`);
        return `<res:resourceItemRef ref="${id}"/>`;
      });
      const target = st.kind === "translated" ? translated.get(key) : st.kind === "stale" ? st.text : undefined;
      const data = [...new Set(placeholderTokens(sourceText).concat(target ? placeholderTokens(target) : []))];
      const state = st.kind === "translated" ? STATE_TO_XLIFF[st.state] : st.kind === "stale" ? "translated" : "initial";
      units.push(
        [
          `    <unit id="${escapeXml(key)}" name="${escapeXml(key)}">`,
          ...(refs.length ? [`      <res:resourceData>${refs.join("")}</res:resourceData>`] : []),
          `      <notes>${notes.join("")}</notes>`,
          ...(data.length ? [`      <originalData>${data.map((d, i) => `<data id="d${i + 1}">${escapeXml(d)}</data>`).join("")}</originalData>`] : []),
          `      <segment state="${state}"${st.kind === "stale" ? ' subState="waymark:stale"' : ""}>`,
          `        <source>${toInline(sourceText, data)}</source>`,
          ...(target !== undefined ? [`        <target>${toInline(target, data)}</target>`] : []),
          `      </segment>`,
          `    </unit>`,
        ].join("\n"),
      );
    }
    if (!units.length) continue; // XLIFF 2.0 wants a unit in every <file>: a file with no text to translate here is left out
    const resourceData = resources.length ? `    <res:resourceData>\n${resources.map((r) => `      ${r}`).join("\n")}\n    </res:resourceData>\n` : "";
    files.push(`  <file id="${escapeXml(ns)}">\n${resourceData}${units.join("\n")}\n  </file>`);
  }
  const res = context ? ` xmlns:res="${RES_NS}"` : "";
  return `<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="${XLIFF_NS}"${res} version="2.0" srcLang="${escapeXml(c.source.code)}" trgLang="${escapeXml(lang)}">\n${files.join("\n")}\n</xliff>\n`;
}

const PLACEHOLDER = /\{\{\s*[^}]*?\s*\}\}/g;
function placeholderTokens(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[0]);
}

/** Text to XLIFF inline content: placeholders become <ph/> pointing at their original data. */
function toInline(text: string, data: string[]): string {
  let out = "";
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    out += escapeXml(text.slice(last, m.index)) + `<ph id="${data.indexOf(m[0]) + 1}" dataRef="d${data.indexOf(m[0]) + 1}"/>`;
    last = m.index + m[0].length;
  }
  return out + escapeXml(text.slice(last));
}

/** Where each key's text appears, for translators' notes. */
function keyContexts(c: Campaign): Map<string, KeyContext> {
  const map = new Map<string, KeyContext>();
  const FIXED: Record<string, string> = {
    leaflet: "a fixed-size A5 leaflet",
    poster: "a fixed-size A3 poster",
    fiche: "a fixed-size A4 fiche (two pages at most)",
  };
  for (const d of c.documents) {
    const fixed = FIXED[d.format];
    const opt = fixed ? { fixed } : {};
    map.set(`${d.id}:title`, { location: `${d.id}: title`, ...opt });
    map.set(`${d.id}:subtitle`, { location: `${d.id}: subtitle`, ...opt });
    for (const s of d.sections) {
      const where = `${d.id}${s.page ? `, page ${s.page}` : ""}, section "${s.id}" (${s.title})`;
      map.set(`${d.id}:sections.${s.id}.title`, { location: `${where}: heading`, ...opt });
      for (const b of s.blocks) {
        const here = `${where}, ${b.type} "${b.id}"`;
        for (const field of ["text", "title"]) map.set(`${d.id}:sections.${s.id}.blocks.${b.id}.${field}`, { location: `${here}: ${field}`, ...opt });
        if (b.type === "list")
          for (const item of b.items) map.set(`${d.id}:sections.${s.id}.blocks.${b.id}.items.${item.id}`, { location: `${here}, item "${item.id}"`, ...opt });
        if (b.type === "routes") {
          const key = (field: string) => `${d.id}:sections.${s.id}.blocks.${b.id}.${field}`;
          for (const r of b.items) {
            map.set(key(`lines.${r.id}`), { location: `${here}, route "${r.id}": its one line beside a pictogram (${r.pictogram})`, ...opt });
            map.set(key(`items.${r.id}`), { location: `${here}, route "${r.id}": what it takes, under its line`, ...opt });
          }
          map.set(key("ask"), { location: `${here}: where to ask before deciding`, ...opt });
        }
      }
    }
  }
  for (const s of c.stories) {
    const card = { fixed: "a fixed-size A6 story card" };
    for (const f of ["title", "summary", "places"])
      map.set(`stories:${s.id}.${f}`, { location: `real case "${s.id}": ${f} (web page, brochure, story card)`, ...card });
    for (const p of s.body)
      map.set(`stories:${s.id}.body.${p.id}`, { location: `real case "${s.id}": paragraph "${p.id}" (web page, brochure, story card)`, ...card });
  }
  for (const g of c.glossary) for (const f of ["term", "definition"]) map.set(`glossary:${g.id}.${f}`, { location: `glossary entry "${g.id}": ${f}` });
  for (const x of c.contacts)
    for (const f of ["name", "description", "city"]) map.set(`contacts:${x.id}.${f}`, { location: `contact "${x.id}" (${x.type}): ${f}` });
  for (const id of Object.keys(c.images)) map.set(`images:${id}.alt`, { location: `image "${id}": text alternative read aloud to blind readers` });
  for (const key of flatten(c.ui).keys()) map.set(`ui:${key.replace(/_(zero|one|two|few|many|other)$/, "")}`, { location: `interface label "${key}"` });
  for (const key of Object.keys(c.settings.text)) map.set(`campaign:${key}`, { location: `campaign ${key} (home page, page titles)` });
  return map;
}

// ------------------------------------------------------------------------------- import

export interface ImportReport {
  lang: string;
  added: string[];
  changed: string[];
  states: string[];
  unchanged: number;
  rejected: Problem[];
}

type Node = Record<string, unknown> & { ":@"?: Record<string, string> };

/**
 * @param coverage the fonts' glyphs: a target with a character its language's fonts cannot draw
 *   is refused, as it is from a JSON file
 * @param review who made the decisions the file's states carry (kept with each record it changes, with the time)
 */
export async function importXliff(
  c: Campaign,
  sources: Resources,
  t: Translations,
  bytes: Uint8Array,
  fileName = "import.xlf",
  coverage?: GlyphCoverage,
  review: { by?: string | undefined; at?: Date } = {},
): Promise<ImportReport> {
  let xml: string;
  try {
    xml = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new XliffError(fileName, "not UTF-8: nothing was imported; save it as UTF-8");
  }
  // A DOCTYPE can define entities (internal, or external files): XLIFF never needs one, so none is read.
  if (/<!DOCTYPE/i.test(xml))
    throw new XliffError(
      fileName,
      "has a DOCTYPE (entity declarations are refused): nothing was imported; export the file again from the CAT tool without one",
    );
  const entity = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)[^\s<]{0,12}/.exec(xml);
  if (entity)
    throw new XliffError(
      fileName,
      `line ${xml.slice(0, entity.index).split("\n").length}: "${entity[0]}" is not one of XML's own entities: nothing was imported; write a bare & as &amp;`,
    );
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new XliffError(fileName, `not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  const tree = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: "", trimValues: false, processEntities: true }).parse(
    xml,
  ) as Node[];
  const root = tree.find((n) => "xliff" in n);
  const attrs = root?.[":@"] ?? {};
  if (!root || attrs.xmlns !== XLIFF_NS || attrs.version !== "2.0") throw new XliffError(fileName, `not an XLIFF 2.0 file (${XLIFF_NS})`);
  if (attrs.srcLang !== c.source.code) throw new XliffError(fileName, `srcLang is "${attrs.srcLang}", the campaign's source language is "${c.source.code}"`);
  const lang = attrs.trgLang ?? "";
  if (!t.status[lang]) throw new XliffError(fileName, `trgLang "${lang}" is not a translated language of this campaign`);

  const report: ImportReport = { lang, added: [], changed: [], states: [], unchanged: 0, rejected: [] };
  const book = await reviewBook(c, lang).catch((e: Error) => {
    throw new XliffError(e.message.split(":")[0]!, e.message.split(/:(.*)/s)[1]!.trim());
  });
  const reject = (ns: string, key: string, message: string) => report.rejected.push({ file: fileName, field: `${ns}:${key}`, message });

  for (const file of children(root, "xliff").filter((n) => "file" in n)) {
    const ns = file[":@"]?.id ?? "";
    const tree = Object.fromEntries(translatable(sources))[ns];
    if (!tree) {
      reject(ns, "*", `unknown document "${ns}" (known: ${Object.keys(sources).join(", ")})`);
      continue;
    }
    const expected = expectedTexts(flatten(tree), lang);
    // A text is written to the campaign's file, or (an edition's own) to the edition's.
    const targets = new Map<string, { flat: Map<string, string>; dirty: boolean }>();
    const targetOf = async (key: string) => {
      const jsonFile = path.join(localesDir(c.root, lang, isEditionText(c, `${ns}:${key}`) ? c.edition!.id : undefined), `${ns}.json`);
      if (!targets.has(jsonFile)) targets.set(jsonFile, { flat: flatten(await readJsonTree(jsonFile)), dirty: false });
      return targets.get(jsonFile)!;
    };
    for (const unit of children(file, "file").filter((n) => "unit" in n)) {
      const key = unit[":@"]?.id ?? "";
      const sourceText = expected.get(key);
      if (sourceText === undefined) {
        reject(ns, key, "no such key in the source");
        continue;
      }
      const data = new Map(
        children(unit, "unit")
          .filter((n) => "originalData" in n)
          .flatMap((n) => children(n, "originalData"))
          .map((d) => [d[":@"]?.id ?? "", inlineText(children(d, "data"), new Map())] as const),
      );
      const segment = children(unit, "unit").find((n) => "segment" in n);
      if (!segment) continue;
      const state = segment[":@"]?.state ?? "initial";
      const xSource = children(segment, "segment").find((n) => "source" in n);
      const xTarget = children(segment, "segment").find((n) => "target" in n);
      if (!xTarget) continue; // untranslated: nothing to import
      let target: string;
      let madeFrom: string;
      try {
        target = inlineText(children(xTarget, "target"), data);
        madeFrom = xSource ? inlineText(children(xSource, "source"), data) : sourceText;
      } catch (e) {
        reject(ns, key, (e as Error).message);
        continue;
      }
      if (isBlank(target)) continue;
      const language = c.languages.find((l) => l.code === lang)!;
      const reason = unsafeTranslation(sourceText, target) ?? (coverage && undrawable(coverage, language, target));
      if (reason) {
        reject(ns, key, reason);
        continue;
      }
      const reviewState = XLIFF_TO_STATE[state] ?? "draft";
      const id = `${ns}:${key}`;
      // A unit translated from an older English text keeps that text's hash: it stays stale.
      const record = { source: textHash(madeFrom), target: textHash(target), state: reviewState };
      const into = await targetOf(key);
      const before = into.flat.get(key);
      const old = book.get(id);
      const recordChanged = old?.source !== record.source || old.target !== record.target || old.state !== record.state;
      // An approval says who approved it: a file's "final" is recorded only with the reviewer's name.
      if (record.state === "approved" && (recordChanged || before !== target) && !review.by) {
        reject(ns, key, 'state "final" (approved) needs the reviewer\'s name: import with --by "Name" (or WAYMARK_REVIEWER in the environment)');
        continue;
      }
      if (before === undefined) report.added.push(id);
      else if (before !== target) report.changed.push(id);
      if (before === target && !recordChanged) {
        report.unchanged++;
        continue;
      }
      if (before === target) report.states.push(`${id}: ${old?.state ?? "none"} → ${record.state}`);
      book.set(id, { ...record, ...reviewedBy(review.by, review.at) });
      if (before !== target) {
        into.flat.set(key, target);
        into.dirty = true;
      }
    }
    for (const [jsonFile, { flat, dirty }] of targets) {
      if (!dirty) continue;
      // Keys in source order, then any the file had that the source does not (kept, not dropped).
      const out: LabelTree = {};
      for (const key of [...expected.keys(), ...[...flat.keys()].filter((k) => !expected.has(k))]) {
        const value = flat.get(key);
        if (value !== undefined) setPath(out, key, value);
      }
      await mkdir(path.dirname(jsonFile), { recursive: true });
      await writeFile(jsonFile, JSON.stringify(out, null, 2) + "\n");
    }
  }
  await book.save();
  return report;
}

export class XliffError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = "XliffError";
  }
}

function children(node: Node, name: string): Node[] {
  return (node[name] as Node[] | undefined) ?? [];
}

/** XLIFF inline content back to text: <ph dataRef> becomes its original data; other markup is refused. */
function inlineText(nodes: Node[], data: Map<string, string>): string {
  return nodes
    .map((n) => {
      if ("#text" in n) return String(n["#text"]);
      if ("ph" in n) {
        const ref = n[":@"]?.dataRef ?? "";
        const original = data.get(ref);
        if (original === undefined) throw new Error(`placeholder <ph dataRef="${ref}"> has no original data`);
        return original;
      }
      const tag = Object.keys(n).find((k) => k !== ":@");
      throw new Error(`inline element <${tag}> is not allowed here: only the source's placeholders (<ph/>)`);
    })
    .join("");
}

async function readJsonTree(file: string): Promise<LabelTree> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as LabelTree;
  } catch {
    return {};
  }
}

export function formatImportReport(r: ImportReport, file: string): string {
  const lines = [
    `Imported ${file} into locales/${r.lang}/: ${r.added.length} added, ${r.changed.length} changed, ${r.states.length} review state(s) changed, ${r.unchanged} unchanged, ${r.rejected.length} rejected.`,
  ];
  for (const id of r.added) lines.push(`  added    ${id}`);
  for (const id of r.changed) lines.push(`  changed  ${id}`);
  for (const s of r.states) lines.push(`  state    ${s}`);
  for (const p of r.rejected) lines.push(`  rejected ${p.field}: ${p.message}`);
  return lines.join("\n");
}

/**
 * The editor's forms in Dutch and French. English is the schemas' own: a label from each
 * field's name, a hint from its description. labels/<locale>.json holds the other languages,
 * keyed by the field's path (a collection by its name, "stories"; a field by its collection and
 * the names down to it, "stories.consent.basis"); a key a locale lacks shows the English.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { EditorLocale } from "./locales.ts";

type TranslatedLocale = Exclude<EditorLocale, "en">;

const text = z.string().trim().min(1);
/** A sentence with its {{placeholders}}: the translation must keep every one. */
const withSlots = (...slots: string[]) => slots.reduce((t, slot) => t.includes(`{{${slot}}}`, `keeps {{${slot}}}`), text);

/** The box the editor shows after a save (build/editor/admin/index.html): its words, in each language. */
const panelSchema = z.strictObject({
  label: text,
  checking: withSlots("file"),
  couldNotCheck: withSlots("file", "error"),
  loads: withSlots("file"),
  refuses: withSlots("file"),
  stale: withSlots("list"),
  blocks: withSlots("blocker"),
  preview: withSlots("page"),
  webPage: text,
  printLayout: text,
  homePage: text,
  ready: text,
  close: text,
});
export type PanelWords = z.infer<typeof panelSchema>;

export const ENGLISH_PANEL: PanelWords = {
  label: "The kit's check of the saved entry",
  checking: "Checking {{file}}…",
  couldNotCheck: "The kit could not check {{file}}: {{error}}",
  loads: "{{file}}: the kit loads it",
  refuses: "The kit refuses {{file}}",
  stale: "Translations now stale (readers see the English until they are translated again): {{list}}",
  blocks: "Blocks release: {{blocker}}",
  preview: "Preview: {{page}}",
  webPage: "web page",
  printLayout: "print layout",
  homePage: "home page",
  ready: "Is it ready? The release checklist of every edition",
  close: "Close",
};

export const labelFileSchema = z.strictObject({
  /** Drafts are shown as they are; the state tells a reviewer what is left to do. */
  _review: z.strictObject({ state: z.enum(["draft", "reviewed"]), note: text }),
  /** The sentences the generator adds to hints: {{field}} is the optional part's label. */
  phrases: z.strictObject({ neededOnce: text.includes("{{field}}"), separateWithCommas: text }),
  fields: z.record(z.string(), z.strictObject({ label: text, hint: text.optional() })),
  /** What a form says of a value that does not have a field's form, by the English message (the schemas' words). */
  patterns: z.record(z.string(), text),
  panel: panelSchema,
});
export type LabelFile = z.infer<typeof labelFileSchema>;

const ENGLISH_PHRASES: LabelFile["phrases"] = { neededOnce: "Needed once {{field}} is filled in.", separateWithCommas: "Separate them with commas." };

/** labels/<locale>.json, read afresh (a reviewer's change shows on the editor's next load). */
export function labelFile(locale: TranslatedLocale): LabelFile {
  const file = path.join(import.meta.dirname, "labels", `${locale}.json`);
  const parsed = labelFileSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** The words of the forms, in one language. */
export interface Words {
  label(key: string, english: string): string;
  hint(key: string, english: string | undefined): string | undefined;
  /** Said of a field the form does not require inside an optional part, though the kit does once the part is filled in. */
  neededOnce(partLabel: string): string;
  separateWithCommas: string;
  /** What a form says of a value without its field's form, from the English message. */
  pattern(english: string): string;
}

/** The words of a language: English, or its labels/<locale>.json. */
export const wordsIn = (locale: EditorLocale): Words => wordsOf(locale === "en" ? undefined : labelFile(locale));

/**
 * The words of a language's file (English without one), English where the file has none.
 * @param asked filled with every key the forms ask for, and whether its English has a hint
 */
export function wordsOf(file: LabelFile | undefined, asked?: Map<string, boolean>, patterns?: Set<string>): Words {
  const phrases = file?.phrases ?? ENGLISH_PHRASES;
  return {
    label: (key, english) => {
      if (!asked?.has(key)) asked?.set(key, false);
      return file?.fields[key]?.label ?? english;
    },
    hint: (key, english) => {
      asked?.set(key, english !== undefined);
      return english === undefined ? undefined : (file?.fields[key]?.hint ?? english);
    },
    neededOnce: (partLabel) => phrases.neededOnce.replace("{{field}}", partLabel.toLowerCase()),
    separateWithCommas: phrases.separateWithCommas,
    pattern: (english) => {
      patterns?.add(english);
      return file?.patterns[english] ?? english;
    },
  };
}

/** The after-save box's words in a language: English, or its labels/<locale>.json's. */
export const panelWords = (locale: EditorLocale): PanelWords => (locale === "en" ? ENGLISH_PANEL : labelFile(locale).panel);

/**
 * What a language's file lacks, or holds in vain, against the keys the forms ask for: a field
 * or collection without a label, a hint missing where the English has one (or given where it
 * has none), and a key that names no field (a stale label, left when a field was renamed).
 */
export function labelGaps(file: LabelFile, { asked, patterns }: { asked: Map<string, boolean>; patterns: Set<string> }): string[] {
  const gaps: string[] = [];
  for (const [key, hasHint] of asked) {
    const entry = file.fields[key];
    if (!entry) gaps.push(`${key}: no label`);
    else if (hasHint && !entry.hint) gaps.push(`${key}: no hint (the English has one)`);
    else if (!hasHint && entry.hint) gaps.push(`${key}: a hint where the English has none`);
  }
  for (const key of Object.keys(file.fields)) if (!asked.has(key)) gaps.push(`${key}: names no field of the editor (a stale label)`);
  for (const english of patterns) if (!file.patterns[english]) gaps.push(`pattern "${english}": no translation`);
  for (const english of Object.keys(file.patterns)) if (!patterns.has(english)) gaps.push(`pattern "${english}": no form says it (a stale message)`);
  return gaps;
}

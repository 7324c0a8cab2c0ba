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
const labelFileSchema = z.strictObject({
  /** Drafts are shown as they are; the state tells a reviewer what is left to do. */
  _review: z.strictObject({ state: z.enum(["draft", "reviewed"]), note: text }),
  /** The sentences the generator adds to hints: {{field}} is the optional part's label. */
  phrases: z.strictObject({ neededOnce: text.includes("{{field}}"), separateWithCommas: text }),
  fields: z.record(z.string(), z.strictObject({ label: text, hint: text.optional() })),
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
}

/** The words of a language: English, or its labels/<locale>.json. */
export const wordsIn = (locale: EditorLocale): Words => wordsOf(locale === "en" ? undefined : labelFile(locale));

/**
 * The words of a language's file (English without one), English where the file has none.
 * @param asked filled with every key the forms ask for, and whether its English has a hint
 */
export function wordsOf(file: LabelFile | undefined, asked?: Map<string, boolean>): Words {
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
  };
}

/**
 * What a language's file lacks, or holds in vain, against the keys the forms ask for: a field
 * or collection without a label, a hint missing where the English has one (or given where it
 * has none), and a key that names no field (a stale label, left when a field was renamed).
 */
export function labelGaps(file: LabelFile, asked: Map<string, boolean>): string[] {
  const gaps: string[] = [];
  for (const [key, hasHint] of asked) {
    const entry = file.fields[key];
    if (!entry) gaps.push(`${key}: no label`);
    else if (hasHint && !entry.hint) gaps.push(`${key}: no hint (the English has one)`);
    else if (!hasHint && entry.hint) gaps.push(`${key}: a hint where the English has none`);
  }
  for (const key of Object.keys(file.fields)) if (!asked.has(key)) gaps.push(`${key}: names no field of the editor (a stale label)`);
  return gaps;
}

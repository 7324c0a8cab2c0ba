/**
 * Recording reviews: an editor or reviewer marks translated texts as draft, reviewed or
 * approved. Recording also stores the hash of the current source text, so a translation
 * checked against a changed source stops being stale.
 */
import type { Campaign } from "../content/campaign.ts";
import { expectedTexts, type Translations } from "./locales.ts";
import { ReviewBook, textHash, type ReviewState } from "./review-state.ts";
import { flatten, isEditionText, translatable, type Resources } from "./source-strings.ts";

export interface ReviewSelection {
  lang: string;
  /** A namespace ("leaflet", "ui", ...); all when absent. */
  document?: string;
  /** One key within it; all when absent. */
  key?: string;
  state: ReviewState;
  /** Who records it: kept with each text recorded, with the time. */
  by?: string;
  /** When (default: now). */
  at?: Date;
}

/** The reviewer and time a record keeps, when a reviewer is named. */
export function reviewedBy(by: string | undefined, at: Date = new Date()): { by?: string; at?: string } {
  return by ? { by, at: at.toISOString().replace(/\.\d{3}Z$/, "Z") } : {};
}

/** The review book of a language, with an edition's own texts in the edition's file. */
export function reviewBook(c: Campaign, lang: string): Promise<ReviewBook> {
  return ReviewBook.open(c.root, lang, c.edition ? { id: c.edition.id, owns: (id) => isEditionText(c, id) } : undefined);
}

/**
 * Sets the state of every selected text that has a translation; returns how many changed. In an
 * edition (c loaded with it), its own texts are recorded in its own review file.
 */
export async function recordReview(c: Campaign, sources: Resources, translations: Translations, sel: ReviewSelection): Promise<number> {
  const status = translations.status[sel.lang];
  if (!status) throw new Error(`"${sel.lang}" is not a translated language of this campaign`);
  const book = await reviewBook(c, sel.lang);
  let changed = 0;
  for (const [ns, tree] of translatable(sources)) {
    if (sel.document && ns !== sel.document) continue;
    for (const [key, text] of expectedTexts(flatten(tree), sel.lang)) {
      if (sel.key && key !== sel.key) continue;
      const id = `${ns}:${key}`;
      const st = status.get(id);
      if (st?.kind !== "translated" && st?.kind !== "stale") continue; // nothing to review
      const next = { source: textHash(text), target: textHash(st.text), state: sel.state };
      const old = book.get(id);
      // The same decision again keeps who made it first, and when (a record from before reviewers were named gets the name).
      if (old?.source === next.source && old.target === next.target && old.state === next.state && (old.by || !sel.by)) continue;
      book.set(id, { ...next, ...reviewedBy(sel.by, sel.at) });
      changed++;
    }
  }
  await book.save();
  return changed;
}

/**
 * What each translation was made from, and how far it is reviewed. Kept beside the i18next
 * files (which have no room for it) in locales/<lang>/_review.json:
 *   { "brochure:sections.help.title": { "source": "<hash of the English>", "target": "<hash of the translation>", "state": "approved" } }
 * A translation whose source hash differs from its English text's current hash is stale; one
 * whose own text changed since the review (edited in Weblate, say) is a draft again. A review
 * recorded with a reviewer's name keeps who and when ("by", "at": an ISO date and time); files
 * written before reviewers were named load as they are.
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

export type ReviewState = "draft" | "reviewed" | "approved";
export const REVIEW_STATES: ReviewState[] = ["draft", "reviewed", "approved"];
export interface ReviewRecord {
  /** Hash of the source text the translation was made from. */
  source: string;
  /** Hash of the translation as it was reviewed. */
  target: string;
  state: ReviewState;
  /** Who recorded this state (an approval always says who). */
  by?: string;
  /** When, as an ISO 8601 date and time (UTC). */
  at?: string;
}
export type ReviewFile = Record<string, ReviewRecord>;

export const REVIEW_FILE = "_review.json";

/** Every load hashes every text of every language again: the answers are kept (a long `serve` session's too, up to a bound). */
const hashes = new Map<string, string>();

export function textHash(text: string): string {
  let hash = hashes.get(text);
  if (hash === undefined) {
    if (hashes.size >= 200_000) hashes.clear();
    hashes.set(text, (hash = createHash("sha256").update(text.normalize("NFC")).digest("hex").slice(0, 12)));
  }
  return hash;
}

/** locales/<lang>/_review.json, or the review file of an edition's own translations (locales/<lang>/editions/<id>/). */
function reviewFilePath(root: string, lang: string, edition?: string): string {
  return path.join(localesDir(root, lang, edition), REVIEW_FILE);
}

/** Where a language's translations are: the campaign's, or an edition's own (which it lays over them). */
export function localesDir(root: string, lang: string, edition?: string): string {
  return edition ? path.join(root, "locales", lang, "editions", edition) : path.join(root, "locales", lang);
}

/** The review records of a language; a missing file means none yet. A malformed one is reported by the caller. */
export async function readReview(root: string, lang: string, edition?: string): Promise<{ records: ReviewFile } | { error: string }> {
  let text: string;
  try {
    text = await readFile(reviewFilePath(root, lang, edition), "utf8");
  } catch {
    return { records: {} };
  }
  try {
    const data = JSON.parse(text) as Record<string, unknown>;
    const out: ReviewFile = {};
    for (const [key, value] of Object.entries(data)) {
      const r = value as Partial<ReviewRecord>;
      if (typeof r?.source !== "string" || typeof r.target !== "string" || !REVIEW_STATES.includes(r.state as ReviewState)) {
        return { error: `"${key}" needs a source hash, a target hash and a state (${REVIEW_STATES.join(", ")})` };
      }
      if ((r.by !== undefined && typeof r.by !== "string") || (r.at !== undefined && (typeof r.at !== "string" || Number.isNaN(Date.parse(r.at)))))
        return { error: `"${key}": "by" must be a name and "at" an ISO date and time (2026-12-04T10:00:00Z)` };
      out[key] = { source: r.source, target: r.target, state: r.state as ReviewState, ...(r.by ? { by: r.by } : {}), ...(r.at ? { at: r.at } : {}) };
    }
    return { records: out };
  } catch (e) {
    return { error: `not valid JSON: ${(e as Error).message}` };
  }
}

/** Written sorted by key, so that a round trip or a re-run leaves the file byte for byte the same. */
async function writeReview(root: string, lang: string, review: ReviewFile, edition?: string): Promise<void> {
  const sorted = Object.fromEntries(
    Object.keys(review)
      .sort()
      .map((k) => [k, review[k]]),
  );
  await mkdir(localesDir(root, lang, edition), { recursive: true });
  await writeFile(reviewFilePath(root, lang, edition), JSON.stringify(sorted, null, 2) + "\n");
}

/**
 * A language's review records as one book: the campaign's (locales/<lang>/_review.json) and, in
 * an edition, those of the texts that are the edition's own (locales/<lang>/editions/<id>/).
 * Each record goes to the file of its text; only the files changed are written back.
 */
export class ReviewBook {
  private readonly files = new Map<string, { records: ReviewFile; dirty: boolean }>();

  private constructor(
    private readonly root: string,
    private readonly lang: string,
    private readonly edition: { id: string; owns: (id: string) => boolean } | undefined,
  ) {}

  /** Reads the files; a malformed one throws, naming it. */
  static async open(root: string, lang: string, edition?: { id: string; owns: (id: string) => boolean }): Promise<ReviewBook> {
    const book = new ReviewBook(root, lang, edition);
    for (const id of ["", ...(edition ? [edition.id] : [])]) {
      const read = await readReview(root, lang, id || undefined);
      if ("error" in read) throw new Error(`${path.relative(root, reviewFilePath(root, lang, id || undefined))}: ${read.error}`);
      book.files.set(id, { records: read.records, dirty: false });
    }
    return book;
  }

  private fileOf(id: string) {
    return this.files.get(this.edition?.owns(id) ? this.edition.id : "")!;
  }

  get(id: string): ReviewRecord | undefined {
    return this.fileOf(id).records[id];
  }

  set(id: string, record: ReviewRecord): void {
    const file = this.fileOf(id);
    file.records[id] = record;
    file.dirty = true;
  }

  async save(): Promise<void> {
    for (const [id, file] of this.files) if (file.dirty) await writeReview(this.root, this.lang, file.records, id || undefined);
  }
}

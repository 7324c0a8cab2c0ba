/**
 * Translators are partners, not trusted code. Every translated text, from JSON or XLIFF, is
 * checked against its source text here; a text that fails is rejected with its reason and
 * never rendered (the source text is shown instead, marked).
 */

/** Inline markup a source text may use; a translation may use only the tags its source uses. */
export const INLINE_TAGS = ["strong", "em"] as const;
/** One allowed inline tag exactly as written, without attributes: <strong>, </em>. */
export const INLINE_TAG = new RegExp(`<(\\/?)(${INLINE_TAGS.join("|")})>`, "g");

// Characters that can hide or reorder text: bidi embeddings, overrides and isolates.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/u;
const TAG = /<\/?\s*([a-zA-Z][\w:-]*)([^>]*)>/g;

export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)].map((m) => m[1]!).sort();
}

function tagNames(text: string): string[] {
  return [...text.matchAll(TAG)].map((m) => m[1]!.toLowerCase()).sort();
}

/** Why this translation may not be shown, or undefined when it is safe. */
export function unsafeTranslation(source: string, target: string): string | undefined {
  if (/<\s*(script|style)\b/i.test(target)) return "contains a script or style element";
  if (/\son[a-z]+\s*=/i.test(target)) return "contains an event-handler attribute (on…=)";
  if (/javascript\s*:/i.test(target)) return "contains a javascript: URL";
  const bidi = BIDI_CONTROLS.exec(target);
  if (bidi) return `contains the invisible bidi control U+${bidi[0].codePointAt(0)!.toString(16).toUpperCase()}, which can hide or reorder text`;
  if (target.includes("\uFFFD")) return "contains U+FFFD: the file was not saved as UTF-8";
  const tags = [...target.matchAll(TAG)];
  const withAttributes = tags.find((m) => m[2]!.trim());
  if (withAttributes) return `markup may not carry attributes: ${withAttributes[0]}`;
  const allowed = tagNames(source);
  const extra = tagNames(target).filter((t) => !allowed.includes(t));
  if (extra.length) return `markup <${extra[0]}> is not in the source text (allowed here: ${allowed.length ? allowed.map((t) => `<${t}>`).join(", ") : "none"})`;
  if (tagNames(target).join() !== allowed.join()) return `the source's markup (${allowed.map((t) => `<${t}>`).join(", ")}) must be kept, opened and closed`;
  const want = placeholders(source);
  const got = placeholders(target);
  const missing = want.filter((p) => !got.includes(p));
  const extraPh = got.filter((p) => !want.includes(p));
  if (missing.length || extraPh.length) {
    return [missing.length ? `placeholder ${missing.map((p) => `{{${p}}}`).join(", ")} is missing` : "", extraPh.length ? `placeholder ${extraPh.map((p) => `{{${p}}}`).join(", ")} is not in the source` : ""]
      .filter(Boolean)
      .join("; ");
  }
  return undefined;
}

/** Decodes a translation file's bytes as UTF-8, refusing invalid bytes instead of replacing them. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    return undefined;
  }
}

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
// C0 and C1 control characters (NUL included) but tab and newline (LF, CR), and the noncharacters
// U+FFFE and U+FFFF: nothing a reader should get, and some of them break HTML or PDF text.
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/u;
const TAG = /<\/?\s*([a-zA-Z][\w:-]*)([^>]*)>/g;

/** A placeholder, "{{name}}", with its name captured. */
export const PLACEHOLDER = /\{\{\s*([^}]*?)\s*\}\}/g;

function placeholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!).sort();
}

/** A text with nothing to read: empty, or only white space and invisible format characters. */
export function isBlank(text: string): boolean {
  return /^[\s\p{Cf}\p{Cc}]*$/u.test(text);
}

/** Why a text holds a character no reader should get, or undefined. */
export function unsafeCharacter(text: string): string | undefined {
  const bidi = BIDI_CONTROLS.exec(text);
  if (bidi) return `contains the invisible bidi control ${codePoint(bidi[0])}, which can hide or reorder text`;
  const control = CONTROLS.exec(text);
  if (control) return `contains the control character ${codePoint(control[0])}, which no reader should get`;
  if (text.includes("\uFFFD")) return "contains U+FFFD: the file was not saved as UTF-8";
  return undefined;
}

export function codePoint(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}

function tagNames(text: string): string[] {
  return [...text.matchAll(TAG)].map((m) => m[1]!.toLowerCase()).sort();
}

/** Why this translation may not be shown, or undefined when it is safe. */
export function unsafeTranslation(source: string, target: string): string | undefined {
  if (/<\s*(script|style)\b/i.test(target)) return "contains a script or style element";
  if (/\son[a-z]+\s*=/i.test(target)) return "contains an event-handler attribute (on…=)";
  if (/javascript\s*:/i.test(target)) return "contains a javascript: URL";
  const character = unsafeCharacter(target);
  if (character) return character;
  const tags = [...target.matchAll(TAG)];
  const withAttributes = tags.find((m) => m[2]!.trim());
  if (withAttributes) return `markup may not carry attributes: ${withAttributes[0]}`;
  const allowed = tagNames(source);
  const extra = tagNames(target).filter((t) => !allowed.includes(t));
  if (extra.length)
    return `markup <${extra[0]}> is not in the source text (allowed here: ${allowed.length ? allowed.map((t) => `<${t}>`).join(", ") : "none"})`;
  if (tagNames(target).join() !== allowed.join()) return `the source's markup (${allowed.map((t) => `<${t}>`).join(", ")}) must be kept, opened and closed`;
  const want = placeholders(source);
  const got = placeholders(target);
  const missing = want.filter((p) => !got.includes(p));
  const extraPh = got.filter((p) => !want.includes(p));
  if (missing.length || extraPh.length) {
    return [
      missing.length ? `placeholder ${missing.map((p) => `{{${p}}}`).join(", ")} is missing` : "",
      extraPh.length ? `placeholder ${extraPh.map((p) => `{{${p}}}`).join(", ")} is not in the source` : "",
    ]
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

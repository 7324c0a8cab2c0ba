/**
 * Punctuation a script writes with its own marks (registry `punctuation`): Chinese "。，",
 * Ethiopic "። ፣" and a space between words (not the old separator "፡"), Arabic script "، ؛ ؟". A translation that types the ASCII mark after a letter
 * of its script ("::" for "።" is a common one) gets a warning naming the right mark. A warning,
 * not a refusal: the text is still right, and only a reviewer should change it.
 */
import type { Language } from "../content/schemas.ts";

/**
 * ASCII marks a translation writes where its script has its own (registry `punctuation`): "."
 * after Chinese or Ethiopic letters, "," after Arabic ones. Each finding names the right mark.
 */
export function punctuationSlips(l: Language, text: string): string[] {
  const found = new Set<string>();
  // Longest marks first, so "::" is reported as itself and not as two ":".
  const marks = Object.keys(l.punctuation).sort((a, b) => b.length - a.length);
  if (!marks.length) return [];
  const letter = new RegExp(`\\p{Script=${scriptProperty(l.script)}}`, "u");
  for (let i = 1; i < text.length; i++) {
    const mark = marks.find((m) => text.startsWith(m, i));
    if (!mark || !letter.test(text.slice(0, i).at(-1)!)) continue;
    // A dot inside or at the end of a dotted abbreviation (Amharic እ.ኤ.አ.) is not a full stop.
    if (mark === "." && (/^\p{L}/u.test(text.slice(i + 1)) || /\.\S*$/u.test(text.slice(0, i)))) continue;
    const right = l.punctuation[mark]!;
    found.add(`"${mark}" where ${l.name} writes ${right === " " ? "a space" : `"${right}"`}`);
    i += mark.length - 1;
  }
  return [...found];
}

/** ISO 15924 code to the Unicode Script property name JavaScript knows ("Hans" is written in Han). */
function scriptProperty(script: string): string {
  return { Hans: "Han", Hant: "Han" }[script] ?? script;
}

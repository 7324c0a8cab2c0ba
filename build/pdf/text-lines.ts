/**
 * The lines of a marked-content sequence as Chromium drew them, put back in the order they are
 * read: each line's runs reordered as the bidi algorithm placed them (right-to-left runs read
 * backwards, a right-to-left line's runs in reverse, left-to-right stretches kept), then the
 * space each wrap took given back where the text had one. Pure functions over the glyphs
 * reading-order.ts found; tested alone in tests/pdf/text-lines.unit.test.ts.
 */
import { wrapKey } from "../checks/page-text.ts";
import type { Operation } from "./content-stream.ts";

export type Matrix = [number, number, number, number, number, number];

export interface Glyph {
  font: string;
  size: number;
  code: number;
  m: Matrix;
  /** Colour and graphics-state operations in effect. */
  paint: Paint;
  /** Where it is shown: the Tj operation's index in the page's operations, and its place in the string. */
  op: number;
  at: number;
}
export interface Cluster {
  text: string;
  glyphs: Glyph[];
  /** The text its glyph gives through the font's own ToUnicode map; undefined for a Span's cluster. */
  mapped?: string;
}
export interface Run {
  rtl: boolean;
  clusters: Cluster[];
}
interface Line {
  key: string;
  runs: Run[];
}
/** A BT … ET object inside marked content, parsed. */
export interface Segment {
  start: number;
  end: number;
  mcid: number;
  /** The colour and graphics state it drew with. */
  paint: Paint;
  line: string;
  runs: Run[];
}
/** The last RG, rg and gs operations in effect (the only state Chromium changes between text objects). */
export type Paint = Record<"RG" | "rg" | "gs", Operation | undefined>;

export interface OrderedLine {
  /** Page and baseline: two pieces of one line share it. */
  key: string;
  clusters: Cluster[];
  /** The structure element whose text it is, when known. */
  element?: number;
}

/** A group's clusters, line by line, in logical order. */
export function readingOrder(group: Segment[], rtlBase: boolean): { key: string; clusters: Cluster[] }[] {
  const lines: Line[] = [];
  for (const s of group) {
    const line = lines.find((l) => l.key === s.line);
    if (line) line.runs.push(...s.runs);
    else lines.push({ key: s.line, runs: [...s.runs] });
  }
  return lines.map((l) => {
    // Runs left to right as they sit on the line, then the bidi algorithm's reordering undone:
    // right-to-left runs read backwards, and on a right-to-left line the order of runs reverses
    // while a stretch of left-to-right runs (numbers, Latin words) keeps its own order.
    const visual = [...l.runs].sort((a, b) => leftOf(a) - leftOf(b));
    const rtl = directions(visual, rtlBase);
    const stretches: number[][] = [];
    visual.forEach((_, i) => {
      const last = stretches[stretches.length - 1];
      if (last && rtl[last[0]!] === rtl[i]) last.push(i);
      else stretches.push([i]);
    });
    const logical = (rtlBase ? stretches.reverse() : stretches).flatMap((s) => (rtl[s[0]!] ? [...s].reverse() : s));
    return { key: l.key, clusters: logical.flatMap((i) => (rtl[i] ? [...visual[i]!.clusters].reverse() : visual[i]!.clusters)) };
  });
}

const STRONG_RTL = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
const STRONG = /\p{L}/u;
const NUMBER = /\p{Nd}/u;

/**
 * Whether each run (in visual order) was laid out right to left. Chromium marks a reversed run
 * only when it has more than one cluster; a single cluster is judged by its text, and a
 * neutral one (a space, "·", ":") the way the bidi algorithm resolves it: by the strong runs on
 * either side (numbers counting as right-to-left on a right-to-left line), else the line's
 * direction.
 */
function directions(runs: Run[], rtlBase: boolean): boolean[] {
  type Kind = "R" | "L" | "N";
  const kinds: Kind[] = runs.map((r) => {
    if (r.rtl) return "R";
    const text = r.clusters.map((c) => c.text).join("");
    if (STRONG_RTL.test(text) && [...text].some((ch) => STRONG.test(ch) && STRONG_RTL.test(ch))) return "R";
    if (STRONG.test(text)) return "L";
    if (NUMBER.test(text)) return rtlBase ? "R" : "L"; // as a neighbour; the run itself reads left to right
    return "N";
  });
  const base: Kind = rtlBase ? "R" : "L";
  return runs.map((r, i) => {
    if (r.rtl) return true;
    const text = r.clusters.map((c) => c.text).join("");
    if (kinds[i] !== "N") return kinds[i] === "R" && !NUMBER.test(text);
    const before = lastOf(kinds.slice(0, i), (k) => k !== "N") ?? base;
    const after = kinds.slice(i + 1).find((k) => k !== "N") ?? base;
    return (before === after ? before : base) === "R";
  });
}

function leftOf(run: Run): number {
  const xs = run.clusters.flatMap((c) => c.glyphs.map((g) => g.m[4]));
  return xs.length ? Math.min(...xs) : Number.POSITIVE_INFINITY;
}

/** Where a line may wrap without a space: after a hyphen, a dash or a slash (in a web address). */
const BREAK_AFTER = /[-\u2010/]/u;
const NO_SPACE_AT_WRAP = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u;

/**
 * Gives each wrapped line's last cluster the space the wrap took: not where the text had none (a
 * wrap inside a word, named in `inWord` by wrapKey), not between Chinese or Japanese characters,
 * not after a hyphen (the U+2010 Chromium draws when it hyphenates a word is dropped: the word
 * does not contain it). A cluster without glyphs hands its text to its neighbour.
 */
export function joinLines(lines: OrderedLine[], inWord: Set<string>): void {
  for (const { clusters } of lines) {
    clusters.forEach((c, i) => {
      if (c.glyphs.length || !c.text) return;
      const host = lastOf(clusters.slice(0, i), (x) => x.glyphs.length > 0) ?? clusters.slice(i + 1).find((x) => x.glyphs.length);
      if (!host) return;
      host.text = clusters.indexOf(host) < i ? host.text + c.text : c.text + host.text;
      c.text = "";
    });
  }
  const withGlyphs = lines.map((l) => ({ ...l, clusters: l.clusters.filter((c) => c.glyphs.length) })).filter((l) => l.clusters.length);
  for (let i = 0; i + 1 < withGlyphs.length; i++) {
    if (withGlyphs[i]!.key === withGlyphs[i + 1]!.key) continue; // the same line, in two pieces
    const last = withGlyphs[i]!.clusters[withGlyphs[i]!.clusters.length - 1]!;
    const next = withGlyphs[i + 1]!.clusters[0]!;
    if (last.text === "\u2010") {
      last.text = "";
      continue;
    }
    const before = [...last.text].pop() ?? "";
    const after = [...next.text][0] ?? "";
    // A line break is not a word break: where the page wrapped inside a word, no space.
    const text = (l: { clusters: Cluster[] }) => l.clusters.map((c) => c.text).join("");
    if (inWord.size && inWord.has(wrapKey(text(withGlyphs[i]!), text(withGlyphs[i + 1]!)))) continue;
    // From one element to the next on a new line (a label, then a name), a space even in Chinese.
    const sameElement = withGlyphs[i]!.element === withGlyphs[i + 1]!.element;
    const noSpace = sameElement && (NO_SPACE_AT_WRAP.test(before) || NO_SPACE_AT_WRAP.test(after));
    if (!before || /\s/u.test(before) || /\s/u.test(after) || noSpace || BREAK_AFTER.test(before)) continue;
    last.text += " ";
  }
}

export function lastOf<T>(items: T[], test: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i]!)) return items[i];
  return undefined;
}

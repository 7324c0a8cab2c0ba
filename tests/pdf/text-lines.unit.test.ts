/**
 * The logical order of a PDF's lines and the spaces at their wraps, on glyphs placed as Chromium
 * places them: left to right on the page, a right-to-left run marked reversed.
 */
import { describe, expect, it } from "vitest";
import { wrapKey } from "../../build/checks/page-text.ts";
import { joinLines, readingOrder, type Cluster, type OrderedLine, type Run, type Segment } from "../../build/pdf/text-lines.ts";

const PAINT = { RG: undefined, rg: undefined, gs: undefined };

/** A run of clusters, one a character, drawn left to right from x (a right-to-left run's characters given in the order they sit on the page). */
function run(text: string, x: number, rtl = false): Run {
  const clusters: Cluster[] = [...text].map((ch, i) => ({
    text: ch,
    glyphs: [{ font: "F1", size: 10, code: i, m: [1, 0, 0, 1, x + i * 5, 700], paint: PAINT, op: 0, at: i }],
  }));
  return { rtl, clusters };
}
const segment = (line: string, runs: Run[]): Segment => ({ start: 0, end: 0, mcid: 0, paint: PAINT, line, runs });
const read = (lines: { clusters: Cluster[] }[]) => lines.map((l) => l.clusters.map((c) => c.text).join(""));

describe("the logical order of a line", () => {
  it("keeps a left-to-right line as drawn", () => {
    expect(read(readingOrder([segment("a", [run("Call ", 0), run("112", 30)])], false))).toEqual(["Call 112"]);
  });

  it("reads a right-to-left run backwards", () => {
    // "سلام" drawn left to right on the page is its last letter first.
    expect(read(readingOrder([segment("a", [run("مالس", 0, true)])], true))).toEqual(["سلام"]);
  });

  it("puts an Arabic line's runs in reverse and keeps a number's digits in their own order", () => {
    // "اتصل بالرقم 112" on a right-to-left line: the number sits at the left, the words at the right.
    const line = segment("a", [run("112", 0), run(" ", 20), run("مقرلاب لصتا", 30, true)]);
    expect(read(readingOrder([line], true))).toEqual(["اتصل بالرقم 112"]);
  });

  it("keeps a stretch of left-to-right runs in its order inside a right-to-left line", () => {
    // An English title cited in an Arabic sentence: "المصدر: Myria report" with the title at the left.
    const line = segment("a", [run("Myria", 0), run(" ", 30), run("report", 35), run(" :ردصملا", 70, true)]);
    expect(read(readingOrder([line], true))).toEqual(["المصدر: Myria report"]);
  });

  it("gives each line its own order, pieces of one line joined", () => {
    const lines = readingOrder([segment("a", [run("first", 0)]), segment("b", [run("second", 0)]), segment("a", [run(" line", 30)])], false);
    expect(read(lines)).toEqual(["first line", "second"]);
  });
});

describe("joining wrapped lines", () => {
  const lines = (...texts: string[]): OrderedLine[] => texts.map((t, i) => ({ key: `line ${i}`, clusters: run(t, 0).clusters, element: 1 }));
  const joined = (ls: OrderedLine[], inWord: string[] = []) => {
    joinLines(ls, new Set(inWord));
    return ls.map((l) => l.clusters.map((c) => c.text).join("")).join("");
  };

  it("gives back the space a wrap took between two words", () => {
    expect(joined(lines("The road through", "Belgium"))).toBe("The road through Belgium");
  });

  it("adds no space where the page wrapped inside a word (a long compound in a narrow column)", () => {
    const [before, after] = ["Ondersteuningsmaatregel", "enpakket"];
    expect(joined(lines(`de ${before}`, after), [wrapKey(`de ${before}`, after)])).toBe(`de ${before}${after}`);
    // The same glyphs with no record of a wrap inside a word: a word break.
    expect(joined(lines(`de ${before}`, after))).toBe(`de ${before} ${after}`);
  });

  it("adds no space inside an Indic syllable or before the full stop that wrapped alone", () => {
    const word = "ক্ষমতা";
    expect(joined(lines("এই ক্", "ষমতা"), [wrapKey("এই ক্", "ষমতা")])).toBe(`এই ${word}`);
    expect(joined(lines("দালালকে টাকা দেবেন না", "।"), [wrapKey("দালালকে টাকা দেবেন না", "।")])).toBe("দালালকে টাকা দেবেন না।");
  });

  it("adds no space between Chinese characters, nor after a hyphen; drops the hyphen Chromium drew", () => {
    expect(joined(lines("一辆冷藏货", "车里"))).toBe("一辆冷藏货车里");
    expect(joined(lines("waymark.example/", "en/"))).toBe("waymark.example/en/");
    expect(joined(lines("smug\u2010", "gling"))).toBe("smuggling");
  });
});

describe("a wrap's name", () => {
  it("is the graphemes on each side, whitespace normalised, so the page and the PDF name it alike", () => {
    expect(wrapKey("a very long Ondersteunings", "maatregel and more")).toBe("unings|maatre");
    expect(wrapKey("x  ক্ষমতা", "র")).toBe(wrapKey("x ক্ষমতা", "র"));
  });
});

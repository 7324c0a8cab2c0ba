/**
 * The pieces that put a PDF's text in reading order, each alone: the content-stream parser,
 * the CMaps, the artifact marking and the structure-text comparison's messages (the order of
 * lines and their joining: text-lines.unit.test.ts). The whole stage runs on real Chromium PDFs
 * in every script family in tests/e2e/matrix.e2e.test.ts and on the whole campaign in verify.
 */
import { describe, expect, it } from "vitest";
import { type Bytes, type Name, parseContent, serializeContent, textString } from "../../build/pdf/content-stream.ts";
import { parseToUnicode, writeEncoding, writeToUnicode } from "../../build/pdf/fonts-in-pdf.ts";
import { markUntaggedAsArtifacts } from "../../build/pdf/artifacts.ts";
import { checkKeeps, compareStructureText, type PageText } from "../../build/checks/page-text.ts";
import type { StructNode } from "../../build/pdf/structure-text.ts";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("content streams", () => {
  it("reads what Chromium writes: marked content with dictionaries, text with hex strings, numbers, names", () => {
    const ops = parseContent(
      bytes("/P <</MCID 3 >>BDC\nBT\n/F7 33.33 Tf\n1 0 0 -1 331.4 625 Tm\n/Span<</ActualText <FEFF0644> >> BDC\n-3.5 .87 Td <01050053> Tj\nEMC\nET\nEMC\n"),
    );
    expect(ops.map((o) => o.operator)).toEqual(["BDC", "BT", "Tf", "Tm", "BDC", "Td", "Tj", "EMC", "ET", "EMC"]);
    expect((ops[0]!.operands[1] as Map<string, unknown>).get("MCID")).toBe(3);
    expect((ops[2]!.operands[0] as Name).name).toBe("F7");
    expect(ops[5]!.operands).toEqual([-3.5, 0.87]);
    expect([...(ops[6]!.operands[0] as Bytes).bytes]).toEqual([0x01, 0x05, 0x00, 0x53]);
    expect(textString((ops[4]!.operands[1] as Map<string, unknown>).get("ActualText") as Bytes)).toBe("ل");
  });

  it("reads literal strings with escapes, arrays and comments, and writes operations back unchanged", () => {
    const source = "% a comment\n[(a\\(b\\)) -120 <4142>] TJ\n(\\101\\n) Tj\n/Name#20x gs";
    const ops = parseContent(bytes(source));
    const tj = ops[0]!.operands[0] as (Bytes | number)[];
    expect(new TextDecoder().decode((tj[0] as Bytes).bytes)).toBe("a(b)");
    expect(tj[1]).toBe(-120);
    expect(new TextDecoder().decode((ops[1]!.operands[0] as Bytes).bytes)).toBe("A\n");
    expect((ops[2]!.operands[0] as Name).name).toBe("Name x");
    expect(parseContent(serializeContent(ops)).map((o) => o.raw)).toEqual(ops.map((o) => o.raw));
  });

  it("refuses what it does not read, saying what", () => {
    expect(() => parseContent(bytes("BI /W 1 ID x EI"))).toThrow(/inline images/);
    expect(() => parseContent(bytes("<0102"))).toThrow(/unterminated hex string/);
  });
});

describe("CMaps", () => {
  it("writes a ToUnicode map whose codes carry whole clusters, no text, or a space after a wrap, and reads it back", () => {
    const entries: [number, string][] = [
      [1, "لا"],
      [2, ""],
      [3, "e "],
      [4, "\u{1F600}"],
    ];
    expect([...parseToUnicode(bytes(writeToUnicode(entries)))]).toEqual(entries);
  });

  it("reads bfrange entries, ranges and arrays", () => {
    const cmap = "2 beginbfrange\n<0010> <0012> <0041>\n<0020> <0021> [<0627> <06440627>]\nendbfrange";
    expect([...parseToUnicode(bytes(cmap))]).toEqual([
      [0x10, "A"],
      [0x11, "B"],
      [0x12, "C"],
      [0x20, "ا"],
      [0x21, "لا"],
    ]);
  });

  it("writes an encoding CMap in blocks of at most 100 entries", () => {
    const text = writeEncoding(
      "Waymark-1",
      Array.from({ length: 150 }, (_, i) => [i + 1, 1000 + i] as [number, number]),
    );
    expect(text).toContain("100 begincidchar");
    expect(text).toContain("50 begincidchar");
    expect(text).toContain("<0001> 1000");
    expect(text).toContain("/CMapName /Waymark-1 def");
  });
});

describe("untagged painting", () => {
  it("wraps a page number's text object and a path outside marked content as artifacts, and leaves tagged content alone", () => {
    const ops = parseContent(
      bytes("q 1 0 0 1 0 0 cm\nBT /F1 9 Tf <0015> Tj ET\n0 0 29 29 re f\n/P <</MCID 0>> BDC BT <0001> Tj ET 0 0 5 5 re f EMC\n0 0 9 9 re W n\nQ"),
    );
    const marked = markUntaggedAsArtifacts(ops)!;
    const text = marked.map((o) => o.raw).join(" ");
    expect(text).toContain("/Artifact BMC BT /F1 9 Tf <0015> Tj ET EMC");
    expect(text).toContain("/Artifact BMC 0 0 29 29 re f EMC");
    expect(text.match(/Artifact/g)).toHaveLength(2); // the tagged paragraph and the clip are not artifacts
    expect(markUntaggedAsArtifacts(parseContent(bytes("/P <</MCID 0>> BDC 0 0 5 5 re f EMC")))).toBeUndefined();
  });
});

/** A structure-tree node as the PDF reader gives it: its text, children and pages. */
const node = (type: string, text: string, children: StructNode[] = [], pages: number[] = [1]): StructNode => ({
  type,
  text,
  textWithoutLabels: text,
  children,
  dict: undefined as never,
  pages,
});

describe("the structure-text check", () => {
  const page: PageText = {
    lang: "ar",
    blocks: [
      { type: "H1", text: "حقيقة الرحلة", lang: "ar" },
      { type: "P", text: "first", lang: "ar" },
    ],
    islands: [],
    wraps: [],
  };

  it("passes when each block reads as written (whitespace normalised)", () => {
    const tree = node("Document", "", [node("H1", "حقيقة  الرحلة"), node("P", " first ")]);
    expect(compareStructureText(tree, page, { file: "dist/pdf/ar/brochure.screen.pdf", document: "brochure (screen)" })).toEqual([]);
  });

  it("names the language, document, block and what the PDF reads instead", () => {
    const tree = node("Document", "", [node("H1", "ﻪ"), node("P", "first")]);
    const [problem, ...rest] = compareStructureText(tree, page, { file: "dist/pdf/ar/brochure.screen.pdf", document: "brochure (screen)" });
    expect(rest).toEqual([]);
    expect(problem!.file).toBe("dist/pdf/ar/brochure.screen.pdf");
    expect(problem!.message).toBe('ar brochure (screen): H1 1 "حقيقة الرحلة" reads "ﻪ" in the PDF\'s structure tree');
  });

  it("reports a block the PDF has no element for", () => {
    const tree = node("Document", "", [node("H1", "حقيقة الرحلة")]);
    expect(compareStructureText(tree, page, { file: "f.pdf", document: "brochure (screen)" })[0]!.message).toMatch(/P 1 "first" has no element/);
  });
});

describe("the check that no page ends on a label, heading or warning", () => {
  const page: PageText = {
    lang: "en",
    blocks: [
      { type: "P", text: "Real case · 2000", lang: "en", keep: true },
      { type: "H3", text: "Fifty-eight deaths in a refrigerated lorry", lang: "en", keep: true },
      { type: "P", text: "In 2000, a refrigerated lorry left Zeebrugge.", lang: "en" },
    ],
    islands: [],
    wraps: [],
  };
  const where = { file: "dist/pdf/en/brochure.screen.pdf", document: "brochure" };

  it("passes a label and headline on the page their story starts on", () => {
    const tree = node("Document", "", [node("P", "Real case · 2000", [], [2]), node("H3", "Fifty-eight…", [], [2]), node("P", "In 2000…", [], [2, 3])], [1, 2]);
    expect(checkKeeps(tree, page, where)).toEqual([]);
  });

  it("fails a page that ends on a headline, naming the page, the headline and where its story starts", () => {
    const tree = node("Document", "", [node("P", "Real case · 2000", [], [1]), node("H3", "Fifty-eight…", [], [1]), node("P", "In 2000…", [], [2])], [1, 2]);
    const problems = checkKeeps(tree, page, where);
    expect(problems.map((p) => p.message)).toEqual([
      'en brochure: page 1 ends on "Fifty-eight deaths in a refrigerated lorry", and what it introduces ("In 2000, a refrigerated lorry left Zeebrugge.") starts on page 2',
    ]);
    expect(problems[0]!.file).toBe("dist/pdf/en/brochure.screen.pdf");
  });
});

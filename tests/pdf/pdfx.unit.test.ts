/**
 * The pure parts of the PDF/X conversion and its preflight reading: neutral colours made grey
 * (so Ghostscript prints them on the black plate), the PostScript it is given, the ink read from
 * a CMYK render, and transparency found in a print PDF (which fails the build).
 */
import { PDFDocument, rgb } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { pdfProblems, type BuiltPdf } from "../../build/checks/pdf-output.ts";
import type { Campaign } from "../../build/content/campaign.ts";
import type { Language } from "../../build/content/schemas.ts";
import { parseContent, pageOperations, type Operation } from "../../build/pdf/content-stream.ts";
import { maxInkOfPam, splitPams } from "../../build/pdf/ink.ts";
import { inspectDoc } from "../../build/pdf/inspect.ts";
import { neutralAsGrey, neutralColoursAsGrey } from "../../build/pdf/neutral-grey.ts";
import { pdfxDefinition, psString } from "../../build/pdf/pdfx.ts";
import { transparencyOf } from "../../build/pdf/print-facts.ts";
import { FORMATS } from "../../build/print/formats.ts";
import { KIT_INTENT } from "../../build/print/press-ready.ts";

const op = (text: string): Operation => parseContent(new TextEncoder().encode(text))[0]!;
const colours = (ops: Operation[]) => ops.filter((o) => /^(rg|RG|g|G)$/.test(o.operator)).map((o) => o.raw);

describe("neutral colours as grey", () => {
  it("writes an RGB grey or black as grey, fill and stroke, and leaves colours alone", () => {
    expect(neutralAsGrey(op("0 0 0 rg")).raw).toBe("0 g");
    expect(neutralAsGrey(op("0.10196 0.10196 0.10196 RG")).raw).toBe("0.10196 G");
    expect(neutralAsGrey(op("0.047 0.157 0.259 rg")).raw).toBe("0.047 0.157 0.259 rg"); // the kit's navy
    expect(neutralAsGrey(op("0.5 0.5 0.51 rg")).raw).toBe("0.5 0.5 0.51 rg"); // 2.5/255 apart: a tint, not a grey
  });

  it("rewrites every page's content and says how many colours it changed", async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([200, 200]);
    page.drawText("black", { x: 10, y: 10, color: rgb(0, 0, 0) });
    page.drawText("red", { x: 10, y: 40, color: rgb(0.8, 0.1, 0.1) });
    page.drawRectangle({ x: 10, y: 80, width: 50, height: 20, color: rgb(0.4, 0.4, 0.4), borderColor: rgb(0, 0, 0), borderWidth: 1 });
    const printed = await PDFDocument.load(await doc.save()); // as the conversion gets it: a PDF read from its bytes
    expect(neutralColoursAsGrey(printed)).toBe(3);
    const reloaded = await PDFDocument.load(await printed.save());
    expect(colours(pageOperations(reloaded.getPage(0).node)!)).toEqual(["0 g", "0.8 0.1 0.1 rg", "0.4 g", "0 G"]);
  });
});

describe("the PDF/X definition Ghostscript runs first", () => {
  it("escapes what PostScript strings cannot hold", () => {
    expect(psString("ISO (coated) \\ 115 g/m²")).toBe("(ISO \\(coated\\) \\\\ 115 g/m\\262)");
  });

  it("declares PDF/X-3:2002 and the kit's FOGRA39 output intent with its profile embedded", () => {
    const ps = pdfxDefinition(KIT_INTENT);
    expect(ps).toContain("/GTS_PDFXVersion (PDF/X-3:2002) /Trapped /False /DOCINFO pdfmark");
    expect(ps).toContain("/S /GTS_PDFX");
    expect(ps).toContain("/OutputConditionIdentifier (FOGRA39)");
    expect(ps).toContain(`${psString(KIT_INTENT.profile)} (r) file /PUT pdfmark`);
    expect(ps).toContain("/DestOutputProfile {icc_PDFX}");
    expect(ps).toMatch(/\/Info \(Waymark FOGRA39L: a free profile .*not the ECI's ISO Coated v2\)/);
  });
});

describe("total ink of a CMYK render", () => {
  const pam = (pixels: number[][]) =>
    new Uint8Array([...new TextEncoder().encode(`P7\nWIDTH ${pixels.length}\nHEIGHT 1\nDEPTH 4\nMAXVAL 255\nTUPLTYPE CMYK\nENDHDR\n`), ...pixels.flat()]);

  it("is the darkest pixel's C + M + Y + K, in percent", () => {
    expect(
      maxInkOfPam(
        pam([
          [0, 0, 0, 255],
          [191, 173, 171, 230],
          [0, 0, 0, 0],
        ]),
      ),
    ).toBe(300);
    expect(maxInkOfPam(pam([[255, 255, 255, 255]]))).toBe(400);
  });

  it("reads each page of Ghostscript's output, one image after another, and refuses what is not one", () => {
    const two = new Uint8Array([
      ...pam([[0, 0, 0, 255]]),
      ...pam([
        [255, 0, 0, 0],
        [255, 255, 0, 0],
      ]),
    ]);
    expect(splitPams(two).map(maxInkOfPam)).toEqual([100, 200]);
    const one = pam([[0, 0, 0, 0]]);
    expect(() => splitPams(new Uint8Array([...one, ...new TextEncoder().encode("%!PS")]))).toThrow(`not a PAM image at byte ${one.length}`);
  });

  it("refuses an image that is not 8-bit CMYK", () => {
    const rgb = new TextEncoder().encode("P7\nWIDTH 1\nHEIGHT 1\nDEPTH 3\nMAXVAL 255\nTUPLTYPE RGB\nENDHDR\n\0\0\0");
    expect(() => maxInkOfPam(rgb)).toThrow(/not a CMYK PAM image/);
  });
});

describe("transparency in a print PDF", () => {
  it("is found with its page and graphics state, and fails the build naming the print PDF", async () => {
    const doc = await PDFDocument.create();
    doc.addPage([200, 200]).drawRectangle({ x: 10, y: 10, width: 50, height: 50, color: rgb(0, 0, 1) });
    doc.addPage([200, 200]).drawRectangle({ x: 10, y: 10, width: 50, height: 50, color: rgb(1, 0, 0), opacity: 0.5 });
    const printed = await PDFDocument.load(await doc.save());
    const found = transparencyOf(printed);
    expect(found).toEqual([{ page: 2, what: expect.stringMatching(/^fill opacity 0\.5 \(graphics state \/GS-\d+\)$/) }]);

    const lang = { code: "en", fonts: [] } as unknown as Language;
    const c = { fonts: {}, source: lang } as unknown as Campaign;
    const pdf: BuiltPdf = { rel: "en/poster.screen.pdf", variant: "screen", url: "/_print/en/poster/", job: "en/poster", lang, format: FORMATS.poster };
    const problems = await pdfProblems(c, pdf, { ...inspectDoc(printed), pages: 1 });
    expect(problems).toEqual([
      {
        file: "dist/pdf/en/poster.print.pdf",
        message: expect.stringMatching(/^paints with transparency \(page 2: fill opacity 0\.5 \(graphics state \/GS-\d+\)\): .*one image$/),
        hint: expect.stringContaining("on en/poster, find the opacity"),
      },
    ]);
  });

  it("is none in a page drawn in solid colours", async () => {
    const doc = await PDFDocument.create();
    doc.addPage([200, 200]).drawRectangle({ x: 10, y: 10, width: 50, height: 50, color: rgb(1, 0, 0) });
    expect(transparencyOf(doc)).toEqual([]);
  });
});

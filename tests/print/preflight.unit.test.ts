/**
 * The preflight of a PDF/X file (build/checks/preflight.ts), from facts as the conversion reads
 * them back: a press-ready file passes with its line; each rule a print shop checks, broken
 * once, is named with its page and what to do.
 */
import { describe, expect, it } from "vitest";
import { plates, preflight } from "../../build/checks/preflight.ts";
import type { PdfxFacts } from "../../build/pdf/pdfx-task.ts";

const box = (x: number, y: number, width: number, height: number) => ({ x, y, width, height });
/** A poster: A3 trim with 3 mm bleed; the PDF/X file's media starts at 0, the print PDF's at -9 mm. */
const pdfxBoxes = [{ media: box(0, 0, 321, 444), trim: box(12, 12, 297, 420), bleed: box(9, 9, 303, 426) }];
const printBoxes = [{ media: box(-9, -9, 321, 444), trim: box(3, 3, 297, 420), bleed: box(0, 0, 303, 426) }];

function pressReady(): PdfxFacts {
  return {
    printBoxes,
    boxes: pdfxBoxes,
    fonts: [
      { name: "NotoSans-Bold", family: "NotoSans", subtype: "Type0", embedded: true },
      { name: "NotoSansArabic-Regular", family: "NotoSansArabic", subtype: "Type0", embedded: true },
    ],
    print: {
      transparency: [],
      colourSpaces: ["DeviceCMYK", "DeviceGray"],
      images: [{ page: 1, pixels: [1200, 800], placedMm: [100, 66.7], dpi: 304.8, colourSpace: "DeviceCMYK", mask: false }],
      textColours: [
        { space: "DeviceGray", values: [0.1], runs: 40, pages: [1] },
        { space: "DeviceCMYK", values: [0.278, 0.906, 1, 0.306], runs: 2, pages: [1] },
      ],
      pages: [{ textRuns: 42, largestImageShare: 0.05, annotations: 0 }],
      pdfx: {
        pdfVersion: "1.3",
        version: "PDF/X-3:2002",
        trapped: "False",
        outputIntents: [
          {
            subtype: "GTS_PDFX",
            identifier: "FOGRA39",
            registry: "http://www.color.org",
            profile: { components: 4, bytes: 54512, space: "CMYK", description: "Waymark FOGRA39L" },
          },
        ],
      },
    },
    maxInk: [273.3],
  };
}

describe("preflight of a PDF/X file", () => {
  it("passes a press-ready file and says so in one line", () => {
    const { entry, line, problems } = preflight("dist/pdf/ar/poster.pdfx.pdf", pressReady());
    expect(problems).toEqual([]);
    expect(entry).toMatchObject({
      ok: true,
      pages: 1,
      trimMm: [297, 420],
      bleedMm: 3,
      lowestDpi: 305,
      maxInk: 273.3,
      pdfx: { version: "PDF/X-3:2002", outputCondition: "FOGRA39" },
    });
    expect(line).toBe(
      "dist/pdf/ar/poster.pdfx.pdf: ok · PDF/X-3:2002 FOGRA39 · 1 page(s) 297 × 420 mm + 3 mm bleed · 2 font(s) embedded · DeviceCMYK+DeviceGray · images ≥ 305 dpi · ink ≤ 273.3% · no transparency · black text on K",
    );
  });

  const broken: [string, (f: PdfxFacts) => void, RegExp][] = [
    ["RGB left behind", (f) => f.print.colourSpaces.push("DeviceRGB"), /paints in DeviceRGB/],
    [
      "transparency",
      (f) => f.print.transparency.push({ page: 1, what: "fill opacity 0.5 (graphics state /G3)" }),
      /page 1: fill opacity 0\.5 .*no transparency/,
    ],
    ["a font not embedded", (f) => (f.fonts[1]!.embedded = false), /font NotoSansArabic-Regular is not embedded/],
    ["a rasterised page", (f) => (f.print.pages[0] = { textRuns: 0, largestImageShare: 1, annotations: 0 }), /page 1 is one image/],
    ["a link left on the page", (f) => (f.print.pages[0]!.annotations = 2), /page 1 has 2 annotation\(s\) \(links\): PDF\/X-3 allows none/],
    ["a coarse image", (f) => (f.print.images[0]!.dpi = 96), /placed at 100 × 66\.7 mm is 96 dpi \(at least 150\)/],
    ["too much ink", (f) => (f.maxInk = [312.5]), /page 1: 312\.5% total ink \(at most 300%/],
    [
      "four-colour black text",
      (f) => f.print.textColours.push({ space: "DeviceCMYK", values: [0.75, 0.68, 0.67, 0.9], runs: 7, pages: [1] }),
      /7 text run\(s\) in four-colour black/,
    ],
    [
      "a moved TrimBox",
      (f) => (f.boxes = [{ ...pdfxBoxes[0]!, trim: box(12, 14, 297, 420) }]),
      /page 1: TrimBox 297 × 420 mm at 12, 14 mm; the print PDF's is 297 × 420 mm at 12, 12 mm/,
    ],
    ["a missing BleedBox", (f) => (f.boxes = [{ ...pdfxBoxes[0]!, bleed: box(0, 0, 0, 0) }]), /BleedBox/],
    ["no PDF/X version", (f) => delete f.print.pdfx.version, /not PDF\/X-3:2002 with a CMYK output intent \(GTS_PDFXVersion missing/],
    ["an RGB output profile", (f) => (f.print.pdfx.outputIntents[0]!.profile!.components = 3), /profile with 3 components/],
    ["no Trapped key", (f) => delete f.print.pdfx.trapped, /no Trapped key/],
  ];
  it.each(broken)("stops the build on %s, naming the file", (_, breakIt, message) => {
    const facts = pressReady();
    breakIt(facts);
    const { entry, line, problems } = preflight("dist/pdf/en/poster.pdfx.pdf", facts);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: "dist/pdf/en/poster.pdfx.pdf", message: expect.stringMatching(message), hint: expect.any(String) });
    expect(entry.ok).toBe(false);
    expect(line).toMatch(/^dist\/pdf\/en\/poster\.pdfx\.pdf: 1 problem\(s\)/);
  });

  it("tells black on the black plate from four-colour black and from colour", () => {
    expect(plates("DeviceGray", [0])).toBe("K only");
    expect(plates("DeviceCMYK", [0, 0, 0, 1])).toBe("K only");
    expect(plates("DeviceCMYK", [0.75, 0.68, 0.67, 0.9])).toBe("four-colour black");
    expect(plates("DeviceCMYK", [0.945, 0.647, 0.384, 0.212])).toBe("colour"); // the kit's navy
  });
});

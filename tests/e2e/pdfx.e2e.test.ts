/**
 * `waymark build --pdfx`, built for real in English, Arabic, Tigrinya and Simplified Chinese:
 * the poster and the brochure as PDF/X-3:2002 files a print shop could take as they are, read
 * back with poppler and Ghostscript (independent of the kit's own reading) and with the kit's:
 * conformance keys and output intent, CMYK and grey only, black text on the black plate, fonts
 * embedded, boxes as the print PDF's, text still text, no transparency, the preflight report
 * and its lines (ink within 300 %, as the build measured it), and each page rendered beside the print PDF's: nothing moved.
 *
 * In the suite, the poster alone (one A3 page a language, no stories); `npm run verify` sets
 * WAYMARK_PDFX_EVERY_DOCUMENT=1 and adds the brochure with its stories' posters and cards (40 conversions).
 */
import { execFileSync } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PreflightEntry } from "../../build/checks/preflight.ts";
import { inspectPdf, type PdfFacts } from "../../build/pdf/inspect.ts";
import { printFacts } from "../../build/pdf/print-facts.ts";
import { buildCampaign, type BuildResult } from "../../build/pipeline.ts";
import { buildTimeout, sampleCampaign, smallSample } from "../helpers/sample-campaign.ts";
import { testChromium } from "../helpers/test-chromium.ts";

const LANGUAGES = ["en", "ar", "ti", "zh-Hans"];
const EVERY_DOCUMENT = process.env.WAYMARK_PDFX_EVERY_DOCUMENT === "1";
const DOCUMENTS = EVERY_DOCUMENT ? ["poster", "brochure"] : ["poster"];
const FILES = LANGUAGES.flatMap((l) => DOCUMENTS.map((d) => `${l.toLowerCase()}/${d}`));

let root = "";
let cleanup = async () => {};
let result: BuildResult;
const lines: string[] = [];
const pdf = (rel: string) => path.join(root, "dist", "pdf", rel);
const tool = (cmd: string, ...args: string[]) => execFileSync(cmd, args, { encoding: "utf8", maxBuffer: 64 << 20 });

beforeAll(
  async () => {
    ({ root, cleanup } = await sampleCampaign(await smallSample(LANGUAGES, DOCUMENTS)));
    result = await buildCampaign({
      chromium: testChromium(),
      root,
      pdfx: true,
      onEvent: (e) => {
        if (e.type === "preflight") lines.push(e.line);
      },
    });
  },
  // With the brochure, each of its stories is printed as a poster and a card too: 40 pages, each converted.
  buildTimeout({ builds: 1, pdfs: EVERY_DOCUMENT ? 80 + 40 : 8 + 4 }),
);
afterAll(() => cleanup());

describe.each(FILES)("%s.pdfx.pdf", (file) => {
  const pdfx = () => pdf(`${file}.pdfx.pdf`);
  const print = () => pdf(`${file}.print.pdf`);

  it("is PDF/X-3:2002 (PDF 1.3) with the FOGRA39 output intent and its CMYK profile embedded", async () => {
    const info = tool("pdfinfo", pdfx());
    expect(info).toMatch(/^PDF version:\s+1\.3$/m);
    expect(info).toMatch(/^PDF subtype:\s+PDF\/X-3:2002$/m);
    const { pdfx: keys } = printFacts(await PDFDocument.load(await readFile(pdfx()), { updateMetadata: false }));
    expect(keys).toMatchObject({ version: "PDF/X-3:2002", trapped: "False" });
    expect(keys.outputIntents).toEqual([
      expect.objectContaining({
        subtype: "GTS_PDFX",
        identifier: "FOGRA39",
        registry: "http://www.color.org",
        profile: expect.objectContaining({ components: 4, space: "CMYK", description: expect.stringMatching(/^Waymark FOGRA39L/) }),
      }),
    ]);
  });

  it("paints in CMYK and grey only, without transparency, its black text on the black plate alone", async () => {
    const facts = printFacts(await PDFDocument.load(await readFile(pdfx()), { updateMetadata: false }));
    expect(facts.colourSpaces).toEqual(["DeviceCMYK", "DeviceGray"]);
    expect(facts.transparency).toEqual([]);
    // The body text (the most runs) is the kit's near-black ink: grey, which Ghostscript puts on K only.
    const body = [...facts.textColours].sort((a, b) => b.runs - a.runs)[0]!;
    expect(body.space).toBe("DeviceGray");
    expect(body.values[0]).toBeLessThan(0.2);
    for (const t of facts.textColours.filter((t) => t.space === "DeviceCMYK"))
      expect(t.values.slice(0, 3).every((v) => v > 0.25) && t.values[3]! > 0.6).toBe(false);
  });

  it("embeds every font the print PDF has, and keeps its TrimBox and BleedBox on every page", async () => {
    const [x, p] = [await inspectPdf(await readFile(pdfx())), await inspectPdf(await readFile(print()))];
    expect(tool("pdffonts", pdfx())).not.toMatch(/\bno\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/m); // the "emb" column
    expect(x.fonts.every((f) => f.embedded)).toBe(true);
    expect(new Set(x.fonts.map((f) => f.family))).toEqual(new Set(p.fonts.map((f) => f.family)));
    const fromMedia = (b: PdfFacts["boxes"][number]) => [b.trim, b.bleed].flatMap((r) => [r.x - b.media.x, r.y - b.media.y, r.width, r.height]);
    expect(x.boxes).toHaveLength(p.boxes.length);
    for (const [i, b] of x.boxes.entries()) fromMedia(b).forEach((v, j) => expect(v).toBeCloseTo(fromMedia(p.boxes[i]!)[j]!, 1));
  });

  it("keeps its text as text: no page-sized image, and the same letters as the print PDF", () => {
    const images = tool("pdfimages", "-list", pdfx()).split("\n").slice(2).filter(Boolean);
    const pageWidthPt = Number(/^Page size:\s+([\d.]+)/m.exec(tool("pdfinfo", pdfx()))![1]);
    for (const row of images) {
      const [, , , width, , , , , , , , xppi] = row.trim().split(/\s+/);
      expect((Number(width) / Number(xppi)) * 72).toBeLessThan(pageWidthPt * 0.9);
    }
    // Every letter the print PDF's text holds, and no other (poppler guesses spaces from glyph
    // positions, which Ghostscript rounds: "th e" in one can be "the" in the other).
    const letters = (f: string) => [...tool("pdftotext", f, "-").replace(/\s+/g, "")].sort().join("");
    const printed = letters(print());
    expect(printed.length).toBeGreaterThan(100);
    expect(letters(pdfx())).toBe(printed);
  });

  it("renders as the print PDF does, colour aside: nothing moved", async () => {
    const gray = async (f: string, extra: string[] = []) =>
      sharp(
        execFileSync("gs", [
          "-dSAFER",
          "-dBATCH",
          "-dNOPAUSE",
          "-dQUIET",
          "-sDEVICE=pnggray",
          "-r30",
          "-dFirstPage=1",
          "-dLastPage=1",
          ...extra,
          "-sOutputFile=-",
          f,
        ]),
      )
        .raw()
        .toBuffer({ resolveWithObject: true });
    const [a, b] = [await gray(print()), await gray(pdfx(), ["-dUsePDFX3Profile"])];
    expect([b.info.width, b.info.height]).toEqual([a.info.width, a.info.height]);
    let far = 0;
    let sum = 0;
    for (let i = 0; i < a.data.length; i++) {
      const d = Math.abs(a.data[i]! - b.data[i]!);
      sum += d;
      if (d > 48) far++;
    }
    // Measured: about 3 levels apart on average and 0.1 % of pixels far apart (colour conversion);
    // another document's page is 38 levels and 16 %.
    expect(sum / a.data.length).toBeLessThan(8);
    expect(far / a.data.length).toBeLessThan(0.01);
  });
});

describe("the preflight", () => {
  it("reports every PDF/X file in reports/preflight.json and in a line of the build's output, all press-ready", async () => {
    const report = JSON.parse(await readFile(path.join(root, "dist", "reports", "preflight.json"), "utf8")) as {
      outputIntent: { identifier: string; profile: string };
      pdfs: PreflightEntry[];
    };
    expect(report.outputIntent).toMatchObject({ identifier: "FOGRA39", profile: expect.stringMatching(/waymark-fogra39l\.icc$/) });
    const prints = result.pdfs.filter((p) => p.endsWith(".print.pdf"));
    expect(result.pdfx?.files).toHaveLength(prints.length);
    expect(report.pdfs).toHaveLength(prints.length);
    expect(lines).toHaveLength(prints.length);
    for (const file of FILES) {
      const entry = report.pdfs.find((e) => e.file === `dist/pdf/${file}.pdfx.pdf`)!;
      expect(entry).toMatchObject({ ok: true, problems: [], transparency: [], bleedMm: 3, pdfx: { version: "PDF/X-3:2002", outputCondition: "FOGRA39" } });
      // Ghostscript's separations, read by the build (the limit itself: tests/print/preflight.unit.test.ts); the poster's dark band is well over 100 %.
      expect(entry.maxInk).toBeGreaterThan(100);
      expect(entry.maxInk).toBeLessThanOrEqual(300);
      expect(lines).toContain(lines.find((l) => l.startsWith(`dist/pdf/${file}.pdfx.pdf: ok · PDF/X-3:2002 FOGRA39 · `)));
    }
    expect(lines.find((l) => l.startsWith("dist/pdf/ti/poster.pdfx.pdf"))).toMatch(
      /: ok · PDF\/X-3:2002 FOGRA39 · 1 page\(s\) 297 × 420 mm \+ 3 mm bleed · \d font\(s\) embedded · DeviceCMYK\+DeviceGray · .* · ink ≤ [\d.]+% · no transparency · black text on K$/,
    );
  });

  it(
    "takes unchanged PDF/X files from the cache on a rebuild, byte for byte",
    async () => {
      const before = await Promise.all(FILES.map((f) => readFile(pdf(`${f}.pdfx.pdf`))));
      const again = await buildCampaign({ chromium: testChromium(), root, pdfx: true });
      expect(again.pdfx).toMatchObject({ made: 0, reused: result.pdfx!.files.length });
      const after = await Promise.all(FILES.map((f) => readFile(pdf(`${f}.pdfx.pdf`))));
      after.forEach((bytes, i) => expect(bytes.equals(before[i]!)).toBe(true));
    },
    buildTimeout({ builds: 1, pdfs: 40 }), // nothing printed or converted, but every PDF and PDF/X file read from the cache and written
  );

  it("offers the PDF/X files on the materials page for print shops, not in the offline bundles", async () => {
    const site = await readdir(path.join(root, "dist", "site", "pdf", "en"));
    expect(site).toContain("poster.pdfx.pdf");
    const printShop = await readFile(path.join(root, "dist", "site", "en", "materials", "print-shop", "index.html"), "utf8");
    expect(printShop).toContain("poster.pdfx.pdf");
    const offline = await readFile(path.join(root, "dist", "offline", "en.zip"));
    expect(offline.includes(Buffer.from(".pdfx.pdf"))).toBe(false);
  });
});

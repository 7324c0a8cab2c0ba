/**
 * Check "preflight": what a print shop checks in a PDF/X file before it goes to press, judged
 * from what the file holds (pdf/pdfx-task.ts reads it back): its PDF/X keys and output intent,
 * page boxes as the print PDF's, every font embedded, no RGB, no transparency, text still text,
 * images fine enough at the size they are placed, total ink within the press's limit, black text
 * on the black plate only. Each PDF gets an entry in reports/preflight.json and a line in the
 * build's output; a broken rule is a Problem that stops the build.
 */
import type { Problem } from "../errors.ts";
import type { PdfxFacts } from "../pdf/pdfx-task.ts";

/** The rules, as a print shop states them for coated offset paper. */
export const PRESS_RULES = {
  pdfxVersion: "PDF/X-3:2002",
  /** Total ink limit of FOGRA39 (coated paper), in percent. */
  maxInk: 300,
  /** Below this an image's pixels show in print (the kit places its images at 300). */
  minDpi: 150,
  /** Boxes kept: the same within this many millimetres. */
  boxToleranceMm: 0.1,
} as const;

export interface PreflightEntry {
  file: string;
  pages: number;
  pdfx: { version: string | null; pdfVersion: string; trapped: string | null; outputCondition: string | null; profile: string | null };
  /** Trim and bleed of the first page, in millimetres. */
  trimMm: [number, number];
  bleedMm: number;
  fonts: { name: string; embedded: boolean }[];
  colourSpaces: string[];
  images: number;
  /** The lowest resolution of an image at its placed size; null without images. */
  lowestDpi: number | null;
  /** The highest total ink on any page, in percent. */
  maxInk: number;
  transparency: string[];
  /** Text colours by plate: "K only" (grey or CMYK black), "four-colour black", or "colour". */
  textColours: { colour: string; plates: "K only" | "four-colour black" | "colour"; runs: number }[];
  ok: boolean;
  problems: string[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** A text colour as the plates print it: black made of all four inks is what a print shop refuses for text. */
export function plates(space: string, values: number[]): PreflightEntry["textColours"][number]["plates"] {
  if (space === "DeviceGray") return "K only";
  if (space === "DeviceCMYK" && values.length === 4) {
    const [c, m, y, k] = values as [number, number, number, number];
    if (c === 0 && m === 0 && y === 0) return "K only";
    if (k > 0.6 && c > 0.25 && m > 0.25 && y > 0.25) return "four-colour black";
  }
  return "colour";
}

/** One PDF/X file judged: its report entry, its line for the build's output, and what stops the build. */
export function preflight(file: string, facts: PdfxFacts): { entry: PreflightEntry; line: string; problems: Problem[] } {
  const p = facts.print;
  const wrong: { message: string; hint: string }[] = [];
  const intent = p.pdfx.outputIntents.find((o) => o.subtype === "GTS_PDFX");

  if (p.pdfx.version !== PRESS_RULES.pdfxVersion || !intent?.profile || intent.profile.components !== 4 || !intent.identifier)
    wrong.push({
      message: `not ${PRESS_RULES.pdfxVersion} with a CMYK output intent (GTS_PDFXVersion ${p.pdfx.version ?? "missing"}, output intent ${intent ? `${intent.identifier ?? "without an identifier"}, profile with ${intent.profile?.components ?? 0} components` : "missing"})`,
      hint: "the conversion did not run as it should: check Ghostscript's version (gs --version, 10.0 or newer) and the output profile (a CMYK .icc)",
    });
  if (p.pdfx.trapped !== "True" && p.pdfx.trapped !== "False")
    wrong.push({ message: "no Trapped key (PDF/X requires True or False)", hint: "the conversion's PDF/X definition sets it: report this as a kit bug" });

  const n = Math.max(facts.boxes.length, facts.printBoxes.length);
  for (let i = 0; i < n; i++) {
    const [x, o] = [facts.boxes[i], facts.printBoxes[i]];
    const rel = (b: NonNullable<typeof x>, box: "trim" | "bleed") => [b[box].x - b.media.x, b[box].y - b.media.y, b[box].width, b[box].height];
    const differs = (box: "trim" | "bleed") =>
      !x || !o || rel(x, box).some((v, j) => Math.abs(v - rel(o, box)[j]!) > PRESS_RULES.boxToleranceMm) || !(x[box].width > 0);
    /** "297 × 420 mm at 12, 12 mm" (from the media box's corner), as a print shop's tool shows it. */
    const shown = (b: typeof x, box: "trim" | "bleed") => {
      if (!b) return "missing";
      const [left, bottom, w, h] = rel(b, box).map(round1);
      return `${w} × ${h} mm at ${left}, ${bottom} mm`;
    };
    for (const box of ["trim", "bleed"] as const)
      if (differs(box))
        wrong.push({
          message: `page ${i + 1}: ${box === "trim" ? "TrimBox" : "BleedBox"} ${shown(x, box)}; the print PDF's is ${shown(o, box)}`,
          hint: "the conversion must keep the print PDF's boxes: report this as a kit bug",
        });
  }

  for (const f of facts.fonts.filter((f) => !f.embedded))
    wrong.push({ message: `font ${f.name} is not embedded`, hint: "a press prints only fonts the file carries: report this as a kit bug" });
  const rgb = p.colourSpaces.filter((s) => /RGB/.test(s));
  if (rgb.length)
    wrong.push({
      message: `paints in ${rgb.join(", ")} (PDF/X-3 for a CMYK press allows CMYK, grey and spot colours)`,
      hint: "the conversion left RGB behind: report this as a kit bug",
    });
  for (const t of p.transparency)
    wrong.push({
      message: `page ${t.page}: ${t.what}: PDF/X-3 has no transparency`,
      hint: "print variants are drawn in solid colours: find the opacity, rgba() colour, mix-blend-mode, filter or shadow in templates/ and give it a solid colour",
    });
  for (const [i, page] of p.pages.entries()) {
    if (page.annotations)
      wrong.push({
        message: `page ${i + 1} has ${page.annotations} annotation(s) (links): PDF/X-3 allows none on the page`,
        hint: "the conversion leaves links out (Ghostscript's PreserveAnnots=false): report this as a kit bug",
      });
    if (!page.textRuns && page.largestImageShare >= 0.9)
      wrong.push({
        message: `page ${i + 1} is one image (no text left): it was rasterised`,
        hint: "transparency on the print page makes Ghostscript flatten it to an image: make the print page's colours solid",
      });
  }

  const lowest = p.images.reduce<number | null>((min, img) => (img.mask || (min !== null && img.dpi >= min) ? min : img.dpi), null);
  for (const img of p.images.filter((img) => !img.mask && img.dpi < PRESS_RULES.minDpi))
    wrong.push({
      message: `page ${img.page}: an image of ${img.pixels.join(" × ")} px placed at ${img.placedMm.join(" × ")} mm is ${Math.round(img.dpi)} dpi (at least ${PRESS_RULES.minDpi})`,
      hint: "give content/images/ a larger original (300 dpi at its printed size), or print it smaller",
    });
  const maxInk = Math.max(0, ...facts.maxInk);
  if (maxInk > PRESS_RULES.maxInk)
    wrong.push({
      message: `page ${facts.maxInk.indexOf(maxInk) + 1}: ${maxInk}% total ink (at most ${PRESS_RULES.maxInk}% on coated paper)`,
      hint: "a colour of the design is darker than the press can dry: lighten it in the design tokens, or use an output profile with the press's ink limit",
    });
  const textColours = p.textColours.map((t) => ({ colour: `${t.space} ${t.values.join(" ")}`, plates: plates(t.space, t.values), runs: t.runs }));
  for (const t of textColours.filter((t) => t.plates === "four-colour black"))
    wrong.push({
      message: `${t.runs} text run(s) in four-colour black (${t.colour}): a hair off register and the letters blur`,
      hint: "write black text as a neutral colour (#000 or a grey): the conversion prints neutral colours on the black plate alone",
    });

  const first = facts.boxes[0];
  const trimMm: [number, number] = first ? [round1(first.trim.width), round1(first.trim.height)] : [0, 0];
  const bleedMm = first ? round1((first.bleed.width - first.trim.width) / 2) : 0;
  const entry: PreflightEntry = {
    file,
    pages: facts.boxes.length,
    pdfx: {
      version: p.pdfx.version ?? null,
      pdfVersion: p.pdfx.pdfVersion,
      trapped: p.pdfx.trapped ?? null,
      outputCondition: intent?.identifier ?? null,
      profile: intent?.profile?.description ?? null,
    },
    trimMm,
    bleedMm,
    fonts: facts.fonts.map((f) => ({ name: f.name, embedded: f.embedded })),
    colourSpaces: p.colourSpaces,
    images: p.images.length,
    lowestDpi: lowest === null ? null : Math.round(lowest),
    maxInk,
    transparency: p.transparency.map((t) => `page ${t.page}: ${t.what}`),
    textColours,
    ok: !wrong.length,
    problems: wrong.map((w) => w.message),
  };
  const fonts = new Set(facts.fonts.map((f) => f.name)).size;
  const blackText = textColours.some((t) => t.plates === "four-colour black") ? "four-colour black text" : "black text on K";
  const line = [
    `${file}: ${wrong.length ? `${wrong.length} problem(s)` : "ok"}`,
    `${entry.pdfx.version ?? "not PDF/X"} ${entry.pdfx.outputCondition ?? ""}`.trim(),
    `${entry.pages} page(s) ${trimMm.join(" × ")} mm + ${bleedMm} mm bleed`,
    `${fonts} font(s) ${facts.fonts.every((f) => f.embedded) ? "embedded" : "NOT all embedded"}`,
    p.colourSpaces.join("+"),
    p.images.length ? `images ≥ ${entry.lowestDpi} dpi` : "no images",
    `ink ≤ ${maxInk}%`,
    p.transparency.length ? "TRANSPARENCY" : "no transparency",
    blackText,
  ].join(" · ");
  return { entry, line, problems: wrong.map((w) => ({ file, ...w })) };
}

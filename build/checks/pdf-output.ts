/**
 * Check "pdf": what every finished PDF holds. Each embeds only its language's fonts (plus
 * the source language's, for text that falls back), all embedded, none as Type 3; has
 * the page count its format allows; and paints without transparency (its print variant: a press's
 * PDF/X conversion would turn a page with any into one image).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Campaign } from "../content/campaign.ts";
import type { Language } from "../content/schemas.ts";
import type { Problem } from "../errors.ts";
import { inspectPdf, type PdfFacts } from "../pdf/inspect.ts";
import { FORMATS, VARIANTS, type Format, type Variant } from "../print/formats.ts";
import type { PrintPage } from "../site/print-pages.ts";

export interface BuiltPdf {
  /** Path under the pdf folder: "ar/leaflet.print.pdf". */
  rel: string;
  variant: Variant;
  /** The print page it was made from ("/_print/ar/leaflet/"), and its job name ("ar/leaflet"). */
  url: string;
  job: string;
  lang: Language;
  format: Format;
}

/** The font families a language's PDF may embed: its stack, plus the source's for fallback text. */
export function expectedFontFamilies(c: Campaign, lang: Language): string[] {
  return [...new Set([...lang.fonts, ...c.source.fonts].map((id) => c.fonts[id]!.family.replace(/\s+/g, "")))];
}

/** The PDFs a set of print pages becomes: two each, print and screen. */
export function builtPdfs(c: Campaign, pages: PrintPage[]): BuiltPdf[] {
  return pages.flatMap((p) =>
    VARIANTS.map((variant) => ({
      rel: p.out[variant],
      variant,
      url: p.url,
      job: p.job,
      lang: c.languages.find((l) => l.code === p.lang.code)!,
      format: FORMATS[p.format],
    })),
  );
}

/**
 * What is wrong with a finished PDF, from what it holds: fonts outside its language's stack (or
 * not embedded, or Type 3), a page count its format does not allow.
 * @param explain for a PDF with a stray font, which texts of its page were drawn with it
 *   (page-fonts.ts asks Chromium); each becomes part of the message.
 * @param explainTransparency for a PDF with transparency, the CSS rules of its page that make
 *   something translucent (page-transparency.ts asks Chromium).
 */
export async function pdfProblems(
  c: Campaign,
  pdf: BuiltPdf,
  facts: PdfFacts,
  explain?: (pdf: BuiltPdf) => Promise<string[]>,
  explainTransparency?: (pdf: BuiltPdf) => Promise<string[]>,
): Promise<Problem[]> {
  const { rel, lang, format } = pdf;
  const problems: Problem[] = [];
  const file = `dist/pdf/${rel}`;
  const allowed = new Set(expectedFontFamilies(c, lang));
  const stray = facts.fonts.filter((f) => !f.embedded || f.subtype === "Type3" || !allowed.has(f.family));
  const texts = stray.length && explain ? await explain(pdf) : [];
  for (const f of stray) {
    problems.push({
      file,
      message: `font ${f.name} (${f.subtype}${f.embedded ? "" : ", not embedded"}) is not one of ${[...allowed].join(", ")}${texts.length ? `; on ${pdf.job}: ${texts.join("; ")}` : ""}`,
      hint: "a character or weight is missing from the language's fonts: check content/languages.yaml and the glyph-coverage report",
    });
  }
  // The facts are the print variant's (finishing reads the print PDF back); screen variants may keep transparency.
  const rules = facts.transparency.length && explainTransparency ? await explainTransparency(pdf) : [];
  if (facts.transparency.length)
    problems.push({
      file: `dist/pdf/${rel.replace(/\.screen\.pdf$/, ".print.pdf")}`,
      message: `paints with transparency (${facts.transparency.map((t) => `page ${t.page}: ${t.what}`).join("; ")}): a press's PDF/X conversion would turn such a page into one image${rules.length ? `; on ${pdf.job}: ${rules.join("; ")}` : ""}`,
      hint: rules.length
        ? "print pages are drawn in solid colours: give each rule named the solid colour it shows (or remove the effect)"
        : `print pages are drawn in solid colours: on ${pdf.job}, find the opacity, rgba()/hsla() colour, mix-blend-mode, filter or shadow in templates/ (print styles, or an SVG's opacity) and give it the solid colour it shows`,
    });
  const { exactly, max, multipleOf } = format.pages;
  const wrongCount =
    (exactly !== undefined && facts.pages !== exactly) ||
    (max !== undefined && facts.pages > max) ||
    (multipleOf !== undefined && facts.pages % multipleOf !== 0);
  if (wrongCount)
    problems.push({
      file,
      message: `${facts.pages} pages; a ${format.id} has ${exactly ?? (max ? `at most ${max}` : `a multiple of ${multipleOf}`)}`,
      hint: "a sheet's content spilled onto another page: look for the overflow report, or shorten the text",
    });
  return problems;
}

/** Every PDF read back from pdfDir and judged (for PDFs the build did not finish itself: a merge of shards). */
export async function checkPdfs(c: Campaign, pdfDir: string, pdfs: BuiltPdf[]): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const pdf of pdfs) problems.push(...(await pdfProblems(c, pdf, await inspectPdf(await readFile(path.join(pdfDir, pdf.rel))))));
  return problems;
}

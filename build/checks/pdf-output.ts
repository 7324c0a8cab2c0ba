/**
 * Check "pdf": reads every finished PDF back. Each embeds only its language's fonts (plus
 * the source language's, for text that falls back), all embedded, none as Type 3; and has
 * the page count its format allows.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Campaign } from "../content/campaign.ts";
import type { Language } from "../content/schemas.ts";
import type { Problem } from "../errors.ts";
import { inspectPdf } from "../pdf/inspect.ts";
import { FORMATS, type Format } from "../print/formats.ts";
import type { PrintPage } from "../site/pages.ts";

export interface BuiltPdf {
  /** Path under the pdf folder: "ar/leaflet.print.pdf". */
  rel: string;
  lang: Language;
  format: Format;
}

/** The font families a language's PDF may embed: its stack, plus the source's for fallback text. */
export function expectedFontFamilies(c: Campaign, lang: Language): string[] {
  return [...new Set([...lang.fonts, ...c.source.fonts].map((id) => c.fonts[id]!.family.replace(/\s+/g, "")))];
}

/** The PDFs a set of print pages becomes. */
export function builtPdfs(c: Campaign, pages: PrintPage[]): BuiltPdf[] {
  return pages.map((p) => ({ rel: p.out, lang: c.languages.find((l) => l.code === p.lang.code)!, format: FORMATS[p.format] }));
}

export async function checkPdfs(c: Campaign, pdfDir: string, pdfs: BuiltPdf[]): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const { rel, lang, format } of pdfs) {
    const file = `dist/pdf/${rel}`;
    const allowed = new Set(expectedFontFamilies(c, lang));
    const facts = await inspectPdf(await readFile(path.join(pdfDir, rel)));
    for (const f of facts.fonts) {
      if (!f.embedded || f.subtype === "Type3" || !allowed.has(f.family)) {
        problems.push({ file, message: `font ${f.name} (${f.subtype}${f.embedded ? "" : ", not embedded"}) is not one of ${[...allowed].join(", ")}`, hint: "a character or weight is missing from the language's fonts: check content/languages.yaml and the glyph-coverage report" });
      }
    }
    const { exactly, max, multipleOf } = format.pages;
    const wrongCount = (exactly !== undefined && facts.pages !== exactly) || (max !== undefined && facts.pages > max) || (multipleOf !== undefined && facts.pages % multipleOf !== 0);
    if (wrongCount) problems.push({ file, message: `${facts.pages} pages; a ${format.id} has ${exactly ?? (max ? `at most ${max}` : `a multiple of ${multipleOf}`)}`, hint: "a sheet's content spilled onto another page: look for the overflow report, or shorten the text" });
  }
  return problems;
}

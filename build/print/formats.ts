/**
 * The print formats: trim sizes, page rules and margins, in one table. The page CSS, the
 * PDF boxes and the page-count checks all read it, so a size is written once.
 */
import type { FormatId } from "../content/schemas.ts";

export type PrintFormatId = FormatId | "story-card" | "story-poster" | "handout";
export type Variant = "print" | "screen";
export const VARIANTS: Variant[] = ["print", "screen"];

/** Extra length a translation may take over the source on a fixed-size format (tests/margins/room-for-translation proves every format holds it, in `npm run verify`). */
export const TRANSLATION_ROOM = 1.3;

/** Bleed on every side of the print variant, in millimetres (the screen variant is cut to the trim). */
export const BLEED_MM = 3;

export interface Format {
  id: PrintFormatId;
  trimMm: { width: number; height: number };
  /** flow: text runs from page to page (brochure); sheets: each page is laid out on its own. */
  layout: "flow" | "sheets";
  pages: { multipleOf?: number; exactly?: number; max?: number };
  /** Safe margin inside the trim, in millimetres. */
  marginMm: number;
  /** Saddle-stitched booklets keep their back cover last when pages are padded. */
  padBeforeLastPage?: boolean;
  /** Prints a table of contents whose page numbers come from a first print (build/print/contents.ts). */
  contents?: boolean;
  /** A deck: its sections' speaker notes are printed as an A4 handout too (<document>-notes). */
  handout?: boolean;
  /** Read on a wall at 3 m: its headline is copyfitted and the sheet measured (build/print/legibility.ts). */
  poster?: boolean;
}

export const FORMATS: Record<PrintFormatId, Format> = {
  brochure: { id: "brochure", trimMm: { width: 148, height: 210 }, layout: "flow", pages: { multipleOf: 4 }, marginMm: 14, padBeforeLastPage: true },
  leaflet: { id: "leaflet", trimMm: { width: 148, height: 210 }, layout: "sheets", pages: { exactly: 2 }, marginMm: 12 },
  poster: { id: "poster", trimMm: { width: 297, height: 420 }, layout: "sheets", pages: { exactly: 1 }, marginMm: 20, poster: true },
  // One poster per story (poster-<story>): the story's words in front, for a wall.
  "story-poster": { id: "story-poster", trimMm: { width: 297, height: 420 }, layout: "sheets", pages: { exactly: 1 }, marginMm: 20, poster: true },
  fiche: { id: "fiche", trimMm: { width: 210, height: 297 }, layout: "sheets", pages: { max: 2 }, marginMm: 15 },
  // The vademecum for professionals: A4, flowing, as long as its text needs.
  guide: { id: "guide", trimMm: { width: 210, height: 297 }, layout: "flow", pages: {}, marginMm: 18, contents: true },
  // The information-session deck: 16:9 slides, as wide as A4, one section a slide.
  session: { id: "session", trimMm: { width: 297, height: 167 }, layout: "sheets", pages: {}, marginMm: 14, handout: true },
  // A deck's speaker notes, for the person leading the session.
  handout: { id: "handout", trimMm: { width: 210, height: 297 }, layout: "flow", pages: {}, marginMm: 18 },
  "story-card": { id: "story-card", trimMm: { width: 105, height: 148 }, layout: "sheets", pages: { exactly: 2 }, marginMm: 8 },
};

/** The page Chromium lays out and prints: the trim, plus the bleed on every side. The screen PDF is the same page cut to its trim. */
function pageSizeMm(format: Format): { width: number; height: number } {
  return { width: format.trimMm.width + 2 * BLEED_MM, height: format.trimMm.height + 2 * BLEED_MM };
}

/**
 * Page rules for one format, laid out once with its bleed. Sheets are page-sized boxes with no
 * page margin, so their backgrounds run into the bleed; flowing pages get their margins from
 * @page, with the bleed added, and page numbers in a margin box.
 */
export function formatCss(format: Format): string {
  const page = pageSizeMm(format);
  const m = format.marginMm + BLEED_MM;
  const vars = `:root { --bleed: ${BLEED_MM}mm; --margin: ${format.marginMm}mm; --sheet-width: ${page.width}mm; --sheet-height: ${page.height}mm; --safe: ${m}mm; }`;
  const sheet = `@page sheet { size: ${page.width}mm ${page.height}mm; margin: 0; @bottom-center { content: none; } }`;
  if (format.layout === "sheets") return `/* ${format.id} */\n${vars}\n@page { size: ${page.width}mm ${page.height}mm; margin: 0; }\n${sheet}\n`;
  return `/* ${format.id} */
${vars}
@page {
  size: ${page.width}mm ${page.height}mm;
  margin: ${m}mm ${m}mm ${m + 6}mm;
  @bottom-center { content: counter(page); font-family: "Noto Sans"; font-size: 8.5pt; }
}
${sheet}
/* The page as laid out in the tab (read, measured) has the printed column's width, so its lines wrap where the PDF's do. */
html { inline-size: ${page.width - 2 * m}mm; }
`;
}

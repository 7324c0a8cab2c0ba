/**
 * One PDF's first page drawn small, on a worker thread (build/site/previews.ts): pdf.js reads the
 * PDF as it was made, Skia draws the page (@napi-rs/canvas, pdf.js's own canvas in Node), sharp
 * writes it as WebP. Also what the materials page says of the PDF: its pages and its paper.
 */
import sharp from "sharp";
import { firstPagePng } from "../pdf/pdfjs.ts";

/** Shown at this width (2rem): a glance at the first page, under half a kilobyte, since a phone fetches the first screenfuls of lazy images too. */
const PREVIEW_WIDTH_PX = 32;
const WEBP_QUALITY = 40;
/** What else decides a preview's bytes than its PDF: part of its cache key. */
export const PREVIEW_SETTINGS = `${PREVIEW_WIDTH_PX}px-q${WEBP_QUALITY}`;
const MM_PER_PT = 25.4 / 72;

export interface PdfRead {
  pages: number;
  paper: string;
  width: number;
  height: number;
}

export async function drawFirstPage({ pdf }: { pdf: Uint8Array }): Promise<{ output: { read: PdfRead; image: Uint8Array }; transfer: ArrayBuffer[] }> {
  const { png, pages, widthPt, heightPt } = await firstPagePng(pdf, (widthPt) => PREVIEW_WIDTH_PX / widthPt);
  const webp = await sharp(png).flatten({ background: "#ffffff" }).webp({ quality: WEBP_QUALITY }).toBuffer();
  const meta = await sharp(webp).metadata();
  const image = new Uint8Array(webp);
  return {
    output: { read: { pages, paper: paperName(widthPt * MM_PER_PT, heightPt * MM_PER_PT), width: meta.width, height: meta.height }, image },
    transfer: [],
  };
}

/** Paper by its trim in millimetres: an ISO A size either way round, a 16:9 slide, or its size. */
export function paperName(widthMm: number, heightMm: number): string {
  const [short, long] = [Math.min(widthMm, heightMm), Math.max(widthMm, heightMm)];
  for (let n = 0; n <= 7; n++) {
    const a = { short: Math.floor(1000 / 2 ** ((n + 0.5) / 2)), long: Math.floor(1000 / 2 ** ((n - 0.5) / 2)) };
    if (Math.abs(short - a.short) <= 2 && Math.abs(long - a.long) <= 2) return `A${n}`;
  }
  if (Math.abs(long / short - 16 / 9) < 0.02) return "16:9";
  return `${Math.round(widthMm)} × ${Math.round(heightMm)} mm`;
}

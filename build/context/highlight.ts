/**
 * A screenshot of one text where it stands: the part of the page around it (a phone screen's
 * height on the web, the page on print, or a window of it when the page is tall), with the
 * text's box outlined and tinted. Drawn with sharp from the page's pixels, decoded once.
 */
import sharp from "sharp";

/** A page's pixels, decoded once for all the shots taken from it. */
export interface PagePixels {
  data: Buffer;
  width: number;
  height: number;
  channels: 3 | 4;
}

export interface PixelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Tint (multiplied, so text stays dark) and outline: visible on white, on the campaign's colours and on photos alike. */
const TINT = [255, 236, 140];
const STROKE = [194, 0, 107];
const STROKE_PX = 3;

export async function decodePage(png: Buffer): Promise<PagePixels> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels as 3 };
}

/**
 * The window of the page a shot shows: the whole page when it is at most maxHeight tall, else
 * maxHeight around the box (from a little above it when the box is taller than that).
 */
export function shotWindow(page: { width: number; height: number }, box: PixelBox, maxHeight: number): PixelBox {
  if (page.height <= maxHeight) return { x: 0, y: 0, width: page.width, height: page.height };
  const above = box.height + 60 >= maxHeight ? 40 : Math.round((maxHeight - box.height) / 2);
  const top = Math.max(0, Math.min(page.height - maxHeight, Math.round(box.y) - above));
  return { x: 0, y: top, width: page.width, height: maxHeight };
}

/**
 * The shot as PNG: the window of the page, the box tinted and outlined a few pixels outside it
 * (so the text stays legible). Drawn on the raw pixels: an SVG overlay per shot took ten times as long.
 */
export function highlightShot(page: PagePixels, box: PixelBox, window: PixelBox): Promise<Buffer> {
  const { width, height } = window;
  const ch = page.channels;
  const out = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const from = ((window.y + y) * page.width + window.x + x) * ch;
      out[(y * width + x) * 3] = page.data[from]!;
      out[(y * width + x) * 3 + 1] = page.data[from + 1]!;
      out[(y * width + x) * 3 + 2] = page.data[from + 2]!;
    }
  const clamp = (v: number, max: number) => Math.max(0, Math.min(max, Math.round(v)));
  const [x0, y0] = [clamp(box.x - window.x, width), clamp(box.y - window.y, height)];
  const [x1, y1] = [clamp(box.x + box.width - window.x, width), clamp(box.y + box.height - window.y, height)];
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) for (let c = 0; c < 3; c++) out[(y * width + x) * 3 + c] = (out[(y * width + x) * 3 + c]! * TINT[c]!) / 255;
  const pad = 3;
  const paint = (x: number, y: number) => {
    if (x < 0 || y < 0 || x >= width || y >= height) return;
    for (let c = 0; c < 3; c++) out[(y * width + x) * 3 + c] = STROKE[c]!;
  };
  for (let t = 0; t < STROKE_PX; t++) {
    const [left, top, right, bottom] = [x0 - pad - t, y0 - pad - t, x1 + pad + t - 1, y1 + pad + t - 1];
    for (let x = left; x <= right; x++) [paint(x, top), paint(x, bottom)];
    for (let y = top; y <= bottom; y++) [paint(left, y), paint(right, y)];
  }
  return sharp(out, { raw: { width, height, channels: 3 } })
    .png({ compressionLevel: 6 }) // a palette would halve the bytes but take ten times as long
    .toBuffer();
}

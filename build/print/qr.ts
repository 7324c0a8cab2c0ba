/** QR codes as inline SVG (vector: sharp at any print size, no image file to manage). */
import QRCode from "qrcode";

const made = new Map<string, Promise<string>>();

/** The same URL always gives the same code: each is drawn once per process. */
export function qrSvg(url: string): Promise<string> {
  if (!made.has(url)) made.set(url, QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 0, color: { dark: "#000000", light: "#ffffff" } }));
  return made.get(url)!;
}

/** QR codes as inline SVG (vector: sharp at any print size, no image file to manage). */
import QRCode from "qrcode";

const made = new Map<string, string>();

/** The same URL always gives the same code: each is drawn once per process. */
export function qrSvg(url: string): string {
  let svg = made.get(url);
  if (svg === undefined) {
    // Given a callback, qrcode draws an SVG at once and hands it over before returning (no promise): the view model stays synchronous.
    QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 0, color: { dark: "#000000", light: "#ffffff" } }, (error, drawn) => {
      if (error) throw error;
      svg = drawn;
    });
    if (svg === undefined) throw new Error(`qrcode did not draw the code of ${url} at once`);
    made.set(url, svg);
  }
  return svg;
}

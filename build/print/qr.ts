/** QR codes as inline SVG (vector: sharp at any print size, no image file to manage). */
import QRCode from "qrcode";

export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 0, color: { dark: "#000000", light: "#ffffff" } });
}

/**
 * The screen PDF's images: a page is printed once, with the 300 dpi renditions a print shop
 * needs; for the PDF sent by phone every raster image is cut down by a factor (to the screen
 * resolution) in place. pdf-lib reaches the image streams and sharp resizes them; no Node
 * library resamples the images of a PDF, so this is ours. Same input, same bytes: zlib and
 * sharp are deterministic, and each distinct image is resized once per process.
 */
import { deflateSync, inflateSync } from "node:zlib";
import { PDFArray, type PDFDict, PDFName, PDFNumber, PDFRawStream, PDFRef, type PDFDocument, type PDFObject } from "pdf-lib";
import sharp from "sharp";
import { sha256 } from "../hash.ts";

/** Smaller than this (pixels wide), an image is left as it is: a logo, a pictogram. */
const MIN_WIDTH = 300;
/** JPEG quality of a photo's screen copy. */
const JPEG_QUALITY = 82;

type Resized = { contents: Uint8Array; width: number; height: number };
const resized = new Map<string, Promise<Resized | undefined>>();

/**
 * Replaces every large 8-bit Flate or JPEG image of the document by a copy `factor` times its
 * size; returns a function that puts the originals back (for the print variant).
 */
export async function screenImages(doc: PDFDocument, factor: number): Promise<() => void> {
  const swapped: [PDFRef, PDFObject][] = [];
  for (const [ref, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFRawStream) || name(obj.dict, "Subtype") !== "/Image") continue;
    const image = describe(doc, obj);
    if (!image || image.width < MIN_WIDTH) continue;
    const key = `${sha256(obj.contents)}|${image.width}|${image.height}|${image.channels}|${image.filter}|${factor}`;
    if (!resized.has(key)) resized.set(key, resize(obj.contents, image, factor));
    const small = await resized.get(key)!;
    if (!small) continue;
    const dict = obj.dict.clone(doc.context);
    dict.set(PDFName.of("Width"), PDFNumber.of(small.width));
    dict.set(PDFName.of("Height"), PDFNumber.of(small.height));
    dict.set(PDFName.of("Length"), PDFNumber.of(small.contents.length));
    doc.context.assign(ref, PDFRawStream.of(dict, small.contents));
    swapped.push([ref, obj]);
  }
  return () => {
    for (const [ref, original] of swapped) doc.context.assign(ref, original);
  };
}

interface ImageFacts {
  width: number;
  height: number;
  channels: 1 | 3;
  filter: "/FlateDecode" | "/DCTDecode";
}

/** Width, height, colour channels and filter of an image this module can resize (8-bit grey or RGB, one filter, no predictor), or undefined. */
function describe(doc: PDFDocument, stream: PDFRawStream): ImageFacts | undefined {
  const d = stream.dict;
  const filter = d.get(PDFName.of("Filter"))?.toString();
  if ((filter !== "/FlateDecode" && filter !== "/DCTDecode") || d.has(PDFName.of("DecodeParms")) || d.has(PDFName.of("Decode"))) return undefined;
  if (filter === "/FlateDecode" && number(d, "BitsPerComponent") !== 8) return undefined;
  const channels = channelsOf(doc, d.get(PDFName.of("ColorSpace")));
  const width = number(d, "Width");
  const height = number(d, "Height");
  if (!channels || !width || !height) return undefined;
  return { width, height, channels, filter };
}

/** 1 for grey, 3 for RGB (also as an ICC profile with that many components); CMYK and indexed colour are left alone. */
function channelsOf(doc: PDFDocument, space: PDFObject | undefined): 1 | 3 | undefined {
  const s = space instanceof PDFRef ? doc.context.lookup(space) : space;
  if (s instanceof PDFName) return s.toString() === "/DeviceRGB" ? 3 : s.toString() === "/DeviceGray" ? 1 : undefined;
  if (s instanceof PDFArray && s.get(0)?.toString() === "/ICCBased") {
    const profile = doc.context.lookup(s.get(1));
    const n = profile instanceof PDFRawStream ? number(profile.dict, "N") : undefined;
    return n === 3 || n === 1 ? n : undefined;
  }
  return undefined;
}

async function resize(contents: Uint8Array, image: ImageFacts, factor: number): Promise<Resized | undefined> {
  const width = Math.max(1, Math.round(image.width * factor));
  const height = Math.max(1, Math.round(image.height * factor));
  if (image.filter === "/DCTDecode") {
    const out = sharp(contents).resize(width, height, { fit: "fill" });
    const bytes = await (image.channels === 1 ? out.toColourspace("b-w") : out).jpeg({ quality: JPEG_QUALITY, mozjpeg: true }).toBuffer();
    return { contents: bytes, width, height };
  }
  const raw = inflateSync(contents);
  if (raw.length !== image.width * image.height * image.channels) return undefined; // not what the dictionary says: leave it
  const resizedRaw = sharp(raw, { raw: { width: image.width, height: image.height, channels: image.channels } }).resize(width, height, { fit: "fill" });
  // sharp turns one channel into three unless told to keep grey.
  const pixels = await (image.channels === 1 ? resizedRaw.toColourspace("b-w") : resizedRaw).raw().toBuffer();
  if (pixels.length !== width * height * image.channels) return undefined;
  return { contents: deflateSync(pixels, { level: 9 }), width, height };
}

function name(d: PDFDict, key: string): string | undefined {
  return d.get(PDFName.of(key))?.toString();
}

function number(d: PDFDict, key: string): number | undefined {
  const v = d.get(PDFName.of(key));
  return v instanceof PDFNumber ? v.asNumber() : undefined;
}

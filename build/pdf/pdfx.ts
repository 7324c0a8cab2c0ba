/**
 * PDF/X-3:2002 from a print PDF, by Ghostscript's pdfwrite: every colour converted to CMYK
 * through the output profile, which is embedded as the output intent. Neutral colours are made
 * grey first (neutral-grey.ts), so black text is printed in K only. Ghostscript 10.0 writes
 * PDF/X-3, not X-4; X-3 has no transparency, so the print PDF must carry none (a page with any
 * comes out as one image: checks/preflight.ts refuses it before).
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { PDFDocument } from "pdf-lib";
import { SetupError } from "../errors.ts";
import { keepToUnicode } from "./keep-to-unicode.ts";
import { neutralColoursAsGrey } from "./neutral-grey.ts";

const run = promisify(execFile);

/** The printing condition a PDF/X file declares, and the ICC profile that characterises it. */
export interface OutputIntent {
  /** Absolute path of the CMYK output profile (.icc). */
  profile: string;
  /** OutputConditionIdentifier: the characterisation's name in the ICC registry ("FOGRA39"). */
  identifier: string;
  /** OutputCondition: the printing condition in words. */
  condition: string;
  /** Info: which profile this is (a print shop reads it). */
  info: string;
  registry: string;
}

const GHOSTSCRIPT_HINT =
  "install Ghostscript (Debian/Ubuntu: sudo apt-get install ghostscript; macOS: brew install ghostscript; as root, npm run build installs it), then build again";

/** Ghostscript's version ("10.00.0"), or a SetupError that says how to install it. */
export async function ghostscriptVersion(): Promise<string> {
  try {
    return (await run("gs", ["--version"])).stdout.trim();
  } catch {
    throw new SetupError("waymark build --pdfx converts with Ghostscript (gs), which is not installed.", GHOSTSCRIPT_HINT);
  }
}

/** A PostScript string literal: backslashes and parentheses escaped, anything outside ASCII as octal. */
export function psString(s: string): string {
  return `(${[...Buffer.from(s, "latin1")].map((b) => (b === 0x28 || b === 0x29 || b === 0x5c ? `\\${String.fromCharCode(b)}` : b < 0x20 || b > 0x7e ? `\\${b.toString(8).padStart(3, "0")}` : String.fromCharCode(b))).join("")})`;
}

/**
 * The PDF/X definition Ghostscript runs before the document (its lib/PDFX_def.ps, filled in):
 * the Info keys PDF/X-3:2002 requires (the title comes from the print PDF's own) and the output
 * intent with its embedded profile.
 */
export function pdfxDefinition(intent: OutputIntent): string {
  return `%!
[ /GTS_PDFXVersion (PDF/X-3:2002) /Trapped /False /DOCINFO pdfmark
[ /_objdef {icc_PDFX} /type /stream /OBJ pdfmark
[ {icc_PDFX} << /N 4 >> /PUT pdfmark
[ {icc_PDFX} ${psString(intent.profile)} (r) file /PUT pdfmark
[ /_objdef {OutputIntent_PDFX} /type /dict /OBJ pdfmark
[ {OutputIntent_PDFX} <<
  /Type /OutputIntent /S /GTS_PDFX
  /OutputConditionIdentifier ${psString(intent.identifier)}
  /OutputCondition ${psString(intent.condition)}
  /Info ${psString(intent.info)}
  /RegistryName ${psString(intent.registry)}
  /DestOutputProfile {icc_PDFX}
>> /PUT pdfmark
[ {Catalog} << /OutputIntents [ {OutputIntent_PDFX} ] >> /PUT pdfmark
`;
}

/** Ghostscript's arguments: PDF/X, CMYK through the profile, every image kept at its resolution, pages neither rotated nor cropped, links left out. */
function ghostscriptArgs(definition: string, input: string, output: string, profile: string): string[] {
  return [
    "-dSAFER",
    "-dBATCH",
    "-dNOPAUSE",
    "-dQUIET",
    `--permit-file-read=${profile}`,
    "-sDEVICE=pdfwrite",
    "-dPDFX",
    "-dCompatibilityLevel=1.3",
    "-sColorConversionStrategy=CMYK",
    "-sProcessColorModel=DeviceCMYK",
    `-sOutputICCProfile=${profile}`,
    "-dRenderIntent=1", // relative colorimetric: the kit's colours as near as the press can print them
    "-dDeviceGrayToK=true",
    "-dAutoRotatePages=/None",
    "-dPreserveAnnots=false", // PDF/X-3 allows no annotation on the page; a link means nothing on paper
    "-dEmbedAllFonts=true",
    "-dSubsetFonts=true",
    "-dDownsampleColorImages=false",
    "-dDownsampleGrayImages=false",
    "-dDownsampleMonoImages=false",
    `-sOutputFile=${output}`,
    definition,
    input,
  ];
}

/** The print PDF as PDF/X-3:2002 in the output intent's CMYK. */
export async function convertToPdfx(print: Uint8Array, intent: OutputIntent): Promise<Uint8Array> {
  const doc = await PDFDocument.load(print, { updateMetadata: false });
  neutralColoursAsGrey(doc);
  const dir = await mkdtemp(path.join(tmpdir(), "waymark-pdfx-"));
  try {
    const [input, output, definition] = ["in.pdf", "out.pdf", "pdfx.ps"].map((f) => path.join(dir, f)) as [string, string, string];
    await writeFile(input, await doc.save());
    await writeFile(definition, pdfxDefinition(intent), "latin1");
    try {
      await run("gs", ghostscriptArgs(definition, input, output, intent.profile), { maxBuffer: 16 << 20 });
    } catch (e) {
      const err = e as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
      if (err.code === "ENOENT") throw new SetupError("waymark build --pdfx converts with Ghostscript (gs), which is not installed.", GHOSTSCRIPT_HINT);
      throw new Error(
        `Ghostscript could not convert "${doc.getTitle() ?? "a print PDF"}" to PDF/X: ${(err.stderr || err.stdout || err.message).trim().slice(0, 800)}`,
      );
    }
    const converted = await PDFDocument.load(await readFile(output), { updateMetadata: false });
    keepToUnicode(doc, converted);
    // PDF/X-3:2002 is PDF 1.3: no object streams (1.5), and its header (pdf-lib always writes
    // %PDF-1.7, of the same length).
    const bytes = await converted.save({ useObjectStreams: false });
    bytes.set(new TextEncoder().encode("%PDF-1.3"), 0);
    return bytes;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

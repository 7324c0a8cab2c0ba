/**
 * Total ink coverage: each page rendered by Ghostscript in CMYK (its pamcmyk32 device, no
 * anti-aliasing, so an edge is never read as a blend), and the highest sum of C + M + Y + K
 * over its pixels, in percent. What a press's limit (300 % on coated paper) is checked against:
 * Ghostscript's inkcov device gives only a page's average.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
/** Fine enough for a rule or a letter's stem of a poster; a page renders in a fraction of a second. */
const DPI = 50;

/** A PAM image's header (P7) at a byte offset: its fields, and where its samples start. */
function pamHeader(bytes: Uint8Array, at = 0) {
  const head = Buffer.from(bytes.subarray(at, Math.min(bytes.length, at + 200))).toString("latin1");
  const end = head.indexOf("ENDHDR\n");
  const field = (name: string) => Number(new RegExp(`^${name} (\\d+)$`, "m").exec(head)?.[1]);
  const ok = head.startsWith("P7\n") && end >= 0;
  return { ok, start: at + end + "ENDHDR\n".length, width: field("WIDTH"), height: field("HEIGHT"), depth: field("DEPTH"), maxval: field("MAXVAL") };
}

/** The highest total ink of a PAM image (P7, TUPLTYPE CMYK, 8 bits per sample), in percent. */
export function maxInkOfPam(pam: Uint8Array): number {
  const h = pamHeader(pam);
  if (!h.ok || h.depth !== 4 || h.maxval !== 255) throw new Error("not a CMYK PAM image with 8 bits per sample (Ghostscript's pamcmyk32 device)");
  let max = 0;
  for (let i = h.start; i + 3 < pam.length; i += 4) {
    const sum = pam[i]! + pam[i + 1]! + pam[i + 2]! + pam[i + 3]!;
    if (sum > max) max = sum;
  }
  return Math.round((max / 255) * 1000) / 10;
}

/** Each page's highest total ink, in percent. */
export async function maxInkPerPage(pdf: Uint8Array): Promise<number[]> {
  const dir = await mkdtemp(path.join(tmpdir(), "waymark-ink-"));
  try {
    const input = path.join(dir, "in.pdf");
    await writeFile(input, pdf);
    // The pages come back on stdout, one PAM image after another: no page files to read back
    // (a file Ghostscript had just written was once gone when read, in a full verify run).
    const { stdout } = await run("gs", ["-dSAFER", "-dBATCH", "-dNOPAUSE", "-dQUIET", "-sDEVICE=pamcmyk32", `-r${DPI}`, "-sOutputFile=-", input], {
      encoding: "buffer",
      maxBuffer: 2 ** 30,
    });
    return splitPams(new Uint8Array(stdout)).map(maxInkOfPam);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Consecutive PAM images (Ghostscript's pages on stdout), each from its header to its last sample. */
export function splitPams(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; ) {
    const h = pamHeader(bytes, at);
    if (!h.ok || !(h.width && h.height && h.depth)) throw new Error(`not a PAM image at byte ${at} of Ghostscript's output`);
    const end = h.start + h.width * h.height * h.depth;
    out.push(bytes.subarray(at, end));
    at = end;
  }
  return out;
}

/**
 * Total ink coverage: each page rendered by Ghostscript in CMYK (its pamcmyk32 device, no
 * anti-aliasing, so an edge is never read as a blend), and the highest sum of C + M + Y + K
 * over its pixels, in percent. What a press's limit (300 % on coated paper) is checked against:
 * Ghostscript's inkcov device gives only a page's average.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
/** Fine enough for a rule or a letter's stem of a poster; a page renders in a fraction of a second. */
const DPI = 50;

/** The highest total ink of a PAM image (P7, TUPLTYPE CMYK, 8 bits per sample), in percent. */
export function maxInkOfPam(pam: Uint8Array): number {
  const head = Buffer.from(pam.subarray(0, Math.min(pam.length, 200))).toString("latin1");
  const end = head.indexOf("ENDHDR\n");
  const field = (name: string) => Number(new RegExp(`^${name} (\\d+)$`, "m").exec(head)?.[1]);
  if (!head.startsWith("P7\n") || end < 0 || field("DEPTH") !== 4 || field("MAXVAL") !== 255)
    throw new Error("not a CMYK PAM image with 8 bits per sample (Ghostscript's pamcmyk32 device)");
  const start = end + "ENDHDR\n".length;
  let max = 0;
  for (let i = start; i + 3 < pam.length; i += 4) {
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
    await run("gs", ["-dSAFER", "-dBATCH", "-dNOPAUSE", "-dQUIET", "-sDEVICE=pamcmyk32", `-r${DPI}`, `-sOutputFile=${path.join(dir, "page-%04d.pam")}`, input]);
    const pages = (await readdir(dir)).filter((f) => f.endsWith(".pam")).sort();
    return Promise.all(pages.map(async (f) => maxInkOfPam(await readFile(path.join(dir, f)))));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

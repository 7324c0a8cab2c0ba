/**
 * Stage "PDF/X" (waymark build --pdfx): beside each print PDF, `<doc>.pdfx.pdf` in the press's
 * CMYK with its output intent, converted by Ghostscript on the worker threads (pdf/pdfx-task.ts)
 * and preflighted (checks/preflight.ts): a line per file for the build's output, an entry in
 * reports/preflight.json, and a ContentError when a print rule breaks. A file whose print PDF,
 * output profile, kit and Ghostscript are unchanged comes from .waymark-cache/pdfx/ with its
 * facts.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { preflight, PRESS_RULES, type PreflightEntry } from "../checks/preflight.ts";
import type { BuiltPdf } from "../checks/pdf-output.ts";
import type { Campaign } from "../content/campaign.ts";
import { cachePath, type BuildContext } from "../context.ts";
import { ContentError, type Problem } from "../errors.ts";
import { sha256 } from "../hash.ts";
import type { PdfxFacts, PdfxInput } from "../pdf/pdfx-task.ts";
import { ghostscriptVersion, type OutputIntent } from "../pdf/pdfx.ts";
import { WorkerPool, type Task } from "../worker-pool.ts";
import { writeWhole } from "../write-whole.ts";

const PDFX: Task<PdfxInput> = {
  module: new URL("../pdf/pdfx-task.ts", import.meta.url),
  exported: "pdfxTask",
  describe: ({ name }) => `converting ${name} to PDF/X`,
};

/** The kit's own output profile: built from FOGRA39 data, free; see profiles/README.md for how and why. */
export const KIT_INTENT: OutputIntent = {
  profile: path.join(import.meta.dirname, "profiles", "waymark-fogra39l.icc"),
  identifier: "FOGRA39",
  condition: "Offset printing on coated paper (ISO 12647-2:2004/Amd 1, paper type 1 or 2, 115 g/m2), characterised by FOGRA39",
  info: "Waymark FOGRA39L: a free profile built with ArgyllCMS colprof from the FOGRA39L characterisation data of Debian's icc-profiles-free (total ink 300%); not the ECI's ISO Coated v2",
  registry: "http://www.color.org",
};

/** The campaign's press (campaign.yaml `press`: the print shop's profile), or the kit's. */
export async function outputIntent(c: Campaign): Promise<OutputIntent> {
  const press = c.settings.press;
  if (!press) return KIT_INTENT;
  const profile = path.join(c.root, "content", press.profile);
  const head = await readFile(profile).catch(() => undefined);
  const where = { file: "content/campaign.yaml", field: "press.profile" };
  if (!head)
    throw new ContentError([
      { ...where, message: `no file content/${press.profile}`, hint: "put the print shop's .icc profile under content/ and name its path here" },
    ]);
  if (head.subarray(16, 20).toString("latin1") !== "CMYK" || head.subarray(12, 16).toString("latin1") !== "prtr")
    throw new ContentError([
      {
        ...where,
        message: `content/${press.profile} is not a CMYK output (printer) profile`,
        hint: "ask the print shop for the CMYK profile of its press and paper",
      },
    ]);
  return {
    profile,
    identifier: press.identifier,
    condition: press.condition,
    info: `${press.profile}, the print shop's profile`,
    registry: "http://www.color.org",
  };
}

export interface PressReady {
  /** The PDF/X files, under the pdf folder ("en/poster.pdfx.pdf"). */
  files: string[];
  report: { outputIntent: Omit<OutputIntent, "profile"> & { profile: string }; rules: typeof PRESS_RULES; pdfs: PreflightEntry[] };
  made: number;
  reused: number;
}

/** "en/poster.print.pdf" → "en/poster.pdfx.pdf". */
const pdfxName = (printRel: string) => printRel.replace(/\.print\.pdf$/, ".pdfx.pdf");

export async function makePressReady(ctx: BuildContext, c: Campaign, pdfs: BuiltPdf[], pdfDir: string): Promise<PressReady> {
  const intent = await outputIntent(c);
  const gs = await ghostscriptVersion();
  const profileHash = sha256(await readFile(intent.profile));
  const kit = await ctx.kit();
  const prints = pdfs.filter((p) => p.variant === "print");
  ctx.emit({ type: "stage", stage: `convert ${prints.length} print PDFs to PDF/X (Ghostscript ${gs}, ${intent.identifier})` });
  const dir = cachePath(ctx, "pdfx");
  let done = 0;
  let reused = 0;
  const one = async (p: BuiltPdf): Promise<{ rel: string; facts: PdfxFacts }> => {
    const print = new Uint8Array(await readFile(path.join(pdfDir, p.rel)));
    const rel = pdfxName(p.rel);
    const key = sha256(JSON.stringify([kit, gs, profileHash, intent, sha256(print)]));
    const cached = ctx.useCache ? await lookup(dir, key) : undefined;
    let made = cached;
    if (made) reused++;
    else {
      made = await WorkerPool.shared().run<PdfxInput, { pdf: Uint8Array; facts: PdfxFacts }>(PDFX, { name: p.rel, print, intent }, [
        print.buffer as ArrayBuffer,
      ]);
      if (ctx.useCache) await store(dir, key, made);
    }
    await writeWhole(path.join(pdfDir, rel), made.pdf);
    ctx.emit({ type: "progress", done: ++done, total: prints.length, item: rel });
    return { rel, facts: made.facts };
  };
  // Ghostscript runs as its own process: as many at once as the build prints pages at once.
  const results = await mapLimit(prints, ctx.concurrency, one);

  ctx.emit({ type: "stage", stage: "preflight the PDF/X files" });
  const problems: Problem[] = [];
  const entries: PreflightEntry[] = [];
  for (const r of results) {
    const judged = preflight(`dist/pdf/${r.rel}`, r.facts);
    entries.push(judged.entry);
    problems.push(...judged.problems);
    ctx.emit({ type: "preflight", line: judged.line });
  }
  if (problems.length) throw new ContentError(problems);
  return {
    files: results.map((r) => r.rel),
    report: { outputIntent: { ...intent, profile: path.relative(ctx.root, intent.profile) }, rules: PRESS_RULES, pdfs: entries },
    made: prints.length - reused,
    reused,
  };
}

/** A cached PDF/X file and its facts, if both are whole. */
async function lookup(dir: string, key: string): Promise<{ pdf: Uint8Array; facts: PdfxFacts } | undefined> {
  try {
    const { sha, facts } = JSON.parse(await readFile(path.join(dir, `${key}.json`), "utf8")) as { sha: string; facts: PdfxFacts };
    const pdf = new Uint8Array(await readFile(path.join(dir, `${key}.pdf`)));
    return sha256(pdf) === sha ? { pdf, facts } : undefined;
  } catch {
    return undefined; // never made, or an interrupted build's
  }
}

async function store(dir: string, key: string, made: { pdf: Uint8Array; facts: PdfxFacts }): Promise<void> {
  await writeWhole(path.join(dir, `${key}.pdf`), made.pdf);
  await writeWhole(path.join(dir, `${key}.json`), JSON.stringify({ sha: sha256(made.pdf), facts: made.facts }));
}

/** fn over items, at most `limit` at once, results in order. */
async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  return out;
}

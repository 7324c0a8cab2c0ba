/**
 * Stage "PDFs": every print page's two PDFs. A page whose view, assets, finishing and kit are
 * unchanged comes from the cache; the others are laid out (once, all together), printed once
 * each in the build's Chromium, finished into both variants, read back and checked, then cached.
 */
import { readFile } from "node:fs/promises";
import { builtPdfs, pdfProblems, type BuiltPdf } from "../checks/pdf-output.ts";
import { explainStrayFonts } from "../checks/page-fonts.ts";
import { explainTransparency } from "../checks/page-transparency.ts";
import { serveStatic } from "../chromium/static-server.ts";
import { cachePath, type BuildContext } from "../context.ts";
import type { LoadedSite } from "../load.ts";
import { ContentError, type Problem } from "../errors.ts";
import type { Finished } from "../pdf/finish-task.ts";
import type { PdfFacts } from "../pdf/inspect.ts";
import type { FinishOptions } from "../pdf/postprocess.ts";
import { WorkerPool, type Task } from "../worker-pool.ts";
import { PdfCache } from "../pdf/cache.ts";
import { printAll, type PrintJob } from "../pdf/printer.ts";
import type { PrintPage } from "../site/print-pages.ts";
import { writeWhole } from "../write-whole.ts";
import { VARIANTS, type Variant } from "./formats.ts";
import { printJobs } from "./jobs.ts";
import { draftOutline } from "./watermark.ts";

/** Both PDFs of a printed page, made on a worker thread (build/pdf/finish-task.ts). */
const FINISH: Task<{ pdf: Uint8Array; opts: FinishOptions }> = {
  module: new URL("../pdf/finish-task.ts", import.meta.url),
  exported: "finishTask",
  describe: ({ opts }) => `finishing ${opts.meta.lang} ${opts.format.id}`,
};

export interface PrintedPdfs {
  pdfs: BuiltPdf[];
  /** Pages printed by Chromium, and pages whose PDFs came from the cache. */
  printed: number;
  reused: number;
  /** What each page's layout hook measured (posters), printed or cached. */
  facts: Map<PrintPage, unknown>;
  /** Wall time of printing and finishing, in milliseconds. */
  ms: number;
}

/**
 * @param printDir the served folder the print pages are laid out in (assets already written)
 * @param layOut lays these print pages out into printDir: called only when something must be printed
 */
export async function printPdfs(
  ctx: BuildContext,
  loaded: LoadedSite,
  pages: PrintPage[],
  printDir: string,
  pdfDir: string,
  layOut: (pages: PrintPage[]) => Promise<void>,
): Promise<PrintedPdfs> {
  const started = performance.now();
  // Finishing is the heaviest work in Node: on worker threads, while this thread drives Chromium.
  const finish = (pdf: Uint8Array, opts: FinishOptions) =>
    WorkerPool.shared().run<{ pdf: Uint8Array; opts: FinishOptions }, Finished>(FINISH, { pdf, opts }, [pdf.buffer as ArrayBuffer]);
  const c = loaded.campaign;
  const jobs = printJobs(loaded, pages, pdfDir, await draftOutline(c), finish);
  const pageOf = new Map(jobs.map((job, i) => [job, pages[i]!]));
  const cache = ctx.useCache ? new PdfCache(cachePath(ctx, "pdf"), printDir, await ctx.kit()) : undefined;
  const keys = new Map<PrintJob, string>();
  const toPrint: PrintJob[] = [];
  const facts = new Map<PrintPage, unknown>();
  // Looked up side by side (reading and checking the cached PDFs is disk and hashing), kept in the jobs' order.
  let starting = false;
  const looked = await Promise.all(
    jobs.map(async (job) => {
      const key = cache?.key(job, pageOf.get(job));
      const cached = key ? await cache!.lookup(key) : undefined;
      if (cached) for (const variant of VARIANTS) await writeWhole(job.out[variant], cached.pdfs[variant]);
      // Something must be printed: Chromium starts, and the threads load the finishing, while the rest is looked up and laid out.
      else if (!starting) {
        starting = true;
        ctx.chromium.get().catch(() => undefined); // a failed start is said by the printer's own get()
        WorkerPool.shared().warm(FINISH);
      }
      return { job, key, cached };
    }),
  );
  for (const { job, key, cached } of looked) {
    if (cached) {
      if (cached.facts !== undefined) facts.set(pageOf.get(job)!, cached.facts);
    } else {
      if (key) keys.set(job, key);
      toPrint.push(job);
    }
  }
  const pdfs = builtPdfs(c, pages);
  const result = (printed: number) => ({ pdfs, printed, reused: jobs.length - printed, facts, ms: performance.now() - started });
  if (!toPrint.length) return result(0); // checked when they were printed

  ctx.emit({ type: "stage", stage: "lay out the print pages" });
  await layOut(toPrint.map((job) => pageOf.get(job)!));
  ctx.emit({ type: "stage", stage: `print ${toPrint.length} pages (${2 * toPrint.length} PDFs), reuse ${jobs.length - toPrint.length} unchanged` });
  const loadedBy = new Map<PrintJob, string[]>();
  const held = new Map<string, PdfFacts>(); // what each printed page's PDFs hold, by page path
  const server = await serveStatic(printDir, ctx.printHost);
  try {
    const browser = await ctx.chromium.get();
    await printAll(toPrint, {
      browser,
      origin: server.origin,
      concurrency: ctx.concurrency,
      ...(ctx.timeoutMs ? { timeoutMs: ctx.timeoutMs } : {}),
      onProgress: (done, total, job) => ctx.emit({ type: "progress", done, total, item: job.id }),
      onWritten: async (job, finished, loaded, measured) => {
        loadedBy.set(job, loaded);
        held.set(job.path, finished.facts);
        if (measured !== undefined) facts.set(pageOf.get(job)!, measured);
      },
      ...(ctx.beforePrint ? { beforePrint: ctx.beforePrint } : {}),
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    // Every new page's PDFs judged by what finishing read back (both variants hold the same fonts
    // and pages: the screen one is judged); a stray font is traced to the texts that pulled it in, while the browser is open.
    const problems: Problem[] = [];
    for (const pdf of pdfs.filter((p) => p.variant === "screen" && held.has(p.url)))
      problems.push(
        ...(await pdfProblems(
          c,
          pdf,
          held.get(pdf.url)!,
          (p) => explainStrayFonts(c, browser, server.origin + p.url, p.lang),
          (p) => explainTransparency(browser, server.origin + p.url),
        )),
      );
    if (problems.length) throw new ContentError(problems);
    // Cached only once checked: a PDF that failed its checks is printed again next time.
    if (cache) {
      for (const job of toPrint) {
        const bytes = Object.fromEntries(await Promise.all(VARIANTS.map(async (v) => [v, await readFile(job.out[v])] as const))) as unknown as Record<
          Variant,
          Uint8Array
        >;
        await cache.store(job, keys.get(job)!, bytes, loadedBy.get(job) ?? [], facts.get(pageOf.get(job)!));
      }
    }
    return result(toPrint.length);
  } finally {
    await server.close();
  }
}

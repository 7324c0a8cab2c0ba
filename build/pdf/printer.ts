/**
 * The printing engine: one browser, a pool of pages, a timeout per page, one retry for a
 * crashed or hung page. It prints pages of the built site (served on loopback), lets the
 * job inspect the laid-out page first (overflow, image resolution), and hands the printed PDF
 * to a finishing function that makes the job's files from it (the print and screen variants);
 * a file reaches its destination only whole (temporary file, then rename).
 * An abort signal stops the run at once: no new jobs, the pages being printed are given up.
 */
import type { Browser, HTTPRequest, Page, PDFOptions } from "puppeteer-core";
import type { Variant } from "../print/formats.ts";
import type { Finished } from "./finish-task.ts";
import { ContentError, PrintError, type Problem } from "../errors.ts";
import { writeWhole } from "../write-whole.ts";
import { closePage, openPage, releasePage } from "../chromium/browser.ts";
import { cancellationError } from "../chromium/cancel.ts";

export interface PrintJob {
  /** Names the job in messages and progress: "ar/leaflet". */
  id: string;
  /** Path of the page on the site: "/_print/ar/leaflet/". */
  path: string;
  /** Where each finished PDF goes. */
  out: Record<Variant, string>;
  pdf?: Partial<PDFOptions>;
  /**
   * Fits the laid-out page before it is checked (a poster's headline set smaller until the sheet
   * holds it) and measures it; what it returns (the job's facts) is kept with the PDF, for reports.
   */
  layout?: (page: Page) => Promise<unknown>;
  /** Checks the laid-out page; the problems it returns fail the job without a retry. */
  inspect?: (page: Page) => Promise<Problem[]>;
  /** Reads what finishing needs from the laid-out page (its blocks' text), just before printing. */
  read?: (page: Page) => Promise<unknown>;
  /**
   * Given the first print, fills in what only the print knows (a table of contents' page
   * numbers) and says whether it changed the page; if it did, the page is printed again.
   */
  paginate?: (pdf: Uint8Array, page: Page) => Promise<boolean>;
  /** Makes the job's PDFs from the one Chromium printed, with what `read` returned. */
  finish: (pdf: Uint8Array, read: unknown) => Promise<Finished>;
  /** What finishing does to the printed PDF, as data (for the cache's key). */
  finishing?: unknown;
}

export interface PrinterOptions {
  browser: Browser;
  origin: string;
  concurrency?: number;
  timeoutMs?: number;
  onProgress?: (done: number, total: number, job: PrintJob) => void;
  /** Called on each attempt once the page is laid out, just before printing; tests use it to crash a page. */
  beforePrint?: (page: Page, job: PrintJob, attempt: number) => Promise<void>;
  /** Cancels the run: no job is started after it aborts, the pages in flight are given up and closed. */
  signal?: AbortSignal;
  /** Called once a job's PDFs are written, with what finishing made, the paths (on the origin) its page loaded and what `layout` measured. */
  onWritten?: (job: PrintJob, finished: Finished, loaded: string[], measured: unknown) => Promise<void>;
}

/**
 * Prints every job. Layout problems from all jobs are reported together; a job that fails twice
 * stops the run. Each worker keeps one tab from job to job (opening a tab costs about as much
 * as printing a page); a tab whose attempt crashed, hung or failed is closed and replaced.
 */
export async function printAll(jobs: PrintJob[], opts: PrinterOptions): Promise<void> {
  const { signal } = opts;
  const queue = [...jobs];
  const problems: Problem[] = [];
  let failure: PrintError | undefined;
  let done = 0;
  const worker = async () => {
    let tab: Tab | undefined;
    // Checked before taking a job, so a stopped run leaves the rest of the queue untouched.
    const next = () => (failure || signal?.aborted ? undefined : queue.shift());
    try {
      for (let job = next(); job; job = next()) {
        try {
          let loaded: string[] = [];
          const { pdf, read, facts } = await withRetry(job, signal, async (attempt) => {
            tab ??= await openTab(opts);
            try {
              const printed = await printPage(job, tab, opts, attempt);
              loaded = [...tab.loaded];
              return printed;
            } catch (e) {
              // A layout problem leaves the tab as good as new; anything else may have broken it.
              if (!(e instanceof ContentError)) [tab] = [undefined, await closeTab(tab)];
              throw e;
            }
          });
          const finished = await job.finish(pdf, read);
          if (signal?.aborted) return; // nothing more is written once the run is cancelled
          for (const [variant, bytes] of Object.entries(finished.pdfs)) await writeWhole(job.out[variant as Variant], bytes);
          await opts.onWritten?.(job, finished, loaded, facts);
        } catch (e) {
          if (signal?.aborted) return; // not a failure of the job: the run rejects with the cancellation below
          if (e instanceof ContentError) problems.push(...e.problems);
          else failure ??= e instanceof PrintError ? e : new PrintError(job.id, e);
        }
        opts.onProgress?.(++done, jobs.length, job);
      }
    } finally {
      if (tab) await (signal?.aborted ? closeTab(tab) : tab.release().catch(() => closeTab(tab!)));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 2, jobs.length)) }, worker));
  if (signal?.aborted) throw cancellationError(signal);
  if (failure) throw failure;
  if (problems.length) throw new ContentError([...new Map(problems.map((p) => [JSON.stringify(p), p])).values()]);
}

async function withRetry<T>(job: PrintJob, signal: AbortSignal | undefined, run: (attempt: number) => Promise<T>): Promise<T> {
  try {
    return await run(1);
  } catch (e) {
    if (e instanceof ContentError) throw e; // a layout problem is the same on every attempt
    if (signal?.aborted) throw e; // a cancelled run is not retried
    try {
      return await run(2); // a crashed or hung page gets one more chance, in a fresh tab
    } catch (e2) {
      if (e2 instanceof ContentError) throw e2;
      throw new PrintError(job.id, e2);
    }
  }
}

/** A worker's tab, with what it watches for: requests to other hosts, and a renderer crash. */
interface Tab {
  page: Page;
  /** URLs of other hosts the current job's page asked for. */
  foreign: string[];
  /** Paths on the origin the current job's page loaded (its HTML, styles, fonts, images). */
  loaded: Set<string>;
  /** Rejects when the renderer crashes: page.pdf would otherwise wait until the timeout. */
  crashed: Promise<never>;
  /** Takes off what the printer added and gives the tab back for the next stage or build (releasePage). */
  release: () => Promise<void>;
}

/** Rejects as soon as the run is cancelled; `stop` removes the listener. */
function whenAborted(signal: AbortSignal | undefined): { aborted: Promise<never>; stop: () => void } {
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    if (!signal) return;
    onAbort = () => reject(cancellationError(signal));
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
  });
  aborted.catch(() => undefined); // raced where it matters; never an unhandled rejection
  return { aborted, stop: () => onAbort && signal?.removeEventListener("abort", onAbort) };
}

async function openTab(opts: PrinterOptions): Promise<Tab> {
  const { aborted, stop } = whenAborted(opts.signal);
  const opening = openPage(opts.browser);
  let page: Page;
  try {
    page = await Promise.race([opening, aborted]);
  } catch (e) {
    void opening.then((p) => closePage(p)).catch(() => undefined); // a tab that opens after all is closed at once
    throw e;
  } finally {
    stop();
  }
  let onError: (e: Error) => void = () => undefined;
  const tab: Tab = {
    page,
    foreign: [],
    loaded: new Set(),
    crashed: new Promise<never>((_, reject) => {
      onError = (e) => reject(new Error(`the page crashed (${e.message})`));
      page.once("error", onError);
    }),
    release: async () => undefined,
  };
  tab.crashed.catch(() => undefined);
  const onRequest = (req: HTTPRequest) => {
    if (req.url().startsWith(opts.origin)) tab.loaded.add(new URL(req.url()).pathname);
    else if (!req.url().startsWith("data:")) tab.foreign.push(req.url());
  };
  page.on("request", onRequest);
  // tsx and vitest compile with esbuild's keepNames, which wraps functions in __name();
  // functions sent to page.evaluate need that helper in the page too (once per tab).
  const { identifier } = await page.evaluateOnNewDocument("globalThis.__name = (fn) => fn");
  tab.release = async () => {
    page.off("request", onRequest);
    page.off("error", onError);
    await page.removeScriptToEvaluateOnNewDocument(identifier);
    await releasePage(page);
  };
  return tab;
}

/** A tab that failed (crashed, stuck, timed out), closed: a crashed or stuck page may not close cleanly. */
async function closeTab(tab: Tab): Promise<undefined> {
  await closePage(tab.page);
  return undefined;
}

async function printPage(job: PrintJob, tab: Tab, opts: PrinterOptions, attempt: number): Promise<{ pdf: Uint8Array; read: unknown; facts: unknown }> {
  const { origin, timeoutMs = 40_000 } = opts; // the longest page prints in a few seconds, even beside another build
  const { page } = tab;
  const { aborted, stop } = whenAborted(opts.signal);
  tab.foreign.length = 0;
  tab.loaded.clear();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([
      (async () => {
        await page.goto(origin + job.path, { waitUntil: "load", timeout: timeoutMs });
        const failedFonts = await page.evaluate(async () => {
          await document.fonts.ready;
          return [...document.fonts].filter((f) => f.status === "error").map((f) => f.family);
        });
        if (failedFonts.length) throw new Error(`fonts failed to load: ${failedFonts.join(", ")}`);
        if (tab.foreign.length) throw new Error(`the page asked another host for ${tab.foreign.join(", ")}`);
        const facts = await job.layout?.(page);
        const problems = (await job.inspect?.(page)) ?? [];
        if (problems.length) throw new ContentError(problems);
        await opts.beforePrint?.(page, job, attempt);
        const print = () => page.pdf({ printBackground: true, tagged: true, preferCSSPageSize: true, timeout: timeoutMs, ...job.pdf });
        let pdf = await print();
        if (await job.paginate?.(pdf, page)) pdf = await print();
        // Read once the page is final; it does not change while it prints.
        return { pdf, read: await job.read?.(page), facts };
      })(),
      timeout,
      tab.crashed,
      aborted,
    ]);
  } finally {
    clearTimeout(timer);
    stop();
  }
}

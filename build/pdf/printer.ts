/**
 * The printing engine: one browser, a pool of pages, a timeout per PDF, one retry for a
 * crashed or hung page. It prints pages of the built site (served on loopback) and hands
 * each PDF to a finishing function; a PDF reaches its destination only whole (temp + rename).
 */
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Browser } from "puppeteer-core";
import { PrintError } from "../errors.ts";

export interface PrintJob {
  /** Names the job in messages and progress: "ar/brochure". */
  id: string;
  /** Path of the page on the site: "/ar/brochure/". */
  path: string;
  /** Where the finished PDF goes. */
  out: string;
  finish: (pdf: Uint8Array) => Promise<Uint8Array>;
}

export interface PrinterOptions {
  browser: Browser;
  origin: string;
  concurrency?: number;
  timeoutMs?: number;
  onProgress?: (done: number, total: number, job: PrintJob) => void;
}

export async function printAll(jobs: PrintJob[], opts: PrinterOptions): Promise<void> {
  const queue = [...jobs];
  let done = 0;
  const worker = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const pdf = await withRetry(job, () => printPage(job, opts));
      const bytes = await job.finish(pdf);
      await mkdir(path.dirname(job.out), { recursive: true });
      const tmp = `${job.out}.${process.pid}.tmp`;
      await writeFile(tmp, bytes);
      await rename(tmp, job.out);
      opts.onProgress?.(++done, jobs.length, job);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 2, jobs.length)) }, worker));
}

async function withRetry<T>(job: PrintJob, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch {
    try {
      return await run(); // a crashed or hung page gets one more chance, in a fresh tab
    } catch (e) {
      throw new PrintError(job.id, e);
    }
  }
}

async function printPage(job: PrintJob, { browser, origin, timeoutMs = 60_000 }: PrinterOptions): Promise<Uint8Array> {
  const page = await browser.newPage();
  const foreign: string[] = [];
  page.on("request", (req) => {
    if (!req.url().startsWith(origin) && !req.url().startsWith("data:")) foreign.push(req.url());
  });
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs).unref());
  try {
    return await Promise.race([
      (async () => {
        await page.goto(origin + job.path, { waitUntil: "load", timeout: timeoutMs });
        const failedFonts = await page.evaluate(async () => {
          await document.fonts.ready;
          return [...document.fonts].filter((f) => f.status === "error").map((f) => f.family);
        });
        if (failedFonts.length) throw new Error(`fonts failed to load: ${failedFonts.join(", ")}`);
        if (foreign.length) throw new Error(`the page asked another host for ${foreign.join(", ")}`);
        return page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, timeout: timeoutMs });
      })(),
      timeout,
    ]);
  } finally {
    await page.close().catch(() => undefined); // a crashed page may not close cleanly
  }
}

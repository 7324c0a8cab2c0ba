/**
 * Built web pages visited in Chromium, a few tabs at a time, each tab set up once and kept:
 * the way the page-weight stage, the accessibility audit and the share cards go over a site.
 * A visit that hangs or fails (Chromium under load may never answer a load or a screenshot)
 * is given up after a time limit and tried once more in a fresh tab, like a print job.
 */
import type { Browser, Page } from "puppeteer-core";
import { closePage, openPage, releasePage, withTimeout } from "./browser.ts";
import { serveStatic } from "./static-server.ts";

export interface VisitOptions {
  /** Address the site is served on for the browser (default 127.0.0.1). */
  host?: string | undefined;
  concurrency?: number;
  signal?: AbortSignal | undefined;
  /** How long one visit may take before it is given up and tried again (default 30 s). */
  timeoutMs?: number;
  /** Called as each page is done: how many of how many, and which. */
  onDone?: ((done: number, total: number, rel: string) => void) | undefined;
  /** The tabs are given back for the next stage or build (releasePage), not closed: for visits that change nothing of a tab but its page and viewport. */
  giveBack?: boolean;
}

/**
 * Serves siteDir and calls `visit` for every page (paths relative to siteDir, in sorted order)
 * with the URL it is served at, in one of `concurrency` tabs made ready by `setup`.
 */
export async function visitPages<T>(
  siteDir: string,
  pages: string[],
  browser: Browser,
  setup: (tab: Page) => Promise<T>,
  visit: (tab: Page, url: string, rel: string, state: T, origin: string) => Promise<void>,
  { host, concurrency = 2, signal, timeoutMs = 30_000, onDone, giveBack = false }: VisitOptions = {},
): Promise<void> {
  const server = await serveStatic(siteDir, host);
  const queue = [...pages].sort();
  let done = 0;
  const open = async () => {
    const tab = await openPage(browser);
    return { tab, state: await withTimeout(setup(tab), timeoutMs, `a tab for ${siteDir} could not be set up within ${timeoutMs / 1000} s`) };
  };
  try {
    await Promise.all(
      Array.from({ length: Math.max(1, Math.min(concurrency, queue.length)) }, async () => {
        let current: { tab: Page; state: T } | undefined;
        try {
          for (let rel = queue.shift(); rel !== undefined; rel = queue.shift()) {
            const url = `${server.origin}/${rel
              .split("\\")
              .join("/")
              .replace(/index\.html$/, "")}`;
            for (let attempt = 1; ; attempt++) {
              signal?.throwIfAborted();
              current ??= await open();
              const { tab, state } = current;
              try {
                await withTimeout(visit(tab, url, rel, state, server.origin), timeoutMs, `${rel} took longer than ${timeoutMs / 1000} s in Chromium`);
                onDone?.(++done, pages.length, rel);
                break;
              } catch (e) {
                // The tab may be stuck: the next attempt, or the next page, gets a fresh one.
                current = undefined;
                await closePage(tab, Math.min(5_000, timeoutMs));
                if (attempt === 2 || signal?.aborted) throw e;
              }
            }
          }
        } finally {
          if (current) await (giveBack && !signal?.aborted ? releasePage : closePage)(current.tab, Math.min(5_000, timeoutMs));
        }
      }),
    );
  } finally {
    await server.close();
  }
}

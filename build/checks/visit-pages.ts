/**
 * Built web pages visited in Chromium, a few tabs at a time, each tab set up once and kept:
 * the way the page-weight stage and the accessibility audit go over a site.
 */
import type { Browser, Page } from "puppeteer-core";
import { serveStatic } from "../pdf/static-server.ts";

export interface VisitOptions {
  /** Address the site is served on for the browser (default 127.0.0.1). */
  host?: string | undefined;
  concurrency?: number;
  signal?: AbortSignal | undefined;
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
  { host, concurrency = 2, signal }: VisitOptions = {},
): Promise<void> {
  const server = await serveStatic(siteDir, host);
  const queue = [...pages].sort();
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        const tab = await browser.newPage();
        try {
          const state = await setup(tab);
          for (let rel = queue.shift(); rel !== undefined; rel = queue.shift()) {
            signal?.throwIfAborted();
            await visit(tab, `${server.origin}/${rel.split("\\").join("/").replace(/index\.html$/, "")}`, rel, state, server.origin);
          }
        } finally {
          await tab.close().catch(() => undefined);
        }
      }),
    );
  } finally {
    await server.close();
  }
}

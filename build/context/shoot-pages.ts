/**
 * Stage "screenshots": every page of the language and of the source language shot, a few tabs
 * at a time, unless the cache has it (same HTML, same assets, same kit). Tabs print and load side
 * by side; full-page shots of web pages are taken one at a time, in front (Chromium may never
 * answer a screenshot of a tab that is not: build/share/cards.ts).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Page } from "puppeteer-core";
import { withTimeout } from "../chromium/browser.ts";
import type { ChromiumSession } from "../chromium/session.ts";
import { visitPages } from "../chromium/visit-pages.ts";
import { ContentError, type Problem } from "../errors.ts";
import type { ContextPage, LaidOut } from "./lay-out.ts";
import { prepareTab, shootPrintPage, shootWebPage, type PageShots } from "./page-shots.ts";
import type { ShotCache } from "./shot-cache.ts";

const SHOT_TIMEOUT_MS = 20_000;

export interface ShootOptions {
  chromium: ChromiumSession;
  cache?: ShotCache | undefined;
  concurrency?: number;
  timeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((done: number, total: number, item: string) => void) | undefined;
}

export interface Shooting {
  shot: { page: ContextPage; shots: PageShots }[];
  /** Pages shot in Chromium, and pages whose shots came from the cache. */
  fresh: number;
  reused: number;
}

export async function shootPages(laidOut: LaidOut, pages: ContextPage[], opts: ShootOptions): Promise<Shooting> {
  const results = new Map<ContextPage, PageShots>();
  const todo: ContextPage[] = [];
  const keys = new Map<ContextPage, string>();
  const dirOf = (page: ContextPage) => (page.medium === "print" ? laidOut.printDir : laidOut.webDir);
  for (const page of pages) {
    if (!opts.cache) {
      todo.push(page);
      continue;
    }
    const key = opts.cache.key(page.medium, await readFile(path.join(dirOf(page), page.rel)));
    const cached = await opts.cache.lookup(key, dirOf(page));
    if (cached) results.set(page, cached);
    else [keys.set(page, key), todo.push(page)];
  }
  const problems: Problem[] = [];
  if (todo.length) {
    const browser = await opts.chromium.get();
    let done = 0;
    let front: Promise<unknown> = Promise.resolve();
    const inFront = (tab: Page) => (shoot: () => Promise<Uint8Array>) => {
      const next = front.then(() => withTimeout(tab.bringToFront().then(shoot), SHOT_TIMEOUT_MS, `a screenshot took longer than ${SHOT_TIMEOUT_MS / 1000} s`));
      front = next.catch(() => undefined);
      return next;
    };
    for (const medium of ["print", "web"] as const) {
      const ofMedium = new Map(todo.filter((p) => p.medium === medium).map((p) => [p.rel, p]));
      if (!ofMedium.size) continue;
      const servedDir = medium === "print" ? laidOut.printDir : laidOut.webDir;
      await visitPages(
        servedDir,
        [...ofMedium.keys()],
        browser,
        async (tab) => {
          await prepareTab(tab);
          await tab.setBypassServiceWorker(true); // the site's worker would keep pages from an earlier run
          const state = { origin: "", loaded: new Set<string>(), foreign: new Set<string>() };
          tab.on("request", (req) => {
            const url = req.url();
            if (state.origin && url.startsWith(state.origin)) state.loaded.add(new URL(url).pathname);
            else if (!url.startsWith("data:")) state.foreign.add(url);
          });
          return state;
        },
        async (tab, url, rel, state, origin) => {
          const page = ofMedium.get(rel)!;
          Object.assign(state, { origin });
          state.loaded.clear();
          state.foreign.clear();
          const shots = medium === "print" ? await shootPrintPage(tab, url, page) : await shootWebPage(tab, url, inFront(tab));
          if (state.foreign.size)
            problems.push({
              file: path.join(servedDir, rel),
              message: `${page.url} asked another host for ${[...state.foreign].join(", ")}`,
              hint: "pages the kit makes load nothing from elsewhere: find what the template or stylesheet links to",
            });
          results.set(page, shots);
          const key = keys.get(page);
          if (key && opts.cache)
            await opts.cache.store(
              key,
              servedDir,
              shots,
              [...state.loaded].filter((p) => p !== page.url),
            );
          opts.onProgress?.(++done, todo.length, `${page.lang}/${page.medium}/${page.document}`);
        },
        { concurrency: opts.concurrency ?? 2, signal: opts.signal, timeoutMs: opts.timeoutMs ?? 60_000 },
      );
    }
  }
  if (problems.length) throw new ContentError(problems);
  return { shot: pages.map((page) => ({ page, shots: results.get(page)! })), fresh: todo.length, reused: pages.length - todo.length };
}

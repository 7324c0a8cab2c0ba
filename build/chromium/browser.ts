/** Launches the system Chromium for printing and checks: headless, no network chatter. */
import type { ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { SetupError } from "../errors.ts";
import { cancellationError } from "./cancel.ts";
import { CHROMIUM_HINT, findChromium, isHeadlessShell } from "./find-chromium.mjs";

export const CHROMIUM_ARGS = [
  "--no-sandbox", // root in CI and containers; pages are our own, served on loopback
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-default-apps",
  "--disable-dev-shm-usage",
  "--font-render-hinting=none", // same glyph positions on every machine
];

/**
 * Launches Chromium, or connects to one already running (a browserless container, a Chromium
 * started with --remote-debugging-port) when `wsEndpoint` is given. When `signal` aborts, a
 * launched browser's whole process group is killed at once, a connected one is left (the run
 * that owns it rejects on its own; closeBrowser afterwards is still safe).
 */
export async function launchBrowser({ signal, wsEndpoint }: { signal?: AbortSignal; wsEndpoint?: string } = {}): Promise<Browser> {
  if (signal?.aborted) throw cancellationError(signal);
  if (wsEndpoint) {
    return puppeteer.connect({ browserWSEndpoint: wsEndpoint }).catch((e: unknown) => {
      throw new SetupError(
        `Could not connect to the Chromium at ${wsEndpoint}: ${(e as Error).message}`,
        "check that it runs and that this machine reaches it (a browserless container's ws:// URL, or a Chromium started with --remote-debugging-port)",
      );
    });
  }
  const executablePath = findChromium();
  if (!executablePath) throw new SetupError("No Chromium found to print the PDFs.", CHROMIUM_HINT);
  if (signal?.aborted) throw cancellationError(signal);
  // Puppeteer takes the signal too, so an abort during the launch kills the half-started browser.
  const browser = await puppeteer
    .launch({ executablePath, headless: isHeadlessShell(executablePath) ? "shell" : true, args: CHROMIUM_ARGS, ...(signal ? { signal } : {}) })
    .catch((e: unknown) => {
      throw signal?.aborted ? cancellationError(signal) : e;
    });
  if (!signal) return browser;
  const pid = browser.process()?.pid;
  if (signal.aborted) {
    killGroup(pid);
    throw cancellationError(signal);
  }
  const onAbort = () => killGroup(pid);
  signal.addEventListener("abort", onAbort, { once: true });
  browser.once("disconnected", () => signal.removeEventListener("abort", onAbort));
  return browser;
}

/**
 * Closes a browser for sure: browser.close() first, and if that fails or takes longer than
 * graceMs, SIGKILL to Chromium's whole process group (puppeteer starts it detached, so it
 * leads its own group: renderers, GPU and zygote processes go with it). Resolves once the
 * main process has exited and (where /proc exists) no process of the group is still running.
 */
export async function closeBrowser(browser: Browser, graceMs = 2000): Promise<void> {
  const child = browser.process();
  // A browser we connected to is someone else's: leave it running, without the tabs kept for the next stage.
  if (!child) {
    await Promise.all((spareTabs.get(browser) ?? []).map((page) => closePage(page)));
    spareTabs.delete(browser);
    return void (await browser.disconnect().catch(() => undefined));
  }
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    browser.close().catch(() => undefined),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    }),
  ]);
  clearTimeout(timer);
  // Also after a clean close: it sweeps up any process of the group that outlived the browser.
  killGroup(child?.pid);
  if (child) await gone(child, 2000);
}

/** SIGKILL to a process group; one that is already gone is fine. */
function killGroup(pid: number | undefined): void {
  if (!pid || process.platform === "win32") return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ESRCH") throw e;
  }
}

/** Waits (at most maxMs) for the main process to be reaped and its group to have no live process. */
async function gone(child: ChildProcess, maxMs: number): Promise<void> {
  const deadline = Date.now() + maxMs;
  if (child.exitCode === null && child.signalCode === null) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, maxMs);
      child.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
  while (child.pid && liveGroupMembers(child.pid) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** Processes of a group that are still running (zombies, dead and waiting for init to reap them, do not count). */
function liveGroupMembers(pgid: number): number {
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  } catch {
    return 0; // no /proc: nothing to check
  }
  let n = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      // pid (comm) state ppid pgrp …; comm may hold spaces and parentheses.
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(pgrp) === pgid && state !== "Z" && state !== "X") n++;
    } catch {
      // the process ended while we looked
    }
  }
  return n;
}

/** Runs `work`, or rejects with `message` after `ms`: a Chromium call that may never answer. */
export function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Tabs given back in good order (releasePage), by browser, for the next openPage: a new tab
 * costs Chromium half a second of CPU (a renderer process: 0.43 s measured on 2 cores, blank),
 * and a build opens several in each stage, edition after edition.
 */
const spareTabs = new WeakMap<Browser, Page[]>();
/** As many as a stage uses at once. */
const SPARE_TABS = 2;
/** The viewport each tab opened with, given back with it. */
const firstViewport = new WeakMap<Page, ReturnType<Page["viewport"]>>();

/**
 * A tab as new: a spare one, or a new one, or an error after `ms`: under load Chromium may never
 * answer (seen on 2 cores). A tab that opens after all is closed at once.
 */
export async function openPage(browser: Browser, ms = 20_000): Promise<Page> {
  for (let spare = spareTabs.get(browser)?.pop(); spare; spare = spareTabs.get(browser)?.pop()) if (!spare.isClosed()) return spare;
  const opening = browser.newPage();
  try {
    const page = await withTimeout(opening, ms, `Chromium did not open a tab within ${ms / 1000} s`);
    firstViewport.set(page, page.viewport());
    return page;
  } catch (e) {
    void opening.then((p) => closePage(p)).catch(() => undefined);
    throw e;
  }
}

/**
 * Gives a tab that did its work back for the next openPage, blank and at the viewport it opened
 * with; it is closed if it does not answer, or if enough are spare. Its user has taken off what
 * it added (listeners, scripts run on each new document); a tab that failed is closed instead.
 */
export async function releasePage(page: Page, ms = 5_000): Promise<void> {
  const browser = page.browser();
  const spares = () => spareTabs.get(browser) ?? [];
  if (page.isClosed() || spares().length >= SPARE_TABS) return closePage(page, ms);
  try {
    await withTimeout(
      (async () => {
        await page.goto("about:blank");
        const viewport = firstViewport.get(page);
        if (viewport && JSON.stringify(page.viewport()) !== JSON.stringify(viewport)) await page.setViewport(viewport);
      })(),
      ms,
      "a tab did not go blank",
    );
  } catch {
    return closePage(page, ms);
  }
  // Counted again: another tab may have been given back meanwhile.
  if (spares().length >= SPARE_TABS) return closePage(page, ms);
  spareTabs.set(browser, [...spares(), page]);
}

/** Closes a tab, giving up after `ms`: a stuck renderer may never answer; the browser's close kills it. */
export async function closePage(page: Page, ms = 5_000): Promise<void> {
  await withTimeout(page.close(), ms, "").catch(() => undefined);
}

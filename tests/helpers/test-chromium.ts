/**
 * One Chromium for the builds and pages of every test file a vitest worker runs: a launch and
 * close cost about 2 s of CPU, and the suite has some twenty files that print or browse. Builds
 * given it leave it running (pipeline.ts closes only a session it made). After each file
 * (vitest.config.ts `setupFiles`: this module is one of them) the browser is closed unless the
 * worker's next file takes it up within a few seconds. A worker is ended without notice when the
 * run is over, so each browser is also listed where the suite's globalSetup
 * (no-leftover-chromium.ts) finds it: it closes these at the end, and still reports any other
 * Chromium left running. Tests of Chromium's own life (cancellation, a remote browser, a
 * rebuild that starts none) make their own.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "puppeteer-core";
import { afterAll } from "vitest";
import { openPage, releasePage } from "../../build/chromium/browser.ts";
import { ChromiumSession } from "../../build/chromium/session.ts";
import { SHARED_BROWSERS } from "./no-leftover-chromium.ts";

/** How long a worker keeps its browser open between files. */
const KEEP_OPEN_MS = 5_000;

/** A session whose every browser is listed for the suite's teardown (by its process id, which leads its process group). */
class SharedSession extends ChromiumSession {
  private listedPid: number | undefined;

  override async get(): Promise<Browser> {
    const browser = await super.get();
    const pid = browser.process()?.pid;
    const listed = process.env[SHARED_BROWSERS];
    // Once per browser: get() is called for every page a build prints.
    if (pid && listed && pid !== this.listedPid) writeFileSync(path.join(listed, String(pid)), "");
    this.listedPid = pid;
    return browser;
  }
}

// On globalThis: the worker may evaluate this module again for each file (vitest's setupFiles).
const shared = globalThis as { waymarkTestChromium?: { session: ChromiumSession; closing?: NodeJS.Timeout } };

export function testChromium(): ChromiumSession {
  const held = (shared.waymarkTestChromium ??= { session: new SharedSession() });
  clearTimeout(held.closing);
  held.closing = undefined;
  return held.session;
}

/** The shared browser itself, for a test that opens pages of its own: it must close its pages, not the browser. */
export function testBrowser(): Promise<Browser> {
  return testChromium().get();
}

/**
 * A tab of the shared browser for a test's own visits, given back blank and at its first viewport
 * for the next build or test (releasePage): a new tab costs Chromium about half a second of CPU.
 * A test that changes more of a tab than its page and viewport (CSP bypass, scripts on new documents) undoes it first.
 */
export async function withTab<T>(use: (tab: Page) => Promise<T>): Promise<T> {
  const tab = await openPage(await testBrowser());
  try {
    return await use(tab);
  } finally {
    await releasePage(tab);
  }
}

/** Registered for every test file by vitest's setupFiles. */
afterAll(() => {
  const held = shared.waymarkTestChromium;
  if (!held || held.closing) return;
  // unref: a worker with nothing left to run may end before it fires; the teardown closes its browser then.
  held.closing = setTimeout(() => {
    if (shared.waymarkTestChromium === held) shared.waymarkTestChromium = undefined;
    void held.session.close();
  }, KEEP_OPEN_MS).unref();
});

/**
 * One Chromium for the builds and pages of every test file a vitest worker runs, from its first
 * such file to the end of the run: a launch and close cost about 2 s of CPU, and the suite has
 * some twenty files that print or browse. (Closed after each file unless the next took it up
 * within 5 s, it was launched five times in a run instead of twice, as often as the files'
 * order and timing made it.) Builds given it leave it running (pipeline.ts closes only a session
 * it made). A worker is ended without notice when the run is over, so each browser is listed
 * where the suite's globalSetup (no-leftover-chromium.ts) finds it: it closes these at the end,
 * and still reports any other Chromium left running. Tests of Chromium's own life
 * (cancellation, a remote browser, a rebuild that starts none) make their own.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "puppeteer-core";
import { openPage, releasePage } from "../../build/chromium/browser.ts";
import { ChromiumSession } from "../../build/chromium/session.ts";
import { SHARED_BROWSERS } from "./no-leftover-chromium.ts";

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

// On globalThis: a worker may evaluate this module again for another file.
const shared = globalThis as { waymarkTestChromium?: ChromiumSession };

export function testChromium(): ChromiumSession {
  return (shared.waymarkTestChromium ??= new SharedSession());
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

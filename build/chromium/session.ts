/**
 * One Chromium for a whole build: launched the first time a stage needs it (a rebuild with
 * nothing to print or shoot never starts one), shared by the printer, the share cards and the
 * font explanations of every edition, and closed for sure at the end.
 */
import type { Browser } from "puppeteer-core";
import { closeBrowser, launchBrowser } from "./browser.ts";

export interface SessionOptions {
  signal?: AbortSignal | undefined;
  /** Use a Chromium already running (ws:// URL of a browserless container, say) instead of launching one. */
  wsEndpoint?: string | undefined;
}

export class ChromiumSession {
  private browser: Promise<Browser> | undefined;

  constructor(private readonly options: SessionOptions = {}) {}

  /** A session over a browser someone else launched and will close (the benchmark's). */
  static wrapping(browser: Browser): ChromiumSession {
    const session = new ChromiumSession();
    session.browser = Promise.resolve(browser);
    session.close = async () => undefined;
    return session;
  }

  /** The session's browser, launched on first use; one that died is launched again. */
  async get(): Promise<Browser> {
    if (this.browser) {
      const b = await this.browser.catch(() => undefined);
      if (b?.connected) return b;
    }
    this.browser = launchBrowser({
      ...(this.options.signal ? { signal: this.options.signal } : {}),
      ...(this.options.wsEndpoint ? { wsEndpoint: this.options.wsEndpoint } : {}),
    });
    return this.browser;
  }

  /** Whether a browser was ever started (for tests: a no-op rebuild starts none). */
  get started(): boolean {
    return this.browser !== undefined;
  }

  async close(): Promise<void> {
    const b = await this.browser?.catch(() => undefined);
    this.browser = undefined;
    if (b) await closeBrowser(b);
  }
}

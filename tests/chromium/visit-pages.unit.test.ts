/**
 * Visiting pages: a visit that hangs is given up after its time limit and tried once more in a
 * fresh tab; a page that hangs twice stops the run, named. The browser is a stand-in (tabs are
 * counted, never drawn): the stage under test is the scheduling, not Chromium.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "puppeteer-core";
import { afterAll, describe, expect, it } from "vitest";
import { visitPages } from "../../build/chromium/visit-pages.ts";

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

function fakeBrowser({ stuck = false } = {}) {
  const tabs: { closed: boolean }[] = [];
  const browser = {
    newPage: async () => {
      // A stuck tab never answers its close, as a renderer that hangs.
      const tab = {
        closed: false,
        viewport: () => null,
        close: () => (stuck ? new Promise<void>(() => void (tab.closed = true)) : Promise.resolve(void (tab.closed = true))),
      };
      tabs.push(tab);
      return tab as unknown as Page;
    },
  } as unknown as Browser;
  return { browser, tabs };
}

describe("visitPages", () => {
  it("gives a hung visit up and visits the page again in a fresh tab", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "visit-"));
    dirs.push(dir);
    const { browser, tabs } = fakeBrowser();
    const visits: string[] = [];
    await visitPages(
      dir,
      ["a/index.html", "b/index.html"],
      browser,
      async () => undefined,
      async (_tab, _url, rel) => {
        visits.push(rel);
        if (rel === "a/index.html" && visits.length === 1) await new Promise(() => undefined); // never answers
      },
      { concurrency: 1, timeoutMs: 200 },
    );
    expect(visits).toEqual(["a/index.html", "a/index.html", "b/index.html"]);
    expect(tabs).toHaveLength(2);
    expect(tabs.every((t) => t.closed)).toBe(true);
  });

  it("stops, naming the page, when it hangs twice", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "visit-"));
    dirs.push(dir);
    const { browser, tabs } = fakeBrowser();
    const run = visitPages(
      dir,
      ["stuck/index.html"],
      browser,
      async () => undefined,
      () => new Promise(() => undefined),
      { timeoutMs: 100 },
    );
    await expect(run).rejects.toThrow("stuck/index.html took longer than 0.1 s in Chromium");
    expect(tabs.map((t) => t.closed)).toEqual([true, true]);
  });

  it("goes on past a stuck tab that never closes", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "visit-"));
    dirs.push(dir);
    const { browser, tabs } = fakeBrowser({ stuck: true });
    const visits: string[] = [];
    await visitPages(
      dir,
      ["a/index.html", "b/index.html"],
      browser,
      async () => undefined,
      async (_tab, _url, rel) => {
        visits.push(rel);
        if (visits.length === 1) await new Promise(() => undefined);
      },
      { concurrency: 1, timeoutMs: 200 },
    );
    expect(visits).toEqual(["a/index.html", "a/index.html", "b/index.html"]);
    expect(tabs).toHaveLength(2);
  });
});

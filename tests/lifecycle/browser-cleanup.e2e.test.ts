/**
 * Chromium never outlives the build: a browser whose close() hangs is killed with its whole
 * process group, an aborted signal kills the browser it launched, and a cancelled build
 * publishes nothing and leaves no Chromium behind. Uses the system Chromium for real.
 */
import { readdirSync, readFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import type { Browser } from "puppeteer-core";
import { describe, expect, it } from "vitest";
import { closeBrowser, launchBrowser } from "../../build/chromium/browser.ts";
import { buildCampaign } from "../../build/pipeline.ts";
import { sampleCampaigns, trimmedCampaign } from "../helpers/sample-campaign.ts";

const campaign = sampleCampaigns();

/** Whether a pid still names a process (kill with signal 0 only checks). */
function exists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ESRCH") return false;
    throw e;
  }
}

/**
 * Processes of a process group that still run, as "pid:state". Zombies are left out: they are
 * dead already, only waiting for init to reap them (Chromium's helpers are orphaned when the
 * group is killed at once, and how soon init reaps them is up to the machine).
 */
function liveInGroup(pgid: number): string[] {
  const found: string[] = [];
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(pgrp) === pgid && state !== "Z") found.push(`${pid}:${state}`);
    } catch {
      // gone while we looked
    }
  }
  return found;
}

/** Waits until the browser's main process and every live process of its group are gone. */
async function waitUntilGone(pid: number, maxMs: number): Promise<void> {
  const deadline = Date.now() + maxMs;
  while ((exists(pid) || liveInGroup(pid).length) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
}

/** The pid of a launched browser, with a page open so renderers and helpers are running too. */
async function startedBrowser(browser: Browser): Promise<number> {
  const pid = browser.process()?.pid;
  if (!pid) throw new Error("the browser has no process");
  await (await browser.newPage()).goto("data:text/html,<p>hello</p>");
  expect(liveInGroup(pid).length).toBeGreaterThan(2); // the main process leads a group of helpers
  return pid;
}

/** Last resort, so a failing test does not leak what it tests for. */
function killGroup(pid: number | undefined): void {
  try {
    if (pid) process.kill(-pid, "SIGKILL");
  } catch {
    // gone already
  }
}

describe("closing Chromium", () => {
  it("kills the whole process group when browser.close() hangs", { timeout: 30_000 }, async () => {
    const browser = await launchBrowser();
    let pid: number | undefined;
    try {
      pid = await startedBrowser(browser);
      browser.close = () => new Promise<void>(() => undefined); // a browser that does not answer
      const started = performance.now();
      await closeBrowser(browser, 300);
      const ms = performance.now() - started;
      expect(ms).toBeGreaterThanOrEqual(290); // it gave close() its chance…
      expect(ms).toBeLessThan(5000); // …then did not wait for it
      expect(() => process.kill(pid!, 0)).toThrow(expect.objectContaining({ code: "ESRCH" }));
      expect(liveInGroup(pid)).toEqual([]);
    } finally {
      killGroup(pid);
    }
  });

  it("closes a browser that answers without waiting for the grace period", { timeout: 30_000 }, async () => {
    const browser = await launchBrowser();
    let pid: number | undefined;
    try {
      pid = await startedBrowser(browser);
      const started = performance.now();
      await closeBrowser(browser, 20_000);
      expect(performance.now() - started).toBeLessThan(10_000);
      expect(exists(pid)).toBe(false);
      expect(liveInGroup(pid)).toEqual([]);
    } finally {
      killGroup(pid);
    }
  });

  it("kills the browser launched with a signal when the signal aborts", { timeout: 30_000 }, async () => {
    const controller = new AbortController();
    const browser = await launchBrowser({ signal: controller.signal });
    let pid: number | undefined;
    try {
      pid = await startedBrowser(browser);
      controller.abort();
      const started = performance.now();
      await waitUntilGone(pid, 5000);
      expect(performance.now() - started).toBeLessThan(5000);
      expect(exists(pid)).toBe(false);
      expect(liveInGroup(pid)).toEqual([]);
      await closeBrowser(browser, 300); // still safe afterwards
    } finally {
      killGroup(pid);
    }
  });

  it("launches nothing when the signal has already aborted", { timeout: 30_000 }, async () => {
    await expect(launchBrowser({ signal: AbortSignal.abort() })).rejects.toThrow(/build was cancelled/);
  });
});

describe("a cancelled build", () => {
  it("rejects with the cancellation, publishes nothing and leaves no Chromium behind", { timeout: 60_000 }, async () => {
    const root = await campaign({ "content/campaign.yaml": await trimmedCampaign(["en"], ["poster"]) });
    const controller = new AbortController();
    const pids = new Set<number>();
    const build = buildCampaign({
      root,
      signal: controller.signal,
      beforePrint: async (page) => {
        const pid = page.browser().process()?.pid;
        if (pid) pids.add(pid);
        controller.abort(); // on the first job to reach printing
      },
    });
    await expect(build).rejects.toThrow(/build was cancelled/);
    expect(pids.size).toBe(1);
    const dist = await readdir(path.join(root, "dist"));
    expect(dist).not.toContain("pdf");
    expect(dist).not.toContain("site");
    for (const pid of pids) {
      expect(exists(pid), `Chromium ${pid}`).toBe(false);
      expect(liveInGroup(pid), `process group ${pid}`).toEqual([]);
    }
  });
});

/**
 * vitest globalSetup, a safety net for the whole suite: Chromium that a test left running
 * (a timed-out test, a browser never closed) is killed when the run ends, and one line on
 * stderr says how many processes were left behind, so a leak shows in CI output.
 *
 * At setup it records the Chromium processes already running; at teardown it kills the
 * process groups of Chromium processes started since. A browser that still belongs to a live
 * process outside this run (someone's build or a second test run on the same machine) is left
 * alone: only groups led by a descendant of this run, or orphaned ones, count as ours.
 * Each test worker keeps one browser from file to file (test-chromium.ts) and lists it in a
 * folder named by SHARED_BROWSERS: a worker is ended without notice when the run is over, so
 * those are closed here, without a word. Does nothing where /proc does not exist.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** The environment variable naming the folder where the workers list their shared browsers' process ids. */
export const SHARED_BROWSERS = "WAYMARK_SHARED_BROWSERS";

interface Proc {
  pid: number;
  ppid: number;
  pgid: number;
  /** R, S, D, Z (zombie: dead, waiting to be reaped), … */
  state: string;
}

/** pid, state, parent and group of a process, or undefined once it is gone. */
function stat(pid: number): Proc | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses.
    const [state = "", ppid = "0", pgid = "0"] = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { pid, ppid: Number(ppid), pgid: Number(pgid), state };
  } catch {
    return undefined;
  }
}

function isChromium(pid: number): boolean {
  try {
    // Chromium rewrites its helpers' command lines into one space-separated string.
    const argv0 = (readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")[0] ?? "").split(" --")[0] ?? "";
    const name = path.basename(argv0);
    // Chromium's crash-reporter daemons (chrome_crashpad_handler) run outside the browser's
    // process group, orphaned on purpose, and leave by themselves once their browser is gone:
    // killing the browsers is enough, and one of them cannot be told from another run's.
    return /chrom(e|ium)/i.test(name) && !/crashpad/i.test(name);
  } catch {
    return false;
  }
}

function chromiumProcesses(): Proc[] {
  const pids = readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
  return pids.filter(isChromium).flatMap((pid) => stat(pid) ?? []);
}

/** A group is ours when its leader descends from this run or has been orphaned (or is gone). */
function ownedByThisRun(pgid: number): boolean {
  const leader = stat(pgid);
  if (!leader || leader.ppid <= 1) return true;
  for (let p: Proc | undefined = leader, hops = 0; p && p.pid > 1 && hops < 64; p = stat(p.ppid), hops++) {
    if (p.pid === process.pid) return true;
  }
  return false;
}

/**
 * What setup saw, on globalThis: each vitest project that extends the configuration runs this
 * globalSetup again in the same process, and only the last teardown may judge what is left.
 */
const run = globalThis as { waymarkChromiumRun?: { users: number; before: Set<number>; listed: string } };

export function setup(): void {
  if (!existsSync("/proc/self/stat")) return;
  if (!run.waymarkChromiumRun) {
    // Set before the test workers start: they inherit it.
    const listed = mkdtempSync(path.join(tmpdir(), "waymark-shared-browsers-"));
    process.env[SHARED_BROWSERS] = listed;
    run.waymarkChromiumRun = { users: 0, before: new Set(chromiumProcesses().map((p) => p.pid)), listed };
  }
  run.waymarkChromiumRun.users++;
}

export function teardown(): void {
  const state = run.waymarkChromiumRun;
  if (!state || --state.users > 0) return;
  run.waymarkChromiumRun = undefined;
  const { before: known, listed } = state;
  const shared = new Set(readdirSync(listed).map(Number));
  rmSync(listed, { recursive: true, force: true });
  delete process.env[SHARED_BROWSERS];
  const all = chromiumProcesses().filter((p) => p.state !== "Z" && !known.has(p.pid) && !known.has(p.pgid) && ownedByThisRun(p.pgid));
  for (const pgid of new Set(all.map((p) => p.pgid))) {
    try {
      process.kill(-pgid, "SIGKILL");
    } catch {
      // gone already, or not ours to kill
    }
  }
  const left = all.filter((p) => !shared.has(p.pgid));
  if (!left.length) return;
  const groups = [...new Set(left.map((p) => p.pgid))];
  const s = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : word.endsWith("s") ? "es" : "s"}`;
  process.stderr.write(
    `\nno-leftover-chromium: the tests left ${s(left.length, "Chromium process")} running (${s(groups.length, "browser")}, process group${groups.length === 1 ? "" : "s"} ${groups.join(", ")}); killed them. A test does not close its browser.\n`,
  );
}

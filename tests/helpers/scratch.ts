/**
 * vitest globalSetup: the suite's scratch (campaign copies, their builds, Chromium's profiles:
 * everything made under os.tmpdir()) goes to memory, in /dev/shm, when it has room. The suite
 * writes tens of thousands of small files; on a virtual machine's disk creating and removing
 * them cost a fifth of its time (measured on 2 cores: 181 s on ext4, 143 s on tmpfs). Where
 * /dev/shm is missing or small (a container's default is 64 MB), the system's temporary folder
 * is kept. The folder is removed when the run ends.
 *
 * It also holds the run's shared caches (SHARED_CACHE_ENV): what a build makes from its inputs alone,
 * share cards and PDF previews, is made once for every campaign copy of the run that asks for the same.
 */
import { mkdirSync, mkdtempSync, rmSync, statfsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** The folder of this run's shared caches (tests/helpers/sample-campaign.ts links each copy's to it). */
export const SHARED_CACHE_ENV = "WAYMARK_TEST_SHARED_CACHE";

/** Room the suite needs at once: its largest build (the matrix) and Chromium's own shared memory. */
const NEEDED_BYTES = 2 * 1024 ** 3;

export default function setup(): () => void {
  const memory = inMemory();
  const before = process.env.TMPDIR;
  // Set before the test workers start: they inherit it, and os.tmpdir() reads it on every call.
  if (memory) process.env.TMPDIR = memory;
  // Fresh for each run: a test that counts what a build shoots never finds an earlier run's cards.
  const shared = mkdtempSync(path.join(tmpdir(), "waymark-shared-cache-"));
  for (const cache of SHARED_CACHES) mkdirSync(path.join(shared, cache));
  process.env[SHARED_CACHE_ENV] = shared;
  return () => {
    rmSync(shared, { recursive: true, force: true });
    delete process.env[SHARED_CACHE_ENV];
    if (!memory) return;
    rmSync(memory, { recursive: true, force: true });
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
  };
}

/**
 * The caches (under .waymark-cache/) whose entries are named by everything that decides them, so
 * any campaign copy may take another's: a share card by its texts, QR code and the kit (code,
 * templates, Chromium), a preview by its PDF's bytes. PDFs are not shared: tests count what a build prints.
 */
export const SHARED_CACHES = ["cards", "previews"];

function inMemory(): string | undefined {
  try {
    const fs = statfsSync("/dev/shm");
    if (fs.bavail * fs.bsize < NEEDED_BYTES) return undefined;
    return mkdtempSync(path.join("/dev/shm", "waymark-tests-"));
  } catch {
    return undefined; // no /dev/shm (macOS, Windows) or not writable
  }
}

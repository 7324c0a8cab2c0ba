/**
 * Stage "publish": a build writes into a staging folder inside its output folder and moves
 * what it made into place only once every stage has succeeded; a failed or cancelled build
 * leaves the previous output as it was, with no half-written file. Reports are written whole,
 * after publishing.
 */
import { mkdir, mkdtemp, rename, rm } from "node:fs/promises";
import path from "node:path";
import { writeWhole } from "./write-whole.ts";

export class Staging {
  private constructor(
    readonly dir: string,
    private readonly outDir: string,
  ) {}

  /** A new staging folder in outDir (on the same disk, so publishing is a rename). */
  static async open(outDir: string): Promise<Staging> {
    await mkdir(outDir, { recursive: true });
    return new Staging(await mkdtemp(path.join(outDir, ".staging-")), outDir);
  }

  path(...parts: string[]): string {
    return path.join(this.dir, ...parts);
  }

  /** Swaps the staged folders into place (into outDir, or a folder of it); the previous output is removed only once the new one is there. */
  async publish(folders: string[], into = this.outDir): Promise<void> {
    await mkdir(into, { recursive: true });
    for (const name of folders) {
      const target = path.join(into, name);
      const old = this.path(`previous-${name}`);
      await rename(target, old).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== "ENOENT") throw e;
      });
      await rename(this.path(name), target);
    }
  }

  /** Removes the staging folder, with what was not published and the previous output. */
  discard(): Promise<void> {
    return rm(this.dir, { recursive: true, force: true });
  }
}

/** A report in <outDir>/reports/, written whole. */
async function writeReport(outDir: string, name: string, data: unknown): Promise<void> {
  await writeWhole(path.join(outDir, "reports", name), JSON.stringify(data, null, 2) + "\n");
}

/** The reports of a build, after it is published: page weight, offline bundles, posters, stage times. Undefined keeps a report as it was; null removes it (it would describe files this build replaced). */
export async function writeBuildReports(outDir: string, reports: Record<string, unknown>): Promise<void> {
  for (const [name, data] of Object.entries(reports))
    if (data === null) await rm(path.join(outDir, "reports", name), { force: true });
    else if (data !== undefined) await writeReport(outDir, name, data);
}

/** Like Promise.all, but waits for every task to end before throwing the first failure: nothing is still writing into the staging folder when it is discarded. */
export async function allDone<T extends readonly unknown[]>(tasks: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(tasks);
  const failed = settled.find((s) => s.status === "rejected");
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/**
 * The worker pool that finishes PDFs and cuts fonts: a thread that dies fails what it was doing
 * with a message naming the task (a build never waits forever on it), the next task gets a new
 * thread, and a task's typed error comes back with its problems.
 */
import { afterEach, expect, it } from "vitest";
import { ContentError } from "../../build/errors.ts";
import { WorkerPool, type Task } from "../../build/worker-pool.ts";

const task = (exported: string): Task<string> => ({ module: new URL("./fixtures/tasks.ts", import.meta.url), exported, describe: (x) => `doing ${x}` });
let pool: WorkerPool;
afterEach(() => pool?.close());

it("answers on worker threads", async () => {
  pool = new WorkerPool(2);
  expect(await Promise.all(["a", "b", "c"].map((x) => pool.run(task("echo"), x)))).toEqual(["echo a", "echo b", "echo c"]);
}, 20_000);

it("fails a task whose thread dies, naming it, and runs the next one on a new thread", async () => {
  pool = new WorkerPool(1);
  await expect(pool.run(task("die"), "the cut of font.ttf")).rejects.toThrow("a worker thread stopped (exit code 3) while doing the cut of font.ttf");
  expect(await pool.run(task("echo"), "again")).toBe("echo again");
}, 20_000);

it("rejects with the problems of a task's ContentError", async () => {
  pool = new WorkerPool(1);
  const error = await pool.run(task("refuse"), "x").catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ContentError);
  expect((error as ContentError).problems).toEqual([{ file: "x.yaml", line: 2, message: "refused on purpose" }]);
}, 20_000);

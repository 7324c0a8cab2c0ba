/**
 * CPU-heavy work on worker threads, one per core (cutting fonts, finishing PDFs), beside the
 * main thread that drives Chromium. A task is a TypeScript module's exported function that
 * takes plain data and returns `{ output, transfer? }` (build/worker-entry.mjs runs it). A
 * worker that dies fails what it had, and whatever is asked of it later, naming the task: a
 * build never waits forever. A task that throws a ContentError rejects with its problems.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { ContentError, type Problem } from "./errors.ts";

type Reply<Out> = { id: number; output?: Out; error?: { name?: string; message: string; problems?: Problem[] } };

export class WorkerPool<In, Out> {
  private readonly workers: { worker: Worker; dead?: Error }[];
  private readonly waiting = new Map<number, { resolve: (out: Out) => void; reject: (e: Error) => void; worker: number; what: string }>();
  private next = 0;

  /**
   * @param module URL of the TypeScript module holding the task
   * @param exported the task's export name
   * @param describe names an input in messages ("cutting fonts/x.woff2")
   */
  constructor(module: URL, exported: string, private readonly describe: (input: In) => string, size = Math.max(1, availableParallelism())) {
    this.workers = Array.from({ length: size }, (_, index) => {
      const worker = new Worker(new URL("./worker-entry.mjs", import.meta.url), { workerData: { module: module.href, export: exported } });
      const slot: { worker: Worker; dead?: Error } = { worker };
      worker.on("message", (reply: Reply<Out> | { ready: true }) => {
        if (!("id" in reply)) return;
        const job = this.waiting.get(reply.id);
        if (!job) return;
        this.waiting.delete(reply.id);
        if (!reply.error) job.resolve(reply.output as Out);
        else if (reply.error.problems) job.reject(new ContentError(reply.error.problems));
        else job.reject(Object.assign(new Error(reply.error.message), reply.error.name ? { name: reply.error.name } : {}));
      });
      const die = (why: string) => {
        slot.dead ??= new Error(`a worker thread ${why}`);
        for (const [id, job] of this.waiting) {
          if (job.worker !== index) continue;
          this.waiting.delete(id);
          job.reject(new Error(`${slot.dead.message} while ${job.what}`));
        }
      };
      worker.on("error", (e) => die(`crashed (${e.message})`));
      worker.on("exit", (code) => die(`stopped (exit code ${code})`));
      return slot;
    });
  }

  run(input: In, transfer: ArrayBuffer[] = []): Promise<Out> {
    const id = this.next++;
    const index = id % this.workers.length;
    const slot = this.workers[index]!;
    if (slot.dead) return Promise.reject(new Error(`${slot.dead.message} before ${this.describe(input)}`));
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, worker: index, what: this.describe(input) });
      slot.worker.postMessage({ id, input }, transfer);
    });
  }

  /** Stops every worker; what is still waiting is rejected. */
  async close(): Promise<void> {
    for (const slot of this.workers) slot.dead ??= new Error("the worker pool was closed");
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}

/**
 * CPU-heavy work on worker threads, one per core (cutting fonts, finishing PDFs), beside the
 * main thread that drives Chromium. A task is a TypeScript module's exported function that
 * takes plain data and returns `{ output, transfer? }` (build/worker-entry.mjs runs it). One
 * pool serves the whole process (every stage, every edition, every build of a test run): a
 * thread costs half a second to start. Its threads keep the process alive only while they work.
 *
 * A thread that dies fails what it had, naming the task ("the font-cutting worker crashed while
 * cutting …"): a build never waits forever; the next task gets a new thread. A task that throws
 * a ContentError rejects with its problems.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { ContentError, type Problem } from "./errors.ts";

export interface Task<In> {
  /** URL of the TypeScript module that exports the task. */
  module: URL;
  exported: string;
  /** Names an input in messages: "cutting node_modules/…/x.ttf". */
  describe: (input: In) => string;
  /**
   * Plain-JavaScript packages the task imports that Node should load itself, before tsx's hooks
   * are in place: through them pdf.js takes 2-3 s to load on a thread, natively a third of a
   * second. Named with defineTask, so every thread started afterwards loads them first.
   */
  preload?: string[];
}

/** Packages every new thread loads before tsx (Task.preload). */
const preloads = new Set<string>();

/** A task, its preloads noted for every thread started from now on (declare tasks at module level). */
export function defineTask<In>(task: Task<In>): Task<In> {
  for (const p of task.preload ?? []) preloads.add(p);
  return task;
}

type Reply = { id: number; output?: unknown; error?: { name?: string; message: string; problems?: Problem[] } };
interface Slot {
  worker: Worker;
  busy: number;
}

export class WorkerPool {
  private static instance: WorkerPool | undefined;
  private readonly slots: (Slot | undefined)[];
  private readonly waiting = new Map<number, { resolve: (out: unknown) => void; reject: (e: Error) => void; slot: Slot; what: string }>();
  private next = 0;

  constructor(
    size = Math.max(1, availableParallelism()),
    private readonly entry: URL = new URL("./worker-entry.mjs", import.meta.url),
  ) {
    this.slots = Array.from({ length: size }, () => undefined);
  }

  /** The process's pool. */
  static shared(): WorkerPool {
    return (WorkerPool.instance ??= new WorkerPool());
  }

  run<In, Out>(task: Task<In>, input: In, transfer: ArrayBuffer[] = []): Promise<Out> {
    const id = this.next++;
    const index = id % this.slots.length;
    const slot = (this.slots[index] ??= this.start(index));
    slot.busy++;
    slot.worker.ref();
    return new Promise<Out>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (out: unknown) => void, reject, slot, what: task.describe(input) });
      slot.worker.postMessage({ id, module: task.module.href, exported: task.exported, input }, transfer);
    });
  }

  /** Starts every thread and has it load the task's module now, so that its first task does not wait for that (a failure is the task's to report). */
  warm<In>(task: Task<In>): void {
    for (let i = 0; i < this.slots.length; i++) this.run({ ...task, exported: "", describe: () => "loading" }, undefined).catch(() => undefined);
  }

  /** Stops every thread; what is still waiting is rejected. */
  async close(): Promise<void> {
    const workers = this.slots.filter((s): s is Slot => Boolean(s)).map((s) => s.worker);
    this.slots.fill(undefined);
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private start(index: number): Slot {
    const worker = new Worker(this.entry, { workerData: { preload: [...preloads] } });
    const slot: Slot = { worker, busy: 0 };
    const settle = (id: number) => {
      const job = this.waiting.get(id);
      if (!job) return undefined;
      this.waiting.delete(id);
      if (--slot.busy === 0) worker.unref(); // idle: the process may end
      return job;
    };
    worker.on("message", (reply: Reply) => {
      const job = settle(reply.id);
      if (!job) return;
      if (!reply.error) job.resolve(reply.output);
      else if (reply.error.problems) job.reject(new ContentError(reply.error.problems));
      else job.reject(Object.assign(new Error(reply.error.message), reply.error.name ? { name: reply.error.name } : {}));
    });
    const die = (why: string) => {
      if (this.slots[index] === slot) this.slots[index] = undefined; // the next task starts a new thread
      for (const [id, job] of [...this.waiting].filter(([, j]) => j.slot === slot)) {
        settle(id);
        job.reject(new Error(`a worker thread ${why} while ${job.what}`));
      }
    };
    worker.on("error", (e) => die(`crashed (${e.message})`));
    worker.on("exit", (code) => die(`stopped (exit code ${code})`));
    worker.unref();
    return slot;
  }
}

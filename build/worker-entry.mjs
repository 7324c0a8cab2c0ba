// The body of every worker thread of a WorkerPool (build/worker-pool.ts): loads the TypeScript
// module named in workerData (through tsx, so it runs the same under node, tsx and vitest) and
// answers each message with what its exported function returns. Plain JavaScript: it is what
// starts the TypeScript loader.
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const port = parentPort;
if (!port) throw new Error("worker-entry.mjs runs as a worker thread (see build/worker-pool.ts)");
const task = (await import(workerData.module))[workerData.export];
port.on("message", async ({ id, input }) => {
  try {
    const { output, transfer = [] } = await task(input);
    port.postMessage({ id, output }, transfer);
  } catch (e) {
    // A typed error's problems travel as data: the main thread makes the error again.
    const err = /** @type {{ name?: string; message?: string; problems?: unknown[] }} */ (e instanceof Error ? e : { message: String(e) });
    port.postMessage({ id, error: { name: err.name, message: err.message, problems: err.problems } });
  }
});
port.postMessage({ ready: true });

// The body of every worker thread of the WorkerPool (build/worker-pool.ts): loads the
// TypeScript module a task names (through tsx, so it runs the same under node, tsx and vitest),
// once, and answers each message with what the task's exported function returns. Plain
// JavaScript: it is what starts the TypeScript loader.
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";
import { importKeepingBuiltins } from "./keep-builtins.mjs";

// Before tsx: Node loads these packages itself, in a fraction of the time (Task.preload), and
// they leave the thread's built-ins as they were (pdf.js would replace some: keep-builtins.mjs).
await importKeepingBuiltins(/** @type {{ preload?: string[] } | undefined} */ (workerData)?.preload ?? []);
register();
const port = parentPort;
if (!port) throw new Error("worker-entry.mjs runs as a worker thread (see build/worker-pool.ts)");
/** @type {Map<string, Promise<Record<string, (input: unknown) => Promise<{ output: unknown; transfer?: ArrayBuffer[] }>>>>} */
const modules = new Map();
port.on("message", async ({ id, module, exported, input }) => {
  try {
    if (!modules.has(module)) modules.set(module, import(module));
    const loaded = await /** @type {Promise<Record<string, Function>>} */ (modules.get(module));
    if (!exported) return void port.postMessage({ id }); // warmed: the module is loaded, nothing to run
    const task = loaded[exported];
    if (typeof task !== "function") throw new Error(`${module} exports no function ${exported}`);
    const { output, transfer = [] } = await task(input);
    port.postMessage({ id, output }, transfer);
  } catch (e) {
    // A typed error's problems travel as data: the main thread makes the error again.
    const err = /** @type {{ name?: string; message?: string; problems?: unknown[] }} */ (e instanceof Error ? e : { message: String(e) });
    port.postMessage({ id, error: { name: err.name, message: err.message, problems: err.problems } });
  }
});

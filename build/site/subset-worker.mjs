// One HarfBuzz subsetter per thread (subset-fonts.ts starts one per core): cutting and
// WOFF2-compressing a font takes 10-600 ms of CPU, and a build cuts hundreds.
// Plain JavaScript so that it runs the same under tsx, vitest and node.
import { readFile } from "node:fs/promises";
import { parentPort } from "node:worker_threads";
import subsetFont from "subset-font";

const port = parentPort;
if (!port) throw new Error("subset-worker.mjs runs as a worker thread (see subset-fonts.ts)");
const fonts = new Map();
port.on("message", async ({ id, path, text }) => {
  try {
    if (!fonts.has(path)) fonts.set(path, readFile(path));
    const out = await subsetFont(await fonts.get(path), text, { targetFormat: "woff2" });
    port.postMessage({ id, bytes: out });
  } catch (e) {
    port.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
  }
});

/**
 * pdf.js's Node build replaces some JavaScript built-ins with polyfills (core-js); loaded through
 * build/pdf/pdfjs.ts it leaves them as they were, in a fresh thread as in a build's worker threads.
 */
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { PDFJS_MODULES } from "../../build/pdf/pdfjs.ts";

const resolve = createRequire(import.meta.url).resolve;
const urls = PDFJS_MODULES.map((m) => pathToFileURL(resolve(m)).href);
const helper = pathToFileURL(resolve("../../build/keep-builtins.mjs")).href;

/** In a new thread: which of the built-ins a build leans on are no longer the thread's own after loading pdf.js, kept or not. */
function replacedBuiltins(keeping: boolean): Promise<{ replaced: string[]; added: boolean }> {
  const code = `
    const { parentPort, workerData } = require("node:worker_threads");
    const builtins = () => ({ "JSON.stringify": JSON.stringify, "JSON.parse": JSON.parse, "Array.prototype.push": Array.prototype.push, "Function.prototype.toString": Function.prototype.toString });
    (async () => {
      const before = builtins();
      if (workerData.keeping) await (await import(workerData.helper)).importKeepingBuiltins(workerData.urls);
      else for (const url of workerData.urls) await import(url);
      const after = builtins();
      parentPort.postMessage({ replaced: Object.keys(before).filter((k) => before[k] !== after[k]), added: typeof Promise.withResolvers === "function" });
    })();`;
  return new Promise((done, fail) => {
    const worker = new Worker(code, { eval: true, workerData: { urls, helper, keeping } });
    worker.once("message", (m) => void worker.terminate().then(() => done(m)));
    worker.once("error", fail);
  });
}

describe("pdf.js", () => {
  it("replaces JSON.stringify and Array.prototype.push when imported as it is", async () => {
    expect((await replacedBuiltins(false)).replaced).toEqual(expect.arrayContaining(["JSON.stringify", "Array.prototype.push"]));
  });

  it("leaves every built-in as it was when loaded through the kit, keeping what it adds", async () => {
    expect(await replacedBuiltins(true)).toEqual({ replaced: [], added: true });
  });
});

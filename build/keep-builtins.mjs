// Imports packages without letting them replace the JavaScript built-ins the rest of the thread
// runs on. pdf.js's build for Node (its "legacy" build: the modern one needs Node 22) bundles
// core-js, which replaces JSON.stringify, JSON.parse, Array.prototype.push and
// Function.prototype.toString with polyfills for corner cases of the standard that Node meets
// anyway: once pdf.js was loaded, every JSON.stringify in the thread (each DevTools message,
// each cache key) ran eight times slower, and every push a third slower. What a package adds
// (Promise.withResolvers, Map.prototype.getOrInsert, ...) stays: it needs that. Plain
// JavaScript: the worker threads call it before the TypeScript loader (build/worker-entry.mjs).

/** The objects whose built-ins are kept: the global object and the standard constructors and prototypes. */
function holders() {
  const typedArray = Object.getPrototypeOf(Uint8Array);
  return [
    globalThis,
    ...[
      Object,
      Function,
      Array,
      String,
      Number,
      Boolean,
      Symbol,
      Promise,
      Map,
      Set,
      WeakMap,
      WeakSet,
      RegExp,
      Date,
      Error,
      ArrayBuffer,
      Uint8Array,
      typedArray,
    ].flatMap((c) => [c, c.prototype]),
    JSON,
    Math,
    Reflect,
  ];
}

/** One import at a time: a second one must not take the first one's polyfills for built-ins. */
let queue = Promise.resolve();

/**
 * Imports `specifiers` in order and gives their modules; every built-in they replaced (a data
 * property whose value changed) is put back as it was.
 * @param {string[]} specifiers
 * @returns {Promise<unknown[]>}
 */
export function importKeepingBuiltins(specifiers) {
  const run = queue.then(async () => {
    const saved = holders().map((holder) => /** @type {const} */ ([holder, Object.getOwnPropertyDescriptors(holder)]));
    try {
      const modules = [];
      for (const specifier of specifiers) modules.push(await import(specifier));
      return modules;
    } finally {
      for (const [holder, before] of saved)
        for (const key of Reflect.ownKeys(before)) {
          const was = before[/** @type {string} */ (key)];
          const now = Object.getOwnPropertyDescriptor(holder, key);
          if (was && now && "value" in was && "value" in now && !Object.is(was.value, now.value)) Object.defineProperty(holder, key, was);
        }
    }
  });
  queue = run.then(
    () => undefined,
    () => undefined,
  );
  return run;
}

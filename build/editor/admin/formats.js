// @ts-check
/**
 * The editor's file formats: how a content file is read into the form the editor shows and
 * written back, one per collection (its shape comes from build/editor/decap-config.ts). The
 * same code runs in the editor and in the round-trip test, with the same YAML library.
 * A file holding a list or a map by id is edited as an object holding one list; a map becomes
 * a list of entries with their key; "none or an object" becomes an optional object; "one value
 * or a list" becomes a list.
 */

/** @typedef {{ path: string[], kind: "record" | "one-or-list" | "none-or" | "yaml", key?: string, value?: string }} Transform */
/** @typedef {{ name: string, root: "object" | "list" | "record", transforms: Transform[] }} FileShape */
/** @typedef {{ parse(text: string): any, stringify(value: unknown, options?: object): string }} Yaml */

/** @param {unknown} v @returns {v is Record<string, any>} */
const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * Calls `change` on the value at `path` ("*": every item of a list) and puts back what it returns.
 * @param {any} node @param {string[]} path @param {(v: any) => any} change
 * @returns {void}
 */
function at(node, path, change) {
  if (node === null || typeof node !== "object") return;
  const [key, ...rest] = path;
  if (key === undefined) return;
  if (key === "*") {
    if (Array.isArray(node)) for (const item of node) at(item, rest, change);
    return;
  }
  if (rest.length) return at(node[key], rest, change);
  const value = change(node[key]);
  if (value === undefined) delete node[key];
  else node[key] = value;
}

/** @param {Transform} t @param {any} v @param {Yaml} YAML */
function read(t, v, YAML) {
  if (t.kind === "yaml") return isObject(v) ? YAML.stringify(v, { lineWidth: 100 }) : v;
  if (t.kind === "record") {
    if (!isObject(v)) return v;
    const key = /** @type {string} */ (t.key);
    return Object.entries(v).map(([k, x]) => (t.value ? { [key]: k, [t.value]: x } : { [key]: k, ...x }));
  }
  if (t.kind === "one-or-list") return v === undefined || Array.isArray(v) ? v : [v];
  return v === "none" ? undefined : v;
}

/** @param {Transform} t @param {any} v @param {Yaml} YAML */
function write(t, v, YAML) {
  if (t.kind === "yaml") {
    if (typeof v !== "string") return v;
    try {
      return YAML.parse(v) ?? undefined;
    } catch (e) {
      throw new Error(
        `${t.path[0]}: not YAML (${e instanceof Error ? e.message.split("\n")[0] : e}): write one key per line, "key: text", and indent what is under a key by two spaces`,
      );
    }
  }
  if (t.kind === "record") {
    if (!Array.isArray(v)) return v;
    const key = /** @type {string} */ (t.key);
    return Object.fromEntries(
      v.map((entry) => {
        const { [key]: k, ...rest } = entry;
        return [k, t.value ? rest[t.value] : rest];
      }),
    );
  }
  if (t.kind === "none-or") return v === undefined || (isObject(v) && Object.keys(v).length === 0) ? "none" : v;
  return v;
}

/**
 * Drops what an emptied form leaves behind (null, "", {}): the kit reads a missing field as not given.
 * @param {any} v @returns {any}
 */
function clean(v) {
  if (Array.isArray(v)) return v.map(clean).filter((x) => x !== undefined);
  if (isObject(v)) {
    /** @type {Record<string, unknown>} */
    const out = {};
    for (const [k, x] of Object.entries(v)) {
      const c = clean(x);
      if (c !== undefined) out[k] = c;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return v === null || v === "" ? undefined : v;
}

/**
 * The format of one collection's files.
 * @param {Yaml} YAML the `yaml` package (in the editor: its browser build, served by the kit)
 * @param {FileShape} shape
 */
export function createFormat(YAML, shape) {
  const wrap = shape.root !== "object";
  return {
    /** @param {string} text */
    fromFile(text) {
      const parsed = YAML.parse(text) ?? (wrap ? undefined : {});
      const data = wrap ? { [shape.name]: parsed } : parsed;
      for (const t of shape.transforms) at(data, t.path, (v) => read(t, v, YAML));
      return data;
    },
    /** @param {unknown} entry */
    toFile(entry) {
      const data = clean(JSON.parse(JSON.stringify(entry))) ?? {};
      for (const t of [...shape.transforms].reverse()) at(data, t.path, (v) => write(t, v, YAML));
      const out = (wrap ? data[shape.name] : data) ?? (shape.root === "list" ? [] : {});
      return YAML.stringify(out, { lineWidth: 100 });
    },
  };
}

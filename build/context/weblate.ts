/**
 * `waymark context --push weblate`: a language's screenshots uploaded to Weblate and linked to
 * the source strings they show, through its REST API. Each namespace file is a component
 * (locales/<lang>/<ns>.json, i18next v4: docs/weblate.md); a unit's context is its key.
 *
 *   GET  components/<project>/<component>/screenshots/   what is there already (by name)
 *   GET  translations/<project>/<component>/<source>/units/   the source strings, by key
 *   POST screenshots/   a new screenshot (multipart: name, project_slug, component_slug, language_code, image)
 *   POST screenshots/<id>/file/   a new image for one already there (pushed again)
 *   POST screenshots/<id>/units/   links it to a source string (unit_id)
 *
 * A screenshot is named by its image path, so pushing again replaces images instead of adding
 * new ones. The token comes from the environment (WEBLATE_TOKEN), never from a file.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { SetupError } from "../errors.ts";
import type { ContextManifest, Shot } from "./manifest.ts";

export interface WeblateTarget {
  /** The API root, "https://hosted.weblate.org/api/". */
  api: string;
  token: string;
  project: string;
}

export interface PushReport {
  created: number;
  updated: number;
  links: number;
  /** Texts with a screenshot whose source string Weblate does not have ("ns:key"): the component is not set up over that file, or is behind. */
  unknown: string[];
}

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Where to push, from the environment: WEBLATE_URL, WEBLATE_TOKEN, WEBLATE_PROJECT. */
export function weblateFromEnv(env: NodeJS.ProcessEnv = process.env): WeblateTarget {
  const missing = ["WEBLATE_URL", "WEBLATE_TOKEN", "WEBLATE_PROJECT"].filter((name) => !env[name]?.trim());
  if (missing.length)
    throw new SetupError(
      `${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not set: pushing to Weblate needs its address, a token and the project`,
      "export WEBLATE_URL=https://weblate.example.org WEBLATE_PROJECT=<project slug> WEBLATE_TOKEN=<your API token, from your Weblate profile>; never put the token in a file of the repository (docs/weblate.md)",
    );
  const url = new URL(env.WEBLATE_URL!.trim());
  // A token sent in clear text can be read on the way: only to this machine.
  if (url.protocol !== "https:" && !["localhost", "127.0.0.1", "[::1]"].includes(url.hostname))
    throw new SetupError(`WEBLATE_URL ${url.href} is not https: the token would travel in clear text`, "give the https:// address of the Weblate server");
  const api = url.pathname.replace(/\/+$/, "").endsWith("/api") ? url : new URL(`${url.pathname.replace(/\/+$/, "")}/api/`, url);
  return { api: api.href.endsWith("/") ? api.href : `${api.href}/`, token: env.WEBLATE_TOKEN!.trim(), project: env.WEBLATE_PROJECT!.trim() };
}

/** The API, with the token; an answer that is not 2xx is an error naming the call and what Weblate said. */
function client(target: WeblateTarget, fetcher: typeof fetch) {
  const call = async <T>(method: string, url: string, body?: FormData): Promise<T> => {
    const full = new URL(url, target.api).href;
    const res = await fetcher(full, { method, headers: { Authorization: `Token ${target.token}`, Accept: "application/json" }, ...(body ? { body } : {}) });
    const text = await res.text();
    if (!res.ok)
      throw new SetupError(
        `Weblate answered ${res.status} to ${method} ${full}: ${text.slice(0, 300)}`,
        res.status === 401 || res.status === 403
          ? "check WEBLATE_TOKEN (a token of a user who may manage screenshots in the project)"
          : "check WEBLATE_URL and WEBLATE_PROJECT, and that a component is set up for each file (docs/weblate.md)",
      );
    return (text ? JSON.parse(text) : {}) as T;
  };
  /** Every page of a list. */
  const all = async <T>(url: string): Promise<T[]> => {
    const out: T[] = [];
    for (let next: string | null = url; next; ) {
      const page: { results: T[]; next: string | null } = await call("GET", next);
      out.push(...page.results);
      next = page.next;
    }
    return out;
  };
  return { call, all };
}

/**
 * Uploads every screenshot of the manifest (the language's, and the source language's for
 * comparison) to the component of its namespace, and links each to the source string it shows.
 * @param dir the manifest's folder (dist/context/<lang>/)
 */
export async function pushToWeblate(
  manifest: ContextManifest,
  dir: string,
  target: WeblateTarget,
  opts: { fetch?: typeof fetch; onProgress?: (done: number, total: number, item: string) => void } = {},
): Promise<PushReport> {
  const { call, all } = client(target, opts.fetch ?? fetch);
  const p = encodeURIComponent(target.project);
  const report: PushReport = { created: 0, updated: 0, links: 0, unknown: [] };
  const byNamespace = new Map<string, Shot[]>();
  for (const s of manifest.shots) {
    const ns = s.key.split(":")[0]!;
    byNamespace.set(ns, [...(byNamespace.get(ns) ?? []), s]);
  }
  const total = new Set(manifest.shots.map((s) => s.image)).size;
  let done = 0;
  for (const [ns, shots] of byNamespace) {
    const c = encodeURIComponent(ns);
    const units = await all<{ id: number; context: string }>(`translations/${p}/${c}/${encodeURIComponent(manifest.source)}/units/?page_size=1000`);
    const unitOf = new Map(units.map((u) => [u.context, u.id]));
    const existing = await all<{ id: number; name: string; units?: string[] }>(`components/${p}/${c}/screenshots/`);
    const byName = new Map(existing.map((s) => [s.name, s]));
    // One screenshot per image: an image shows one text.
    const images = new Map<string, Shot>();
    for (const s of shots) if (!images.has(s.image)) images.set(s.image, s);
    for (const [image, shot] of images) {
      const key = shot.key.slice(ns.length + 1);
      // i18next v4's plural forms are one unit in Weblate, under the key without its suffix.
      const unit = unitOf.get(key) ?? unitOf.get(key.replace(PLURAL, ""));
      const name = `waymark ${manifest.edition} ${image}`;
      const file = new Blob([await readFile(path.join(dir, image))], { type: "image/png" });
      const form = new FormData();
      form.set("image", file, path.basename(image));
      const had = byName.get(name);
      let id: number;
      if (had) {
        await call("POST", `screenshots/${had.id}/file/`, form);
        id = had.id;
        report.updated++;
      } else {
        for (const [k, v] of Object.entries({ name, project_slug: target.project, component_slug: ns, language_code: shot.lang })) form.set(k, v);
        id = (await call<{ id: number }>("POST", "screenshots/", form)).id;
        report.created++;
      }
      if (unit === undefined) report.unknown.push(shot.key);
      else if (!had?.units?.some((u) => u.replace(/\/$/, "").endsWith(`/units/${unit}`))) {
        const link = new FormData();
        link.set("unit_id", String(unit));
        await call("POST", `screenshots/${id}/units/`, link);
        report.links++;
      }
      opts.onProgress?.(++done, total, image);
    }
  }
  report.unknown = [...new Set(report.unknown)].sort();
  return report;
}

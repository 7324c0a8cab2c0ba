/**
 * Stage "XLIFF with context": the language's XLIFF 2.0 export with, for every unit, where it
 * appears (document, page, kind of element, size on the page) in notes, and its screenshots
 * linked through the Resource Data module; and the zip a CAT tool is given (the XLIFF and its
 * images). `xliff export --all` puts every language's in one zip.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { zipSync, type Zippable } from "fflate";
import { urlFolder } from "../content/campaign.ts";
import { exportXliff, type XliffContext } from "../i18n/xliff.ts";
import type { LoadedSite } from "../load.ts";
import type { ContextManifest, Shot } from "./manifest.ts";

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** A place in words: "Print: brochure, page 5 of 12: heading in block "help", 14 pt, 2 lines, 120 × 14 mm, 20 mm from the left and 31 mm from the top." */
export function placeInWords(s: Shot, languageName: (code: string) => string): string {
  const size = `${s.fontSize.value} ${s.fontSize.unit}, ${s.lines} line${s.lines === 1 ? "" : "s"}, ${s.box.width} × ${s.box.height} ${s.box.unit}`;
  const block = s.block ? ` in block "${s.block}"` : "";
  const times = s.occurrences > 1 ? ` (${s.occurrences} times on this page)` : "";
  const fallback = s.shownIn !== s.lang ? ` Shown there in ${languageName(s.shownIn)}: not translated yet.` : "";
  if (s.medium === "print")
    return `Print: ${s.document}, page ${s.page} of ${s.pages}: ${s.kind}${block}, ${size}, ${s.box.x} mm from the left and ${s.box.y} mm from the top${times}.${fallback}`;
  const where = s.frame ? `, on every page (${s.frame})` : "";
  return `Web page ${s.url} at a phone's width: ${s.kind}${block}, ${size}${where}${times}.${fallback}`;
}

/** The shots of each text, by key; a plural form not shown anywhere gets the shots of the form that is. */
function shotsByKey(manifest: ContextManifest): (id: string) => Shot[] {
  const byKey = new Map<string, Shot[]>();
  for (const s of manifest.shots) for (const k of new Set([s.key, s.key.replace(PLURAL, "")])) byKey.set(k, [...(byKey.get(k) ?? []), s]);
  return (id) => byKey.get(id) ?? byKey.get(id.replace(PLURAL, "")) ?? [];
}

/**
 * Notes and screenshots for the export: the language's places in words, and each place's image
 * paired with the source language's image of the same document (in order of appearance).
 * @param prefix prepended to the manifest's image paths: where the images are seen from the XLIFF file
 */
export function xliffContext(loaded: LoadedSite, manifest: ContextManifest, prefix: string): XliffContext {
  const name = (code: string) => loaded.campaign.languages.find((l) => l.code === code)?.name ?? code;
  const shotsOf = shotsByKey(manifest);
  return {
    notes: (id) =>
      shotsOf(id)
        .filter((s) => s.lang === manifest.lang)
        .map((s) => placeInWords(s, name)),
    images: (id) => {
      const shots = shotsOf(id);
      const pairs: ReturnType<XliffContext["images"]> = [];
      const sources = shots.filter((s) => s.lang === manifest.source);
      const used = new Set<Shot>();
      const href = (s: Shot) => ({ href: `${prefix}${s.image}`, lang: s.lang });
      for (const target of shots.filter((s) => s.lang === manifest.lang)) {
        const source = sources.find((s) => !used.has(s) && s.medium === target.medium && s.document === target.document);
        if (source) used.add(source);
        pairs.push({ target: href(target), ...(source ? { source: href(source) } : {}) });
      }
      for (const source of sources.filter((s) => !used.has(s))) pairs.push({ source: href(source) });
      return pairs;
    },
  };
}

/** The language's XLIFF (every text, edition's own included) with its context. */
export function xliffWithContext(loaded: LoadedSite, lang: string, manifest: ContextManifest | undefined, prefix: string): string {
  const { campaign, sources, translations } = loaded;
  return exportXliff(campaign, sources, translations, lang, undefined, manifest ? xliffContext(loaded, manifest, prefix) : undefined);
}

/** Entries of a language's bundle: its XLIFF and the images it links, under `folder` ("" or "ti/"). */
async function bundleEntries(loaded: LoadedSite, lang: string, manifest: ContextManifest | undefined, contextDir: string, folder: string): Promise<Zippable> {
  const date = new Date(`${loaded.campaign.settings.updated}T00:00:00Z`); // same input, same bytes
  const entries: Zippable = {
    [`${folder}${urlFolder(lang)}.xlf`]: [new TextEncoder().encode(xliffWithContext(loaded, lang, manifest, "")), { mtime: date, level: 9 }],
  };
  for (const image of new Set(manifest?.shots.map((s) => s.image)))
    entries[`${folder}${image}`] = [await readFile(path.join(contextDir, image)), { mtime: date, level: 0 }]; // PNG: deflate gains nothing
  return entries;
}

/** dist/context/<lang>.zip: the XLIFF at its root, its images beside it. */
export async function xliffBundle(loaded: LoadedSite, lang: string, manifest: ContextManifest, contextDir: string): Promise<Uint8Array> {
  return zipSync(await bundleEntries(loaded, lang, manifest, contextDir, ""));
}

/**
 * Every translated language's XLIFF in one zip, each in its folder with its images where its
 * context was made (`<lang>/<lang>.xlf`, `<lang>/images/…`): what `xliff export --all` gives an agency.
 * @param contexts each language's manifest and its folder, where `waymark context` has run for it
 */
export async function allLanguagesBundle(
  loaded: LoadedSite,
  contexts: Map<string, { manifest: ContextManifest; dir: string } | undefined>,
): Promise<Uint8Array> {
  const entries: Zippable = {};
  for (const [lang, ctx] of contexts) Object.assign(entries, await bundleEntries(loaded, lang, ctx?.manifest, ctx?.dir ?? "", `${urlFolder(lang)}/`));
  return zipSync(entries);
}

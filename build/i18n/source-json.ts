/**
 * The source language's texts as i18next JSON v4, one file per namespace
 * (locales/<source>/<namespace>.json; an edition's own texts in locales/<source>/editions/<id>/):
 * the base file a monolingual Weblate component needs (docs/weblate.md). The English is written
 * in content/; these files are a copy for translation tools, never read by the build.
 */
import path from "node:path";
import type { Campaign } from "../content/campaign.ts";
import type { LabelTree } from "../content/schemas.ts";
import { writeWhole } from "../write-whole.ts";
import { setPath } from "./locales.ts";
import { localesDir } from "./review-state.ts";
import { flatten, isEditionText, translatable, type Resources } from "./source-strings.ts";

/** Each namespace's tree of source texts: the campaign's, or with an edition only its own texts. */
function sourceJson(c: Campaign, sources: Resources): Map<string, LabelTree> {
  const out = new Map<string, LabelTree>();
  for (const [ns, tree] of translatable(sources)) {
    const own: LabelTree = {};
    let any = false;
    for (const [key, text] of flatten(tree))
      if (!c.edition || isEditionText(c, `${ns}:${key}`)) {
        setPath(own, key, text);
        any = true;
      }
    if (any) out.set(ns, own);
  }
  return out;
}

/** Writes them; returns the files written. */
export async function writeSourceJson(c: Campaign, sources: Resources): Promise<string[]> {
  const dir = localesDir(c.root, c.source.code, c.edition?.id);
  const files: string[] = [];
  for (const [ns, tree] of sourceJson(c, sources)) {
    const file = path.join(dir, `${ns}.json`);
    await writeWhole(file, `${JSON.stringify(tree, null, 2)}\n`);
    files.push(file);
  }
  return files;
}

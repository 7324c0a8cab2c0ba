/**
 * Stage "load": reads content/, validates every file against its schema, then checks the
 * references between files (a story named by the brochure exists, a language has fonts,
 * ...). Returns the whole campaign, or throws one ContentError listing every problem.
 */
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { z } from "zod";
import { ContentError, type Problem } from "../errors.ts";
import { isProblem, readYaml, validate, type SourceFile } from "./source-file.ts";
import * as schema from "./schemas.ts";

export interface Campaign {
  /** Project root: content/ and locales/ are under it. */
  root: string;
  settings: schema.CampaignSettings;
  /** Languages the campaign serves, in campaign order; the first is not necessarily the source. */
  languages: schema.Language[];
  source: schema.Language;
  fonts: Record<string, schema.Font>;
  sources: Record<string, schema.Source>;
  contacts: schema.Contact[];
  stories: schema.Story[];
  glossary: schema.GlossaryEntry[];
  brochure: schema.Document;
  ui: schema.LabelTree;
  /** Short hash of every file in content/ and locales/: printed on the PDFs and pages. */
  revision: string;
}

export async function loadCampaign(root: string): Promise<Campaign> {
  const problems: Problem[] = [];
  const contentDir = path.join(root, "content");

  async function load<S extends z.ZodType>(rel: string, s: S): Promise<[z.infer<S> | undefined, SourceFile | undefined]> {
    const file = await readYaml(path.join(contentDir, rel), root);
    if (isProblem(file)) {
      problems.push(file);
      return [undefined, undefined];
    }
    return [validate(file, s, problems), file];
  }

  const [settings, settingsFile] = await load("campaign.yaml", schema.campaignSchema);
  const [registry, registryFile] = await load("languages.yaml", schema.languagesSchema);
  const [fonts, fontsFile] = await load("fonts.yaml", schema.fontsSchema);
  const [sources] = await load("sources.yaml", schema.sourcesSchema);
  const [contacts, contactsFile] = await load("contacts.yaml", schema.contactsSchema);
  const [glossary, glossaryFile] = await load("glossary.yaml", schema.glossarySchema);
  const [brochure, brochureFile] = await load("documents/brochure.yaml", schema.documentSchema);
  const [ui] = await load("ui.yaml", schema.labelTreeSchema);
  const stories: schema.Story[] = [];
  const storyFiles = new Map<string, SourceFile>();
  for (const name of (await listYaml(path.join(contentDir, "stories"))).sort()) {
    const [story, file] = await load(`stories/${name}`, schema.storySchema);
    if (!story || !file) continue;
    if (`${story.id}.yaml` !== name) {
      problems.push({ file: file.file, line: file.lineOf(["id"]), field: "id", message: `id "${story.id}" does not match the file name`, hint: `rename the file to ${story.id}.yaml or change the id` });
    }
    stories.push(story);
    storyFiles.set(story.id, file);
  }

  if (problems.length || !settings || !registry || !fonts || !sources || !contacts || !glossary || !brochure || !ui) {
    throw new ContentError(problems);
  }

  // ---- references between files, reported where the reference is written
  const at = (file: SourceFile | undefined, field: (string | number)[], message: string, hint?: string) =>
    problems.push({ file: file?.file ?? "content", line: file?.lineOf(field), field: field.join("."), message, ...(hint ? { hint } : {}) });

  const known = new Map(registry.map((l) => [l.code, l]));
  settings.languages.forEach((code, i) => {
    if (!known.has(code)) at(settingsFile, ["languages", i], `unknown language "${code}"`, `add an entry for "${code}" to content/languages.yaml, or use one of: ${[...known.keys()].join(", ")}`);
  });
  if (!settings.languages.includes(settings.sourceLanguage)) at(settingsFile, ["sourceLanguage"], `the source language "${settings.sourceLanguage}" must be one of the campaign's languages`);
  registry.forEach((lang, i) =>
    lang.fonts.forEach((f, j) => {
      if (!fonts[f]) at(registryFile, [i, "fonts", j], `unknown font "${f}"`, `define it in content/fonts.yaml (known: ${Object.keys(fonts).join(", ")})`);
    }),
  );
  const folders = new Map<string, string>();
  for (const lang of registry) {
    const folder = urlFolder(lang.code);
    if (folders.has(folder)) at(registryFile, [registry.indexOf(lang), "code"], `"${lang.code}" and "${folders.get(folder)}" would share the folder /${folder}/`);
    folders.set(folder, lang.code);
  }
  for (const font of Object.values(fonts)) {
    if (!(await packageInstalled(root, font.package))) at(fontsFile, [], `font package ${font.package} is not installed`, `run: npm install ${font.package}`);
  }

  const citeCheck = (file: SourceFile | undefined, base: (string | number)[], cites: schema.Citation[]) =>
    cites.forEach((c, i) => {
      if (!sources[c.source]) at(file, [...base, i, "source"], `unknown source "${c.source}"`, "add it to content/sources.yaml");
    });
  stories.forEach((s) => citeCheck(storyFiles.get(s.id), ["sources"], s.sources));
  glossary.forEach((g, i) => citeCheck(glossaryFile, [i, "sources"], g.sources));

  const storyIds = new Set(stories.map((s) => s.id));
  const contactById = new Map(contacts.map((c) => [c.id, c]));
  const termIds = new Set(glossary.map((g) => g.id));
  brochure.sections.forEach((section, si) =>
    section.blocks.forEach((block, bi) => {
      const here = ["sections", si, "blocks", bi];
      if (block.type === "story" && !storyIds.has(block.story)) at(brochureFile, [...here, "story"], `unknown story "${block.story}"`, `stories are the files in content/stories/ (${[...storyIds].join(", ")})`);
      if (block.type === "glossary-term" && !termIds.has(block.term)) at(brochureFile, [...here, "term"], `unknown glossary term "${block.term}"`, "add it to content/glossary.yaml");
      if (block.type === "contacts") block.contacts.forEach((c, ci) => contactById.has(c) || at(brochureFile, [...here, "contacts", ci], `unknown contact "${c}"`, "add it to content/contacts.yaml"));
      if (block.type === "paragraph") checkPhonePlaceholders(block, contactById, (field, msg) => at(brochureFile, [...here, ...field], msg));
    }),
  );
  if (problems.length) throw new ContentError(problems);

  return {
    root,
    settings,
    languages: settings.languages.map((code) => known.get(code)!),
    source: known.get(settings.sourceLanguage)!,
    fonts,
    sources,
    contacts,
    stories: inBrochureOrder(stories, brochure),
    glossary,
    brochure,
    ui,
    revision: await revisionOf(root),
  };
}

/** Stories in the order the brochure tells them; any it does not reference come after. */
function inBrochureOrder(stories: schema.Story[], brochure: schema.Document): schema.Story[] {
  const order = brochure.sections.flatMap((s) => s.blocks.flatMap((b) => (b.type === "story" ? [b.story] : [])));
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  return [...stories].sort((a, b) => rank(a.id) - rank(b.id));
}

/** The URL folder of a language: its BCP 47 tag in lower case (pt-BR → pt-br, ckb → ckb). */
export function urlFolder(code: string): string {
  return code.toLowerCase();
}

function checkPhonePlaceholders(
  block: Extract<schema.Block, { type: "paragraph" }>,
  contacts: Map<string, schema.Contact>,
  report: (field: string[], message: string) => void,
) {
  const used = new Set([...block.text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!));
  const given = block.phones ?? {};
  for (const name of used) if (!given[name]) report(["text"], `placeholder {{${name}}} has no value: add "phones: { ${name}: <contact id> }"`);
  for (const [name, contactId] of Object.entries(given)) {
    const contact = contacts.get(contactId);
    if (!contact) report(["phones", name], `unknown contact "${contactId}"`);
    else if (!contact.phone) report(["phones", name], `contact "${contactId}" has no phone number`);
    if (!used.has(name)) report(["phones", name], `{{${name}}} does not appear in the text`);
  }
}

async function listYaml(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((f) => f.endsWith(".yaml"));
  } catch {
    return [];
  }
}

async function packageInstalled(root: string, name: string): Promise<boolean> {
  try {
    await readFile(path.join(root, "node_modules", name, "package.json"));
    return true;
  } catch {
    return false;
  }
}

/** Hash of every content and locale file (path + bytes), so any edit changes the revision. */
async function revisionOf(root: string): Promise<string> {
  const hash = createHash("sha256");
  for (const dir of ["content", "locales"]) {
    const files = (await readdir(path.join(root, dir), { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
      .sort();
    for (const f of files) hash.update(f).update("\0").update(await readFile(path.join(root, f))).update("\0");
  }
  return hash.digest("hex").slice(0, 12);
}

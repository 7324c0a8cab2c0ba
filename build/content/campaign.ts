/**
 * Stage "load": reads content/, validates every file against its schema, then checks the
 * references between files (a story named by the brochure exists, a language has fonts,
 * ...). Returns the whole campaign, or throws one ContentError listing every problem.
 */
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import type { z } from "zod";
import { ContentError, type Problem } from "../errors.ts";
import { isProblem, readYaml, validate, type SourceFile } from "./source-file.ts";
import * as schema from "./schemas.ts";
import type { Campaign } from "./model.ts";
import { loadTokens } from "../design/tokens.ts";
import { hashFolders } from "../hash.ts";

export type { Campaign } from "./model.ts";

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
  const [contacts] = await load("contacts.yaml", schema.contactsSchema);
  const [glossary, glossaryFile] = await load("glossary.yaml", schema.glossarySchema);
  const [images, imagesFile] = await load("images.yaml", schema.imagesSchema);
  const [ui] = await load("ui.yaml", schema.labelTreeSchema);
  const [editors] = await load("editors.yaml", schema.labelTreeSchema);
  const design = await loadTokens(root, problems);
  const documents: schema.Document[] = [];
  const documentFiles = new Map<string, SourceFile>();
  for (const docId of settings?.documents ?? []) {
    const [doc, file] = await load(`documents/${docId}.yaml`, schema.documentSchema);
    if (!doc || !file) continue;
    if (doc.id !== docId)
      problems.push({
        file: file.file,
        line: file.lineOf(["id"]),
        field: "id",
        message: `id "${doc.id}" does not match the file name`,
        hint: `make it "${docId}"`,
      });
    documents.push(doc);
    documentFiles.set(doc.id, file);
  }
  const stories: schema.Story[] = [];
  const storyFiles = new Map<string, SourceFile>();
  for (const name of (await listYaml(path.join(contentDir, "stories"))).sort()) {
    const [story, file] = await load(`stories/${name}`, schema.storySchema);
    if (!story || !file) continue;
    if (`${story.id}.yaml` !== name) {
      problems.push({
        file: file.file,
        line: file.lineOf(["id"]),
        field: "id",
        message: `id "${story.id}" does not match the file name`,
        hint: `rename the file to ${story.id}.yaml or change the id`,
      });
    }
    stories.push(story);
    storyFiles.set(story.id, file);
  }

  if (problems.length || !settings || !registry || !fonts || !sources || !contacts || !glossary || !images || !ui || !editors || !design) {
    throw new ContentError(problems);
  }

  // ---- references between files, reported where the reference is written
  const at = (file: SourceFile | undefined, field: (string | number)[], message: string, hint?: string) =>
    problems.push({ file: file?.file ?? "content", line: file?.lineOf(field), field: field.join("."), message, ...(hint ? { hint } : {}) });

  const known = new Map(registry.map((l) => [l.code, l]));
  settings.languages.forEach((code, i) => {
    if (!known.has(code))
      at(
        settingsFile,
        ["languages", i],
        `unknown language "${code}"`,
        `add an entry for "${code}" to content/languages.yaml, or use one of: ${[...known.keys()].join(", ")}`,
      );
  });
  if (!settings.languages.includes(settings.sourceLanguage))
    at(settingsFile, ["sourceLanguage"], `the source language "${settings.sourceLanguage}" must be one of the campaign's languages`);
  registry.forEach((lang, i) =>
    lang.fonts.forEach((f, j) => {
      if (!fonts[f]) at(registryFile, [i, "fonts", j], `unknown font "${f}"`, `define it in content/fonts.yaml (known: ${Object.keys(fonts).join(", ")})`);
    }),
  );
  // A language that serves documents must serve one of this campaign's (others may be left out of it, as languages may).
  registry.forEach((lang, i) => {
    if (lang.serves && settings.languages.includes(lang.code) && !lang.serves.some((d) => settings.documents.includes(d))) {
      at(
        registryFile,
        [i, "serves"],
        `${lang.name} serves none of the campaign's documents (${settings.documents.join(", ")})`,
        "name one of them, or leave the language out of content/campaign.yaml",
      );
    }
  });
  const sourceEntry = registry.findIndex((l) => l.code === settings.sourceLanguage);
  if (sourceEntry >= 0 && registry[sourceEntry]!.serves)
    at(registryFile, [sourceEntry, "serves"], "the source language serves every document", "remove serves from it");
  const folders = new Map<string, string>();
  for (const lang of registry) {
    const folder = urlFolder(lang.code);
    if (folders.has(folder))
      at(registryFile, [registry.indexOf(lang), "code"], `"${lang.code}" and "${folders.get(folder)}" would share the folder /${folder}/`);
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
  for (const [imageId, image] of Object.entries(images)) {
    if (!(await exists(path.join(contentDir, "images", image.src))))
      at(imagesFile, [imageId, "src"], `image file content/images/${image.src} not found`, "add the file, or correct the name");
    if (image.people !== "none" && image.people.consent.expires < settings.updated)
      at(
        imagesFile,
        [imageId, "people", "consent", "expires"],
        `the consent of the people shown expired on ${image.people.consent.expires}`,
        "renew the consent, or use another image",
      );
  }
  // A story told on informed consent is told only while the consent lasts, as an image of people is shown.
  for (const story of stories)
    if (story.consent.expires && story.consent.expires < settings.updated)
      at(
        storyFiles.get(story.id),
        ["consent", "expires"],
        `the consent to tell this story expired on ${story.consent.expires} (the campaign is dated ${settings.updated})`,
        "renew the consent and record its new expiry, or take the story out of the documents that tell it",
      );
  for (const story of stories) {
    if (!story.image) continue;
    const image = images[story.image];
    if (!image)
      at(storyFiles.get(story.id), ["image"], `unknown image "${story.image}"`, `add it to content/images.yaml (known: ${Object.keys(images).join(", ")})`);
    else if (image.people !== "none" && story.anonymisation.photo !== "with-consent")
      at(
        storyFiles.get(story.id),
        ["image"],
        `image "${story.image}" shows people, but the story's anonymisation says photo: none`,
        "set anonymisation.photo: with-consent once their consent is recorded in content/images.yaml, or use an image without people",
      );
  }
  for (const doc of documents) {
    const file = documentFiles.get(doc.id);
    const contactRef = (c: string, field: (string | number)[]) =>
      contactById.has(c) || at(file, field, `unknown contact "${c}"`, "add it to content/contacts.yaml");
    const imageRef = (i: string, field: (string | number)[]) =>
      images[i] || at(file, field, `unknown image "${i}"`, `add it to content/images.yaml (known: ${Object.keys(images).join(", ")})`);
    doc.languages?.forEach(
      (code, i) =>
        settings.languages.includes(code) || at(file, ["languages", i], `"${code}" is not one of the campaign's languages (${settings.languages.join(", ")})`),
    );
    doc.backPageContacts?.forEach((c, i) => contactRef(c, ["backPageContacts", i]));
    if (doc.illustration) imageRef(doc.illustration, ["illustration"]);
    if (doc.sources) citeCheck(file, ["sources"], doc.sources);
    doc.sections.forEach((section, si) =>
      section.blocks.forEach((block, bi) => {
        const here = ["sections", si, "blocks", bi];
        if (block.type === "story" && !storyIds.has(block.story))
          at(file, [...here, "story"], `unknown story "${block.story}"`, `stories are the files in content/stories/ (${[...storyIds].join(", ")})`);
        if (block.type === "glossary-term" && !termIds.has(block.term))
          at(file, [...here, "term"], `unknown glossary term "${block.term}"`, "add it to content/glossary.yaml");
        if (block.type === "contacts" || block.type === "routes") block.contacts.forEach((c, ci) => contactRef(c, [...here, "contacts", ci]));
        if (block.type === "image") imageRef(block.image, [...here, "image"]);
        if (block.type === "paragraph" || block.type === "list" || block.type === "callout" || block.type === "decision") {
          checkPhonePlaceholders(block, contactById, (field, msg) => at(file, [...here, ...field], msg));
        }
      }),
    );
  }
  if (problems.length) throw new ContentError(problems);

  return {
    root,
    settings,
    languages: settings.languages.map((code) => known.get(code)!),
    source: known.get(settings.sourceLanguage)!,
    fonts,
    sources,
    contacts,
    stories: inDocumentOrder(stories, documents),
    glossary,
    documents,
    images,
    ui,
    editors,
    design,
    revision: await revisionOf(root),
  };
}

/** The languages a document is made in: those it names, else all the campaign's; never one that serves only other documents. */
export function documentLanguages(c: Campaign, doc: schema.Document): schema.Language[] {
  return c.languages.filter((l) => (doc.languages ? doc.languages.includes(l.code) : true) && (!l.serves || l.serves.includes(doc.id)));
}

/** The languages with stories and a glossary: those that serve every document (not German, made for professionals only). */
export function publicLanguages(c: Campaign): schema.Language[] {
  return c.languages.filter((l) => !l.serves);
}

/** Stories in the order the documents tell them; any they do not reference come after. */
function inDocumentOrder(stories: schema.Story[], documents: schema.Document[]): schema.Story[] {
  const order = documents.flatMap((d) => d.sections.flatMap((s) => s.blocks.flatMap((b) => (b.type === "story" ? [b.story] : []))));
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  return [...stories].sort((a, b) => rank(a.id) - rank(b.id));
}

/** The URL folder of a language: its BCP 47 tag in lower case (pt-BR → pt-br, ckb → ckb). */
export function urlFolder(code: string): string {
  return code.toLowerCase();
}

/** Every {{placeholder}} in a block's texts has a contact with a phone, and every given one is used. */
function checkPhonePlaceholders(
  block: {
    text?: string;
    title?: string;
    question?: string;
    yes?: string;
    no?: string;
    items?: { text: string }[];
    phones?: Record<string, string> | undefined;
  },
  contacts: Map<string, schema.Contact>,
  report: (field: string[], message: string) => void,
) {
  const texts = [block.text, block.title, block.question, block.yes, block.no, ...(block.items ?? []).map((i) => i.text)].filter((t): t is string =>
    Boolean(t),
  );
  const used = new Set(texts.flatMap((t) => [...t.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!)));
  const given = block.phones ?? {};
  for (const name of used) if (!given[name]) report(["phones"], `placeholder {{${name}}} has no value: add "phones: { ${name}: <contact id> }"`);
  for (const [name, contactId] of Object.entries(given)) {
    const contact = contacts.get(contactId);
    if (!contact) report(["phones", name], `unknown contact "${contactId}"`);
    else if (!contact.phone) report(["phones", name], `contact "${contactId}" has no phone number`);
    if (!used.has(name)) report(["phones", name], `{{${name}}} does not appear in the text`);
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

async function listYaml(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((f) => f.endsWith(".yaml"));
  } catch {
    return [];
  }
}

function packageInstalled(root: string, name: string): Promise<boolean> {
  return exists(path.join(root, "node_modules", name, "package.json"));
}

/** Hash of every content and locale file (path + bytes), so any edit changes the revision. */
async function revisionOf(root: string): Promise<string> {
  return (await hashFolders([path.join(root, "content"), path.join(root, "locales")], root)).digest("hex").slice(0, 12);
}

/**
 * A private copy of the embedded sample campaign for one test, with files overlaid or
 * removed, so a test can break exactly one thing without touching the real content.
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach } from "vitest";
import YAML from "yaml";
import type { Campaign } from "../../build/content/campaign.ts";
import { FORMATS } from "../../build/print/formats.ts";
import { SHARED_CACHE_ENV, SHARED_CACHES } from "./scratch.ts";

export const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");

/** Maps a path in the project (content/…, locales/…) to new text, or to null to delete it. */
export type Overlay = Record<string, string | Uint8Array | null>;

export async function sampleCampaign(overlay: Overlay = {}): Promise<{ root: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(path.join(tmpdir(), "waymark-test-"));
  for (const dir of ["content", "locales", "templates"]) await cp(path.join(PROJECT_ROOT, dir), path.join(root, dir), { recursive: true });
  await symlink(path.join(PROJECT_ROOT, "node_modules"), path.join(root, "node_modules"), "dir");
  // Cut fonts are named by what they were cut from and to: every copy can share the project's.
  const fonts = path.join(PROJECT_ROOT, ".waymark-cache", "fonts");
  await mkdir(fonts, { recursive: true });
  await mkdir(path.join(root, ".waymark-cache"));
  await symlink(fonts, path.join(root, ".waymark-cache", "fonts"), "dir");
  // So can share cards and previews, within one run of the suite (tests/helpers/scratch.ts).
  const shared = process.env[SHARED_CACHE_ENV];
  if (shared) for (const cache of SHARED_CACHES) await symlink(path.join(shared, cache), path.join(root, ".waymark-cache", cache), "dir");
  for (const [rel, text] of Object.entries(overlay)) {
    const file = path.join(root, rel);
    if (text === null) await rm(file, { force: true });
    else {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, text);
    }
  }
  return { root, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** The text of a file beside the calling test (its fixtures folder). */
export function fixture(testDir: string, name: string): Promise<string> {
  return readFile(path.join(testDir, "fixtures", name), "utf8");
}

/** The sample campaign's own text for a file, to edit a copy of it. */
export function sampleFile(rel: string): Promise<string> {
  return readFile(path.join(PROJECT_ROOT, rel), "utf8");
}

/** campaign.yaml with fewer languages and documents, for a faster build of one behaviour. */
export async function trimmedCampaign(languages: string[], documents: string[]): Promise<string> {
  return (await sampleFile("content/campaign.yaml"))
    .replace(/^languages: \[.*\]$/m, `languages: [${languages.join(", ")}]`)
    .replace(/^documents: \[.*\]$/m, `documents: [${documents.join(", ")}]`);
}

/**
 * A smaller sample for a faster build of one behaviour: fewer languages and documents, and
 * only the stories those documents tell (each story is also printed as a card and an A3 poster
 * per language). `stories` keeps only those of the stories told: the others' blocks are taken
 * out of the documents, with a slide or page they leave empty (a behaviour that is not about
 * stories needs none: `stories: []`). `tellInstead` has a document tell another story in a
 * story's place (by document, then story): a slide or page kept with a story the sample has.
 */
export async function smallSample(
  languages: string[],
  documents: string[],
  { stories, tellInstead }: { stories?: string[]; tellInstead?: Record<string, Record<string, string>> } = {},
): Promise<Overlay> {
  const overlay: Overlay = { "content/campaign.yaml": await trimmedCampaign(languages, documents) };
  const told = new Set<string>();
  for (const doc of documents) {
    let text = await sampleFile(`content/documents/${doc}.yaml`);
    const swaps = Object.entries(tellInstead?.[doc] ?? {});
    for (const [story, instead] of swaps) text = text.replace(new RegExp(`^(\\s*story: )${story}$`, "m"), `$1${instead}`);
    // A document made in some languages only (the fiche, the guide) keeps those the sample has.
    const own = /^languages: \[(.*)\]$/m.exec(text);
    if (own)
      text = text.replace(
        own[0],
        `languages: [${own[1]!
          .split(",")
          .map((l) => l.trim())
          .filter((l) => languages.includes(l))
          .join(", ")}]`,
      );
    if (stories) text = withStories(text, stories);
    for (const m of text.matchAll(/^\s*story: ([\w-]+)$/gm)) told.add(m[1]!);
    if (own || stories || swaps.length) overlay[`content/documents/${doc}.yaml`] = text;
  }
  for (const file of await readdir(path.join(PROJECT_ROOT, "content", "stories")))
    if (!told.has(file.replace(/\.yaml$/, ""))) overlay[`content/stories/${file}`] = null;
  return overlay;
}

/**
 * A document's YAML telling only these stories: other story blocks are taken out, a section (a
 * slide, a page) left with no block goes with them, and the pages after it move up one.
 */
function withStories(text: string, stories: string[]): string {
  type Section = { page?: number; blocks: { type: string; story?: string }[] };
  const doc = YAML.parse(text) as { sections: Section[] };
  const gone: number[] = [];
  doc.sections = doc.sections.filter((section) => {
    section.blocks = section.blocks.filter((b) => b.type !== "story" || stories.includes(b.story!));
    if (section.blocks.length) return true;
    if (section.page !== undefined) gone.push(section.page);
    return false;
  });
  const kept = new Set(doc.sections.map((x) => x.page));
  for (const section of doc.sections) if (section.page !== undefined) section.page -= gone.filter((p) => p < section.page! && !kept.has(p)).length;
  return YAML.stringify(doc);
}

/**
 * The overlay's documents (or the sample's) made in these languages only: a test of one
 * language's pages need not print the source language's too. Returns the overlay, changed.
 */
export async function madeIn(overlay: Overlay, documents: string[], languages: string[]): Promise<Overlay> {
  for (const doc of documents) {
    const file = `content/documents/${doc}.yaml`;
    const text = typeof overlay[file] === "string" ? overlay[file] : await sampleFile(file);
    overlay[file] = text.replace(/^languages: \[.*\]\n/m, "").replace(/^(format: .*)$/m, `$1\nlanguages: [${languages.join(", ")}]`);
  }
  return overlay;
}

/** The sample's every document, in these languages only: for a test of loading and translation rules, which sixteen languages make slow (a load costs about 0.1 s a language). */
export async function inLanguages(languages: string[]): Promise<Overlay> {
  const documents = /^documents: \[(.*)\]$/m
    .exec(await sampleFile("content/campaign.yaml"))![1]!
    .split(",")
    .map((d) => d.trim());
  return smallSample(languages, documents);
}

/**
 * How long a test that builds may take on this project's machine size (2 cores), from what it
 * builds: measured there at about 9 s a build (loading sixteen languages, Eleventy, cutting fonts,
 * a browser, the share cards and offline bundles of a small sample), 0.4 s a PDF and 0.2 s a web page weighed in Chromium when alone, with a margin of
 * 4x for a machine shared with another test file (the full build runs beside the others).
 */
export function buildTimeout({ builds = 1, pdfs = 0, pages = 0 }: { builds?: number; pdfs?: number; pages?: number }): number {
  return 4 * (builds * 9_000 + pdfs * 400 + pages * 200) + 5_000;
}

/**
 * How long a test that copies the sample and loads it (loadSite: sixteen languages' content and
 * translations, checked, and the view model) may take: measured on 2 cores at about 0.25 s a
 * copy and 1.2–2 s a load when alone, with the same 4x margin as a build for a shared machine
 * (a unit test that loaded the site three times ran past the default 10 s beside the full build).
 */
export function loadTimeout(loads: number): number {
  return 4 * loads * 2_000 + 5_000;
}

/**
 * For a test file that makes copies: returns a function that makes one (and gives its root),
 * and removes every copy after each test. `base` gives what every copy has laid over it (the
 * campaign in fewer languages, say: `inLanguages`), a test's own overlay over that.
 */
export function sampleCampaigns(base?: () => Promise<Overlay>): (overlay?: Overlay) => Promise<string> {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((c) => c()));
  });
  let under: Promise<Overlay> | undefined;
  return async (overlay = {}) => {
    const sample = await sampleCampaign({ ...(await (under ??= base?.() ?? Promise.resolve({}))), ...overlay });
    cleanups.push(sample.cleanup);
    return sample.root;
  };
}

/**
 * Overlays that leave nothing to review outside the translations: every contact verified,
 * every story signed off, and a site address that is not the kit's stand-in (a .test name,
 * reserved for tests). Laid over `sample` (a smaller sample, say). For tests only: these are
 * not real verifications.
 */
export async function verifiedAndSignedOff(sample: Overlay = {}): Promise<Overlay> {
  const campaign = sample["content/campaign.yaml"] ?? (await sampleFile("content/campaign.yaml"));
  const overlay: Overlay = {
    ...sample,
    "content/campaign.yaml": String(campaign).replace("baseUrl: https://waymark.example/", "baseUrl: https://waymark-campaign.test/"),
    "content/contacts.yaml": (await sampleFile("content/contacts.yaml")).replace(
      /unverified:\n {4}lead: .*\n/g,
      "verified:\n    on: 2026-11-01\n    source: test fixture, not a real verification\n",
    ),
  };
  for (const file of (await readdir(path.join(PROJECT_ROOT, "content", "stories"))).filter((f) => f.endsWith(".yaml"))) {
    if (sample[`content/stories/${file}`] === null) continue; // left out of the sample
    overlay[`content/stories/${file}`] = (await sampleFile(`content/stories/${file}`)).replace(
      "status: pending",
      "status: approved\n  by: Test Reviewer\n  on: 2026-11-01",
    );
  }
  return overlay;
}

/**
 * The PDFs a campaign must produce, from its registry: each document in its languages (a deck
 * with its notes handout), a card per story in every language that serves all documents, two
 * variants each.
 */
export function expectedPdfs(c: Campaign): string[] {
  return c.languages
    .flatMap((l) => [
      ...c.documents
        .filter((d) => (!d.languages || d.languages.includes(l.code)) && (!l.serves || l.serves.includes(d.id)))
        .flatMap((d) => [`${l.code.toLowerCase()}/${d.id}`, ...(FORMATS[d.format].handout ? [`${l.code.toLowerCase()}/${d.id}-notes`] : [])]),
      ...(l.serves ? [] : c.stories.flatMap((s) => [`${l.code.toLowerCase()}/story-${s.id}`, `${l.code.toLowerCase()}/poster-${s.id}`])),
    ])
    .flatMap((name) => [`${name}.print.pdf`, `${name}.screen.pdf`])
    .sort();
}

/** The first language of each font stack in the registry: one per script and typeface the campaign prints. */
export function firstPerStack(languages: { code: string; fonts: string[] }[]): string[] {
  const seen = new Map<string, string>();
  for (const l of languages) if (!seen.has(l.fonts.join())) seen.set(l.fonts.join(), l.code);
  return [...seen.values()];
}

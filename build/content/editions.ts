/**
 * Editions: one campaign, many partners. An edition (content/editions/<id>.yaml) takes a
 * subset of the campaign's languages, documents and stories, keeps or replaces its contacts,
 * adds its own, names its partners (logos beside the issuer's mark) and says where it is
 * published. It is validated like the rest (file, line, what to do), then applied: the result
 * is an ordinary Campaign, so every later stage (pages, PDFs, release state) is the same code.
 */
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { ContentError, type Problem } from "../errors.ts";
import { setPath } from "../i18n/locales.ts";
import { flatten, sourceStrings, type Resources } from "../i18n/source-strings.ts";
import { documentLanguages, type Campaign } from "./campaign.ts";
import * as schema from "./schemas.ts";
import { isProblem, readYaml, validate } from "./source-file.ts";

/** The main edition: the campaign as written, built into dist/site and dist/pdf. */
export const MAIN_EDITION = "main";

/** Where an edition is built: dist/ for the main edition, dist/editions/<id>/ for a partner's. */
export function editionOutDir(root: string, edition?: string): string {
  return !edition || edition === MAIN_EDITION ? path.join(root, "dist") : path.join(root, "dist", "editions", edition);
}

function editionsDir(root: string): string {
  return path.join(root, "content", "editions");
}

/** Partner logos are kept beside the editions. */
export function logoPath(root: string, file: string): string {
  return path.join(editionsDir(root), "logos", file);
}

/** Where a partner's logo is served, in the site and on print pages (copied as it is: an SVG stays vector). */
export function logoUrl(edition: string, file: string): string {
  return `/assets/partners/${edition}-${file}`;
}

/** The ids of every edition in content/editions/, sorted. */
export async function editionIds(root: string): Promise<string[]> {
  const files = await readdir(editionsDir(root)).catch(() => [] as string[]);
  return files
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => f.slice(0, -".yaml".length))
    .sort();
}

/**
 * Reads and checks an edition against its campaign and returns the campaign as that edition
 * shows it. Throws one ContentError listing every problem, each at its line.
 */
export async function applyEdition(c: Campaign, id: string): Promise<Campaign> {
  const abs = path.join(editionsDir(c.root), `${id}.yaml`);
  const file = await readYaml(abs, c.root);
  if (isProblem(file)) {
    const known = await editionIds(c.root);
    throw new ContentError([
      { ...file, message: `no edition "${id}"`, hint: known.length ? `editions: ${known.join(", ")} (or ${MAIN_EDITION})` : "add content/editions/<id>.yaml" },
    ]);
  }
  const problems: Problem[] = [];
  const e = validate(file, schema.editionSchema, problems);
  if (!e) throw new ContentError(problems);
  const at = (field: (string | number)[], message: string, hint?: string) =>
    problems.push({ file: file.file, line: file.lineOf(field), field: field.join("."), message, ...(hint ? { hint } : {}) });
  if (e.id !== id) at(["id"], `id "${e.id}" does not match the file name`, `make it "${id}"`);

  // ---- what it takes from the campaign must exist there
  const campaignLangs = c.languages.map((l) => l.code);
  e.languages.forEach(
    (code, i) =>
      campaignLangs.includes(code) ||
      at(
        ["languages", i],
        `"${code}" is not one of the campaign's languages (${campaignLangs.join(", ")})`,
        "an edition serves a subset of the campaign's languages: add the language to content/campaign.yaml first",
      ),
  );
  const docs = new Map(c.documents.map((d) => [d.id, d]));
  e.documents.forEach((d, i) => {
    const doc = docs.get(d);
    if (!doc) return at(["documents", i], `unknown document "${d}"`, `the campaign's documents: ${[...docs.keys()].join(", ")}`);
    if (!documentLanguages(c, doc).some((l) => e.languages.includes(l.code)))
      at(
        ["documents", i],
        `"${d}" is made in none of this edition's languages (it is made in ${documentLanguages(c, doc)
          .map((l) => l.code)
          .join(", ")})`,
      );
  });
  const storyIds = new Set(c.stories.map((s) => s.id));
  e.stories.forEach(
    (s, i) => storyIds.has(s) || at(["stories", i], `unknown story "${s}"`, `stories are the files in content/stories/ (${[...storyIds].join(", ")})`),
  );
  const contactIds = new Set(c.contacts.map((x) => x.id));
  const kept = new Set(e.contacts.campaign ?? contactIds);
  e.contacts.campaign?.forEach(
    (x, i) => contactIds.has(x) || at(["contacts", "campaign", i], `unknown contact "${x}"`, "campaign contacts are in content/contacts.yaml"),
  );
  const replacing = new Map<string, string>(); // campaign contact → local contact in its place
  e.contacts.local.forEach((x, i) => {
    if (contactIds.has(x.id))
      at(
        ["contacts", "local", i, "id"],
        `"${x.id}" is already a campaign contact`,
        "give the edition's own contact its own id (to show it in that contact's place, use replaces)",
      );
    if (x.replaces) {
      if (!kept.has(x.replaces) || !contactIds.has(x.replaces))
        at(["contacts", "local", i, "replaces"], `"${x.replaces}" is not a campaign contact this edition keeps`);
      else replacing.set(x.replaces, x.id);
    }
    x.showIn?.forEach((where, j) => {
      const [d, block] = where.split("/") as [string, string];
      const doc = e.documents.includes(d) ? docs.get(d) : undefined;
      if (!doc) return at(["contacts", "local", i, "showIn", j], `"${d}" is not one of this edition's documents (${e.documents.join(", ")})`);
      if (block === "back-page") {
        if (!doc.backPageContacts) at(["contacts", "local", i, "showIn", j], `"${d}" has no back page of contacts`, "name one of its contacts blocks instead");
      } else if (!doc.sections.some((s) => s.blocks.some((b) => hasContacts(b) && b.id === block))) {
        const blocks = doc.sections.flatMap((s) => s.blocks.filter(hasContacts).map((b) => b.id));
        at(
          ["contacts", "local", i, "showIn", j],
          `"${d}" has no contacts block "${block}"`,
          `its contacts blocks: ${[...blocks, ...(doc.backPageContacts ? ["back-page"] : [])].join(", ")}`,
        );
      }
    });
  });
  const localById = new Map(e.contacts.local.map((x) => [x.id, x]));
  // A phone number a kept text dials must still have a contact with a phone behind it.
  for (const d of e.documents.map((x) => docs.get(x)).filter((x): x is schema.Document => Boolean(x))) {
    for (const s of d.sections)
      for (const b of s.blocks) {
        for (const [name, contact] of Object.entries("phones" in b ? (b.phones ?? {}) : {})) {
          const instead = replacing.get(contact);
          if (instead && !localById.get(instead)!.phone)
            at(
              ["contacts", "local", e.contacts.local.indexOf(localById.get(instead)!), "phone"],
              `replaces "${contact}", whose phone number ${d.id}'s block "${b.id}" shows as {{${name}}}, but has no phone number`,
              "give it the number, or keep the campaign's contact",
            );
          else if (!instead && !kept.has(contact))
            at(
              ["contacts", "campaign"],
              `leaves out "${contact}", whose phone number ${d.id}'s block "${b.id}" shows as {{${name}}}`,
              "keep it, or replace it with a local contact that has a phone number",
            );
        }
      }
  }
  // The help strip (a document's help block; every story card, story poster and story slide)
  // shows an emergency number: an edition that carries one must keep a contact to dial.
  const helpOn = [
    ...e.documents.filter((d) => docs.get(d)?.sections.some((s) => s.blocks.some((b) => b.type === "help"))),
    ...(e.stories.length ? ["its story cards and posters"] : []),
  ];
  const emergency = [...c.contacts.filter((x) => kept.has(x.id) && !replacing.has(x.id)), ...e.contacts.local].filter((x) => x.type === "emergency" && x.phone);
  if (helpOn.length && !emergency.length)
    at(
      ["contacts", "campaign"],
      `leaves no emergency number for the help strip on ${helpOn.join(", ")}`,
      `keep one of ${c.contacts
        .filter((x) => x.type === "emergency")
        .map((x) => x.id)
        .join(", ")}, or give the edition a local contact of type emergency with its phone number`,
    );
  const campaignTexts = sourceStrings(c);
  for (const [ns, tree] of Object.entries(e.text ?? {})) {
    const known = flatten(campaignTexts[ns] ?? {});
    for (const [key] of flatten(tree)) {
      if (!known.has(key))
        at(
          ["text", ns, ...key.split(".")],
          `the campaign has no text "${ns}:${key}" to word otherwise`,
          "use the namespace and key of a campaign text (waymark xliff export lists them)",
        );
    }
  }
  for (const [i, p] of e.partners.entries()) {
    if (
      !(await stat(logoPath(c.root, p.logo)).then(
        () => true,
        () => false,
      ))
    )
      at(
        ["partners", i, "logo"],
        `logo file content/editions/logos/${p.logo} not found`,
        "add the file (SVG, or a PNG or JPEG of at least 300 dpi where it is placed)",
      );
  }
  if (problems.length) throw new ContentError(problems);

  // ---- the campaign as this edition shows it
  const swap = (x: string) => replacing.get(x) ?? x;
  const shownIn = (where: string) => e.contacts.local.filter((x) => x.showIn?.includes(where)).map((x) => x.id);
  const keepContacts = (ids: string[]) => ids.filter((x) => kept.has(x)).map(swap);
  const documents = c.documents
    .filter((d) => e.documents.includes(d.id))
    .map((d) => ({
      ...d,
      ...(d.backPageContacts ? { backPageContacts: [...keepContacts(d.backPageContacts), ...shownIn(`${d.id}/back-page`)] } : {}),
      sections: d.sections
        .map((s) => ({
          ...s,
          blocks: s.blocks
            .filter((b) => b.type !== "story" || e.stories.includes(b.story))
            .map((b) => {
              if (hasContacts(b)) return { ...b, contacts: [...keepContacts(b.contacts), ...shownIn(`${d.id}/${b.id}`)] };
              if ("phones" in b && b.phones) return { ...b, phones: Object.fromEntries(Object.entries(b.phones).map(([k, v]) => [k, swap(v)])) };
              return b;
            })
            .filter((b) => b.type !== "contacts" || b.contacts.length > 0),
        }))
        .filter((s) => s.blocks.length > 0),
    }));
  const local: schema.Contact[] = e.contacts.local.map(({ replaces: _r, showIn: _s, ...contact }) => contact);
  const publishedAt = e.publishedAt.startsWith("/") ? new URL(e.publishedAt.slice(1), c.settings.baseUrl).href : e.publishedAt;
  const overridden = new Set([...flatten(e.text ?? {})].map(([key]) => key.replace(".", ":")));
  return {
    ...c,
    settings: {
      ...c.settings,
      baseUrl: publishedAt,
      languages: c.settings.languages.filter((l) => e.languages.includes(l)),
      documents: documents.map((d) => d.id),
    },
    languages: c.languages.filter((l) => e.languages.includes(l.code)),
    documents,
    stories: c.stories.filter((s) => e.stories.includes(s.id)),
    contacts: [...c.contacts.filter((x) => kept.has(x.id) && !replacing.has(x.id)), ...local],
    edition: {
      id: e.id,
      audience: e.audience,
      countries: typeof e.country === "string" ? [e.country] : e.country,
      partners: e.partners,
      file: file.file,
      overridden,
      localContacts: new Set(local.map((x) => x.id)),
      colophon: e.colophon,
      text: e.text ?? {},
    },
  };
}

/**
 * The source texts of an edition: the campaign's, with the English texts it words otherwise,
 * and its own (namespace "edition": the colophon and the partners' roles).
 */
export function editionSources(c: Campaign, sources: Resources): Resources {
  const e = c.edition;
  if (!e) return sources;
  const out: Resources = structuredClone(sources);
  out.edition = { colophon: e.colophon, partners: Object.fromEntries(e.partners.map((p) => [p.id, { name: p.name, role: p.role }])) };
  for (const [ns, tree] of Object.entries(e.text)) for (const [key, text] of flatten(tree)) setPath(out[ns]!, key, text);
  return out;
}

/** The blocks that list contacts, where an edition can show its own (showIn): contacts, and the safer routes' "where to ask". */
function hasContacts(b: schema.Block): b is Extract<schema.Block, { type: "contacts" | "routes" }> {
  return b.type === "contacts" || b.type === "routes";
}

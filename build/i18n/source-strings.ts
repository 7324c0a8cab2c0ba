/**
 * Every translatable string of the campaign, under a stable key built from ids only
 * (never from positions or text), grouped in i18next namespaces. Inserting a block or
 * editing a text leaves every other key as it was; translations in locales/<lang>/<ns>.json
 * use exactly these keys.
 */
import type { Campaign } from "../content/campaign.ts";
import type { Block, Document, LabelTree } from "../content/schemas.ts";

/** One i18next namespace per translation file: locales/<lang>/<namespace>.json. */
export type Resources = Record<string, LabelTree>;

/** Namespaces in the source language only (the editors' pages): never sent for translation. */
const SOURCE_ONLY_NAMESPACES = ["editors"];

/** The namespaces translators translate. */
export function translatable(sources: Resources): [string, LabelTree][] {
  return Object.entries(sources).filter(([ns]) => !SOURCE_ONLY_NAMESPACES.includes(ns));
}

export function sourceStrings(c: Campaign): Resources {
  return {
    campaign: { ...c.settings.text },
    ui: c.ui,
    editors: c.editors,
    ...Object.fromEntries(c.documents.map((d) => [d.id, documentStrings(d)])),
    images: Object.fromEntries(Object.entries(c.images).map(([id, img]) => [id, { alt: img.alt }])),
    stories: Object.fromEntries(
      c.stories.map((s) => [s.id, { title: s.title, summary: s.summary, places: s.places, body: Object.fromEntries(s.body.map((p) => [p.id, p.text])) }]),
    ),
    glossary: Object.fromEntries(c.glossary.map((g) => [g.id, { term: g.term, definition: g.definition }])),
    contacts: Object.fromEntries(c.contacts.map((x) => [x.id, { name: x.name, description: x.description, ...(x.city ? { city: x.city } : {}) }])),
  };
}

export function documentStrings(doc: Document): LabelTree {
  return {
    title: doc.title,
    subtitle: doc.subtitle,
    sections: Object.fromEntries(
      doc.sections.map((s) => [
        s.id,
        { title: s.title, ...(s.notes ? { notes: s.notes } : {}), blocks: Object.fromEntries(s.blocks.flatMap((b) => blockEntry(b))) },
      ]),
    ),
  };
}

function blockEntry(b: Block): [string, LabelTree][] {
  switch (b.type) {
    case "heading":
    case "paragraph":
      return [[b.id, { text: b.text }]];
    case "callout":
      return [[b.id, { text: b.text, ...(b.title ? { title: b.title } : {}) }]];
    case "list":
      return [[b.id, { ...(b.title ? { title: b.title } : {}), items: Object.fromEntries(b.items.map((i) => [i.id, i.text])) }]];
    case "decision":
      return [[b.id, { question: b.question, yes: b.yes, no: b.no }]];
    case "routes": {
      const details = b.items.filter((i) => i.text).map((i) => [i.id, i.text!]);
      return [
        [
          b.id,
          {
            ...(b.title ? { title: b.title } : {}),
            lines: Object.fromEntries(b.items.map((i) => [i.id, i.line])),
            ...(details.length ? { items: Object.fromEntries(details) } : {}),
            ask: b.ask,
          },
        ],
      ];
    }
    default:
      return []; // stories, contacts, glossary terms and images carry their text in their own namespace
  }
}

/**
 * The file where a text is written: the source content for the source language (and for a
 * text shown in it as a fallback), else the language's translation file.
 */
export function fileOfText(c: Campaign, lang: string, id: string): string {
  const [ns, key = ""] = id.split(/:(.*)/s);
  const own = isEditionText(c, id);
  if (lang !== c.source.code) return own ? `locales/${lang}/editions/${c.edition!.id}/${ns}.json` : `locales/${lang}/${ns}.json`;
  if (own) return c.edition!.file;
  if (ns === "stories") return `content/stories/${key.split(".")[0]}.yaml`;
  if (c.documents.some((d) => d.id === ns)) return `content/documents/${ns}.yaml`;
  return `content/${ns}.yaml`;
}

/**
 * Whether a text ("ns:key") is an edition's own: its colophon and partners, the campaign texts
 * it words otherwise, its local contacts. Their translations and reviews live in
 * locales/<lang>/editions/<id>/.
 */
export function isEditionText(c: Campaign, id: string): boolean {
  const [ns, key = ""] = id.split(/:(.*)/s);
  return Boolean(c.edition && (ns === "edition" || c.edition.overridden.has(id) || (ns === "contacts" && c.edition.localContacts.has(key.split(".")[0]!))));
}

/** The key of a block's field, as used with i18next: "brochure:sections.help.blocks.emergency.text". */
export function blockKey(doc: string, section: string, block: string, field: string): string {
  return `${doc}:sections.${section}.blocks.${block}.${field}`;
}

/** Flattens a tree to "a.b.c" → text pairs (the keys translators and reports see). */
export function flatten(tree: LabelTree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

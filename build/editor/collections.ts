/**
 * The sources in content/ and the schema of each: what the content model's page documents and
 * what the editor makes a form of. The registry (languages, fonts) is documented but set up by
 * a developer; interface labels and translations go through the translation workflow.
 */
import type { z } from "zod";
import * as schema from "../content/schemas.ts";
import { type Field, fieldOf } from "./fields.ts";

export interface Source {
  /** The collection's name in the editor, and the heading on the content model's page. */
  name: string;
  label: string;
  /** One file, or a folder of files (one entry each). */
  file?: string;
  folder?: string;
  /** The shape of one file (a folder) or of the file's root (an object, a list, or a map by id). */
  schema: z.ZodType;
  /** Shown in the editor; the registry is set up by a developer. */
  inEditor: boolean;
}

export const SOURCES: Source[] = [
  { name: "campaign", label: "Campaign", file: "content/campaign.yaml", schema: schema.campaignSchema, inEditor: true },
  { name: "documents", label: "Documents", folder: "content/documents", schema: schema.documentSchema, inEditor: true },
  { name: "stories", label: "Stories", folder: "content/stories", schema: schema.storySchema, inEditor: true },
  { name: "contacts", label: "Contacts", file: "content/contacts.yaml", schema: schema.contactsSchema, inEditor: true },
  { name: "images", label: "Images", file: "content/images.yaml", schema: schema.imagesSchema, inEditor: true },
  { name: "glossary", label: "Glossary", file: "content/glossary.yaml", schema: schema.glossarySchema, inEditor: true },
  { name: "sources", label: "Sources", file: "content/sources.yaml", schema: schema.sourcesSchema, inEditor: true },
  { name: "editions", label: "Partner editions", folder: "content/editions", schema: schema.editionSchema, inEditor: true },
  { name: "languages", label: "Languages", file: "content/languages.yaml", schema: schema.languagesSchema, inEditor: false },
  { name: "fonts", label: "Fonts", file: "content/fonts.yaml", schema: schema.fontsSchema, inEditor: false },
];

/** The root field of a source: an object (one file per entry), or the list or map a file holds. */
export function rootField(source: Source): Field {
  return fieldOf(source.schema, source.name);
}

/** Fields that name a file the editor uploads (a partner's logo, an image): where the files go. */
export const MEDIA_FIELDS: Record<string, string> = {
  "editions.partners.logo": "content/editions/logos",
  "images.src": "content/images",
};

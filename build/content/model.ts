/**
 * The loaded campaign, as every stage sees it: its settings, registry, content and, for a
 * partner edition, what the edition lays over it. Types only, shared by the content loaders
 * (campaign.ts, editions.ts) and everything after them.
 */
import type { DesignTokens } from "../design/tokens.ts";
import type * as schema from "./schemas.ts";

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
  /** The documents, in campaign order (brochure, leaflet, ...). */
  documents: schema.Document[];
  images: Record<string, schema.ImageEntry>;
  ui: schema.LabelTree;
  /** Labels of the editors' pages, source language only. */
  editors: schema.LabelTree;
  /** Short hash of every file in content/ and locales/: printed on the PDFs and pages. */
  revision: string;
  /** Colours, type scale, spacing, grid and poster rules (templates/design/tokens.json). */
  design: DesignTokens;
  /** Set when this is a partner edition (content/editions/<id>.yaml) of the campaign. */
  edition?: EditionInfo;
}

/** What a partner edition (content/editions/<id>.yaml) lays over the campaign: what the pages, PDFs and reports need to know of the edition they belong to. */
interface EditionInfo {
  id: string;
  audience: schema.Edition["audience"];
  countries: string[];
  partners: schema.Partner[];
  /** content/editions/<id>.yaml, as shown in messages. */
  file: string;
  /** "Published by … in cooperation with …" (English source). */
  colophon: string;
  /** The campaign's English texts it words otherwise, by namespace. */
  text: Record<string, schema.LabelTree>;
  /** The same, as "ns:key": the campaign's translations of these do not apply in this edition. */
  overridden: Set<string>;
  /** Its own contacts' ids: their texts are the edition's, like its colophon. */
  localContacts: Set<string>;
}

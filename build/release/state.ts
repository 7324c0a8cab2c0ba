/**
 * The release state: for a page or a PDF, what it shows that is not approved text or checked
 * fact. One pure function over what the page shows and where each text stands; the page
 * notices, the DRAFT watermark's reasons, `waymark status` and `build --release` all read it.
 *
 * What a page shows is read from its own view data: every Localized text in it (and the texts
 * placed inside those), every contact and story it names, plus the interface texts that
 * templates place on every page. Nothing is counted on the side, so nothing can escape.
 */
import { type Language, PLACEHOLDER_HOST } from "../content/schemas.ts";
import type { TextStatus } from "../i18n/locales.ts";
import { isLocalized } from "../i18n/translator.ts";

type TextFinding = { kind: "missing" | "stale" | "refused" | "draft" | "reviewed"; lang: string; id: string; reason?: string };
export type Finding =
  | TextFinding
  | { kind: "unverified-contact"; id: string }
  | { kind: "unsigned-story"; id: string }
  | { kind: "unrecorded-consent"; id: string }
  | { kind: "unconfirmed-partner"; id: string };

/** What a page or a PDF shows. */
export interface Shown {
  lang: string;
  /** Text ids ("ns:key") in the page's language. */
  texts: Set<string>;
  contacts: Set<string>;
  stories: Set<string>;
  partners: Set<string>;
}

/** A view names a contact or a story it shows with a ref. */
export interface Ref {
  type: "contact" | "story" | "partner";
  id: string;
}

/** Namespaces templates read directly (labels, the campaign's title): shown on every page. */
export const TEMPLATE_NAMESPACES = ["ui", "campaign", "edition"];

/** Everything a view shows: walks its data for Localized texts and refs. */
export function shownBy(view: unknown, lang: string, alwaysShown: Iterable<string> = []): Shown {
  const shown: Shown = { lang, texts: new Set(alwaysShown), contacts: new Set(), stories: new Set(), partners: new Set() };
  const seen = new Set<object>();
  const walk = (v: unknown) => {
    if (typeof v !== "object" || v === null || seen.has(v)) return;
    seen.add(v);
    if (isLocalized(v)) {
      for (const id of [v.id, ...(v.uses ?? [])]) if (id) shown.texts.add(id);
      return;
    }
    const ref = (v as { ref?: Ref }).ref;
    if (ref?.type === "contact") shown.contacts.add(ref.id);
    if (ref?.type === "story") shown.stories.add(ref.id);
    if (ref?.type === "partner") shown.partners.add(ref.id);
    for (const x of Array.isArray(v) ? v : Object.values(v)) walk(x);
  };
  walk(view);
  return shown;
}

export interface Facts {
  /** Where each text of the page's language stands; none for the source language. */
  status: Map<string, TextStatus> | undefined;
  unverifiedContacts: Set<string>;
  unsignedStories: Set<string>;
  /** Stories told on informed consent whose record does not say who gave it and where the signed record is kept. */
  unrecordedConsent?: Set<string>;
  /** Partner slots of an edition kept for a partner not confirmed yet. */
  unconfirmedPartners?: Set<string>;
}

/** What a page or PDF shows that may not be published yet. Pure: same input, same answer. */
export function releaseState(shown: Shown, facts: Facts): Finding[] {
  const findings: Finding[] = [];
  for (const id of [...shown.texts].sort()) {
    const st = facts.status?.get(id);
    if (!st) continue; // the source language, or a text no translator translates
    const base = { lang: shown.lang, id };
    if (st.kind === "missing") findings.push({ kind: "missing", ...base });
    else if (st.kind === "rejected") findings.push({ kind: "refused", ...base, reason: st.reason });
    else if (st.kind === "stale") findings.push({ kind: "stale", ...base });
    else if (st.state !== "approved") findings.push({ kind: st.state, ...base });
  }
  for (const id of [...shown.contacts].sort()) if (facts.unverifiedContacts.has(id)) findings.push({ kind: "unverified-contact", id });
  for (const id of [...shown.stories].sort()) if (facts.unsignedStories.has(id)) findings.push({ kind: "unsigned-story", id });
  for (const id of [...shown.stories].sort()) if (facts.unrecordedConsent?.has(id)) findings.push({ kind: "unrecorded-consent", id });
  for (const id of [...shown.partners].sort()) if (facts.unconfirmedPartners?.has(id)) findings.push({ kind: "unconfirmed-partner", id });
  return findings;
}

const SHOWN_IN_SOURCE = new Set(["missing", "stale", "refused"]);

/** The notices a web page carries: some text shown in the source language; some text a draft. */
export function notices(findings: Finding[]): { fallback: boolean; draft: boolean } {
  return { fallback: findings.some((f) => SHOWN_IN_SOURCE.has(f.kind)), draft: findings.some((f) => f.kind === "draft" || f.kind === "reviewed") };
}

/** The word a draft carries across it (a PDF's watermark, a share image's corner band): for the office and its partners, in English everywhere. */
export const DRAFT_MARK = "DRAFT";

/** Why a PDF carries the DRAFT watermark, in words for editors; empty when it may be released. */
export function draftReasons(findings: Finding[], lang: Language, source: Language): string[] {
  const ids = (kind: Finding["kind"]) => findings.filter((f) => f.kind === kind).map((f) => f.id);
  const list = (xs: string[], max = 8) => xs.slice(0, max).join(", ") + (xs.length > max ? ` and ${xs.length - max} more` : "");
  const reasons: string[] = [];
  const textReason = (kind: TextFinding["kind"], words: string) => {
    const xs = ids(kind);
    if (xs.length) reasons.push(`${lang.name} text ${words} (${xs.length}): ${list(xs)}`);
  };
  textReason("missing", `missing, shown in ${source.name}`);
  textReason("stale", `stale (its ${source.name} changed), shown in ${source.name}`);
  textReason("refused", `refused, shown in ${source.name}`);
  textReason("draft", "not approved yet (draft)");
  textReason("reviewed", "not approved yet (reviewed)");
  for (const id of ids("unverified-contact")) reasons.push(`contact "${id}" is unverified`);
  for (const id of ids("unsigned-story")) reasons.push(`story "${id}" is not signed off`);
  for (const id of ids("unrecorded-consent"))
    reasons.push(`story "${id}": its consent record does not say who gave consent and where the signed record is kept`);
  for (const id of ids("unconfirmed-partner")) reasons.push(`partner "${id}" is a placeholder, not confirmed`);
  return reasons;
}

/** What an unchecked fact is called in the list of blockers, and what to do about it. */
const FACT_BLOCKERS = {
  "unverified-contact": [
    "contact",
    "unverified: check it against an official source, then record verified (on, source) where it is written (content/contacts.yaml, or the edition's file)",
  ],
  "unsigned-story": ["story", "not signed off: a reviewer records signOff (status: approved, by, on)"],
  "unrecorded-consent": [
    "story consent",
    "told on informed consent, but its record does not say who gave it and where the signed record is kept: record consent.by and consent.record in the story's file",
  ],
  "unconfirmed-partner": ["partner", "a placeholder: once the partner has agreed, record confirmed (on, by) in the edition's file"],
} as const;

const isFact = (f: Finding): f is Exclude<Finding, TextFinding> => f.kind in FACT_BLOCKERS;

export interface ReleaseBlocker {
  lang: string;
  document: string;
  key: string;
  reason: string;
}

/**
 * Everything that keeps the campaign from release: the findings of every page and PDF, each
 * text once per language (under its namespace), each contact and story once (under the
 * first document that shows it).
 */
export function releaseBlockers(shownItems: { document: string; findings: Finding[] }[]): ReleaseBlocker[] {
  const blockers = new Map<string, ReleaseBlocker>();
  for (const { document, findings } of shownItems) {
    for (const f of findings) {
      if (isFact(f)) {
        const [what, reason] = FACT_BLOCKERS[f.kind];
        const key = `${what} ${f.id}`;
        if (!blockers.has(key)) blockers.set(key, { lang: "all", document, key, reason });
        continue;
      }
      const [ns, key] = f.id.split(/:(.*)/s) as [string, string];
      const reason =
        f.kind === "missing"
          ? "missing"
          : f.kind === "refused"
            ? `rejected: ${f.reason}`
            : f.kind === "stale"
              ? "stale: the source text changed since it was translated"
              : `not approved (${f.kind})`;
      blockers.set(`${f.lang} ${f.id}`, { lang: f.lang, document: ns, key, reason });
    }
  }
  return [...blockers.values()];
}

/**
 * A site address that only stands in for the real one: the reserved example names (RFC 2606),
 * such as the kit's own waymark.example. Every QR code on every printed piece carries it.
 */
export function isPlaceholderAddress(baseUrl: string): boolean {
  const host = new URL(baseUrl).hostname;
  return host === PLACEHOLDER_HOST || host.endsWith(".example") || /(^|\.)example\.(com|net|org)$/.test(host);
}

/** What blocks release that no page shows on its own: the address every page, PDF and QR code carries. */
export function addressBlockers(baseUrl: string, edition: string | undefined): ReleaseBlocker[] {
  if (!isPlaceholderAddress(baseUrl)) return [];
  const where = edition
    ? `publishedAt in content/editions/${edition}.yaml (an https:// address), or baseUrl in content/campaign.yaml`
    : "baseUrl in content/campaign.yaml";
  return [
    {
      lang: "all",
      document: "campaign",
      key: "site address",
      reason: `${baseUrl} is a stand-in, not the site's address, and every QR code on every printed piece would carry it: set ${where} to the address the site will be published at`,
    },
  ];
}

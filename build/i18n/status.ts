/**
 * Where every translation stands, per language and document (namespace): the numbers behind
 * `waymark status`, its JSON report and the editors' page. What blocks release is the
 * release state of what the pages and PDFs show (build/release/state.ts).
 */
import type { Campaign } from "../content/campaign.ts";
import { documentLanguages } from "../content/campaign.ts";
import { expectedTexts, type Translations } from "./locales.ts";
import { flatten, translatable, type Resources } from "./source-strings.ts";

export interface StatusRow {
  lang: string;
  document: string;
  total: number;
  translated: number;
  missing: number;
  stale: number;
  rejected: number;
  draft: number;
  reviewed: number;
  approved: number;
}

/**
 * The namespaces a language is built with: shared ones, plus each document made in it. A
 * language that serves some documents only (German) shows no stories or glossary, and images
 * only if one of its documents has one.
 */
function namespacesFor(c: Campaign, sources: Resources, lang: string): string[] {
  const docs = new Set(c.documents.map((d) => d.id));
  const madeIn = c.documents.filter((d) => documentLanguages(c, d).some((l) => l.code === lang));
  const ids = new Set(madeIn.map((d) => d.id));
  const partial = Boolean(c.languages.find((l) => l.code === lang)?.serves);
  const images = madeIn.some((d) => d.illustration || d.sections.some((s) => s.blocks.some((b) => b.type === "image")));
  const shown = (ns: string) => (docs.has(ns) ? ids.has(ns) : !partial || (ns !== "stories" && ns !== "glossary" && (ns !== "images" || images)));
  return translatable(sources)
    .map(([ns]) => ns)
    .filter(shown);
}

export function translationStatus(c: Campaign, sources: Resources, t: Translations): StatusRow[] {
  const rows: StatusRow[] = [];
  for (const lang of c.languages) {
    const status = t.status[lang.code];
    if (!status) continue; // the source language
    for (const ns of namespacesFor(c, sources, lang.code)) {
      const row: StatusRow = { lang: lang.code, document: ns, total: 0, translated: 0, missing: 0, stale: 0, rejected: 0, draft: 0, reviewed: 0, approved: 0 };
      for (const key of expectedTexts(flatten(sources[ns]!), lang.code).keys()) {
        const st = status.get(`${ns}:${key}`) ?? { kind: "missing" as const };
        row.total++;
        if (st.kind === "translated") {
          row.translated++;
          row[st.state]++;
        } else row[st.kind]++;
      }
      rows.push(row);
    }
  }
  return rows;
}

export function statusTable(rows: StatusRow[]): string {
  const head = ["language", "document", "total", "translated", "missing", "stale", "rejected", "draft", "reviewed", "approved"];
  const body = rows.map((r) => [r.lang, r.document, r.total, r.translated, r.missing, r.stale, r.rejected, r.draft, r.reviewed, r.approved].map(String));
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n");
}

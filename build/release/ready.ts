/**
 * "Is it ready?": what blocks the release of each edition, per language and document, in plain
 * words for editors (`waymark ready`). The blockers are the release gate's own
 * (build/load.ts: the release state of every page and PDF, and the site's address).
 */
import type { Campaign } from "../content/campaign.ts";
import type { ReleaseBlocker } from "./state.ts";

export interface EditionReadiness {
  edition: string;
  ready: boolean;
  /** Per language ("all" for facts every language shows), per document: what blocks it, in words. */
  languages: { lang: string; name: string; documents: { document: string; blockers: string[] }[] }[];
  count: number;
}

/** At most this many text keys are named per reason; the rest are counted. */
const NAMED = 5;

const list = (xs: string[]) => xs.slice(0, NAMED).join(", ") + (xs.length > NAMED ? ` and ${xs.length - NAMED} more` : "");

/** Blockers of one language and document, those of the same kind and reason said once, with what they name. */
function inWords(blockers: ReleaseBlocker[]): string[] {
  const groups = new Map<string, { what: string; names: string[] }>();
  for (const b of blockers) {
    // A fact ("contact emergency-112") names its kind and id; a text its key. A refused text's reason names it.
    const cut = b.key.lastIndexOf(" ");
    const [what, name] =
      b.lang === "all" && b.key !== "site address" ? [b.key.slice(0, cut), b.key.slice(cut + 1)] : b.lang === "all" ? [b.key, ""] : ["text", b.key];
    const reason = b.reason.startsWith("rejected") ? `${b.reason} (${b.key})` : b.reason;
    const group = groups.get(`${what}\n${reason}`) ?? { what, names: [] };
    group.names.push(name);
    groups.set(`${what}\n${reason}`, group);
  }
  return [...groups].map(([k, { what, names }]) => {
    const reason = k.slice(k.indexOf("\n") + 1);
    if (what === "site address") return `the site's address: ${reason}`;
    const plural = what.endsWith("y") ? `${what.slice(0, -1)}ies` : `${what}s`;
    return `${names.length} ${names.length === 1 ? what : plural} (${list(names)}): ${reason}`;
  });
}

export function readiness(edition: string, campaign: Campaign, blockers: ReleaseBlocker[]): EditionReadiness {
  const names = new Map(campaign.languages.map((l) => [l.code, l.name]));
  const langs = [...new Set(blockers.map((b) => b.lang))].sort((a, b) => (a === "all" ? -1 : b === "all" ? 1 : a.localeCompare(b)));
  return {
    edition,
    ready: blockers.length === 0,
    count: blockers.length,
    languages: langs.map((lang) => {
      const mine = blockers.filter((b) => b.lang === lang);
      const documents = [...new Set(mine.map((b) => b.document))];
      return {
        lang,
        name: lang === "all" ? "Every language" : (names.get(lang) ?? lang),
        documents: documents.map((document) => ({ document, blockers: inWords(mine.filter((b) => b.document === document)) })),
      };
    }),
  };
}

export function formatReadiness(r: EditionReadiness): string {
  if (r.ready) return `Edition ${r.edition}: ready for release (waymark build --release${r.edition === "main" ? "" : ` --edition ${r.edition}`}).`;
  const lines = [`Edition ${r.edition}: not ready, ${r.count} thing${r.count === 1 ? "" : "s"} block${r.count === 1 ? "s" : ""} release.`];
  for (const l of r.languages) {
    lines.push(`  ${l.name}${l.lang === "all" ? "" : ` (${l.lang})`}:`);
    for (const d of l.documents) {
      lines.push(`    ${d.document}:`);
      for (const b of d.blockers) lines.push(`      - ${b}`);
    }
  }
  return lines.join("\n");
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/** The release checklist as a page (the editor's /admin/ready): the same words as `waymark ready`. */
export function readinessPage(report: EditionReadiness[]): string {
  const editions = report.map((r) => {
    const head = `<h2 id="${escapeHtml(r.edition)}">Edition ${escapeHtml(r.edition)}: ${r.ready ? "ready for release" : `not ready, ${r.count} thing${r.count === 1 ? "" : "s"} block${r.count === 1 ? "s" : ""} release`}</h2>`;
    const langs = r.languages.map(
      (l) =>
        `<h3>${escapeHtml(l.name)}${l.lang === "all" ? "" : ` (${escapeHtml(l.lang)})`}</h3>\n<dl>${l.documents
          .map((d) => `<dt>${escapeHtml(d.document)}</dt>${d.blockers.map((b) => `<dd>${escapeHtml(b)}</dd>`).join("")}`)
          .join("\n")}</dl>`,
    );
    return [head, ...langs].join("\n");
  });
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Is it ready? Release checklist</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem}dt{font-weight:bold;margin-top:.5rem}dd{margin-left:1.5rem}</style></head>
<body>
<h1>Is it ready? What blocks release</h1>
<p>Per edition, language and document: what a release build (<code>npm run waymark -- build --release</code>) refuses. The same list: <code>npm run waymark -- ready</code>. <a href="./">Back to the editor</a></p>
${editions.join("\n")}
</body>
</html>
`;
}

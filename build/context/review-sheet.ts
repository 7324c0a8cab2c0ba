/**
 * Stage "review sheet": dist/review/<lang>.html, one page a native speaker reviews a language
 * on, offline (fonts beside it, screenshots from dist/context/<lang>/, nothing from another
 * host): every text of the language, grouped by the document and page it first appears on, with
 * its source, its translation, its review state (and who approved it, when), whether it is
 * stale, and its screenshot. Decisions go back with `waymark review` or an XLIFF's states.
 * A working page for reviewers, in the source language like the editors' page: not a public page.
 */
import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { escapeMarkup as escapeHtml } from "../escape.ts";
import type { TextStatus } from "../i18n/locales.ts";
import { readReview, type ReviewRecord } from "../i18n/review-state.ts";
import { flatten, translatable } from "../i18n/source-strings.ts";
import { expectedTexts } from "../i18n/locales.ts";
import type { LoadedSite } from "../load.ts";
import { drawnBy, fontFaceCss, fontFiles, isLargeFont, unicodeRange } from "../site/fonts.ts";
import { writeWhole } from "../write-whole.ts";
import type { ContextManifest, Shot } from "./manifest.ts";
import { placeInWords } from "./xliff-bundle.ts";

interface Row {
  id: string;
  source: string;
  status: TextStatus;
  record?: ReviewRecord;
  shots: Shot[];
}

const CSS = `
*, *::before, *::after { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem 4rem; font: 15px/1.5 var(--latin); color: #1b1b1b; background: #fff; }
h1 { font-size: 1.6rem; margin: 0.5rem 0; } h2 { font-size: 1.3rem; margin: 2.5rem 0 0.5rem; border-bottom: 2px solid #0b4f6c; color: #0b4f6c; }
h3 { font-size: 1rem; margin: 1.5rem 0 0.5rem; color: #4d4d4d; }
.how { background: #eef5f8; padding: 0.75rem 1rem; border-radius: 4px; } .how code { font-size: 0.9em; }
nav ul { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; padding: 0; list-style: none; }
.text { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr) 17rem; gap: 0.5rem 1rem; padding: 0.75rem 0; border-top: 1px solid #ccc; break-inside: avoid; }
.meta { grid-column: 1 / -1; display: flex; flex-wrap: wrap; gap: 0.25rem 0.75rem; font-size: 0.85rem; color: #4d4d4d; }
.key { font-family: monospace; color: #1b1b1b; }
.label { display: block; font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.05em; color: #4d4d4d; }
.target { font-family: var(--target); font-size: calc(1rem * var(--target-size)); line-height: var(--target-leading); }
.missing { color: #8a2c0d; font-style: italic; }
.state { padding: 0 0.4rem; border-radius: 3px; font-weight: 700; }
.state-approved { background: #dcefdc; } .state-reviewed { background: #e3ecf7; } .state-draft { background: #fff6cc; }
.state-missing, .state-rejected, .stale { background: #fdf0e9; color: #8a2c0d; }
figure { margin: 0; } figure img { display: block; max-width: 100%; height: auto; border: 1px solid #999; }
figcaption { font-size: 0.75rem; color: #4d4d4d; }
.places { font-size: 0.8rem; margin: 0.25rem 0 0; padding-left: 1.1rem; }
.decision { grid-column: 1 / -1; font-size: 0.85rem; color: #4d4d4d; }
@media print { body { max-width: none; } .text { grid-template-columns: 1fr 1fr 12rem; } a { color: inherit; } }
`;

/** The state a text is in, for the badge: its review state, or why it has none. */
function stateOf(row: Row): { label: string; cls: string } {
  const st = row.status;
  if (st.kind === "missing") return { label: "missing", cls: "state-missing" };
  if (st.kind === "rejected") return { label: "refused", cls: "state-rejected" };
  return { label: st.state, cls: `state-${st.state}` };
}

function rowHtml(row: Row, lang: { code: string; dir: string }, source: { code: string; name: string }, base: string, name: (c: string) => string): string {
  const st = row.status;
  const translation = st.kind === "translated" || st.kind === "stale" ? st.text : undefined;
  const state = stateOf(row);
  const own = row.shots.filter((s) => s.lang === lang.code);
  const first = own[0] ?? row.shots[0];
  const approved =
    row.record?.by && st.kind !== "missing" && st.kind !== "rejected"
      ? `<span>${escapeHtml(row.record.state)} by ${escapeHtml(row.record.by)}${row.record.at ? `, ${escapeHtml(row.record.at.slice(0, 16).replace("T", " "))} UTC` : ""}</span>`
      : "";
  const others = own.slice(1).map((s) => `<li><a href="${escapeHtml(base + s.image)}">${escapeHtml(placeInWords(s, name))}</a></li>`);
  const sourceShot = row.shots.find((s) => s.lang === source.code && first && s.medium === first.medium && s.document === first.document);
  return `<article class="text" id="${escapeHtml(row.id)}">
<p class="meta"><span class="key">${escapeHtml(row.id)}</span><span class="state ${state.cls}">${state.label}</span>${st.kind === "stale" ? '<span class="state stale">stale: the English changed since</span>' : ""}${st.kind === "rejected" ? `<span>${escapeHtml(st.reason)}</span>` : ""}${approved}</p>
<div><span class="label">${escapeHtml(source.name)}</span><p lang="${escapeHtml(source.code)}" dir="ltr">${escapeHtml(row.source)}</p></div>
<div><span class="label">${escapeHtml(name(lang.code))}</span>${translation !== undefined ? `<p class="target" lang="${escapeHtml(lang.code)}" dir="${lang.dir}">${escapeHtml(translation)}</p>` : '<p class="missing">not translated: the English is shown</p>'}</div>
<figure>${first ? `<a href="${escapeHtml(base + first.image)}"><img src="${escapeHtml(base + first.image)}" loading="lazy" alt="Screenshot: ${escapeHtml(placeInWords(first, name))}"></a><figcaption>${escapeHtml(placeInWords(first, name))}${sourceShot ? ` · <a href="${escapeHtml(base + sourceShot.image)}">${escapeHtml(source.name)}</a>` : ""}</figcaption>` : "<figcaption>Shown on no page.</figcaption>"}${others.length ? `<ul class="places">${others.join("")}</ul>` : ""}</figure>
</article>`;
}

/**
 * Writes the sheet and its fonts (assetsDir: dist/review/<lang>/fonts/).
 * @param base the context folder as seen from the sheet ("../context/ti/")
 */
export async function writeReviewSheet(
  loaded: LoadedSite,
  lang: string,
  manifest: ContextManifest,
  file: string,
  assetsDir: string,
  base: string,
): Promise<void> {
  const c = loaded.campaign;
  const language = c.languages.find((l) => l.code === lang)!;
  const name = (code: string) => c.languages.find((l) => l.code === code)?.name ?? code;
  const status = loaded.translations.status[lang]!;
  const read = async (edition?: string) => {
    const r = await readReview(c.root, lang, edition);
    return "records" in r ? r.records : {}; // a malformed file is reported by the load
  };
  const records: Record<string, ReviewRecord> = { ...(await read()), ...(c.edition ? await read(c.edition.id) : {}) };
  const shotsOf = new Map<string, Shot[]>();
  for (const s of manifest.shots) shotsOf.set(s.key, [...(shotsOf.get(s.key) ?? []), s]);
  const rows: Row[] = [];
  for (const [ns, tree] of translatable(loaded.sources))
    for (const [key, text] of expectedTexts(flatten(tree), lang)) {
      const id = `${ns}:${key}`;
      const st = status.get(id);
      if (!st) continue;
      const record = records[id];
      rows.push({ id, source: text, status: st, ...(record ? { record } : {}), shots: shotsOf.get(id) ?? [] });
    }
  // Each text under the first place the language shows it: print documents page by page, then web pages, then texts shown nowhere.
  const order = new Map<string, number>();
  manifest.shots.filter((s) => s.lang === lang).forEach((s) => order.has(`${s.medium} ${s.document}`) || order.set(`${s.medium} ${s.document}`, order.size));
  const groups = new Map<string, { title: string; rank: number; pages: Map<number, Row[]> }>();
  for (const row of rows) {
    const first = row.shots.find((s) => s.lang === lang);
    const groupKey = first ? `${first.medium} ${first.document}` : "none";
    if (!groups.has(groupKey))
      groups.set(groupKey, {
        title: first ? `${first.document} (${first.medium === "print" ? "print" : "web page"})` : "Texts no page shows",
        rank: first ? order.get(groupKey)! : Number.MAX_SAFE_INTEGER,
        pages: new Map(),
      });
    const pages = groups.get(groupKey)!.pages;
    const page = first?.medium === "print" ? first.page : 0;
    pages.set(page, [...(pages.get(page) ?? []), row]);
  }
  const sorted = [...groups.entries()].sort((a, b) => a[1].rank - b[1].rank);
  const src = { code: c.source.code, name: name(c.source.code) };
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(stateOf(row).label, (counts.get(stateOf(row).label) ?? 0) + 1);
  const stale = rows.filter((r) => r.status.kind === "stale").length;
  const anchor = (k: string) => `doc-${k.replace(/[^A-Za-z0-9-]/g, "-")}`;
  const edition = c.edition ? ` --edition ${c.edition.id}` : "";
  const body = sorted
    .map(
      ([k, g]) =>
        `<section id="${anchor(k)}"><h2>${escapeHtml(g.title)}</h2>${[...g.pages.entries()]
          .sort((a, b) => a[0] - b[0])
          .map(
            ([page, list]) =>
              `${page ? `<h3>Page ${page}</h3>` : ""}${list.map((row) => rowHtml(row, { code: lang, dir: language.dir }, src, base, name)).join("\n")}`,
          )
          .join("\n")}</section>`,
    )
    .join("\n");

  // Fonts beside the sheet: the language's and the source language's, whole (a very large one, Chinese, is left to the proofs).
  const files = fontFiles(c, [...new Set([language, c.source])]).filter((f) => !isLargeFont(f));
  await mkdir(path.join(assetsDir, "fonts"), { recursive: true });
  await Promise.all(files.map((f) => copyFile(f.path, path.join(assetsDir, "fonts", f.name))));
  const ranges = drawnBy(files);
  const fonts = fontFaceCss(files.map((f) => ({ file: f, url: `${path.basename(assetsDir)}/fonts/${f.name}`, range: unicodeRange(ranges.get(f)!) })));
  const family = (l: typeof language) => l.fonts.map((id) => `"${c.fonts[id]!.family}"`).join(", ");
  const vars = `:root { --latin: ${family(c.source)}, sans-serif; --target: ${family(language)}, ${family(c.source)}; --target-size: ${language.size}; --target-leading: ${language.leading}; }`;
  const html = `<!doctype html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<title>Review sheet: ${escapeHtml(language.name)} (${escapeHtml(lang)})${c.edition ? `, edition ${escapeHtml(c.edition.id)}` : ""}</title>
<style>${fonts}\n${vars}\n${CSS}</style>
</head>
<body>
<h1>Review sheet: ${escapeHtml(language.name)} · <span lang="${escapeHtml(lang)}" dir="${language.dir}" class="target">${escapeHtml(language.endonym)}</span></h1>
<p>${rows.length} texts: ${[...counts].map(([k, n]) => `${n} ${k}`).join(", ")}${stale ? `; ${stale} stale` : ""}. Revision ${escapeHtml(manifest.revision)}${c.edition ? `, edition ${escapeHtml(c.edition.id)}` : ""}. Each text is listed under the first page that shows it; its screenshot outlines it there.</p>
<div class="how"><p>Record decisions with <code>npm run waymark -- review --lang ${escapeHtml(lang)}${edition} --key &lt;key&gt; --document &lt;namespace&gt; --state approved --by "Your name"</code>, or set each unit's state in the XLIFF (<code>dist/context/${escapeHtml(path.basename(base))}/${escapeHtml(path.basename(base))}.xlf</code>: final = approved) and import it with <code>npm run waymark -- xliff import &lt;file&gt;${edition} --by "Your name"</code>. The proofs for marking on paper are in <code>review/${escapeHtml(path.basename(assetsDir))}/</code>.</p></div>
<nav><ul>${sorted.map(([k, g]) => `<li><a href="#${anchor(k)}">${escapeHtml(g.title)}</a></li>`).join("")}</ul></nav>
${body}
</body>
</html>
`;
  await writeWhole(file, html);
}

/**
 * Stage "fit fonts to each page": every web page gets its own @font-face rules, each pointing
 * to a font file cut down (HarfBuzz, through subset-font) to the characters that page draws
 * with it. A reader on a 2G phone fetches a few kilobytes of font, not whole scripts: an
 * English page whose language menu shows "ትግርኛ" gets those four Ethiopic glyphs, nothing more.
 *
 * Which font draws a character is decided as the browser decides it: the element's language
 * gives the stack (then the page's), and the first font of the stack with a glyph draws it
 * (GlyphCoverage.fileFor). Which weight: the kit's own stylesheets say which elements are bold.
 * The rules are inlined in the page (one request less) and allowed by a hash in its CSP.
 */
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { WorkerPool, type Task } from "../worker-pool.ts";
import { compile } from "css-select";
import type { AnyNode, Element } from "domhandler";
import { isTag, isText } from "domhandler";
import { parseDocument } from "htmlparser2";
import postcss from "postcss";
import type { Campaign } from "../content/campaign.ts";
import type { Language } from "../content/schemas.ts";
import type { GlyphCoverage } from "../checks/glyph-coverage.ts";
import { writeWhole } from "../write-whole.ts";
import { byRealPath } from "./by-real-path.ts";
import { fontFaceCss, fontFiles, unicodeRange, type FontFile } from "./fonts.ts";
import { relativeUrl } from "./relative-links.ts";

/** What the page stylesheets say about the characters drawn: which weights elements are drawn in, which are upper-cased, and the text CSS itself adds. */
export interface StyleFacts {
  /** The weight an element's text is drawn in, given its parent's. */
  weight: (el: Element, inherited: Weight) => Weight;
  upper: (el: Element) => boolean;
  /** Characters from `content:` strings, list markers and page numbers, drawn in the page's language. */
  generated: string;
}
type Weight = 400 | 700;

// Elements the browser's own stylesheet makes bold.
const UA_BOLD = new Set(["b", "strong", "th", "h1", "h2", "h3", "h4", "h5", "h6"]);
// States and pseudo-elements do not change which element is styled: drop them before matching.
const STATES = /::?(hover|focus-visible|focus-within|focus|active|visited|link|target|before|after|marker|first-line|first-letter)\b/g;

/**
 * Reads the weight, case and generated-text rules from the given stylesheets. Weight follows
 * the cascade as the kit's stylesheets use it: the most specific matching rule wins, then the
 * later one; an element no rule names inherits (headings and <strong> are bold by default).
 */
export function styleFacts(cssTexts: string[]): StyleFacts {
  const weightRules: { test: (el: Element) => boolean; specificity: number; order: number; weight: Weight }[] = [];
  const upper: string[] = [];
  // Page numbers, list markers and hyphens the browser inserts; and every hex digit: each page
  // shows the content's revision, a hash that changes with any edit, and a page that did not
  // change keeps its cut (a Han page's would be cut again from the whole Noto Sans SC otherwise).
  let generated = "0123456789abcdef.•–-";
  for (const css of cssTexts) {
    postcss.parse(css).walkDecls((decl) => {
      const rule = decl.parent;
      if (rule?.type !== "rule") return;
      const selectors = (rule as postcss.Rule).selectors.map((s) => s.replace(STATES, "").trim() || "*");
      if (decl.prop === "font-weight") {
        const weight: Weight = /^(bold|bolder)$/.test(decl.value) || Number(decl.value) >= 600 ? 700 : 400;
        for (const sel of selectors) weightRules.push({ test: matcher([sel]), specificity: specificity(sel), order: weightRules.length, weight });
      }
      if (decl.prop === "text-transform" && decl.value === "uppercase") upper.push(...selectors);
      if (decl.prop === "content") for (const m of decl.value.matchAll(/"([^"]*)"|'([^']*)'/g)) generated += m[1] ?? m[2];
    });
  }
  return {
    weight: (el, inherited) => {
      const winner = weightRules.filter((r) => r.test(el)).sort((a, b) => b.specificity - a.specificity || b.order - a.order)[0];
      if (winner) return winner.weight;
      return UA_BOLD.has(el.name) ? 700 : inherited;
    },
    upper: matcher(upper),
    generated,
  };
}

/** CSS specificity as one number (ids, then classes, attributes and pseudo-classes, then types), enough for the kit's selectors. */
function specificity(selector: string): number {
  const ids = selector.match(/#[\w-]+/g)?.length ?? 0;
  const classes = selector.match(/\.[\w-]+|\[[^\]]*\]|:[\w-]+/g)?.length ?? 0;
  const types = selector.replace(/\[[^\]]*\]|\([^)]*\)/g, "").match(/(^|[\s>+~])[a-z][\w-]*/gi)?.length ?? 0;
  return ids * 10_000 + classes * 100 + types;
}

function matcher(selectors: string[]): (el: Element) => boolean {
  const tests = selectors.map((s) =>
    compile<AnyNode, Element>(s, {
      pseudos: {
        lang: (el, value) =>
          langOf(el as AnyNode)
            .toLowerCase()
            .startsWith((value ?? "").toLowerCase()),
      },
    }),
  );
  return (el) => tests.some((t) => t(el));
}

function langOf(node: AnyNode | null): string {
  for (let n: AnyNode | null = node; n; n = n.parent) if (isTag(n) && n.attribs.lang !== undefined) return n.attribs.lang;
  return "";
}

/** Code points one page draws, per font file and weight ("fontId|index|weight"). */
export function pageCharacters(html: string, c: Campaign, coverage: GlyphCoverage, style: StyleFacts): Map<string, Set<number>> {
  const doc = parseDocument(html);
  const byCode = new Map(c.languages.map((l) => [l.code.toLowerCase(), l]));
  const htmlEl = doc.children.find((n): n is Element => isTag(n) && n.name === "html");
  const page = byCode.get((htmlEl?.attribs.lang ?? c.source.code).toLowerCase()) ?? c.source;
  const faces = new Map<string, Set<number>>();
  const hasBold = (f: FontFile) => Boolean(c.fonts[f.fontId]!.files[700]);

  const draw = (text: string, lang: Language, weight: Weight) => {
    const stack = [...lang.fonts, ...page.fonts];
    const used: Set<number>[] = [];
    const invisible: number[] = [];
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      // Spaces and joiners are shaped with their neighbours: they go into every face the text uses.
      if (/[\s\p{Cf}]/u.test(ch)) {
        invisible.push(cp);
        continue;
      }
      const file = coverage.fileFor(stack, cp);
      if (!file) continue; // the glyph check reports it; the browser would fall back
      const key = `${file.fontId}|${file.index}|${weight === 700 && hasBold(file) ? 700 : 400}`;
      const set = faces.get(key) ?? new Set<number>();
      faces.set(key, set);
      set.add(cp);
      used.push(set);
    }
    for (const set of new Set(used)) for (const cp of [0x20, ...invisible]) set.add(cp);
  };

  const walk = (node: AnyNode, weight: Weight, upper: boolean) => {
    if (isText(node)) {
      const el = node.parent as Element;
      const lang = byCode.get(langOf(el).toLowerCase()) ?? page;
      const text = node.data; // entities are decoded by the parser
      draw(upper ? text + text.toLocaleUpperCase(lang.code) : text, lang, weight);
      return;
    }
    if (!isTag(node) || ["head", "script", "style", "template", "noscript"].includes(node.name)) return;
    const w = style.weight(node, weight);
    const u = upper || style.upper(node);
    for (const child of node.children) walk(child, w, u);
  };
  for (const n of doc.children) walk(n, 400, false);
  draw(style.generated, page, 400);
  return faces;
}

/** HTML files under a folder, as paths relative to it. */
export async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith(".html")).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

const sha = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");

/** A font file's hash, once per process (Noto Sans SC is 10 MB a weight). */
const sourceHash = byRealPath((real) => readFile(real).then(sha));

type CutInput = { path: string; text: string; format: "woff2" | "truetype" };
/** HarfBuzz's cut of one font file, on a worker thread (subset-task.ts). */
const CUT_FONT: Task<CutInput> = { module: new URL("./subset-task.ts", import.meta.url), exported: "cutFont", describe: (f) => `cutting ${f.path}` };

export interface SubsetOptions {
  /** "page": each page's own cut (the lightest first visit, what the kit publishes); "language": one cut per language, shared by all its pages (the benchmark's baseline). */
  per?: "page" | "language";
  /** Which font files to cut (default all): print pages cut only the large ones (build/site/fonts.ts). */
  files?: (file: FontFile) => boolean;
  /** woff2 for the web (smallest); truetype for Chromium to lay out and print (cut ten times quicker). */
  format?: "woff2" | "truetype";
  /** The stylesheets (under assets/) that say which elements are bold or upper-cased. */
  stylesheets?: string[];
  /** Where the cuts go, under the site: "assets/fonts" (default). */
  folder?: string;
}

/**
 * Cuts the fonts of every page under siteDir and inlines their @font-face rules.
 * @param cacheDir where cut files are kept between builds: a file is named by the hash of its
 *   source font and characters, so the same cut is never made twice
 * @param per "page": each page's own cut (the lightest first visit, what the kit publishes);
 *   "language": one cut per language, shared by all its pages (the benchmark's baseline)
 * @returns per page (path relative to siteDir), the font URLs it may fetch
 */
export async function subsetPageFonts(
  c: Campaign,
  siteDir: string,
  coverage: GlyphCoverage,
  cacheDir?: string,
  opts: SubsetOptions = {},
): Promise<Map<string, string[]>> {
  const { per = "page", files: which = () => true, format = "woff2", stylesheets = ["site.css", "print.css", "type.css"], folder = "assets/fonts" } = opts;
  const css = await Promise.all(stylesheets.map((f) => readFile(path.join(siteDir, "assets", f), "utf8")));
  const style = styleFacts(css);
  const files = new Map(fontFiles(c).map((f) => [`${f.fontId}|${f.index}|${f.weight}`, f]));
  const fontsDir = path.join(siteDir, ...folder.split("/"));
  await mkdir(fontsDir, { recursive: true });
  if (cacheDir) await mkdir(cacheDir, { recursive: true });
  const sourceHashes = new Map(await Promise.all([...new Set([...files.values()].map((f) => f.path))].map(async (p) => [p, await sourceHash(p)] as const)));

  // First what every page draws, then the cuts, all at once over the pool.
  const drawn = await Promise.all(
    (await htmlFiles(siteDir)).map(async (rel) => {
      const html = await readFile(path.join(siteDir, rel), "utf8");
      return { rel, html, chars: pageCharacters(html, c, coverage, style), lang: /<html lang="([^"]*)"/.exec(html)?.[1] ?? "" };
    }),
  );
  // Per language: every page of a language gets the union of its pages' characters, per face.
  const union = new Map<string, Set<number>>();
  if (per === "language")
    for (const d of drawn) for (const [key, cps] of d.chars) union.set(`${d.lang}|${key}`, new Set([...(union.get(`${d.lang}|${key}`) ?? []), ...cps]));
  const pages = drawn.map(({ rel, html, chars, lang }) => {
    const faces = [...chars]
      .filter(([key]) => which(files.get(key)!))
      .map(([key, own]) => {
        const cps = per === "language" ? union.get(`${lang}|${key}`)! : own;
        const file = files.get(key)!;
        const text = String.fromCodePoint(...[...cps].sort((a, b) => a - b));
        return {
          file,
          cps,
          text,
          name: `${file.fontId}-${file.weight}-${sha(`${sourceHashes.get(file.path)}|${text}`).slice(0, 16)}.${format === "woff2" ? "woff2" : "ttf"}`,
        };
      });
    return { rel, html, faces };
  });
  const cuts = new Map(pages.flatMap((p) => p.faces.map((f) => [f.name, f] as const)));
  await Promise.all(
    [...cuts.values()].map(async ({ file, text, name }) => {
      const cached = cacheDir && (await readFile(path.join(cacheDir, name)).catch(() => undefined));
      const bytes = cached ?? (await WorkerPool.shared().run<CutInput, Uint8Array>(CUT_FONT, { path: file.path, text, format }));
      if (cacheDir && !cached) await writeWhole(path.join(cacheDir, name), bytes);
      await writeFile(path.join(fontsDir, name), bytes);
    }),
  );

  const perPage = new Map<string, string[]>();
  for (const { rel, html, faces } of pages) {
    // Relative to the page, written now: the style is allowed by its hash, so nothing may change it later.
    const rules = faces.map((f) => ({
      file: f.file,
      url: relativeUrl(path.posix.dirname(`/${rel.split(path.sep).join("/")}`), `/${folder}/${f.name}`),
      range: unicodeRange(f.cps),
    }));
    perPage.set(
      rel,
      rules.map((r) => r.url),
    );
    if (rules.length) await writeFile(path.join(siteDir, rel), withInlineStyle(html, fontFaceCss(rules)));
  }
  return perPage;
}

/** The page with a <style> before </head>, allowed by its hash in the page's Content-Security-Policy (when it has one). */
export function withInlineStyle(html: string, css: string): string {
  const hash = createHash("sha256").update(css).digest("base64");
  return html
    .replace(/(<meta http-equiv="Content-Security-Policy" content="[^"]*style-src 'self')/, `$1 'sha256-${hash}'`)
    .replace("</head>", `<style>${css}</style>\n</head>`);
}

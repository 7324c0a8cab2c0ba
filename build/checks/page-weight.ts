/**
 * Check "page weight": what a reader's phone downloads on a first visit to each web page, by
 * kind of resource. Story pages (and the materials pages, held to theirs) and the root page have budgets; a page over its budget stops the
 * build, and so does any request to another host (the readers may be at risk: nothing may tell
 * a third party they read).
 *
 * The build adds up, from the built files, what each page loads: its HTML, stylesheets, scripts,
 * images (lazy ones too: a phone fetches those near the top), and the fonts cut for it (every face the page declares draws some of
 * its text, so a browser fetches them all). That takes milliseconds for every page of every
 * edition. `measurePageWeights` loads pages in the real Chromium (cache off, a phone's screen)
 * and counts the bytes it received: the audit does that for every page, and a test holds the
 * two to the same figures.
 */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { findAll, textContent } from "domutils";
import { parseDocument } from "htmlparser2";
import type { Browser, Page } from "puppeteer-core";
import type { Campaign } from "../content/campaign.ts";
import { urlFolder } from "../content/campaign.ts";
import type { Problem } from "../errors.ts";
import { visitPages, type VisitOptions } from "../chromium/visit-pages.ts";

/** Budgets in bytes (1 KB = 1000 bytes), uncompressed. Chinese pages carry far more glyphs per page. */
export const BUDGETS = {
  story: { default: 75_000, Hans: 150_000 },
  root: { default: 100_000 },
  /** The screen PDF of the brochure, for sharing by phone. */
  screenBrochure: 1_000_000,
} as const;

type PageKind = "root" | "home" | "story" | "materials" | "other";

export interface PageWeight {
  page: string;
  lang: string;
  kind: PageKind;
  html: number;
  css: number;
  fonts: number;
  images: number;
  other: number;
  total: number;
  requests: number;
  /** The page's budget, when its kind has one. */
  budget?: number;
}

/** A phone as many readers have one: small screen, twice the pixels. */
export const PHONE = { width: 360, height: 740, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** The kind of page and its language, from its path in the site ("fa/stories/x/index.html"). */
function pageOf(c: Campaign, rel: string): { kind: PageKind; lang: string } {
  const parts = rel.split(/[\\/]/);
  const lang = c.languages.find((l) => urlFolder(l.code) === parts[0]);
  if (!lang) return { kind: parts.length === 1 ? "root" : "other", lang: "" };
  const kind = parts[1] === "stories" && parts.length === 4 ? "story" : parts[1] === "materials" ? "materials" : parts.length === 2 ? "home" : "other";
  return { kind, lang: lang.code };
}

function budgetOf(c: Campaign, kind: PageKind, lang: string): number | undefined {
  if (kind === "root") return BUDGETS.root.default;
  if (kind !== "story" && kind !== "materials") return undefined; // the materials pages are held to the story pages' budget
  const script = c.languages.find((l) => l.code === lang)?.script as keyof typeof BUDGETS.story;
  return BUDGETS.story[script] ?? BUDGETS.story.default;
}

/** Bytes by kind, from Chromium's own resource types. */
const KIND: Record<string, keyof Pick<PageWeight, "html" | "css" | "fonts" | "images" | "other">> = {
  Document: "html",
  Stylesheet: "css",
  Font: "fonts",
  Image: "images",
};

/**
 * What each page loads on a first visit, added up from the built site (paths relative to
 * siteDir), and every reference to another host.
 */
export async function staticPageWeights(c: Campaign, siteDir: string, pages: string[]): Promise<{ rows: PageWeight[]; problems: Problem[] }> {
  const sizes = new Map<string, Promise<number>>();
  const size = (file: string) => {
    if (!sizes.has(file))
      sizes.set(
        file,
        stat(file).then(
          (s) => s.size,
          () => 0,
        ),
      );
    return sizes.get(file)!;
  };
  const rows: PageWeight[] = [];
  const problems: Problem[] = [];
  for (const rel of [...pages].sort()) {
    const page = rel.split(path.sep).join("/");
    const html = await readFile(path.join(siteDir, rel), "utf8");
    const { kind, lang } = pageOf(c, rel);
    const row: PageWeight = { page, lang, kind, html: Buffer.byteLength(html), css: 0, fonts: 0, images: 0, other: 0, total: 0, requests: 1 };
    const budget = budgetOf(c, kind, lang);
    if (budget !== undefined) row.budget = budget;
    const fetched = new Set<string>(); // a browser fetches a file once, however often the page names it
    for (const { url, kind: k } of pageResources(html)) {
      if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(url)) {
        if (!url.startsWith("data:"))
          problems.push({
            file: `dist/site/${page}`,
            message: `asks another host for ${url}`,
            hint: "pages may load nothing from other websites: self-host it or remove it",
          });
        continue;
      }
      const file = path
        .join(siteDir, url.startsWith("/") ? url : path.posix.join(path.posix.dirname(page), url))
        .split("#")[0]!
        .split("?")[0]!;
      if (fetched.has(file)) continue;
      fetched.add(file);
      row[k] += await size(file);
      row.requests++;
    }
    row.total = row.html + row.css + row.fonts + row.images + row.other;
    rows.push(row);
  }
  return { rows, problems: [...problems, ...overBudget(rows)] };
}

/** The resources a page fetches on a first visit, by what they are: stylesheets, scripts, images, fonts of its inline rules. */
function pageResources(html: string): { url: string; kind: keyof typeof RESOURCE_KINDS }[] {
  const out: { url: string; kind: keyof typeof RESOURCE_KINDS }[] = [];
  const doc = parseDocument(html);
  for (const el of findAll((n) => ["link", "script", "img", "iframe", "embed", "object", "source", "video", "audio"].includes(n.name), doc.children)) {
    const a = el.attribs;
    if (el.name === "link" && /\bstylesheet\b/.test(a.rel ?? "") && a.href) out.push({ url: a.href, kind: "css" });
    else if (el.name === "link" && /\b(icon|preload|modulepreload|manifest)\b/.test(a.rel ?? "") && a.href) out.push({ url: a.href, kind: "other" });
    else if (el.name === "script" && a.src) out.push({ url: a.src, kind: "other" });
    // A lazy image is counted too: a phone fetches those within a few screens of the top on a first visit.
    else if (el.name === "img" && a.src) out.push({ url: a.src, kind: "images" });
    else if (a.src ?? a.data) out.push({ url: (a.src ?? a.data)!, kind: "other" });
  }
  for (const style of findAll((n) => n.name === "style", doc.children)) {
    for (const m of textContent(style).matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g))
      out.push({ url: m[1]!, kind: /\.(woff2?|ttf|otf)$/.test(m[1]!) ? "fonts" : "images" });
  }
  return out;
}
const RESOURCE_KINDS = { css: 0, fonts: 0, images: 0, other: 0 };

/** The pages over their budget, each with its parts. */
function overBudget(rows: PageWeight[]): Problem[] {
  return rows
    .filter((r) => r.budget !== undefined && r.total > r.budget)
    .map((r) => {
      const parts = (["html", "css", "fonts", "images", "other"] as const).map((k) => `${k} ${kb(r[k])}`).join(", ");
      return {
        file: `dist/site/${r.page}`,
        message: `weighs ${kb(r.total)} on a first visit, over its budget of ${kb(r.budget!)} (${parts})`,
        hint: "see dist/reports/page-weight.json; shorten what the page shows in every language's menu, or lighten its images",
      };
    });
}

/** How long one page may take and settle its fonts before the check gives up on it. */
const PAGE_TIMEOUT_MS = 30_000;

/**
 * Loads every page in a fresh, cacheless tab and adds up what was fetched: the body bytes
 * Chromium received (its Network events), by resource type.
 * @param pages paths relative to siteDir
 */
export async function measurePageWeights(
  c: Campaign,
  siteDir: string,
  pages: string[],
  browser: Browser,
  options: VisitOptions = {},
): Promise<{ rows: PageWeight[]; problems: Problem[] }> {
  const rows: PageWeight[] = [];
  const problems: Problem[] = [];
  await visitPages(
    siteDir,
    pages,
    browser,
    async (tab) => {
      await tab.setCacheEnabled(false);
      await tab.setViewport(PHONE);
      return networkBytes(tab);
    },
    async (tab, url, rel, counter, origin) => {
      const { kind, lang } = pageOf(c, rel);
      const row: PageWeight = { page: rel.split(path.sep).join("/"), lang, kind, html: 0, css: 0, fonts: 0, images: 0, other: 0, total: 0, requests: 0 };
      const budget = budgetOf(c, kind, lang);
      if (budget !== undefined) row.budget = budget;
      counter.reset();
      await tab.goto(url, { waitUntil: "load", timeout: PAGE_TIMEOUT_MS });
      await tab.evaluate(() => document.fonts.ready.then(() => undefined));
      for (const r of counter.requests()) {
        if (r.url.startsWith("data:")) continue; // inside the HTML already
        if (!r.url.startsWith(origin + "/")) {
          problems.push({
            file: `dist/site/${row.page}`,
            message: `asks another host for ${r.url}`,
            hint: "pages may load nothing from other websites: self-host it or remove it",
          });
          continue;
        }
        row[KIND[r.type] ?? "other"] += r.bytes;
        row.requests++;
      }
      row.total = row.html + row.css + row.fonts + row.images + row.other;
      rows.push(row);
    },
    { timeoutMs: PAGE_TIMEOUT_MS, ...options },
  );
  rows.sort((a, b) => a.page.localeCompare(b.page));
  return { rows, problems: [...problems, ...overBudget(rows)] };
}

/**
 * Counts what a tab fetches from the network (its CDP Network events): each request's URL,
 * resource type and the body bytes received. `reset` before a visit; `total(origin)` adds up
 * what came from that origin (data: URLs are inside the page already).
 */
export async function networkBytes(tab: Page) {
  const cdp = await tab.createCDPSession();
  await cdp.send("Network.enable");
  const requests = new Map<string, { url: string; type: string; bytes: number }>();
  cdp.on("Network.requestWillBeSent", (e) => void requests.set(e.requestId, { url: e.request.url, type: e.type ?? "Other", bytes: 0 }));
  cdp.on("Network.dataReceived", (e) => {
    const r = requests.get(e.requestId);
    if (r) r.bytes += e.dataLength;
  });
  return {
    reset: () => requests.clear(),
    requests: () => [...requests.values()],
    total: (origin: string) => [...requests.values()].filter((r) => r.url.startsWith(origin + "/")).reduce((n, r) => n + r.bytes, 0),
  };
}

/**
 * Stage "weigh": every web page's first visit, and the screen brochures' sizes, against their
 * budgets: the report for dist/reports/page-weight.json, and what is over budget.
 */
export async function weighSite(
  c: Campaign,
  siteDir: string,
  pages: string[],
  brochures: { pdf: string; bytes: number }[],
): Promise<{ report: unknown; problems: Problem[] }> {
  const { rows, problems } = await staticPageWeights(c, siteDir, pages);
  for (const b of brochures)
    if (b.bytes > BUDGETS.screenBrochure)
      problems.push({
        file: `dist/pdf/${b.pdf}`,
        message: `the screen brochure weighs ${kb(b.bytes)}, over its budget of ${kb(BUDGETS.screenBrochure)}`,
        hint: "lighten its images, or check which fonts it embeds (pdffonts)",
      });
  const heaviest = c.languages.flatMap((l) => {
    const own = rows.filter((r) => r.lang === l.code);
    if (!own.length) return [];
    const top = own.reduce((a, b) => (b.total > a.total ? b : a));
    return [{ lang: l.code, page: top.page, total: top.total }];
  });
  const report = {
    measured:
      "what a first visit fetches, added up from the built files (the HTML, its stylesheets, scripts, images, lazy ones too, and the fonts cut for the page); bytes uncompressed; `waymark audit` measures the same in Chromium",
    budgets: BUDGETS,
    heaviest,
    screenBrochures: brochures,
    pages: rows,
  };
  return { report, problems };
}

function kb(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} KB`;
}

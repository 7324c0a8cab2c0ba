/**
 * Check "page weight": what a reader's phone downloads on a first visit to each web page,
 * measured in the real Chromium (cache off, a phone's screen), by kind of resource. Story pages
 * and the root page have budgets; a page over its budget stops the build, and so does any
 * request to another host (the readers may be at risk: nothing may tell a third party they read).
 */
import path from "node:path";
import type { Browser } from "puppeteer-core";
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

export type PageKind = "root" | "home" | "story" | "other";

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
const PHONE = { width: 360, height: 740, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** The kind of page and its language, from its path in the site ("fa/stories/x/index.html"). */
export function pageOf(c: Campaign, rel: string): { kind: PageKind; lang: string } {
  const parts = rel.split(/[\\/]/);
  const lang = c.languages.find((l) => urlFolder(l.code) === parts[0]);
  if (!lang) return { kind: parts.length === 1 ? "root" : "other", lang: "" };
  const kind = parts[1] === "stories" && parts.length === 4 ? "story" : parts.length === 2 ? "home" : "other";
  return { kind, lang: lang.code };
}

export function budgetOf(c: Campaign, kind: PageKind, lang: string): number | undefined {
  if (kind === "root") return BUDGETS.root.default;
  if (kind !== "story") return undefined;
  const script = c.languages.find((l) => l.code === lang)?.script as keyof typeof BUDGETS.story;
  return BUDGETS.story[script] ?? BUDGETS.story.default;
}

/** Bytes by kind, from Chromium's own resource types. */
const KIND: Record<string, keyof Pick<PageWeight, "html" | "css" | "fonts" | "images" | "other">> = { Document: "html", Stylesheet: "css", Font: "fonts", Image: "images" };

/** How long one page may take to load and settle its fonts before the check gives up on it. */
const PAGE_TIMEOUT_MS = 30_000;

/**
 * Loads every page in a fresh, cacheless tab and adds up what was fetched: the body bytes
 * Chromium received (its Network events), by resource type.
 * @param pages paths relative to siteDir
 */
export async function weighPages(c: Campaign, siteDir: string, pages: string[], browser: Browser, options: VisitOptions = {}): Promise<{ rows: PageWeight[]; problems: Problem[] }> {
  const rows: PageWeight[] = [];
  const problems: Problem[] = [];
  await visitPages(
    siteDir,
    pages,
    browser,
    async (tab) => {
      await tab.setCacheEnabled(false);
      await tab.setViewport(PHONE);
      const cdp = await tab.createCDPSession();
      await cdp.send("Network.enable");
      // Per request: its URL and resource type, and the body bytes received so far.
      const requests = new Map<string, { url: string; type: string; bytes: number }>();
      cdp.on("Network.requestWillBeSent", (e) => void requests.set(e.requestId, { url: e.request.url, type: e.type ?? "Other", bytes: 0 }));
      cdp.on("Network.dataReceived", (e) => {
        const r = requests.get(e.requestId);
        if (r) r.bytes += e.dataLength;
      });
      return requests;
    },
    async (tab, url, rel, requests, origin) => {
      const { kind, lang } = pageOf(c, rel);
      const row: PageWeight = { page: rel.split(path.sep).join("/"), lang, kind, html: 0, css: 0, fonts: 0, images: 0, other: 0, total: 0, requests: 0 };
      const budget = budgetOf(c, kind, lang);
      if (budget !== undefined) row.budget = budget;
      requests.clear();
      await tab.goto(url, { waitUntil: "load", timeout: PAGE_TIMEOUT_MS });
      await tab.evaluate(() => document.fonts.ready.then(() => undefined));
      for (const r of requests.values()) {
        if (r.url.startsWith("data:")) continue; // inside the HTML already
        if (!r.url.startsWith(origin + "/")) {
          problems.push({ file: `dist/site/${row.page}`, message: `asks another host for ${r.url}`, hint: "pages may load nothing from other websites: self-host it or remove it" });
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
  for (const r of rows) {
    if (r.budget !== undefined && r.total > r.budget) {
      const parts = (["html", "css", "fonts", "images", "other"] as const).map((k) => `${k} ${kb(r[k])}`).join(", ");
      problems.push({ file: `dist/site/${r.page}`, message: `weighs ${kb(r.total)} on a first visit, over its budget of ${kb(r.budget)} (${parts})`, hint: "see dist/reports/page-weight.json; shorten what the page shows in every language's menu, or lighten its images" });
    }
  }
  return { rows, problems };
}

export function kb(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} KB`;
}

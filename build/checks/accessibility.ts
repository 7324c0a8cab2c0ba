/**
 * Check "audit" (`waymark audit`, dist/reports/accessibility.json): every built page of every
 * edition visited in Chromium, once, with the cache off and a phone's screen. axe-core's WCAG 2.2
 * AA rules run on it (each violation with its rule, the elements and what to change), and the
 * bytes Chromium fetched are held against the figures the build added up from the files
 * (dist/reports/page-weight.json): a page Chromium finds heavier than the build said fails, so
 * the build's quick weighing stays true.
 */
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { Browser, Page } from "puppeteer-core";
import { closeBrowser, launchBrowser } from "../chromium/browser.ts";
import { visitPages } from "../chromium/visit-pages.ts";
import { SetupError } from "../errors.ts";
import { writeWhole } from "../write-whole.ts";
import { htmlFiles } from "../site/subset-fonts.ts";
import { networkBytes, PHONE, type PageWeight } from "./page-weight.ts";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
let axeSource: Promise<string> | undefined;
type AxeResult = { violations: { id: string; impact?: string; help: string; helpUrl: string; nodes: { target: string[]; failureSummary?: string }[] }[] };

export interface Violation {
  rule: string;
  impact: string;
  /** What the rule asks, in axe's words. */
  help: string;
  helpUrl: string;
  /** Each element (CSS selector) and what to change on it. */
  elements: { target: string; fix: string }[];
}

/** One line per violation: "scrollable-region-focusable (serious) at #a, #b: Ensure …". */
export function describeViolation(v: Violation): string {
  return `${v.rule} (${v.impact}) at ${v.elements.map((e) => e.target).join(", ")}: ${v.help}`;
}

/** The WCAG 2.2 AA violations of a page already loaded. */
async function axeAudit(page: Page): Promise<Violation[]> {
  // Evaluated as a script, not added as a <script> tag (puppeteer's addScriptTag): measured on
  // 2 cores, 0.43 s a page against 0.75 s with the tag, axe's own run included.
  await page.evaluate(await (axeSource ??= readFile(AXE, "utf8")));
  // Only the violations are worked out in full and sent back: axe builds a selector and an HTML
  // excerpt for every node that passes too, which is most of its time and of the reply's bytes.
  const violations = await page.evaluate(
    async () =>
      (
        await (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<AxeResult> } }).axe.run(document, {
          runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
          resultTypes: ["violations"],
        })
      ).violations,
  );
  return violations.map((v) => ({
    rule: v.id,
    impact: v.impact ?? "unknown",
    help: v.help,
    helpUrl: v.helpUrl,
    elements: v.nodes.map((n) => ({ target: n.target.join(" "), fix: (n.failureSummary ?? "").replace(/\s+/g, " ").trim() })),
  }));
}

/** The violations of a page already loaded, one line each (for tests). */
export async function axeViolations(page: Page): Promise<string[]> {
  return (await axeAudit(page)).map(describeViolation);
}

interface PageAudit {
  /** The site (dist/site, dist/editions/<id>/site) and the page, relative to it. */
  site: string;
  page: string;
  violations: Violation[];
  /** Bytes Chromium fetched on a first visit, and what the build's report says. */
  weight: { measured: number; built?: number };
}

/**
 * Every page of every site given, one visit each.
 * @param sites folders of built sites, each with its reports/page-weight.json beside it
 */
async function auditSites(
  sites: string[],
  browser: Browser,
  concurrency = 2,
  onDone?: (done: number, total: number, page: string) => void,
): Promise<PageAudit[]> {
  const out: PageAudit[] = [];
  let done = 0;
  const total = (await Promise.all(sites.map(htmlFiles))).flat().length;
  for (const site of sites) {
    const report = JSON.parse(await readFile(path.join(site, "..", "reports", "page-weight.json"), "utf8").catch(() => "{}")) as { pages?: PageWeight[] };
    const built = new Map((report.pages ?? []).map((r) => [r.page, r.total]));
    await visitPages(
      site,
      await htmlFiles(site),
      browser,
      async (tab) => {
        await tab.setBypassCSP(true); // the pages forbid scripts; axe is injected by the audit only
        await tab.setCacheEnabled(false);
        await tab.setViewport(PHONE);
        return networkBytes(tab);
      },
      async (tab, url, rel, counter) => {
        counter.reset();
        await tab.goto(url, { waitUntil: "load" });
        await tab.evaluate(() => document.fonts.ready.then(() => undefined));
        const measured = counter.total(new URL(url).origin); // before axe is injected: the page's own bytes
        const page = rel.split(path.sep).join("/");
        out.push({ site, page, violations: await axeAudit(tab), weight: { measured, ...(built.has(page) ? { built: built.get(page)! } : {}) } });
        onDone?.(++done, total, page);
      },
      { concurrency },
    );
  }
  return out.sort((a, b) => a.site.localeCompare(b.site) || a.page.localeCompare(b.page));
}

/**
 * A page Chromium found heavier, by more than 1%, than the build's figure (or that the build did
 * not weigh): the build may count more than a first visit fetches (a font for text in a closed
 * <details>, fetched only once it opens), never less, or a budget would pass a page that breaks it.
 */
function weightDisagrees(a: PageAudit): boolean {
  return a.weight.built === undefined || a.weight.measured > a.weight.built * 1.01;
}

export interface AuditReport {
  rules: string;
  pages: PageAudit[];
  /** Pages with a violation, and pages whose weight Chromium measured otherwise than the build. */
  failing: PageAudit[];
  heavier: PageAudit[];
}

/**
 * `waymark audit`: every page of every edition built in <root>/dist, into
 * dist/reports/accessibility.json.
 */
export async function auditCampaign(
  root: string,
  { concurrency = 2, onProgress }: { concurrency?: number; onProgress?: (done: number, total: number, page: string) => void } = {},
): Promise<AuditReport> {
  const dist = path.join(root, "dist");
  const editions = await readdir(path.join(dist, "editions")).catch(() => [] as string[]);
  const sites = [path.join(dist, "site"), ...editions.sort().map((e) => path.join(dist, "editions", e, "site"))];
  const found = (await Promise.all(sites.map((s) => htmlFiles(s).catch(() => [])))).flat();
  if (!found.length) throw new SetupError(`no built site in ${path.relative(process.cwd(), path.join(dist, "site"))}`, "build it first: npm run build");
  const browser = await launchBrowser();
  try {
    const pages = (
      await auditSites(
        sites.filter((s) => existsSync(s)),
        browser,
        concurrency,
        onProgress,
      )
    ).map((p) => ({ ...p, site: path.relative(root, p.site).split(path.sep).join("/") }));
    const report: AuditReport = {
      rules: "axe-core WCAG 2.2 AA; weight: bytes fetched by Chromium on a first visit (cache off) against dist/reports/page-weight.json",
      pages,
      failing: pages.filter((p) => p.violations.length),
      heavier: pages.filter(weightDisagrees),
    };
    await writeWhole(path.join(dist, "reports", "accessibility.json"), JSON.stringify(report, null, 2) + "\n");
    return report;
  } finally {
    await closeBrowser(browser);
  }
}

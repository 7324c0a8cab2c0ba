/**
 * Check "accessibility": axe-core's WCAG 2.2 AA rules on every built web page, in Chromium
 * (`waymark audit`, dist/reports/accessibility.json). The tests run the same check on a page of
 * every kind per font stack; this runs it on all of them, which takes a few minutes.
 */
import { createRequire } from "node:module";
import type { Browser, Page } from "puppeteer-core";
import { visitPages } from "../chromium/visit-pages.ts";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
type Axe = { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> };

/** The WCAG 2.2 AA violations of a page already loaded, one line each ("color-contrast at .x"). */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: Axe }).axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] });
    return result.violations.map((v) => `${v.id} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
}

/** Every page (paths relative to siteDir) checked in one of `concurrency` tabs; the violations per page. */
export async function auditPages(siteDir: string, pages: string[], browser: Browser, concurrency = 2): Promise<{ page: string; violations: string[] }[]> {
  const out: { page: string; violations: string[] }[] = [];
  await visitPages(
    siteDir,
    pages,
    browser,
    (tab) => tab.setBypassCSP(true), // the pages forbid scripts; axe is injected by the audit only
    async (tab, url, rel) => {
      await tab.goto(url, { waitUntil: "load" });
      out.push({ page: rel, violations: await axeViolations(tab) });
    },
    { concurrency },
  );
  return out.sort((a, b) => a.page.localeCompare(b.page));
}

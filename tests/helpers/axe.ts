/** axe-core in a page already loaded in Chromium: the WCAG 2.2 AA violations, one line each. */
import path from "node:path";
import type { Page } from "puppeteer-core";
import { PROJECT_ROOT } from "./sample-campaign.ts";

const AXE = path.join(PROJECT_ROOT, "node_modules", "axe-core", "axe.min.js");
type Axe = { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> };

export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: Axe }).axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] });
    return result.violations.map((v) => `${v.id} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
}

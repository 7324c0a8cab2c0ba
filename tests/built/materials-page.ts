/**
 * The materials page, read back from a built sample in English and Arabic (the matrix build,
 * tests/e2e/matrix.e2e.test.ts): nothing made and unreachable. Every file under dist/pdf/<lang>/ and dist/site/share/<lang>/, and the language's
 * offline bundle, must be linked from /<lang>/materials/; every link and preview on it must
 * resolve, on the site and inside the offline bundle (links out of the bundle go to the published
 * site, whose files must exist); the page stays within the story pages' budget and passes axe;
 * every page shows the help line near its top.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { axeViolations } from "../../build/checks/accessibility.ts";
import { BUDGETS, PHONE } from "../../build/checks/page-weight.ts";
import { serveStatic } from "../../build/chromium/static-server.ts";
import type { LoadedSite } from "../../build/load.ts";
import { localTargets } from "../../build/site/offline.ts";
import { withTab } from "../helpers/test-chromium.ts";

const BASE = "https://waymark.example/";

const filesUnder = async (dir: string) =>
  (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
/** Every href and src of a page, as paths from the site's root (relative ones) or absolute URLs. */
const linksOf = (page: string, html: string) => ({
  local: localTargets(page, html),
  absolute: [...html.matchAll(/\b(?:href|src)="(https?:[^"]*)"/g)].map((m) => m[1]!),
});

/** Declares the test; `out` gives the built sample's output folder (with en and ar, the leaflet and stories); axe runs in a tab of the shared test browser. */
export function materialsPageTests({ model }: LoadedSite, out: () => string): void {
  describe("the materials page", () => {
    it("links every PDF, share image and the offline bundle of each language; its links resolve on the site and in the bundle; it is light and passes axe", {
      timeout: 60_000,
    }, async () => {
      const dist = out();
      const site = path.join(dist, "site");
      const siteFiles = new Set((await filesUnder(site)).map((f) => path.relative(site, f).split(path.sep).join("/")));

      for (const lang of ["en", "ar"]) {
        // The page, and the pages it links to of the share images and of the print shop's files.
        const rel = `${lang}/materials/index.html`;
        const html = await readFile(path.join(site, rel), "utf8");
        const subpages = [`${lang}/materials/images/index.html`, `${lang}/materials/print-shop/index.html`];
        const links = { local: linksOf(rel, html).local };
        for (const sub of subpages) links.local.push(...linksOf(sub, await readFile(path.join(site, sub), "utf8")).local);
        expect(links.local).toEqual(expect.arrayContaining(subpages));

        // Every file made for the language is linked.
        const made = [
          ...(await filesUnder(path.join(dist, "pdf", lang))).map((f) => `pdf/${lang}/${path.basename(f)}`),
          ...(await filesUnder(path.join(site, "share", lang))).map((f) => `share/${lang}/${path.basename(f)}`),
          `offline/${lang}.zip`,
        ];
        expect(made.length).toBeGreaterThan(10);
        expect(made.filter((f) => !links.local.includes(f))).toEqual([]);
        // The bundle is published with the site, as the one written beside it.
        expect((await readFile(path.join(site, "offline", `${lang}.zip`))).equals(await readFile(path.join(dist, "offline", `${lang}.zip`))), lang).toBe(true);

        // Every link and preview resolves on the site; previews are small, lazy WebP.
        expect(links.local.filter((f) => !siteFiles.has(f))).toEqual([]);
        const previews = [...html.matchAll(/<img src="([^"]+)"[^>]*>/g)];
        // The first page of each print page (a booklet its own), each pictured once.
        const printed = Object.values(model.print)
          .flat()
          .filter((p) => p.lang.code === lang);
        expect(previews.length).toBe(printed.length + printed.filter((p) => p.format === "brochure").length);
        for (const [img, src] of previews) {
          expect(img).toContain('loading="lazy"');
          expect(src).toMatch(/\.webp$/);
          expect((await stat(path.join(site, lang, "materials", src!))).size).toBeLessThan(20_000);
        }

        // Inside the bundle: relative links are in it, the rest point to files of the published site.
        const zip = unzipSync(await readFile(path.join(dist, "offline", `${lang}.zip`)));
        const inZip = new Set(Object.keys(zip));
        const bundled = new TextDecoder().decode(zip[rel]);
        const inside = linksOf(rel, bundled);
        expect(inside.local.filter((f) => !inZip.has(f))).toEqual([]);
        const outside = inside.absolute.filter((u) => u.startsWith(BASE)).map((u) => decodeURI(u.slice(BASE.length)).replace(/(^|\/)$/, "$1index.html"));
        expect(outside.filter((f) => !siteFiles.has(f))).toEqual([]);
        expect(inside.local).toContain(`pdf/${lang}/leaflet.screen.pdf`); // what a session without network needs is in the bundle
        expect(inside.local.some((f) => f.startsWith("previews/"))).toBe(true);

        // Within the story pages' budget (the build weighs it; a page over stops the build).
        const weights = JSON.parse(await readFile(path.join(dist, "reports", "page-weight.json"), "utf8")) as {
          pages: { page: string; total: number; budget?: number }[];
        };
        for (const page of [rel, ...subpages]) {
          const row = weights.pages.find((p) => p.page === page)!;
          expect(row.budget, page).toBe(BUDGETS.story.default);
          expect(row.total, page).toBeLessThanOrEqual(row.budget!);
        }

        // Every page of the language shows the help line, with the emergency number from the contacts.
        for (const page of [...siteFiles].filter((f) => f.startsWith(`${lang}/`) && f.endsWith(".html"))) {
          const text = await readFile(path.join(site, page), "utf8");
          expect(text.indexOf('class="help-line"'), page).toBeGreaterThan(0);
          expect(text.indexOf('class="help-line"'), page).toBeLessThan(text.indexOf('<main id="main"'));
          expect(text).toContain('href="tel:112"');
        }
      }

      // Names people can tell apart, without doubled punctuation.
      const en = await readFile(path.join(site, "en", "materials", "index.html"), "utf8");
      const names = [...en.matchAll(/<a href="[^"]*"(?: download)?>([^<]*)<\/a> <small/g)].map((m) => m[1]!);
      expect(names).toEqual(expect.arrayContaining(["Leaflet: Before you pay a smuggler", "Every page and PDF in this language, in one file"]));
      expect(names.some((n) => n.startsWith("Story card: "))).toBe(true);
      expect(names.filter((n) => /[.!?。]\s*[:.：]/.test(n))).toEqual([]);
      expect(en).toMatch(/A5, 2 pages, PDF, \d+ kB/);
      expect(await readFile(path.join(site, "en", "index.html"), "utf8")).toContain('href="materials/"'); // from the home page (and the menu)

      // Accessible at a phone's width, right to left (the matrix's axe run audits every layout in both directions at a desktop's).
      const server = await serveStatic(site);
      try {
        await withTab(async (tab) => {
          await tab.setBypassCSP(true); // the pages forbid scripts; axe is injected by the test only
          await tab.setViewport(PHONE);
          try {
            for (const page of ["materials/", "materials/images/", "materials/print-shop/"]) {
              await tab.goto(`${server.origin}/ar/${page}`, { waitUntil: "load" });
              expect(await axeViolations(tab), `ar/${page}`).toEqual([]);
            }
          } finally {
            await tab.setBypassCSP(false); // given back as it was taken
          }
        });
      } finally {
        await server.close();
      }
    });
  });
}

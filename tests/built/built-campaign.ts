/**
 * What a built campaign must hold, read from its output folder: every page and PDF of every
 * language of the edition, with the checks a reader, a printer and a screen reader would make.
 * The suite calls it on a sample that samples every format in one language per script family
 * (tests/e2e/matrix.e2e.test.ts); `npm run verify` calls it on every edition of the whole
 * campaign in dist/ (tests/verify/), after one build, never a second.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { unzipSync } from "fflate";
import { PDFArray, PDFDict, PDFDocument, PDFName } from "pdf-lib";
import type { Browser } from "puppeteer-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations } from "../../build/checks/accessibility.ts";
import { expectedFontFamilies } from "../../build/checks/pdf-output.ts";
import type { PageWeight } from "../../build/checks/page-weight.ts";
import { normaliseText } from "../../build/checks/page-text.ts";
import { serveStatic, type StaticServer } from "../../build/chromium/static-server.ts";
import { visitPages } from "../../build/chromium/visit-pages.ts";
import { documentLanguages, publicLanguages, urlFolder } from "../../build/content/campaign.ts";
import type { LoadedSite } from "../../build/load.ts";
import { inspectPdf, type PdfFacts } from "../../build/pdf/inspect.ts";
import { pdfUaGaps, structureTree, walk, type StructNode } from "../../build/pdf/structure-text.ts";
import { BLEED_MM, FORMATS, VARIANTS } from "../../build/print/formats.ts";
import { localTargets } from "../../build/site/offline.ts";
import { pageLayout, type WebPage } from "../../build/site/web-pages.ts";
import { expectedPdfs, firstPerStack } from "../helpers/sample-campaign.ts";
import { testBrowser, withTab } from "../helpers/test-chromium.ts";

export interface BuiltCampaignOptions {
  /** Gives the output folder (dist/, or dist/editions/<id>/), once it is built. */
  out: () => string;
  /** Run axe on a page of every layout in one language per font stack (`waymark audit` does every page in verify). */
  axe?: boolean;
  /** Where the sources of the campaign's texts are (locales/), to compare the PDFs' text with. */
  root: string;
  /** The fewest slides a deck may have: the campaign's decks have eight or more; a sample that tells fewer stories has fewer. */
  minSlides?: number;
}

// Tests below open built pages in Chromium: a few seconds each alone, more beside another file.
const BROWSING = { timeout: 60_000 };

/** Declares the tests of a built edition (loaded gives its campaign and view model). */
export function builtCampaignTests(loaded: LoadedSite, opts: BuiltCampaignOptions): void {
  const campaign = loaded.campaign;
  const perStack = firstPerStack(campaign.languages);
  let out: string;
  let browser: Browser;
  let server: StaticServer;
  let weights: { pages: PageWeight[]; screenBrochures: { pdf: string; bytes: number }[] };
  const facts = new Map<string, Promise<PdfFacts>>();
  /** Each PDF is read once for all the tests that look into it. */
  const pdfFacts = (rel: string) => {
    if (!facts.has(rel)) facts.set(rel, readFile(path.join(out, "pdf", rel)).then(inspectPdf));
    return facts.get(rel)!;
  };
  const htmlPages = async (dir: string) =>
    (await readdir(path.join(out, "site", dir), { recursive: true }))
      .filter((f) => f.endsWith("index.html"))
      .map((f) => `/${dir}/${f.replace(/index\.html$/, "")}`.replace(/\/+/g, "/"));
  const builtPdfs = async () =>
    (await readdir(path.join(out, "pdf"), { recursive: true }))
      .filter((f) => /\.(print|screen)\.pdf$/.test(f))
      .map((f) => f.split(path.sep).join("/"))
      .sort();
  // Read once each: several tests read the same brochure's structure (read only).
  const structures = new Map<string, Promise<{ doc: PDFDocument; tree: StructNode }>>();
  const structure = (rel: string) => {
    if (!structures.has(rel))
      structures.set(
        rel,
        readFile(path.join(out, "pdf", rel)).then(async (bytes) => {
          const doc = await PDFDocument.load(bytes, { updateMetadata: false });
          return { doc, tree: structureTree(doc)! };
        }),
      );
    return structures.get(rel)!;
  };
  const has = (code: string) => campaign.languages.some((l) => l.code === code);

  beforeAll(async () => {
    out = opts.out();
    weights = JSON.parse(await readFile(path.join(out, "reports", "page-weight.json"), "utf8"));
    server = await serveStatic(path.join(out, "site"));
    browser = await testBrowser();
  });
  afterAll(async () => {
    await server?.close();
  });

  describe("the built edition", BROWSING, () => {
    it("has every document in every language of the edition, in both variants, and nothing else", async () => {
      expect(await builtPdfs()).toEqual(expectedPdfs(campaign));
    });

    it("offers every language on the root page, grouped by script, endonym first and English name second, without JavaScript", async () => {
      await withTab(async (page) => {
        await page.goto(`${server.origin}/`);
        const groups = await page.$$eval(".language-group", (sections) =>
          sections.map((s) => ({
            heading: s.querySelector("h2")!.textContent!.trim(),
            choices: [...s.querySelectorAll("li")].map((li) => {
              const endonym = li.querySelector(".choice-endonym")!;
              return {
                lang: endonym.getAttribute("lang"),
                dir: endonym.getAttribute("dir"),
                name: endonym.textContent,
                english: li.querySelector(".choice-name")?.textContent ?? endonym.textContent,
              };
            }),
          })),
        );
        const scripts = [...new Set(campaign.languages.map((l) => l.script))];
        // In the root page's language: the source's, or an edition's first when it is not made in the source.
        const tr = loaded.translators.get(loaded.model.pages.root[0]!.lang.code)!;
        expect(groups.map((g) => g.heading)).toEqual(scripts.map((s) => tr.t(`ui:chooser.scripts.${s}`).text));
        expect(groups.flatMap((g) => g.choices)).toEqual(
          scripts.flatMap((s) => campaign.languages.filter((l) => l.script === s)).map((l) => ({ lang: l.code, dir: l.dir, name: l.endonym, english: l.name })),
        );
        expect(await page.$$("script")).toEqual([]);
      });
    });

    it("lists each PDF of a language on its home page with its size, and serves it", async () => {
      await withTab(async (page) => {
        for (const lang of campaign.languages) {
          await page.goto(`${server.origin}/${urlFolder(lang.code)}/`);
          const links = await page.$$eval(".downloads a", (as) => as.map((a) => ({ href: a.getAttribute("href")!, text: a.textContent! })));
          const docs = campaign.documents.filter((d) => documentLanguages(campaign, d).includes(lang));
          expect(links.length, lang.code).toBe(2 * docs.length + docs.filter((d) => d.format === "brochure").length); // print and screen; a brochure's booklet
          for (const link of links) {
            expect(link.text, link.href).toMatch(/[\d\u0660-\u0669\u06F0-\u06F9]/); // a size, in the language's numerals, from the real file
            const response = await fetch(new URL(link.href, page.url()));
            expect([response.status, response.headers.get("content-type")], link.href).toEqual([200, "application/pdf"]);
            await response.body?.cancel();
          }
        }
      });
    });

    it("links only to what exists: every link and source of every page resolves to a file of the site", async () => {
      const site = path.join(out, "site");
      const files = new Set((await readdir(site, { recursive: true })).map((f) => f.split(path.sep).join("/")));
      const pages = [...files].filter((f) => f.endsWith(".html"));
      const dead: string[] = [];
      for (const page of pages) {
        const html = await readFile(path.join(site, page), "utf8");
        for (const [, url] of html.matchAll(/\b(?:href|src)="([^"#?]*)[^"]*"/g)) {
          if (/^[a-z]+:/.test(url!) || url === "") continue; // another host, tel:, mailto:, or the page itself
          const target = path.posix.join(path.posix.dirname(page), url!);
          if (!files.has(target.endsWith("/") || url!.endsWith("/") ? path.posix.join(target, "index.html") : target)) dead.push(`${page}: ${url}`);
        }
      }
      expect(pages.length).toBeGreaterThan(campaign.languages.length);
      expect(dead).toEqual([]);
    });

    it("offers a language made for some documents only (German) those alone: no stories or glossary", async () => {
      const partial = campaign.languages.filter((l) => l.serves);
      for (const lang of partial) {
        const folder = urlFolder(lang.code);
        const docs = campaign.documents.filter((d) => documentLanguages(campaign, d).includes(lang)).map((d) => d.id);
        const materials = ["materials/", "materials/images/", "materials/print-shop/"].map((p) => `/${folder}/${p}`);
        expect((await htmlPages(folder)).sort()).toEqual([`/${folder}/`, ...docs.map((d) => `/${folder}/${d}/`), ...materials].sort());
        expect((await builtPdfs()).filter((p) => p.startsWith(`${folder}/`))).toEqual(
          docs.flatMap((d) => VARIANTS.map((v) => `${folder}/${d}.${v}.pdf`)).sort(),
        );
      }
    });
  });

  describe("outreach", () => {
    it("gives every story and document page its two share images, referenced and linked, each under 300 KB", async () => {
      let pages = 0;
      for (const lang of campaign.languages) {
        const folder = urlFolder(lang.code);
        for (const url of (await htmlPages(folder)).filter((u) => /\/stories\/|\/(brochure|leaflet|poster|fiche|guide|session)\/$/.test(u))) {
          const html = await readFile(path.join(out, "site", url, "index.html"), "utf8");
          const meta = (p: string) => new RegExp(`<meta (?:property|name)="${p}" content="([^"]*)">`).exec(html)?.[1];
          const canonical = meta("og:url")!;
          const slug = url.replace(`/${folder}/`, "").replace(/\/$/, "").replace(/\//g, "-");
          const image = new URL(`share/${folder}/${slug}-wide.jpg`, campaign.settings.baseUrl).href;
          expect(
            {
              image: meta("og:image"),
              width: meta("og:image:width"),
              height: meta("og:image:height"),
              twitter: meta("twitter:image"),
              alt: meta("og:image:alt"),
            },
            url,
          ).toEqual({ image, width: "1200", height: "630", twitter: image, alt: /<title>([^<]*)<\/title>/.exec(html)![1] });
          expect(canonical.startsWith(campaign.settings.baseUrl)).toBe(true);
          // Plain links to share it: nothing fetched from those apps until a reader taps.
          expect(html).toContain(`href="https://wa.me/?text=`);
          expect(html).toContain(encodeURIComponent(canonical));
          expect(html).toMatch(new RegExp(`<a href="(\\.\\./)+share/${folder}/${slug}-square\\.jpg" download>`));
          for (const [shape, size] of [
            ["wide", [1200, 630]],
            ["square", [1080, 1080]],
          ] as const) {
            const file = path.join(out, "site", "share", folder, `${slug}-${shape}.jpg`);
            const { width, height, format } = await sharp(file).metadata();
            expect([width, height, format], file).toEqual([...size, "jpeg"]);
            expect((await readFile(file)).byteLength, file).toBeLessThanOrEqual(300_000);
          }
          pages++;
        }
      }
      expect(pages).toBe(loaded.model.cards.length);
    });

    it("packs a bundle per language that opens without network: every link inside it resolves inside it", async () => {
      const report = JSON.parse(await readFile(path.join(out, "reports", "offline.json"), "utf8")) as {
        bundles: { lang: string; file: string; bytes: number }[];
      };
      expect(report.bundles.map((b) => b.lang)).toEqual(campaign.languages.map((l) => l.code));
      for (const bundle of report.bundles) {
        const bytes = await readFile(path.join(out, bundle.file));
        expect(bundle.bytes).toBe(bytes.byteLength);
        const zip = unzipSync(bytes);
        const folder = urlFolder(bundle.lang);
        const names = new Set(Object.keys(zip));
        const pages = [...names].filter((n) => n.endsWith(".html"));
        expect(pages).toContain(`${folder}/index.html`);
        expect(
          [...names].some((n) => n.startsWith(`pdf/${folder}/`) && n.endsWith(".screen.pdf")),
          bundle.lang,
        ).toBe(true);
        expect(
          [...names].some((n) => n.endsWith(".print.pdf")),
          bundle.lang,
        ).toBe(false);
        const dead: string[] = [];
        for (const page of pages) {
          const html = new TextDecoder().decode(zip[page]);
          for (const target of localTargets(page, html)) if (!names.has(target)) dead.push(`${page} → ${target}`);
          // Links name index.html: a folder does not open its index page from file://.
          expect(html, page).not.toMatch(/href="(?![a-z]+:)[^"#]*\/"/);
        }
        expect(dead, bundle.lang).toEqual([]);
      }
    });

    it("has a deck of at least its minimum of slides (8 in the campaign) and its speaker notes in every language it is made in, and a service worker at the site's root", async () => {
      for (const deck of campaign.documents.filter((d) => FORMATS[d.format].handout)) {
        for (const l of documentLanguages(campaign, deck)) {
          const slides = await pdfFacts(`${urlFolder(l.code)}/${deck.id}.screen.pdf`);
          expect(slides.pages, l.code).toBe(deck.sections.length + 1); // a title slide, then a slide per section
          expect(slides.pages).toBeGreaterThanOrEqual(opts.minSlides ?? 8);
          expect(Math.round((slides.boxes[0]!.trim.width / slides.boxes[0]!.trim.height) * 9)).toBe(16);
          expect((await pdfFacts(`${urlFolder(l.code)}/${deck.id}-notes.print.pdf`)).pages, l.code).toBeGreaterThanOrEqual(1);
        }
      }
      expect(await readFile(path.join(out, "site", "sw.js"), "utf8")).toMatch(/addEventListener\("fetch"/);
    });

    it("keeps the editors' status page out of search engines and of the public navigation", async () => {
      const html = await readFile(path.join(out, "site", "editors", "translation-status", "index.html"), "utf8");
      expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
      expect(html.match(/<section class="editors-language"/g)?.length).toBe(campaign.languages.filter((l) => l.code !== campaign.source.code).length);
      const pages = (await readdir(path.join(out, "site"), { recursive: true })).filter((f) => f.endsWith(".html") && !f.startsWith("editors"));
      for (const p of pages) expect(await readFile(path.join(out, "site", p), "utf8"), p).not.toContain("/editors/");
    });
  });

  it("publishes only the cut fonts some page or stylesheet uses (a first build renders the materials pages again with the bundles' sizes: their earlier cuts go)", async () => {
    const site = path.join(out, "site");
    const used = new Set<string>();
    for (const f of await readdir(site, { recursive: true }))
      if (f.endsWith(".html") || f.endsWith(".css"))
        for (const m of (await readFile(path.join(site, f), "utf8")).matchAll(/assets\/fonts\/([\w.-]+)/g)) used.add(m[1]!);
    const fonts = await readdir(path.join(site, "assets", "fonts"));
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => !used.has(f))).toEqual([]);
  });

  describe.each(campaign.languages.map((l) => l.code))("pages and PDFs in %s", (code) => {
    const lang = campaign.languages.find((l) => l.code === code)!;
    const folder = urlFolder(code);

    it("declare lang, dir and hreflang alternates, load only the service worker's script and fonts cut for them, within budget", async () => {
      const urls = await htmlPages(folder);
      const docs = campaign.documents.filter((d) => documentLanguages(campaign, d).includes(lang));
      // Home and documents; glossary and stories in the languages that serve every document (not German); the materials page and its two pages (share images, print shop).
      const told = lang.serves ? [] : campaign.stories;
      expect(urls.length).toBe(1 + docs.length + (lang.serves ? 0 : 1) + told.length + 3);
      for (const url of urls) {
        const html = await readFile(path.join(out, "site", url, "index.html"), "utf8");
        const doc = campaign.documents.find((d) => url.startsWith(`/${folder}/${d.id}/`));
        // A page is offered in the languages it exists in: a document's (a fiche: fewer), the home and materials pages' (all), a story's or the glossary's.
        const everyLanguage = url === `/${folder}/` || url.startsWith(`/${folder}/materials/`);
        const offeredIn = doc ? documentLanguages(campaign, doc) : everyLanguage ? campaign.languages : publicLanguages(campaign);
        expect(
          {
            html: /<html lang="([^"]+)" dir="([^"]+)"/.exec(html)?.slice(1),
            hreflang: [...html.matchAll(/<link rel="alternate" hreflang="([^"]+)"/g)].map((m) => m[1]),
            // One script only, the service worker's registration, from the site itself; nothing inline.
            scripts: [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0].replace(/(\.\.\/)+/, "")),
            fontFaces: (html.match(/@font-face/g) ?? []).length > 0,
          },
          url,
        ).toEqual({
          html: [lang.code, lang.dir],
          hreflang: [...offeredIn.map((l) => l.code), "x-default"],
          scripts: ['<script src="assets/sw-register.js" defer>'],
          fontFaces: true,
        });
        const row = weights.pages.find((p) => `/${p.page}` === `${url}index.html`);
        expect(row, url).toBeDefined();
        expect(row!.lang, url).toBe(lang.code);
        expect(row!.fonts, url).toBeGreaterThan(0);
        if (row!.budget !== undefined) expect(row!.total, url).toBeLessThanOrEqual(row!.budget);
      }
      // Right to left: phone numbers keep their digits in order, isolated left to right.
      if (lang.dir === "rtl" && docs.some((d) => d.id === "brochure"))
        expect(await readFile(path.join(out, "site", folder, "brochure", "index.html"), "utf8")).toMatch(/<a href="tel:\d+"><bdi dir="ltr">\d+<\/bdi><\/a>/);
      // Every story page has its budget: 75 KB, or 150 KB in Chinese.
      const stories = weights.pages.filter((p) => p.lang === code && p.kind === "story");
      expect(stories.length).toBe(told.length);
      expect(stories.every((p) => p.budget === (lang.script === "Hans" ? 150_000 : 75_000))).toBe(true);
    });

    it("prints every PDF tagged, in its language, with only the language's fonts embedded, as a draft", async () => {
      const files = (await builtPdfs()).filter((p) => p.startsWith(`${folder}/`));
      expect(files.length).toBeGreaterThan(0);
      const allowed = expectedFontFamilies(campaign, lang);
      for (const file of files) {
        const f = await pdfFacts(file);
        expect(f.lang, file).toBe(lang.code);
        expect(f.xmp, file).toContain(`<dc:language><rdf:Bag><rdf:li>${lang.code}</rdf:li></rdf:Bag></dc:language>`);
        expect(f.tagged, file).toBe(true);
        // Claimed only when title, language, tags, alternative text and no untagged painting hold.
        expect(f.xmp, file).toContain("<pdfuaid:part>1</pdfuaid:part>");
        expect(f.title, file).toBeTruthy();
        expect(
          [...new Set(f.fonts.map((x) => x.family))].filter((x) => !allowed.includes(x)),
          file,
        ).toEqual([]);
        expect(
          f.fonts.filter((x) => !x.embedded || x.subtype === "Type3"),
          file,
        ).toEqual([]);
        // Every sample PDF holds draft translations or unverified contacts: it carries the watermark.
        expect(f.layers, file).toEqual(["Draft watermark"]);
      }
      // The language's own first font is really used in its first document.
      const first = campaign.documents.find((d) => documentLanguages(campaign, d).includes(lang))!;
      expect((await pdfFacts(`${folder}/${first.id}.print.pdf`)).fonts.map((x) => x.family)).toContain(
        campaign.fonts[lang.fonts[0]!]!.family.replace(/\s+/g, ""),
      );
    });
  });

  describe("the PDFs' structure text", () => {
    // What a screen reader, search and copy-paste get from a PDF: its structure tree's text, read
    // the way poppler reads it (pdfinfo -struct-text).
    const localeText = async (lang: string, file: string, key: string) => {
      const data = JSON.parse(await readFile(path.join(opts.root, "locales", lang, `${file}.json`), "utf8")) as Record<string, unknown>;
      return key.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], data) as string;
    };
    const blocksOf = (tree: StructNode, type: string) => [...walk(tree)].filter((n) => n.type === type).map((n) => normaliseText(n.textWithoutLabels));
    const brochureIn = (code: string) =>
      has(code) && campaign.documents.some((d) => d.id === "brochure" && documentLanguages(campaign, d).some((l) => l.code === code));

    it("reads an Arabic heading, a Persian paragraph with a Latin phone number, a Tigrinya list item, a wrapped English paragraph and Chinese as written", async () => {
      let read = 0;
      if (brochureIn("ar")) {
        const ar = await structure("ar/brochure.screen.pdf");
        expect(blocksOf(ar.tree, "H2")).toContain(await localeText("ar", "brochure", "sections.before-you-go.title"));
        read++;
      }
      if (brochureIn("fa")) {
        const fa = await structure("fa/brochure.screen.pdf");
        const phone = campaign.contacts.find((c) => c.phone)!.phone!;
        expect(blocksOf(fa.tree, "P")).toContain((await localeText("fa", "ui", "contact.phoneLine")).replace("{{phone}}", phone));
        read++;
      }
      if (brochureIn("ti")) {
        const ti = await structure("ti/brochure.screen.pdf");
        expect(blocksOf(ti.tree, "LI")).toContain(await localeText("ti", "brochure", "sections.the-road.blocks.risks.items.air"));
        read++;
      }
      if (brochureIn("en")) {
        // Long enough to wrap on an A5 page: its words keep their spaces across each wrap.
        const en = await structure("en/brochure.screen.pdf");
        const boarding = campaign.documents
          .find((d) => d.id === "brochure")!
          .sections.flatMap((s) => s.blocks)
          .find((b) => b.id === "boarding") as { text: string };
        expect(boarding.text.length).toBeGreaterThan(120);
        expect(blocksOf(en.tree, "P")).toContain(normaliseText(boarding.text));
        read++;
      }
      if (brochureIn("zh-Hans")) {
        // No space is added where Chinese wraps, between two Han characters.
        const zh = await structure("zh-hans/brochure.screen.pdf");
        expect(blocksOf(zh.tree, "P")).toContain(await localeText("zh-Hans", "brochure", "sections.before-you-go.blocks.intro.text"));
        read++;
      }
      // In every language of the edition's brochure: its section titles are its headings, as written.
      for (const page of loaded.model.print.brochure ?? []) {
        const { tree } = await structure(page.out.screen);
        const h2 = blocksOf(tree, "H2");
        for (const section of page.document!.sections) expect(h2, `${page.job}: ${section.id}`).toContain(normaliseText(section.title.text));
        read++;
      }
      expect(read).toBeGreaterThan(0);
    });

    it("gives the guide a table of contents that matches its headings, with the page each one is on, in every language it is made in", async () => {
      for (const guide of campaign.documents.filter((d) => FORMATS[d.format].contents)) {
        for (const l of documentLanguages(campaign, guide)) {
          for (const variant of VARIANTS) {
            const { doc, tree } = await structure(`${urlFolder(l.code)}/${guide.id}.${variant}.pdf`);
            const pageRefs = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i + 1]));
            // The page of a structure element: the /Pg of its first marked content.
            const pageOf = (d: PDFDict): number | undefined => {
              const own = d.get(PDFName.of("Pg"));
              if (own) return pageRefs.get(own.toString());
              const k = d.lookup(PDFName.of("K"));
              for (const kid of k instanceof PDFArray ? k.asArray().map((x) => doc.context.lookup(x)) : [k])
                if (kid instanceof PDFDict && pageOf(kid)) return pageOf(kid);
              return undefined;
            };
            const nodes = [...walk(tree)];
            const headings = nodes.filter((n) => n.type === "H2").slice(1); // after "Contents"
            const rows = nodes.filter((n) => n.type === "TR").map((r) => r.children.map((c) => normaliseText(c.text)));
            const where = `${l.code} ${guide.id} (${variant})`;
            expect(headings.length, where).toBe(guide.sections.length);
            expect(
              rows.map(([n, title]) => `${n} ${title}`),
              where,
            ).toEqual(headings.map((h) => normaliseText(h.text)));
            expect(
              rows.map((r) => Number(r[2])),
              where,
            ).toEqual(headings.map((h) => pageOf(h.dict)));
            expect(pageOf(headings.at(-1)!.dict), where).toBeGreaterThan(1); // the contents has a page of its own
          }
        }
      }
    });

    it("tags text in another language with /Lang, every figure with /Alt, and leaves no painting untagged, in one language per font stack", async () => {
      for (const code of perStack) {
        const folder = urlFolder(code);
        for (const rel of (await builtPdfs()).filter((p) => p.startsWith(`${folder}/`) && /\/(brochure|poster|fiche)\.(screen|print)\.pdf$/.test(p))) {
          const { doc, tree } = await structure(rel);
          expect(pdfUaGaps(doc), rel).toEqual([]);
          if (code === campaign.source.code) continue;
          // The sources are cited in English in every language.
          const english = [...walk(tree)].filter((n) => n.lang === "en");
          if (rel.includes("/brochure.")) expect(english.length, rel).toBeGreaterThan(0);
          for (const n of english) expect(n.text, rel).toMatch(/[A-Za-z]/);
        }
      }
    });
  });

  if (opts.axe) {
    // Every partial is checked by axe in its fixtures, in every script (tests/templates); here,
    // a page of every layout the site model has (so a new kind of page is audited the day it is
    // added). `waymark audit` checks every page of every edition in verify.
    describe("pages as built, with axe-core (WCAG 2.2 AA)", () => {
      // Every layout once, right to left where the layout is made in such a language (the harder
      // case: mirrored boxes, isolated numbers). What each script changes in a page, its blocks,
      // is audited in the first language of every script (tests/templates/partials-axe.e2e.test.ts).
      const pages = Object.values(loaded.model.pages).flat() as WebPage[];
      const rtl = new Set(campaign.languages.filter((l) => l.dir === "rtl").map((l) => l.code));
      const audited = new Map<string, WebPage>();
      for (const p of pages) {
        const kept = audited.get(pageLayout(p));
        if (!kept || (!rtl.has(kept.lang.code) && rtl.has(p.lang.code))) audited.set(pageLayout(p), p);
      }

      it("audits a page of every layout of the site model", () => {
        const all = new Set((Object.values(loaded.model.pages).flat() as WebPage[]).map(pageLayout));
        expect(new Set([...audited.values()].map(pageLayout))).toEqual(all);
      });

      // The tab order depends on the direction, not on the script: the first language each way.
      const session = campaign.documents.find((d) => d.format === "session");
      const withDeck = session ? documentLanguages(campaign, session) : [];
      const bothWays = (["ltr", "rtl"] as const).flatMap((dir) => withDeck.find((l) => l.dir === dir)?.code ?? []);
      it("lets a keyboard reach every link of the session slides, in order, at phone width, with nothing left in a scrolling box", BROWSING, async () => {
        const decks = (loaded.model.pages.document as Extract<WebPage, { kind: "document" }>[]).filter(
          (p) => p.document.format === "session" && bothWays.includes(p.lang.code),
        );
        expect(decks.length).toBeGreaterThan(0);
        await withTab(async (page) => {
          for (const deck of decks) {
            await page.setViewport({ width: 360, height: 740, deviceScaleFactor: 1 });
            await page.goto(server.origin + deck.url, { waitUntil: "load" });
            const links = await page.$$eval("main a[href]", (as) => as.map((a) => a.getAttribute("href")));
            const scrolling = await page.$$eval("main *", (els) =>
              els
                .filter((e) => e.scrollHeight > e.clientHeight + 1 && ["auto", "scroll"].includes(getComputedStyle(e).overflowY))
                .map((e) => e.id || e.className),
            );
            const reached: (string | null)[] = [];
            for (let i = 0; i < links.length + 40 && reached.length < links.length; i++) {
              await page.keyboard.press("Tab");
              const at = await page.evaluate(() => (document.activeElement?.closest("main") ? document.activeElement.getAttribute("href") : undefined));
              if (at !== undefined) reached.push(at);
            }
            expect({ reached, scrolling }, deck.url).toEqual({ reached: links, scrolling: [] });
          }
        });
      });

      it("passes on every one of those pages, two at a time", BROWSING, async () => {
        const found: string[] = [];
        await visitPages(
          path.join(out, "site"),
          [...audited.values()].map((p) => `${p.url.slice(1)}index.html`),
          browser,
          (tab) => tab.setBypassCSP(true), // the pages forbid scripts; axe is injected by the test only
          async (tab, url, rel) => {
            await tab.goto(url, { waitUntil: "load" });
            found.push(...(await axeViolations(tab)).map((v) => `${rel}: ${v}`));
          },
        );
        expect(found).toEqual([]);
      });
    });
  }

  describe("print-ready boxes and page counts, for every format", () => {
    const near = (a: number, b: number, tolerance: number) => Math.abs(a - b) <= tolerance;
    const printed = Object.values(loaded.model.print).flat();
    const formats = [...new Set(printed.map((p) => p.format))];

    it.each(formats)("%s", async (id) => {
      const format = FORMATS[id];
      for (const page of printed.filter((p) => p.format === id)) {
        for (const variant of VARIANTS) {
          const rel = page.out[variant];
          const f = await pdfFacts(rel);
          const { exactly, max, multipleOf } = format.pages;
          if (exactly) expect(f.pages, rel).toBe(exactly);
          if (max) expect(f.pages, rel).toBeLessThanOrEqual(max);
          if (multipleOf) expect(f.pages % multipleOf, rel).toBe(0);
          for (const { trim, bleed, media } of f.boxes) {
            // TrimBox is the trim size within 0.1 mm, whatever Chromium rounded the page to.
            expect(near(trim.width, format.trimMm.width, 0.1) && near(trim.height, format.trimMm.height, 0.1), `${rel} trim ${trim.width}×${trim.height}`).toBe(
              true,
            );
            if (variant === "print") {
              // BleedBox is 3 mm larger on each side; the MediaBox leaves room for crop marks outside it.
              expect(near(bleed.x, trim.x - BLEED_MM, 0.1) && near(bleed.y, trim.y - BLEED_MM, 0.1), rel).toBe(true);
              expect(near(bleed.width, trim.width + 2 * BLEED_MM, 0.1) && near(bleed.height, trim.height + 2 * BLEED_MM, 0.1), rel).toBe(true);
              expect(media.width).toBeGreaterThan(bleed.width + 10);
            } else {
              // Screen: the trim only.
              expect(
                near(media.width, format.trimMm.width, 0.1) && near(media.height, format.trimMm.height, 0.1),
                `${rel} media ${media.width}×${media.height}`,
              ).toBe(true);
              expect(bleed).toEqual(trim);
            }
          }
        }
      }
    });

    it("gives the screen brochure bookmarks and keeps it under 1 MB in every language; the print brochure has none", async () => {
      const brochures = printed.filter((p) => p.format === "brochure");
      expect(weights.screenBrochures.map((b) => b.pdf).sort()).toEqual(brochures.map((p) => p.out.screen).sort());
      for (const p of brochures) {
        expect((await readFile(path.join(out, "pdf", p.out.screen))).byteLength, p.out.screen).toBeLessThanOrEqual(1_000_000);
        expect((await pdfFacts(p.out.screen)).outline, p.out.screen).toBe(true);
        expect((await pdfFacts(p.out.print)).outline, p.out.print).toBe(false);
      }
    });
  });

  describe("posters read at 3 m", () => {
    type Row = { pdf: string; lang: string; document: string; capMm: number; copyfitFromMm?: number; qrMm: number; emptyBand: { share: number } };

    it("give every poster, in every language, a headline of 25 mm cap height (or a copyfit to 18 mm), a QR code of 40 mm and no empty band over 15%", async () => {
      const report = JSON.parse(await readFile(path.join(out, "reports", "posters.json"), "utf8")) as {
        rules: { capMm: number; capMinMm: number; qrMinMm: number; emptyBandMax: number };
        posters: Row[];
      };
      const posters = Object.values(loaded.model.print)
        .flat()
        .filter((p) => FORMATS[p.format].poster)
        .map((p) => p.out.screen);
      expect(report.posters.map((r) => r.pdf).sort()).toEqual(posters.sort());
      expect(report.rules).toEqual({ capMm: 25, capMinMm: 18, qrMinMm: 40, emptyBandMax: 0.15 });
      for (const r of report.posters) {
        if (r.copyfitFromMm) expect(r.copyfitFromMm, r.pdf).toBeGreaterThanOrEqual(25);
        expect(r.capMm, r.pdf).toBeGreaterThanOrEqual(r.copyfitFromMm ? 18 : 25);
        expect(r.qrMm, r.pdf).toBeGreaterThanOrEqual(40);
        expect(r.emptyBand.share, r.pdf).toBeLessThanOrEqual(0.15);
      }
    });

    it("print a poster per story with the story's words in front and its content warning kept, and the campaign's mark on the leaflet, cards and posters", async () => {
      const textOf = (p: { text: string }) => normaliseText(p.text);
      const storyPosters = Object.values(loaded.model.print)
        .flat()
        .filter((p) => p.format === "story-poster" && perStack.includes(p.lang.code));
      for (const page of storyPosters) {
        const text = normaliseText((await structure(page.out.screen)).tree.text);
        const story = page.story!;
        expect(text, page.job).toContain(textOf(story.title));
        expect(text, page.job).toContain(textOf(story.summary));
        if (story.warning) expect(text, `${page.job}: its content warning`).toContain(textOf(story.warning));
      }
      for (const page of Object.values(loaded.model.print)
        .flat()
        .filter((p) => ["leaflet", "poster", "story-card", "story-poster"].includes(p.format) && perStack.includes(p.lang.code))) {
        const mark = normaliseText(loaded.translators.get(page.lang.code)!.t("campaign:title").text);
        expect(normaliseText((await structure(page.out.screen)).tree.text), page.job).toContain(mark);
      }
    });
  });
}

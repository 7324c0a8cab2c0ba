/**
 * End to end: the embedded campaign built with the real Eleventy, fonts and Chromium into
 * a temporary folder. The build itself opens every page in Chromium (its page-weight stage);
 * the tests read that report, every page's HTML and every PDF back, and run axe on a page of
 * every kind in one language per font stack. Languages come from the registry, not from copies of it.
 */
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentLanguages, loadCampaign, publicLanguages, type Campaign } from "../../build/content/campaign.ts";
import { launchBrowser } from "../../build/chromium/browser.ts";
import { inspectPdf, type PdfFacts } from "../../build/pdf/inspect.ts";
import { PDFArray, PDFDict, PDFDocument, PDFName } from "pdf-lib";
import sharp from "sharp";
import { unzipSync } from "fflate";
import { localTargets } from "../../build/site/offline.ts";
import { pdfUaGaps, structureTree, walk, type StructNode } from "../../build/pdf/structure-text.ts";
import { normaliseText } from "../../build/checks/structure-text.ts";
import { serveStatic, type StaticServer } from "../../build/chromium/static-server.ts";
import { expectedFontFamilies } from "../../build/checks/pdf-output.ts";
import { buildCampaign, type BuildResult } from "../../build/pipeline.ts";
import { BLEED_MM, FORMATS } from "../../build/print/formats.ts";
import { axeViolations } from "../../build/checks/accessibility.ts";
import { buildTimeout, expectedPdfs, firstPerStack, PROJECT_ROOT } from "../helpers/sample-campaign.ts";
import { compareWithBaseline, renderFirstPage, updating } from "../helpers/snapshots.ts";
import type { PageWeight } from "../../build/checks/page-weight.ts";


let out: string;
let campaign: Campaign;
let result: BuildResult;
let browser: Browser;
let server: StaticServer;

const registry = await loadCampaign(PROJECT_ROOT);
const PDFS = expectedPdfs(registry).length;
/** One language per font stack: every script and typeface the campaign prints (Latin, Arabic in two faces, Ethiopic, Chinese). */
const PER_STACK = firstPerStack(registry.languages);
let weights: { pages: PageWeight[]; heaviest: { lang: string; page: string; total: number }[]; screenBrochures: { pdf: string; bytes: number }[] };

// The whole sample, built once for every test in this file: every PDF and page of every language.
beforeAll(async () => {
  out = await mkdtemp(path.join(tmpdir(), "waymark-e2e-"));
  campaign = registry;
  // A build that outlives its hook's timeout is cancelled: its Chromium is killed, not left behind.
  result = await buildCampaign({ root: PROJECT_ROOT, outDir: out, cache: false, signal: AbortSignal.timeout(buildTimeout({ pdfs: PDFS, pages: campaign.languages.length * 12 }) - 1_000) });
  weights = JSON.parse(await readFile(path.join(out, "reports", "page-weight.json"), "utf8"));
  server = await serveStatic(path.join(out, "site"));
  browser = await launchBrowser();
}, buildTimeout({ pdfs: PDFS, pages: registry.languages.length * 12 }));
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await rm(out, { recursive: true, force: true });
});

/** Each PDF is read once for all the tests that look into it. */
const facts = new Map<string, Promise<PdfFacts>>();
function pdfFacts(file: string): Promise<PdfFacts> {
  if (!facts.has(file)) facts.set(file, readFile(file).then(inspectPdf));
  return facts.get(file)!;
}

async function htmlPages(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(out, "site", dir), { recursive: true });
  return entries.filter((f) => f.endsWith("index.html")).map((f) => `/${dir}/${f.replace(/index\.html$/, "")}`.replace(/\/+/g, "/"));
}

// Tests below open built pages in Chromium: a few seconds each alone, more beside another file.
const BROWSING = { timeout: 45_000 };

describe("the embedded campaign, built", BROWSING, () => {
  it("has every document in every language of the registry, in both variants", () => {
    expect(result.languages).toEqual(campaign.languages.map((l) => l.code));
    expect(result.languages.length).toBe(16);
    expect(result.pdfs.map((p) => path.relative(out, p)).sort()).toEqual(expectedPdfs(campaign).map((p) => `pdf/${p}`));
  });

  it("offers every language on the root page, grouped by script, endonym first and English name second", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/`);
    const groups = await page.$$eval(".language-group", (sections) =>
      sections.map((s) => ({
        heading: s.querySelector("h2")!.textContent!.trim(),
        choices: [...s.querySelectorAll("li")].map((li) => {
          const endonym = li.querySelector(".choice-endonym")!;
          return { lang: endonym.getAttribute("lang"), dir: endonym.getAttribute("dir"), name: endonym.textContent, english: li.querySelector(".choice-name")?.textContent ?? endonym.textContent };
        }),
      })),
    );
    const scripts = [...new Set(campaign.languages.map((l) => l.script))];
    expect(groups.map((g) => g.heading)).toEqual(scripts.map((s) => (campaign.ui.chooser as { scripts: Record<string, string> }).scripts[s]));
    expect(groups.flatMap((g) => g.choices)).toEqual(scripts.flatMap((s) => campaign.languages.filter((l) => l.script === s)).map((l) => ({ lang: l.code, dir: l.dir, name: l.endonym, english: l.name })));
    expect(await page.$$("script")).toEqual([]); // a chooser without JavaScript
    await page.close();
  });

  it("lists each PDF with its size on the home pages, and serves it", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/fr/`);
    const links = await page.$$eval(".downloads a", (as) => as.map((a) => ({ href: a.getAttribute("href")!, text: a.textContent! })));
    expect(links.length).toBe(2 * 6 + 1); // brochure, leaflet, poster, fiche, guide, session: print and screen; the brochure's booklet
    for (const link of links) {
      expect(link.text).toMatch(/\d+\s*(ko|Mo)/); // French units, from the real file size
      const response = await fetch(new URL(link.href, page.url()));
      expect([response.status, response.headers.get("content-type")], link.href).toEqual([200, "application/pdf"]);
      await response.body?.cancel();
    }
    await page.close();
  });
});

describe("links", () => {
  it("lead only to what exists: every link and source of every page resolves to a file of the site", async () => {
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
    expect(pages.length).toBeGreaterThan(100);
    expect(dead).toEqual([]);
  });

  it("offer German only what exists in it: the professionals' fiche and guide, no stories or glossary", async () => {
    expect((await htmlPages("de")).sort()).toEqual(["/de/", "/de/fiche/", "/de/guide/"]);
    const home = await readFile(path.join(out, "site", "de", "index.html"), "utf8");
    expect([...home.matchAll(/href="(\.\.\/pdf\/de\/[^"]+)"/g)].map((m) => m[1]).sort()).toEqual(["fiche", "guide"].flatMap((d) => [`../pdf/de/${d}.print.pdf`, `../pdf/de/${d}.screen.pdf`]));
    expect(result.pdfs.filter((p) => p.includes("/pdf/de/")).map((p) => path.basename(p)).sort()).toEqual(["fiche.print.pdf", "fiche.screen.pdf", "guide.print.pdf", "guide.screen.pdf"]);
  });
});

describe("outreach", () => {
  it("gives every story and document page its two share images, referenced and linked, each under 300 KB", async () => {
    let pages = 0;
    for (const lang of campaign.languages) {
      const folder = lang.code.toLowerCase();
      for (const url of (await htmlPages(folder)).filter((u) => /\/stories\/|\/(brochure|leaflet|poster|fiche|guide|session)\/$/.test(u))) {
        const html = await readFile(path.join(out, "site", url, "index.html"), "utf8");
        const meta = (p: string) => new RegExp(`<meta (?:property|name)="${p}" content="([^"]*)">`).exec(html)?.[1];
        const canonical = meta("og:url")!;
        const slug = url.replace(`/${folder}/`, "").replace(/\/$/, "").replace(/\//g, "-");
        expect({ image: meta("og:image"), width: meta("og:image:width"), height: meta("og:image:height"), twitter: meta("twitter:image"), alt: meta("og:image:alt") }, url).toEqual({
          image: new URL(`share/${folder}/${slug}-wide.jpg`, campaign.settings.baseUrl).href,
          width: "1200",
          height: "630",
          twitter: new URL(`share/${folder}/${slug}-wide.jpg`, campaign.settings.baseUrl).href,
          alt: /<title>([^<]*)<\/title>/.exec(html)![1],
        });
        expect(canonical.startsWith(campaign.settings.baseUrl)).toBe(true);
        // Plain links to share it: nothing fetched from those apps until a reader taps.
        expect(html).toContain(`href="https://wa.me/?text=`);
        expect(html).toContain(encodeURIComponent(canonical));
        expect(html).toMatch(/href="https:\/\/t\.me\/share\/url\?url=|href="viber:\/\/forward\?text=|href="mailto:\?subject=/);
        expect(html).toMatch(new RegExp(`<a href="(\\.\\./)+share/${folder}/${slug}-square\\.jpg" download>`));
        for (const [shape, size] of [["wide", [1200, 630]], ["square", [1080, 1080]]] as const) {
          const file = path.join(out, "site", "share", folder, `${slug}-${shape}.jpg`);
          const { width, height, format } = await sharp(file).metadata();
          expect([width, height, format], file).toEqual([...size, "jpeg"]);
          expect((await readFile(file)).byteLength, file).toBeLessThanOrEqual(300_000);
        }
        pages++;
      }
    }
    expect(pages).toBeGreaterThan(100);
  });

  it("packs a bundle per language that opens without network: every link inside it resolves inside it", async () => {
    const report = JSON.parse(await readFile(path.join(out, "reports", "offline.json"), "utf8")) as { bundles: { lang: string; file: string; bytes: number }[] };
    expect(report.bundles.map((b) => b.lang)).toEqual(campaign.languages.map((l) => l.code));
    for (const bundle of report.bundles) {
      const zip = unzipSync(await readFile(path.join(out, bundle.file)));
      expect(bundle.bytes).toBe((await readFile(path.join(out, bundle.file))).byteLength);
      const folder = bundle.lang.toLowerCase();
      const names = new Set(Object.keys(zip));
      const pages = [...names].filter((n) => n.endsWith(".html"));
      expect(pages).toContain(`${folder}/index.html`);
      expect([...names].some((n) => n.startsWith(`pdf/${folder}/`) && n.endsWith(".screen.pdf")), bundle.lang).toBe(true);
      expect([...names].some((n) => n.endsWith(".print.pdf")), bundle.lang).toBe(false);
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

  it("has a deck of at least 8 slides and its speaker notes in every language it is made in, and a service worker at the site's root", async () => {
    const session = campaign.documents.find((d) => d.id === "session")!;
    for (const l of documentLanguages(campaign, session)) {
      const folder = l.code.toLowerCase();
      const deck = await pdfFacts(path.join(out, "pdf", folder, "session.screen.pdf"));
      expect(deck.pages, l.code).toBe(session.sections.length + 1); // a title slide, then a slide per section
      expect(deck.pages).toBeGreaterThanOrEqual(8);
      expect(Math.round((deck.boxes[0]!.trim.width / deck.boxes[0]!.trim.height) * 9)).toBe(16);
      expect((await pdfFacts(path.join(out, "pdf", folder, "session-notes.print.pdf"))).pages, l.code).toBeGreaterThanOrEqual(1);
    }
    expect(await readFile(path.join(out, "site", "sw.js"), "utf8")).toMatch(/addEventListener\("fetch"/);
  });
});

describe("the editors' translation status page", BROWSING, () => {
  it("is built, kept out of search engines and of the public navigation", async () => {
    const html = await readFile(path.join(out, "site", "editors", "translation-status", "index.html"), "utf8");
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(html.match(/<section class="editors-language"/g)?.length).toBe(campaign.languages.length - 1);
    const pages = (await readdir(path.join(out, "site"), { recursive: true })).filter((f) => f.endsWith(".html") && !f.startsWith("editors"));
    for (const p of pages) expect(await readFile(path.join(out, "site", p), "utf8"), p).not.toContain("/editors/");
  });
});

describe.each(registry.languages.map((l) => l.code))("pages in %s", BROWSING, (code) => {
  it("declare lang, dir and hreflang alternates, load only the service worker's script, and were loaded in Chromium from this host only, within budget", async () => {
    const lang = campaign.languages.find((l) => l.code === code)!;
    const urls = await htmlPages(code.toLowerCase());
    const docs = campaign.documents.filter((d) => documentLanguages(campaign, d).includes(lang));
    // Home and documents; glossary and stories in the languages that serve every document (not German).
    const told = lang.serves ? [] : campaign.stories;
    expect(urls.length).toBe(1 + docs.length + (lang.serves ? 0 : 1) + told.length);
    for (const url of urls) {
      const html = await readFile(path.join(out, "site", url, "index.html"), "utf8");
      const doc = campaign.documents.find((d) => url.startsWith(`/${code.toLowerCase()}/${d.id}/`));
      // A page is offered in the languages it exists in: a document's (a fiche: fewer), the home page's (all), a story's or the glossary's.
      const offeredIn = doc ? documentLanguages(campaign, doc) : url === `/${code.toLowerCase()}/` ? campaign.languages : publicLanguages(campaign);
      expect(
        {
          html: /<html lang="([^"]+)" dir="([^"]+)"/.exec(html)?.slice(1),
          hreflang: [...html.matchAll(/<link rel="alternate" hreflang="([^"]+)"/g)].map((m) => m[1]),
          // One script only, the service worker's registration, from the site itself; nothing inline.
          scripts: [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0].replace(/(\.\.\/)+/, "")),
          fontFaces: (html.match(/@font-face/g) ?? []).length > 0,
        },
        url,
      ).toEqual({ html: [lang.code, lang.dir], hreflang: [...offeredIn.map((l) => l.code), "x-default"], scripts: ['<script src="assets/sw-register.js" defer>'], fontFaces: true });
      // The build weighed it in Chromium (a request to another host would have stopped it): HTML, CSS and its own cut fonts.
      const row = weights.pages.find((p) => `/${p.page}` === `${url}index.html`);
      expect(row, url).toBeDefined();
      expect(row!.lang, url).toBe(lang.code);
      expect(row!.fonts, url).toBeGreaterThan(0);
      if (row!.budget !== undefined) expect(row!.total, url).toBeLessThanOrEqual(row!.budget);
    }
    // Right to left: phone numbers keep their digits in order, isolated left to right.
    if (lang.dir === "rtl") expect(await readFile(path.join(out, "site", code.toLowerCase(), "brochure", "index.html"), "utf8")).toMatch(/<a href="tel:\d+"><bdi dir="ltr">\d+<\/bdi><\/a>/);
    // Every story page has its budget: 75 KB, or 150 KB in Chinese.
    const stories = weights.pages.filter((p) => p.lang === code && p.kind === "story");
    expect(stories.length).toBe(told.length);
    expect(stories.every((p) => p.budget === (lang.script === "Hans" ? 150_000 : 75_000))).toBe(true);
  });

  it("prints every PDF tagged, in its language, with only the language's fonts embedded, as a draft", async () => {
    const lang = campaign.languages.find((l) => l.code === code)!;
    const files = result.pdfs.filter((p) => p.includes(`/pdf/${code.toLowerCase()}/`));
    expect(files.length).toBeGreaterThan(0);
    const allowed = expectedFontFamilies(campaign, lang);
    for (const file of files) {
      const facts = await pdfFacts(file);
      const name = path.basename(file);
      expect(facts.lang, name).toBe(lang.code);
      expect(facts.xmp, name).toContain(`<dc:language><rdf:Bag><rdf:li>${lang.code}</rdf:li></rdf:Bag></dc:language>`);
      expect(facts.tagged, name).toBe(true);
      // Claimed only when title, language, tags, alternative text and no untagged painting hold.
      expect(facts.xmp, name).toContain("<pdfuaid:part>1</pdfuaid:part>");
      expect(facts.title, name).toBeTruthy();
      const families = [...new Set(facts.fonts.map((f) => f.family))];
      expect(families.filter((f) => !allowed.includes(f)), name).toEqual([]);
      expect(facts.fonts.filter((f) => !f.embedded || f.subtype === "Type3"), name).toEqual([]);
      // Every sample PDF holds draft translations or unverified contacts: it carries the watermark.
      expect(facts.layers, name).toEqual(["Draft watermark"]);
    }
    // The language's own first font is really used in its first document (the brochure, or German's fiche).
    const first = campaign.documents.find((d) => documentLanguages(campaign, d).includes(lang))!;
    const printed = await pdfFacts(path.join(out, "pdf", code.toLowerCase(), `${first.id}.print.pdf`));
    expect(printed.fonts.map((f) => f.family)).toContain(campaign.fonts[lang.fonts[0]!]!.family.replace(/\s+/g, ""));
  });
});

/** The translated text at a dotted path of a locale file ("sections.x.blocks.y.text"). */
async function localeText(lang: string, file: string, key: string): Promise<string> {
  const data = JSON.parse(await readFile(path.join(PROJECT_ROOT, "locales", lang, `${file}.json`), "utf8")) as Record<string, unknown>;
  return key.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], data) as string;
}
async function structure(rel: string) {
  const doc = await PDFDocument.load(await readFile(path.join(out, "pdf", rel)), { updateMetadata: false });
  return { doc, tree: structureTree(doc)! };
}
const blocksOf = (tree: StructNode, type: string) => [...walk(tree)].filter((n) => n.type === type).map((n) => normaliseText(n.textWithoutLabels));

// What a screen reader, search and copy-paste get from a PDF: its structure tree's text, read
// the way poppler reads it (pdfinfo -struct-text). Chromium's own PDFs gave single
// presentation-form letters in Arabic and lost the space at every wrap.
describe("the PDFs' structure text", () => {
  it("reads an Arabic heading, a Persian paragraph with a Latin phone number, a Tigrinya list item and a wrapped English paragraph as written", async () => {
    const ar = await structure("ar/brochure.screen.pdf");
    expect(blocksOf(ar.tree, "H1")).toEqual([await localeText("ar", "brochure", "title")]);
    expect(blocksOf(ar.tree, "H2")).toContain(await localeText("ar", "brochure", "sections.before-you-go.title"));

    const fa = await structure("fa/brochure.screen.pdf");
    const phone = campaign.contacts.find((c) => c.phone)!.phone!;
    expect(phone).toMatch(/^[0-9 +]+$/);
    expect(blocksOf(fa.tree, "P")).toContain((await localeText("fa", "ui", "contact.phoneLine")).replace("{{phone}}", phone));

    const ti = await structure("ti/brochure.screen.pdf");
    expect(blocksOf(ti.tree, "LI")).toContain(await localeText("ti", "brochure", "sections.the-road.blocks.risks.items.air"));

    // Long enough to wrap on an A5 page: its words keep their spaces across each wrap.
    const en = await structure("en/brochure.screen.pdf");
    const boarding = campaign.documents.find((d) => d.id === "brochure")!.sections.flatMap((s) => s.blocks).find((b) => b.id === "boarding") as { text: string };
    expect(boarding.text.length).toBeGreaterThan(120);
    expect(blocksOf(en.tree, "P")).toContain(normaliseText(boarding.text));

    // No space is added where Chinese wraps, between two Han characters.
    const zh = await structure("zh-hans/brochure.screen.pdf");
    expect(blocksOf(zh.tree, "P")).toContain(await localeText("zh-Hans", "brochure", "sections.before-you-go.blocks.intro.text"));
  });

  it("gives the guide a table of contents that matches its headings, with the page each one is on, in every language it is made in", async () => {
    const guide = campaign.documents.find((d) => d.id === "guide")!;
    expect(documentLanguages(campaign, guide).map((l) => l.code)).toEqual(["en", "nl", "fr", "de"]);
    for (const l of documentLanguages(campaign, guide)) {
      for (const variant of ["print", "screen"]) {
        const { doc, tree } = await structure(`${l.code.toLowerCase()}/guide.${variant}.pdf`);
        const pageRefs = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i + 1]));
        // The page of a structure element: the /Pg of its first marked content.
        const pageOf = (d: PDFDict): number | undefined => {
          const own = d.get(PDFName.of("Pg"));
          if (own) return pageRefs.get(own.toString());
          const k = d.lookup(PDFName.of("K"));
          for (const kid of k instanceof PDFArray ? k.asArray().map((x) => doc.context.lookup(x)) : [k]) if (kid instanceof PDFDict && pageOf(kid)) return pageOf(kid);
          return undefined;
        };
        const nodes = [...walk(tree)];
        const headings = nodes.filter((n) => n.type === "H2").slice(1); // after "Contents"
        const rows = nodes.filter((n) => n.type === "TR").map((r) => r.children.map((c) => normaliseText(c.text)));
        const where = `${l.code} guide (${variant})`;
        expect(headings.length, where).toBe(guide.sections.length);
        expect(rows.map(([n, title]) => `${n} ${title}`), where).toEqual(headings.map((h) => normaliseText(h.text)));
        expect(rows.map((r) => Number(r[2])), where).toEqual(headings.map((h) => pageOf(h.dict)));
        expect(pageOf(headings.at(-1)!.dict), where).toBeGreaterThan(1); // the contents has a page of its own
      }
    }
  });

  it("tags text in another language with /Lang, every figure with /Alt, and leaves no painting untagged", async () => {
    for (const code of PER_STACK) {
      for (const doc of ["brochure.screen.pdf", "poster.print.pdf"]) {
        const { doc: pdf, tree } = await structure(`${code.toLowerCase()}/${doc}`);
        expect(pdfUaGaps(pdf), `${code}/${doc}`).toEqual([]);
        if (code === "en") continue;
        // The sources are cited in English in every language.
        const english = [...walk(tree)].filter((n) => n.lang === "en");
        if (doc.startsWith("brochure")) expect(english.length, `${code}/${doc}`).toBeGreaterThan(0);
        for (const n of english) expect(n.text, `${code}/${doc}`).toMatch(/[A-Za-z]/);
      }
    }
  });
});

// Every partial is checked by axe in its fixtures, in every script (tests/templates); here,
// each kind of page as built (home, a document, a story, the glossary, the root and editors'
// pages), in one language per font stack.
describe.each(PER_STACK)("pages in %s, as built", BROWSING, (code) => {
  it("passes axe-core's WCAG 2.2 AA rules on a page of every kind", async () => {
    const page = await browser.newPage();
    await page.setBypassCSP(true); // the pages forbid scripts; axe is injected by the test only
    const violations: string[] = [];
    const folder = code.toLowerCase();
    const kinds = [`/${folder}/`, `/${folder}/brochure/`, `/${folder}/stories/${campaign.stories[0]!.id}/`, `/${folder}/glossary/`];
    for (const url of [...kinds, ...(code === "en" ? ["/", "/editors/translation-status/"] : [])]) {
      await page.goto(server.origin + url, { waitUntil: "load" });
      const found = await axeViolations(page);
      violations.push(...found.map((v) => `${url}: ${v}`));
    }
    expect(violations).toEqual([]);
    await page.close();
  });
});

describe("print-ready boxes and page counts, for every format", BROWSING, () => {
  const near = (a: number, b: number, tolerance: number) => Math.abs(a - b) <= tolerance;

  it.each(Object.values(FORMATS).map((f) => [f.id, f] as const))("%s", async (_id, format) => {
    // Story cards are story-<id>.*, story posters poster-<id>.*, a deck's handout <deck>-notes.*; every other format is its document.
    const prefix = format.id === "story-card" ? "story-" : format.id === "story-poster" ? "poster-" : format.id === "handout" ? "session-notes." : `${format.id}.`;
    const files = result.pdfs.filter((p) => path.basename(p).startsWith(prefix));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const name = path.relative(out, file);
      const facts = await pdfFacts(file);
      const { exactly, max, multipleOf } = format.pages;
      if (exactly) expect(facts.pages, name).toBe(exactly);
      if (max) expect(facts.pages, name).toBeLessThanOrEqual(max);
      if (multipleOf) expect(facts.pages % multipleOf, name).toBe(0);
      for (const { trim, bleed, media } of facts.boxes) {
        // TrimBox is the trim size within 0.1 mm, whatever Chromium rounded the page to.
        expect(near(trim.width, format.trimMm.width, 0.1) && near(trim.height, format.trimMm.height, 0.1), `${name} trim ${trim.width}×${trim.height}`).toBe(true);
        if (file.endsWith(".print.pdf")) {
          // BleedBox is 3 mm larger on each side; the MediaBox leaves room for crop marks outside it.
          expect(near(bleed.x, trim.x - BLEED_MM, 0.1) && near(bleed.y, trim.y - BLEED_MM, 0.1), name).toBe(true);
          expect(near(bleed.width, trim.width + 2 * BLEED_MM, 0.1) && near(bleed.height, trim.height + 2 * BLEED_MM, 0.1), name).toBe(true);
          expect(media.width).toBeGreaterThan(bleed.width + 10);
        } else {
          // Screen: the trim size only.
          expect(near(media.width, format.trimMm.width, 0.5) && near(media.height, format.trimMm.height, 0.5), `${name} media ${media.width}×${media.height}`).toBe(true);
          expect(bleed).toEqual(trim);
        }
      }
    }
  });

  it("gives the screen brochure bookmarks and keeps it under 1 MB in every language; the print brochure has none", async () => {
    const brochureLanguages = documentLanguages(campaign, campaign.documents.find((d) => d.id === "brochure")!);
    expect(weights.screenBrochures.map((b) => b.pdf).sort()).toEqual(brochureLanguages.map((l) => `${l.code.toLowerCase()}/brochure.screen.pdf`).sort());
    for (const l of brochureLanguages) {
      const folder = path.join(out, "pdf", l.code.toLowerCase());
      const screen = await readFile(path.join(folder, "brochure.screen.pdf"));
      expect(screen.byteLength, l.code).toBeLessThanOrEqual(1_000_000);
      expect((await inspectPdf(screen)).outline).toBe(true);
      expect((await pdfFacts(path.join(folder, "brochure.print.pdf"))).outline).toBe(false);
    }
  });
});

describe("posters read at 3 m", () => {
  type Row = { pdf: string; lang: string; document: string; capMm: number; copyfitFromMm?: number; qrMm: number; emptyBand: { share: number } };
  let report: { rules: { capMm: number; capMinMm: number; qrMinMm: number; emptyBandMax: number }; posters: Row[] };
  beforeAll(async () => void (report = JSON.parse(await readFile(path.join(out, "reports", "posters.json"), "utf8"))));

  it("give every poster, in every language, a headline of 25 mm cap height (or a reported copyfit to 18 mm), a QR code of 40 mm and no empty band over 15%", () => {
    const posters = publicLanguages(campaign).flatMap((l) => ["poster", ...campaign.stories.map((s) => `poster-${s.id}`)].map((d) => `${l.code.toLowerCase()}/${d}.screen.pdf`));
    expect(report.posters.map((r) => r.pdf).sort()).toEqual(posters.sort());
    expect(report.rules).toEqual({ capMm: 25, capMinMm: 18, qrMinMm: 40, emptyBandMax: 0.15 });
    for (const r of report.posters) {
      if (r.copyfitFromMm) expect(r.copyfitFromMm, r.pdf).toBeGreaterThanOrEqual(25);
      expect(r.capMm, r.pdf).toBeGreaterThanOrEqual(r.copyfitFromMm ? 18 : 25);
      expect(r.qrMm, r.pdf).toBeGreaterThanOrEqual(40);
      expect(r.emptyBand.share, r.pdf).toBeLessThanOrEqual(0.15);
    }
    // Copyfit is never silent: the build warned of every poster it set smaller.
    const copyfitted = report.posters.filter((r) => r.copyfitFromMm).map((r) => `${r.document} in ${r.lang}:`);
    expect(result.warnings.filter((w) => /\(copyfit\)$/.test(w.message)).map((w) => w.message.split(" the headline")[0])).toEqual(expect.arrayContaining(copyfitted));
  });

  /** A text as the build shows it in a language: the source's for English, else its translation. */
  const textOf = async (l: string, ns: "campaign" | "ui" | "stories", key: string): Promise<string> => {
    if (l !== "en") return localeText(l, ns, key);
    const source = { campaign: campaign.settings.text, ui: campaign.ui, stories: Object.fromEntries(campaign.stories.map((s) => [s.id, s])) }[ns];
    return key.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], source) as string;
  };
  const structureText = async (rel: string) => normaliseText((await structure(rel)).tree.text);

  it("print a poster per story with the story's words in front and its content warning kept", async () => {
    for (const l of ["en", "ar", "ti", "zh-Hans"]) {
      // "This story mentions: {{topics}}": what comes before the topics, in the language.
      const warning = normaliseText((await textOf(l, "ui", "story.warning")).split("{{")[0]!);
      expect(warning.length).toBeGreaterThan(3);
      for (const story of campaign.stories) {
        const text = await structureText(`${l.toLowerCase()}/poster-${story.id}.screen.pdf`);
        expect(text, `${l} poster-${story.id}`).toContain(normaliseText(await textOf(l, "stories", `${story.id}.title`)));
        expect(text, `${l} poster-${story.id}`).toContain(normaliseText(await textOf(l, "stories", `${story.id}.summary`)));
        if (story.sensitivity.length) expect(text, `${l} poster-${story.id}: its content warning`).toContain(warning);
      }
    }
  });

  it("carry the campaign's mark, its title in the page's language, on the leaflet, story cards and posters", async () => {
    for (const l of ["en", "ar", "ti", "zh-Hans"]) {
      const mark = normaliseText(await textOf(l, "campaign", "title"));
      for (const name of ["leaflet", "poster", ...campaign.stories.flatMap((s) => [`story-${s.id}`, `poster-${s.id}`])]) {
        expect(await structureText(`${l.toLowerCase()}/${name}.screen.pdf`), `${l} ${name}`).toContain(mark);
      }
    }
  });
});

describe("visual regression", () => {
  // The first page of every format, in one language per script family (Latin, Arabic, Ethiopic,
  // CJK) where the format is made in it, against tests/snapshots/ (npm run snapshots:update).
  it("renders the first page of every format as its committed snapshot", async () => {
    const story = campaign.stories.find((s) => s.image)!.id;
    const files: Record<string, string> = { brochure: "brochure", booklet: "brochure.booklet", leaflet: "leaflet", poster: "poster", fiche: "fiche", guide: "guide", session: "session", handout: "session-notes", "story-card": `story-${story}`, "story-poster": `poster-${story}` };
    expect(Object.keys(files)).toEqual(expect.arrayContaining(Object.keys(FORMATS)));
    const results = [];
    for (const lang of ["en", "ar", "ti", "zh-hans"]) {
      for (const [format, name] of Object.entries(files)) {
        const file = path.join(out, "pdf", lang, name.endsWith(".booklet") ? `${name}.pdf` : `${name}.screen.pdf`);
        const pdf = await readFile(file).catch(() => undefined);
        if (!pdf) continue; // not made in this language (the fiche and guide are for professionals, in en, nl, fr, de)
        results.push(await compareWithBaseline(`${format}-${lang}`, await renderFirstPage(pdf)));
      }
    }
    // Every format and every script family is looked at.
    expect(new Set(results.map((r) => r.name.split("-").at(-1)))).toEqual(new Set(["en", "ar", "ti", "hans"]));
    expect(results.length).toBeGreaterThanOrEqual(Object.keys(files).length + 3 * 8);
    const failed = results.filter((r) => r.diff || r.missing).map((r) => (r.missing ? `${r.name}: no baseline (npm run snapshots:update)` : `${r.name}: ${(r.share * 100).toFixed(2)}% of the pixels differ, see ${r.diff}`));
    expect(failed, updating ? "" : "a layout changed: look at the diff images; if the change is meant, run npm run snapshots:update").toEqual([]);
  }, 120_000);
});

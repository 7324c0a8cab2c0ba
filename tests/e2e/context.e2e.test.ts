/**
 * `waymark context` end to end on a small sample (English and Tigrinya, the leaflet without its
 * story: a story's card and poster are print pages like the leaflet's), with the real Eleventy, Chromium and pdftoppm: every Tigrinya text shown somewhere
 * has a screenshot with its box outlined, the XLIFF validates against the OASIS schemas and
 * imports losslessly, the review sheet lists every text with its state and reviewer, and each
 * print document has a proof with its keys in the margin.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { XMLParser } from "fast-xml-parser";
import { unzipSync } from "fflate";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { layOutForContext } from "../../build/context/lay-out.ts";
import { makeContext, type ContextResult } from "../../build/context/make-context.ts";
import { recordReview } from "../../build/i18n/review.ts";
import { importXliff } from "../../build/i18n/xliff.ts";
import { loadSite } from "../../build/load.ts";
import { buildTimeout, sampleCampaign, smallSample } from "../helpers/sample-campaign.ts";
import { testChromium } from "../helpers/test-chromium.ts";

const run = promisify(execFile);
const SCHEMA = path.join(import.meta.dirname, "..", "i18n", "schemas", "xliff-2", "resource_data.xsd");
/** The outline highlight.ts draws around a text (STROKE). */
const STROKE = [194, 0, 107];

let root: string;
let cleanup: () => Promise<void>;
let result: ContextResult;
let second: ContextResult;

describe("waymark context --lang ti", { timeout: buildTimeout({ builds: 3, pages: 40 }) }, () => {
  beforeAll(
    async () => {
      ({ root, cleanup } = await sampleCampaign(await smallSample(["en", "ti"], ["leaflet"], { stories: [] })));
      // A reviewer's approval of one text, before the sheet is made: the sheet says who and when.
      const loaded = await loadSite(root);
      await recordReview(loaded.campaign, loaded.sources, loaded.translations, {
        lang: "ti",
        document: "leaflet",
        key: "title",
        state: "approved",
        by: "Test Reviewer",
        at: new Date("2026-12-01T09:30:00Z"),
      });
      result = await makeContext({ root, lang: "ti", chromium: testChromium() });
      // Nothing changed: every page's shots come from the cache, and the manifest is the same.
      second = await makeContext({ root, lang: "ti", chromium: testChromium() });
    },
    buildTimeout({ builds: 3, pages: 40 }),
  );
  afterAll(() => cleanup?.());

  it("gives every Tigrinya text shown on a page a screenshot there, on the web and in print, beside the English", async () => {
    const m = result.manifest;
    const own = m.shots.filter((s) => s.lang === "ti");
    const withShot = new Set(own.map((s) => s.key));
    expect(m.keys.shown).toBeGreaterThan(50);
    expect(m.keys.withoutScreenshot).toEqual([]);
    expect(m.keys.withScreenshot).toBe(m.keys.shown);
    expect(withShot.size).toBe(m.keys.shown);
    // Counted from the XLIFF too: each unit is shown somewhere (and has a screenshot) or is listed as not shown.
    const loaded = await loadSite(root);
    const expected = [...loaded.translations.status.ti!.keys()];
    const hidden = new Set(m.keys.hidden.map((h) => h.key));
    for (const id of expected) expect(withShot.has(id) || m.keys.notShown.includes(id) || hidden.has(id), id).toBe(true);

    // Counted independently: every text the Tigrinya pages mark, laid out again and read from their HTML.
    const work = await mkdtemp(path.join(tmpdir(), "waymark-context-pages-"));
    try {
      const laidOut = await layOutForContext(loaded, "ti", work, { fonts: path.join(root, ".waymark-cache", "fonts") });
      const marked = new Set<string>();
      for (const page of laidOut.pages.filter((p) => p.lang === "ti")) {
        const html = await readFile(path.join(page.medium === "print" ? laidOut.printDir : laidOut.webDir, page.rel), "utf8");
        for (const attr of html.matchAll(/data-text="([^"]+)"/g)) for (const mark of attr[1]!.split(" ")) marked.add(mark.split("|")[1]!);
      }
      expect(marked.size).toBeGreaterThan(50);
      const missing = [...marked].filter((id) => !withShot.has(id) && !hidden.has(id));
      expect(missing, "marked on a Tigrinya page but without a screenshot").toEqual([]);
      expect(marked.size).toBe(m.keys.shown + m.keys.hidden.length);
    } finally {
      await rm(work, { recursive: true, force: true });
    }

    // The leaflet's title: on its web page and its print page, in Tigrinya and in English.
    const title = m.shots.filter((s) => s.key === "leaflet:title");
    const places = title.map((s) => `${s.lang} ${s.medium} ${s.document}`);
    for (const want of ["ti web leaflet", "ti print leaflet", "en web leaflet", "en print leaflet"]) expect(places).toContain(want);
    const print = title.find((s) => s.lang === "ti" && s.medium === "print")!;
    expect(print).toMatchObject({ file: "locales/ti/leaflet.json", page: 1, pages: 2, box: { unit: "mm" }, fontSize: { unit: "pt" } });
    expect(print.box.width).toBeGreaterThan(20);
    expect(print.box.x + print.box.width).toBeLessThanOrEqual(148.5); // within the A5 trim
    expect(print.fontSize.value).toBeGreaterThanOrEqual(14);
    const web = title.find((s) => s.lang === "ti" && s.medium === "web")!;
    expect(web).toMatchObject({ url: "/ti/leaflet/", box: { unit: "px" }, fontSize: { unit: "px" } });
    expect(web.box.x + web.box.width).toBeLessThanOrEqual(m.phoneWidth);
  });

  it("writes every image the manifest names, each with its text's box outlined", async () => {
    const images = [...new Set(result.manifest.shots.map((s) => s.image))];
    for (const image of images) expect((await stat(path.join(result.dir, image))).size, image).toBeGreaterThan(500);
    // Sampled: the outline's colour is in the picture, around the box the manifest gives.
    for (const shot of result.manifest.shots.filter((s) => s.key === "leaflet:title")) {
      const { data, info } = await sharp(path.join(result.dir, shot.image)).raw().toBuffer({ resolveWithObject: true });
      let outline = 0;
      for (let i = 0; i < data.length; i += info.channels) if (data[i] === STROKE[0] && data[i + 1] === STROKE[1] && data[i + 2] === STROKE[2]) outline++;
      expect(outline, shot.image).toBeGreaterThan(100);
    }
    const manifest = JSON.parse(await readFile(path.join(result.dir, "manifest.json"), "utf8"));
    expect(manifest.shots.length).toBe(result.manifest.shots.length);
  });

  it("takes an unchanged language's shots from the cache, to the same manifest", () => {
    expect(result.fresh).toBeGreaterThan(0);
    expect(second.fresh).toBe(0);
    expect(second.reused).toBe(result.fresh + result.reused);
    expect(second.manifest).toEqual(result.manifest);
  });

  it("exports an XLIFF that validates against the OASIS schemas, with notes and linked screenshots, and imports losslessly", async () => {
    const file = path.join(result.dir, "ti.xlf");
    const { stderr } = await run("xmllint", ["--nonet", "--noout", "--schema", SCHEMA, file]);
    expect(stderr).toContain("validates");
    const xml = await readFile(file, "utf8");
    const doc = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: "@",
      isArray: (n) => ["file", "unit", "note", "res:resourceItem", "res:resourceItemRef"].includes(n),
    }).parse(xml);
    const leaflet = doc.xliff.file.find((f: { "@id": string }) => f["@id"] === "leaflet");
    const title = leaflet.unit.find((u: { "@id": string }) => u["@id"] === "title");
    const context = title.notes.note.filter((n: { "@category": string }) => n["@category"] === "context").map((n: { "#text": string }) => n["#text"]);
    expect(context).toContainEqual(expect.stringMatching(/^Print: leaflet, page 1 of 2: .*\d+(\.\d)? pt, \d+ lines?/));
    expect(context).toContainEqual(expect.stringMatching(/^Web page \/ti\/leaflet\/ at a phone's width/));
    const items = new Map(leaflet["res:resourceData"]["res:resourceItem"].map((r: { "@id": string }) => [r["@id"], r]));
    const refs = title["res:resourceData"]["res:resourceItemRef"].map((r: { "@ref": string }) => items.get(r["@ref"]));
    // One link per place the language shows it (web and print), each paired with the English of the same place.
    expect(refs.length).toBe(result.manifest.shots.filter((s) => s.key === "leaflet:title" && s.lang === "ti").length);
    expect(refs.length).toBeGreaterThanOrEqual(2);
    for (const item of refs as Record<string, { "@href": string; "@xml:lang": string }>[]) {
      expect(item["res:target"]!["@xml:lang"]).toBe("ti");
      expect(item["res:source"]!["@xml:lang"]).toBe("en");
      await stat(path.join(result.dir, item["res:target"]!["@href"])); // the link leads to the image
    }
    // The zip for a CAT tool holds the same XLIFF and every image it links.
    const zip = unzipSync(await readFile(result.zip));
    expect(new TextDecoder().decode(zip["ti.xlf"])).toBe(xml);
    for (const href of xml.matchAll(/href="([^"]+)"/g)) expect(zip[href[1]!], href[1]).toBeDefined();

    const loaded = await loadSite(root);
    const report = await importXliff(loaded.campaign, loaded.sources, loaded.translations, await readFile(file), file, loaded.coverage);
    expect(report.rejected).toEqual([]);
    expect([report.added, report.changed, report.states]).toEqual([[], [], []]);
  });

  it("writes a review sheet that lists every text with its source, translation, state, reviewer and screenshot", async () => {
    const html = await readFile(result.reviewSheet, "utf8");
    const loaded = await loadSite(root);
    const texts = loaded.translations.status.ti!;
    const articles = [...html.matchAll(/<article class="text" id="([^"]+)">([\s\S]*?)<\/article>/g)];
    expect(articles.map((a) => a[1]).sort()).toEqual([...texts.keys()].sort());
    const title = articles.find((a) => a[1] === "leaflet:title")![2]!;
    expect(title).toContain("approved by Test Reviewer, 2026-12-01 09:30 UTC");
    expect(title).toMatch(/<img src="\.\.\/context\/ti\/images\/ti\/print\/leaflet\/p01\/leaflet\.title\.png"/);
    for (const [, id, body] of articles) expect(body, id).toMatch(/class="state state-(draft|reviewed|approved|missing|rejected)"/);
    // Works offline: every file it refers to is there, and nothing is asked of another host.
    for (const src of html.matchAll(/(?:src|href)="([^"#][^"]*)"/g)) {
      expect(src[1], "no other host").not.toMatch(/^[a-z]+:/);
      await stat(path.join(path.dirname(result.reviewSheet), decodeURIComponent(src[1]!)));
    }
    for (const font of html.matchAll(/url\("?([^")]+)"?\)/g)) await stat(path.join(path.dirname(result.reviewSheet), font[1]!));
  });

  it("writes a proof of each print document with every text's key in the margin", async () => {
    expect(result.proofs.map((p) => path.basename(p)).sort()).toEqual(
      (await readdir(path.join(root, "dist", "review", "ti"))).filter((f) => f.endsWith(".pdf")).sort(),
    );
    const leaflet = result.proofs.find((p) => p.endsWith("leaflet.proof.pdf"))!;
    const { stdout: info } = await run("pdfinfo", [leaflet]);
    expect(info).toMatch(/Pages:\s+2\b/);
    const { stdout: text } = await run("pdftotext", ["-layout", leaflet, "-"]);
    const printKeys = new Set(result.manifest.shots.filter((s) => s.lang === "ti" && s.medium === "print" && s.document === "leaflet").map((s) => s.key));
    for (const key of printKeys) expect(text, key).toContain(key);
  });
});

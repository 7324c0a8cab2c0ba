/** XLIFF 2.0 export and import, on copies of the sample campaign. */
import { execFile } from "node:child_process";
import { readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { expectedTexts } from "../../build/i18n/locales.ts";
import { flatten } from "../../build/i18n/source-strings.ts";
import { exportXliff, importXliff, XLIFF_NS } from "../../build/i18n/xliff.ts";
import { loadSite } from "../../build/load.ts";
import { sampleCampaigns, smallSample, loadTimeout, inLanguages } from "../helpers/sample-campaign.ts";

// Four languages, Arabic among them: each copy is loaded, and sixteen load three times slower.
const copy = sampleCampaigns(() => inLanguages(["en", "nl", "fr", "ar"]));
/** The OASIS XLIFF 2.0 core and Resource Data schemas (vendored: tests/i18n/schemas/xliff-2/). */
const SCHEMA = path.join(import.meta.dirname, "schemas", "xliff-2", "resource_data.xsd");
async function sample() {
  // The languages and the document these tests export: a small copy loads in a fraction of the time.
  const root = await copy(await smallSample(["en", "nl", "fr", "ar"], ["leaflet", "brochure"], { stories: [] }));
  return { root, ...(await loadSite(root)) };
}
async function snapshot(dir: string): Promise<Map<string, string>> {
  // Every file of the language, its editions' own translations included.
  const files = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
  return new Map(await Promise.all(files.map(async (f) => [f, await readFile(path.join(dir, f), "utf8")] as const)));
}
const parse = (xml: string) =>
  new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (name) => ["file", "unit", "note", "data"].includes(name) }).parse(xml);

describe("XLIFF 2.0 export", { timeout: loadTimeout(2) }, () => {
  it("writes one unit per text with source, target, state and context notes", async () => {
    const s = await sample();
    const xml = exportXliff(s.campaign, s.sources, s.translations, "ar", "leaflet");
    const doc = parse(xml);
    expect(doc.xliff["@xmlns"]).toBe(XLIFF_NS);
    expect(doc.xliff["@version"]).toBe("2.0");
    expect([doc.xliff["@srcLang"], doc.xliff["@trgLang"]]).toEqual(["en", "ar"]);
    expect(doc.xliff.file.map((f: { "@id": string }) => f["@id"])).toEqual(["leaflet"]);
    const units = doc.xliff.file[0].unit;
    expect(units.map((u: { "@id": string }) => u["@id"])).toEqual([...expectedTexts(flatten(s.sources.leaflet!), "ar").keys()]);
    const notesOf = (unit: { notes: { note: { "@category": string; "#text": string }[] } }) => unit.notes.note.map((n) => [n["@category"], n["#text"]]);
    const protection = units.find((u: { "@id": string }) => u["@id"] === "sections.help.blocks.protection.text");
    expect(protection.segment["@state"]).toBe("translated"); // a draft
    expect(notesOf(protection)).toEqual([
      ["location", expect.stringMatching(/^leaflet, page 2, section "help" .*paragraph "protection"/)],
      ["length", expect.stringMatching(/^Printed on a fixed-size A5 leaflet: at most \d+ characters/)],
    ]);
    // Placeholders travel as <ph>, their text kept aside; a flowing document has no length budget.
    const brochure = parse(exportXliff(s.campaign, s.sources, s.translations, "ar", "brochure")).xliff.file[0].unit;
    const emergency = brochure.find((u: { "@id": string }) => u["@id"] === "sections.help.blocks.emergency.text");
    expect(emergency.originalData.data.map((d: { "#text": string }) => d["#text"])).toEqual(["{{emergency}}", "{{police}}"]);
    expect(notesOf(emergency)).toEqual([["location", expect.stringMatching(/^brochure, section "help" .*paragraph "emergency"/)]]);
  });

  it("exports Arabic's six plural forms, with no target for a missing text", async () => {
    const s = await sample();
    const units = parse(exportXliff(s.campaign, s.sources, s.translations, "ar", "ui")).xliff.file[0].unit as { "@id": string }[];
    expect(units.filter((u) => u["@id"].startsWith("home.storyCount_")).map((u) => u["@id"])).toEqual(
      ["home.storyCount_few", "home.storyCount_many", "home.storyCount_one", "home.storyCount_other", "home.storyCount_two", "home.storyCount_zero"].sort(
        (a, b) => units.findIndex((u) => u["@id"] === a) - units.findIndex((u) => u["@id"] === b),
      ),
    );
  });
});

describe("XLIFF 2.0 export with where each text stands (waymark context)", { timeout: loadTimeout(1) }, () => {
  it("validates against the OASIS schemas with its context notes and linked screenshots; without context it has neither", async () => {
    const s = await sample();
    const plain = exportXliff(s.campaign, s.sources, s.translations, "ar", "leaflet");
    expect(plain).not.toMatch(/res:|category="context"/);
    const xml = exportXliff(s.campaign, s.sources, s.translations, "ar", "leaflet", {
      notes: (id) => (id === "leaflet:title" ? ["Print: leaflet, page 1 of 2: main heading, 24 pt & bold"] : []),
      images: (id) =>
        id === "leaflet:title"
          ? [
              {
                target: { href: "images/ar/print/leaflet/p01/leaflet.title.png", lang: "ar" },
                source: { href: "images/en/print/leaflet/p01/leaflet.title.png", lang: "en" },
              },
            ]
          : id === "leaflet:subtitle"
            ? [{ source: { href: "images/en/web/leaflet/leaflet.subtitle.png", lang: "en" } }]
            : [],
    });
    const file = path.join(s.root, "ar.xlf");
    await writeFile(file, xml);
    const { stderr } = await promisify(execFile)("xmllint", ["--nonet", "--noout", "--schema", SCHEMA, file]);
    expect(stderr).toContain("validates");
    const title = parse(xml).xliff.file[0].unit.find((u: { "@id": string }) => u["@id"] === "title");
    expect(title["res:resourceData"]["res:resourceItemRef"]).toEqual({ "@ref": "r1" });
    expect(title.notes.note.at(-1)).toEqual({ "@category": "context", "#text": "Print: leaflet, page 1 of 2: main heading, 24 pt & bold" });
    // The schema is no formality: a link to an image the file does not list is an item out of place.
    await writeFile(file, xml.replace('<res:resourceItemRef ref="r1"/>', '<res:resourceItem ref="r1"/>'));
    const bad = await promisify(execFile)("xmllint", ["--nonet", "--noout", "--schema", SCHEMA, file]).catch((e: { stderr: string }) => e);
    expect(bad.stderr).toMatch(/fails to validate/);
  });
});

describe("XLIFF 2.0 import", { timeout: loadTimeout(3) }, () => {
  it("changes nothing when a file is imported as it was exported", async () => {
    const s = await sample();
    const dir = path.join(s.root, "locales", "ar");
    const before = await snapshot(dir);
    const report = await importXliff(s.campaign, s.sources, s.translations, Buffer.from(exportXliff(s.campaign, s.sources, s.translations, "ar")));
    expect([report.added, report.changed, report.states, report.rejected]).toEqual([[], [], [], []]);
    expect(report.unchanged).toBeGreaterThan(100);
    expect(await snapshot(dir)).toEqual(before);
  });

  it("writes an edited target and its state back, and reports them", async () => {
    const s = await sample();
    const xml = exportXliff(s.campaign, s.sources, s.translations, "nl", "leaflet")
      .replace(/(<unit id="title"[\s\S]*?<segment) state="translated"/, '$1 state="final"')
      .replace(/(<unit id="title"[\s\S]*?<target>)[^<]*/, "$1Betaal nooit een smokkelaar");
    // An approval with no reviewer named is refused, and nothing of it written.
    const unnamed = await importXliff(s.campaign, s.sources, s.translations, Buffer.from(xml), "nl.xlf");
    expect(unnamed.rejected).toEqual([
      { file: "nl.xlf", field: "leaflet:title", message: expect.stringMatching(/needs the reviewer's name: import with --by/) },
    ]);
    expect((await loadSite(s.root)).translations.status.nl!.get("leaflet:title")).toMatchObject({ state: "draft" });
    const report = await importXliff(s.campaign, s.sources, s.translations, Buffer.from(xml), "nl.xlf", undefined, {
      by: "Reviewer",
      at: new Date("2026-12-02T08:00:00Z"),
    });
    expect(report.changed).toEqual(["leaflet:title"]);
    expect(report.rejected).toEqual([]);
    const after = await loadSite(s.root);
    expect(after.translators.get("nl")!.t("leaflet:title").text).toBe("Betaal nooit een smokkelaar");
    expect(after.translations.status.nl!.get("leaflet:title")).toMatchObject({ kind: "translated", state: "approved" });
    const records = JSON.parse(await readFile(path.join(s.root, "locales", "nl", "_review.json"), "utf8"));
    expect(records["leaflet:title"]).toMatchObject({ state: "approved", by: "Reviewer", at: "2026-12-02T08:00:00Z" });
  });

  it("rejects a hostile target and a lost placeholder with the key and reason, and writes neither", async () => {
    const s = await sample();
    const before = await snapshot(path.join(s.root, "locales", "fr"));
    const xml = exportXliff(s.campaign, s.sources, s.translations, "fr", "brochure")
      .replace(/(<unit id="title"[\s\S]*?<target>)[^<]*/, "$1&lt;script&gt;alert(1)&lt;/script&gt;Avant")
      .replace(/(<unit id="sections.help.blocks.emergency.text"[\s\S]*?<target>[\s\S]*?)<ph id="2" dataRef="d2"\/>/, "$1");
    const report = await importXliff(s.campaign, s.sources, s.translations, Buffer.from(xml), "fr.xlf");
    expect(report.rejected).toEqual([
      { file: "fr.xlf", field: "brochure:title", message: "contains a script or style element" },
      { file: "fr.xlf", field: "brochure:sections.help.blocks.emergency.text", message: "placeholder {{police}} is missing" },
    ]);
    expect(await snapshot(path.join(s.root, "locales", "fr"))).toEqual(before);
  });

  it.each([
    [
      "an internal entity",
      '<!DOCTYPE xliff [<!ENTITY g "Bonjour">]>',
      "&g;",
      /fr\.xlf: has a DOCTYPE \(entity declarations are refused\): nothing was imported/,
    ],
    ["an external entity", '<!DOCTYPE xliff [<!ENTITY g SYSTEM "file:///etc/passwd">]>', "&g;", /fr\.xlf: has a DOCTYPE/],
    ["an undefined entity, with no DOCTYPE", "", "&g;", /fr\.xlf: line \d+: "&g;" is not one of XML's own entities: nothing was imported/],
  ])("refuses a file with %s in one line naming the file, and writes nothing", async (_name, doctype, entity, message) => {
    const s = await sample();
    const before = await snapshot(path.join(s.root, "locales", "fr"));
    const xml = exportXliff(s.campaign, s.sources, s.translations, "fr", "brochure")
      .replace('<?xml version="1.0" encoding="UTF-8"?>\n', `<?xml version="1.0" encoding="UTF-8"?>\n${doctype}`)
      .replace(/(<unit id="title"[\s\S]*?<target>)[^<]*/, `$1${entity}`);
    const error = (await importXliff(s.campaign, s.sources, s.translations, Buffer.from(xml), "fr.xlf").catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain("\n");
    expect(await snapshot(path.join(s.root, "locales", "fr"))).toEqual(before);
  });
});

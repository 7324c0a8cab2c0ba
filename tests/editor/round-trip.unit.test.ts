/**
 * The editor rewrites a content file in its own way (admin/formats.js: no comments, its key
 * order, maps as lists of entries): every file in content/ it edits must come back loadable,
 * meaning the same campaign, from the same code the editor runs.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import YAML from "yaml";
import { describe, expect, it } from "vitest";
import { loadCampaign, type Campaign } from "../../build/content/campaign.ts";
import { applyEdition, editionIds } from "../../build/content/editions.ts";
import { SOURCES } from "../../build/editor/collections.ts";
import { editorSetup } from "../../build/editor/decap-config.ts";
import { createFormat } from "../../build/editor/admin/formats.js";
import { loadTimeout, PROJECT_ROOT, sampleCampaigns, type Overlay } from "../helpers/sample-campaign.ts";

type Format = ReturnType<typeof createFormat>;
const copy = sampleCampaigns();
const { shapes } = editorSetup({ name: "proxy" });

/** Every file the editor edits, with the format it reads and writes it by. */
async function editedFiles(): Promise<{ rel: string; format: Format }[]> {
  const files: { rel: string; format: Format }[] = [];
  for (const s of SOURCES.filter((x) => x.inEditor)) {
    const format = createFormat(YAML, shapes[s.name]!);
    if (s.file) files.push({ rel: s.file, format });
    else
      for (const name of (await readdir(path.join(PROJECT_ROOT, s.folder!))).filter((n) => n.endsWith(".yaml")).sort())
        files.push({ rel: `${s.folder}/${name}`, format });
  }
  return files;
}

/** What a campaign holds, without what depends on the bytes of its files (the revision). */
const held = (c: Campaign) => ({ ...c, revision: undefined, root: undefined });

describe("the editor's round trip", () => {
  it(
    "every file in content/ the editor edits loads after being read and written the way the editor does, into the same campaign",
    async () => {
      const files = await editedFiles();
      expect(files.length).toBeGreaterThan(15);
      const overlay: Overlay = {};
      for (const { rel, format } of files) {
        const text = await readFile(path.join(PROJECT_ROOT, rel), "utf8");
        const form = format.fromFile(text);
        const written = format.toFile(form);
        // Reading what the editor wrote gives the form back: a second save changes nothing.
        expect(format.fromFile(written), rel).toEqual(form);
        expect(format.toFile(format.fromFile(written)), rel).toBe(written);
        overlay[rel] = written;
      }
      const root = await copy(overlay);
      const [before, after] = await Promise.all([loadCampaign(PROJECT_ROOT), loadCampaign(root)]);
      expect(held(after)).toEqual(held(before));
      for (const id of await editionIds(PROJECT_ROOT)) {
        const [b, a] = await Promise.all([applyEdition(before, id), applyEdition(after, id)]);
        expect(held(a), id).toEqual(held(b));
      }
    },
    loadTimeout(3),
  );

  it("a map by id is edited as a list of entries, 'none' as an empty form, one country as a list", () => {
    const images = createFormat(YAML, shapes.images!);
    const form = images.fromFile("port:\n  src: port.svg\n  alt: A port.\n  printWidthMm: 303\n  people: none\n") as { images: object[] };
    expect(form).toEqual({ images: [{ id: "port", src: "port.svg", alt: "A port.", printWidthMm: 303 }] });
    // The editor leaves emptied fields as "" or null: they are dropped, and an empty form of people is "none".
    const edited = { images: [{ ...form.images[0], alt: "A quay.", focal: { x: null, y: null }, people: {} }] };
    expect(YAML.parse(images.toFile(edited))).toEqual({ port: { src: "port.svg", alt: "A quay.", printWidthMm: 303, people: "none" } });
    const editions = createFormat(YAML, shapes.editions!);
    expect(editions.fromFile("id: x\ncountry: BR\n")).toEqual({ id: "x", country: ["BR"] });
    const documents = createFormat(YAML, shapes.documents!);
    const doc =
      "sections:\n  - id: s\n    blocks:\n      - type: paragraph\n        id: p\n        text: Call {{emergency}}.\n        phones:\n          emergency: emergency-112\n";
    const docForm = documents.fromFile(doc) as { sections: { blocks: { phones: unknown }[] }[] };
    expect(docForm.sections[0]!.blocks[0]!.phones).toEqual([{ placeholder: "emergency", contact: "emergency-112" }]);
    expect(YAML.parse(documents.toFile(docForm))).toEqual(YAML.parse(doc));
  });

  it("an edition's rewordings, a tree of any depth, are edited per namespace as YAML in a text box, and written back as the tree", () => {
    const editions = createFormat(YAML, shapes.editions!);
    const file = "id: x\ntext:\n  ui:\n    print:\n      help: Ask ACNUR before you pay.\n  leaflet:\n    title: A title of this edition\n";
    const form = editions.fromFile(file) as { text: { namespace: string; texts: string }[] };
    expect(form.text).toEqual([
      { namespace: "ui", texts: "print:\n  help: Ask ACNUR before you pay.\n" },
      { namespace: "leaflet", texts: "title: A title of this edition\n" },
    ]);
    // An editor rewords one text and adds a deeper one: the file holds the tree again.
    form.text[0]!.texts = "print:\n  help: Ask ACNUR or OIM before you pay.\n  stamp:\n    line: Printed for Brazil\n";
    expect(YAML.parse(editions.toFile(form))).toEqual({
      id: "x",
      text: {
        ui: { print: { help: "Ask ACNUR or OIM before you pay.", stamp: { line: "Printed for Brazil" } } },
        leaflet: { title: "A title of this edition" },
      },
    });
    // Text that is not YAML is refused with what to do, not written.
    form.text[1]!.texts = "title: [unclosed";
    expect(() => editions.toFile(form)).toThrow(/^text: not YAML \(.+\): write one key per line/);
  });
});

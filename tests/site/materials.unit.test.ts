/**
 * The materials page's naming and grouping, pure: files known by their names (a new variant such
 * as a print shop's PDF/X slots in without code), paper named from a trim, titles made labels
 * without doubled punctuation, and the page's groups filled with what was made.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadSite, type LoadedSite } from "../../build/load.ts";
import { asLabel, byPurpose, groupsOf, splitName, withFiles, type FileFacts } from "../../build/site/materials.ts";
import { paperName } from "../../build/site/preview-task.ts";
import type { Localized } from "../../build/i18n/translator.ts";
import { loadTimeout, PROJECT_ROOT } from "../helpers/sample-campaign.ts";

const text = (t: string, parts?: Localized["parts"]): Localized => ({ text: t, lang: "en", dir: "ltr", fallback: false, id: "x", ...(parts ? { parts } : {}) });

describe("a file's name", () => {
  it("splits into what it shows, its variant and its type", () => {
    expect(splitName("ar/brochure.booklet.pdf")).toEqual({ base: "brochure", variant: "booklet", ext: "pdf" });
    expect(splitName("pdf/en/poster-zeebrugge-2000.pdfx.pdf")).toEqual({ base: "poster-zeebrugge-2000", variant: "pdfx", ext: "pdf" });
    expect(splitName("offline/en.zip")).toEqual({ base: "en", variant: "", ext: "zip" });
  });

  it("puts each PDF where a worker about to share, print or present looks for it", () => {
    expect(groupsOf("leaflet", "screen")).toEqual(["share", "office"]);
    expect(groupsOf("brochure", "screen")).toEqual(["share"]);
    expect(groupsOf("brochure", "booklet")).toEqual(["office"]);
    expect(groupsOf("story-poster", "screen")).toEqual(["share"]);
    expect(groupsOf("session", "screen")).toEqual(["session"]);
    expect(groupsOf("handout", "screen")).toEqual(["session"]);
    expect(groupsOf("story-card", "screen")).toEqual(["session"]);
    expect(groupsOf("poster", "print")).toEqual(["printShop"]);
    // A variant the kit adds later is for a print shop, by rule, not by a list.
    expect(groupsOf("poster", "pdfx")).toEqual(["printShop"]);
    expect(groupsOf(undefined, "screen")).toEqual(["printShop"]);
  });
});

describe("paper", () => {
  it("is named from the trim: ISO A sizes either way round, a 16:9 slide, else its size", () => {
    expect(paperName(148, 210)).toBe("A5");
    expect(paperName(297, 210)).toBe("A4");
    expect(paperName(297.04, 419.9)).toBe("A3");
    expect(paperName(105, 148)).toBe("A6");
    expect(paperName(297, 167)).toBe("16:9");
    expect(paperName(200, 200)).toBe("200 × 200 mm");
  });
});

describe("a title in a name", () => {
  it("loses its closing full stop in any script, keeps a question or exclamation mark", () => {
    expect(asLabel(text("A lorry is not a safe way to travel.")).text).toBe("A lorry is not a safe way to travel");
    expect(asLabel(text("ሓደ ጽዕነት መኪና ውሑስ መገዲ ኣይኮነን።")).text).toBe("ሓደ ጽዕነት መኪና ውሑስ መገዲ ኣይኮነን");
    expect(asLabel(text("一辆货车不是安全的出行方式。")).text).toBe("一辆货车不是安全的出行方式");
    expect(asLabel(text("Who pays?")).text).toBe("Who pays?");
    const mixed = asLabel(
      text("Read A (en).", [
        { text: "Read ", lang: "en", dir: "ltr" },
        { text: "A (en).", lang: "en", dir: "ltr" },
      ]),
    );
    expect(mixed.parts?.at(-1)?.text).toBe("A (en)");
  });
});

describe("the English materials page of the campaign", () => {
  let site: LoadedSite;
  beforeAll(async () => {
    site = await loadSite(PROJECT_ROOT);
  }, loadTimeout(1));

  it("names every file by its kind and title, and lists a file it did not foresee (PDF/X) for a print shop", () => {
    // The page, and the pages of its share images and of the print shop's files, as one list of groups.
    const [page, images, printShop] = site.model.pages.materials.filter((p) => p.lang.code === "en");
    expect([images!.groups.map((g) => g.id), printShop!.groups.map((g) => g.id)]).toEqual([["images"], ["printShop"]]);
    expect([page!.subpages?.images?.path, page!.subpages?.printShop?.path]).toEqual([images!.url, printShop!.url]);
    const all = page!.groups.map((g) => (g.id === "printShop" ? printShop!.groups[0]! : g.id === "images" ? images!.groups[0]! : g));
    const print = Object.values(site.model.print)
      .flat()
      .filter((p) => p.lang.code === "en");
    const tr = site.translators.get("en")!;
    // Every file the model foresees, as if made; and one more, named like the PDF/X files of a press build.
    const files = new Map<string, FileFacts>(all.flatMap((g) => g.entries.map((e) => [e.href.slice(1), { bytes: 215 * 1024, pages: 8, paper: "A5" }])));
    files.set("pdf/en/poster.pdfx.pdf", { bytes: 900_000 });
    files.delete("pdf/en/guide.print.pdf"); // not made: not listed
    const previews = new Map([["en/leaflet", { src: "/previews/en/leaflet-0.webp", width: 48, height: 68 }]]);
    const groups = withFiles(all, tr, page!.lang, print, files, previews);
    const names = (id: string) => groups.find((g) => g.id === id)!.entries.map((e) => e.name.text);

    expect(names("session")).toEqual(expect.arrayContaining(["Slides for an information session", "Speaker notes"]));
    expect(names("session").some((n) => n.startsWith("Story card: "))).toBe(true);
    expect(names("share")).toContain("Poster: A lorry is not a safe way to travel");
    expect(names("images")).toContain("Image to share: Slides for an information session");
    // The deck's title is the campaign's, as the brochure's is: its images are named as its slides, so no two read alike.
    const shared = names("images");
    expect(shared.filter((n, i) => shared.indexOf(n) !== i)).toEqual([]);
    expect(shared).toContain("Image to share: The truth about the journey"); // the brochure's
    const pdfx = groups.find((g) => g.id === "printShop")!.entries.find((e) => e.href === "/pdf/en/poster.pdfx.pdf")!;
    expect(pdfx.name.text).toBe("Poster: A lorry is not a safe way to travel");
    expect(pdfx.purpose.text).toBe("For a print shop that asks for PDF/X (CMYK).");
    expect(pdfx.facts?.text).toBe("A5, 8 pages, PDF, 879 kB"); // its screen PDF's pages and paper (here as given above), its own size
    expect(groups.flatMap((g) => g.entries).some((e) => e.href === "/pdf/en/guide.print.pdf")).toBe(false);
    expect(groups.find((g) => g.id === "offline")!.entries.map((e) => e.href)).toEqual(["/offline/en.zip"]);
    // A first page is pictured once on the page, however many groups list its files.
    expect(
      groups
        .flatMap((g) => g.entries)
        .filter((e) => e.preview)
        .map((e) => e.href),
    ).toEqual(["/pdf/en/leaflet.screen.pdf"]);
    // Said once for the files that share a purpose.
    expect(byPurpose(groups.find((g) => g.id === "printShop")!.entries).map((p) => p.purpose.text)).toEqual([
      "For a print shop, with 3 mm bleed and crop marks.",
      "For a print shop that asks for PDF/X (CMYK).",
    ]);
  });
});

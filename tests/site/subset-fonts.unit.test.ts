/**
 * Per-page fonts: which characters of a page go into which cut font file, as the browser
 * will pick them, and how the rules are inlined.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { GlyphCoverage } from "../../build/checks/glyph-coverage.ts";
import { loadCampaign, type Campaign } from "../../build/content/campaign.ts";
import { fontFiles, unicodeRange } from "../../build/site/fonts.ts";
import { pageCharacters, styleFacts, withInlineStyle, type StyleFacts } from "../../build/site/subset-fonts.ts";
import { typeCss } from "../../build/site/typography.ts";
import { PROJECT_ROOT } from "../helpers/sample-campaign.ts";

let c: Campaign;
let coverage: GlyphCoverage;
let style: StyleFacts;
beforeAll(async () => {
  c = await loadCampaign(PROJECT_ROOT);
  coverage = new GlyphCoverage(fontFiles(c));
  const css = await Promise.all(["site.css", "print.css"].map((f) => readFile(path.join(PROJECT_ROOT, "templates", "assets", f), "utf8")));
  style = styleFacts([...css, typeCss(c)]);
}, 20_000);

const chars = (faces: Map<string, Set<number>>, key: string) => String.fromCodePoint(...[...(faces.get(key) ?? [])].filter((cp) => cp > 0x20));
const page = (lang: string, body: string) => `<!doctype html><html lang="${lang}"><head><title>ignored title</title></head><body>${body}</body></html>`;

describe("the characters a page draws, per font file and weight", () => {
  it("puts an endonym in another script into that script's font, and nothing else of it", () => {
    const faces = pageCharacters(page("en", `<p>Hello</p><ul><li><a lang="ti">ትግርኛ</a></li></ul>`), c, coverage, style);
    expect([...chars(faces, "noto-sans-ethiopic|0|400")].sort()).toEqual([..."ትግርኛ"].sort());
    expect(chars(faces, "noto-sans|0|400")).toContain("H");
    expect(chars(faces, "noto-sans|0|400")).not.toContain("ignored"[0]!.toUpperCase()); // <head> is not drawn
    expect(faces.has("noto-sans-ethiopic|0|700")).toBe(false);
  });

  it("draws Persian in Noto Naskh Arabic and its Latin names in Noto Sans", () => {
    const faces = pageCharacters(page("fa", `<p>قاچاق مهاجران در <span lang="en">Zeebrugge</span></p>`), c, coverage, style);
    expect(chars(faces, "noto-naskh-arabic|0|400")).toContain("چ");
    expect(chars(faces, "noto-sans|0|400")).toContain("Z");
    expect(chars(faces, "noto-naskh-arabic|0|400")).not.toContain("Z");
  });

  it("takes weights from the stylesheets: a heading is bold, unless a rule makes it regular", () => {
    const faces = pageCharacters(page("en", `<h2>Bold</h2><h3 class="switcher-group">Quiet</h3><p>x<strong>Yes</strong></p>`), c, coverage, style);
    expect(chars(faces, "noto-sans|0|700")).toContain("B");
    expect(chars(faces, "noto-sans|0|700")).toContain("Y");
    expect(chars(faces, "noto-sans|0|700")).not.toContain("Q");
    expect(chars(faces, "noto-sans|0|400")).toContain("Q");
  });

  it("adds the capitals of upper-cased labels and the digits CSS may print", () => {
    const faces = pageCharacters(page("en", `<p class="story-label">real case</p>`), c, coverage, style);
    expect(chars(faces, "noto-sans|0|700")).toContain("R");
    expect(chars(faces, "noto-sans|0|400")).toContain("7"); // page numbers, list markers
  });

  it("sends Vietnamese letters to the file that has them", () => {
    const faces = pageCharacters(page("vi", `<p>Tiếng Việt</p>`), c, coverage, style);
    const all = [...faces]
      .filter(([k]) => k.startsWith("noto-sans|"))
      .map(([k]) => chars(faces, k))
      .join("");
    for (const ch of "ếệ") expect(all).toContain(ch);
  });
});

describe("inlined @font-face rules", () => {
  it("are allowed by their hash in the page's Content-Security-Policy", () => {
    const html = `<head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self'; font-src 'self'"></head>`;
    const out = withInlineStyle(html, "@font-face{}");
    expect(out).toMatch(/style-src 'self' 'sha256-[A-Za-z0-9+/=]{44}'/);
    expect(out).toContain("<style>@font-face{}</style>\n</head>");
  });

  it("name their characters as a compact unicode-range", () => {
    expect(unicodeRange([0x41, 0x42, 0x43, 0x20, 0x1200])).toBe("U+20, U+41-43, U+1200");
  });
});

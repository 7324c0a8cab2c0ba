/**
 * Typography from the registry, one rule at a time: what content/languages.yaml says becomes
 * the digits the kit writes, the CSS every page loads, and the warnings a translator gets.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadCampaign, type Campaign } from "../../build/content/campaign.ts";
import { HYPHENATION_DICTIONARIES } from "../../build/content/hyphenation.ts";
import { languagesSchema, type Language } from "../../build/content/schemas.ts";
import { formatNumber } from "../../build/i18n/locale.ts";
import { punctuationSlips } from "../../build/i18n/punctuation.ts";
import { languageCss } from "../../build/site/typography.ts";
import { PROJECT_ROOT } from "../helpers/sample-campaign.ts";

let c: Campaign;
const lang = (code: string): Language => c.languages.find((l) => l.code === code)!;
const css = (code: string) => languageCss(c, lang(code));
beforeAll(async () => {
  c = await loadCampaign(PROJECT_ROOT);
}, 20_000);

describe("numerals", () => {
  it("writes Persian and Dari numbers in Extended Arabic-Indic digits, Sorani in Arabic-Indic, others in Latin, through Intl", () => {
    expect(formatNumber(lang("fa"), 2000)).toBe("۲۰۰۰");
    expect(formatNumber(lang("prs"), 58)).toBe("۵۸");
    expect(formatNumber(lang("ckb"), 2015)).toBe("٢٠١٥");
    expect(formatNumber(lang("en"), 2000)).toBe("2000"); // a year is never "2,000"
    expect(formatNumber(lang("en"), 12000)).toBe("12,000");
    for (const l of c.languages.filter((x) => x.numerals === "latn")) expect(formatNumber(l, 1234567890), l.code).toMatch(/^[0-9.,\s\u00a0\u202f']+$/);
  });

  it("keeps phone numbers in Latin digits, isolated left to right, on a Persian page", async () => {
    const { createTranslators } = await import("../../build/i18n/translator.ts");
    const fa = createTranslators([c.source, lang("fa")], c.source, { ui: { n: "{{count}} / {{phone}}" } }, {}).get("fa")!;
    const text = fa.t("ui:n", { count: 58, phone: { html: '<bdi dir="ltr">112</bdi>', text: "112" } });
    expect(text.text).toBe("۵۸ / 112");
    expect(text.parts?.find((p) => "html" in p && p.html)?.html).toBe('<bdi dir="ltr">112</bdi>');
  });
});

describe("line height", () => {
  it("gives Arabic-script, Ethiopic, Vietnamese and Chinese pages more leading than Latin ones", () => {
    expect(css("fa")).toContain("--leading: 1.9;");
    expect(css("ar")).toContain("--leading: 1.8;");
    expect(css("vi")).toContain("--leading: 1.75;"); // room for stacked diacritics (ệ, ẫ)
    expect(css("en")).toContain("--leading: 1.6;");
    for (const l of c.languages.filter((x) => x.script === "Arab")) expect(l.leading, l.code).toBeGreaterThanOrEqual(1.8);
  });
});

describe("emphasis", () => {
  it("stresses by weight in scripts without italics, by italics in Latin", () => {
    for (const code of ["ar", "fa", "ti", "am", "zh-Hans"]) expect(css(code)).toContain(`em:lang(${code}) { font-style: normal; font-weight: 700; }`);
    expect(css("en")).toContain("em:lang(en) { font-style: italic;");
  });
});

describe("hyphenation", () => {
  it("hyphenates only languages browsers have a dictionary for, and the registry cannot ask for more", () => {
    expect(css("nl")).toContain("hyphens: auto;");
    expect(css("so")).toContain("hyphens: manual;");
    expect(css("ar")).toContain("hyphens: manual;");
    for (const l of c.languages.filter((x) => x.hyphenate)) expect(HYPHENATION_DICTIONARIES.has(l.code.split("-")[0]!), l.code).toBe(true);
    const registry = c.languages.map((l) => ({ ...l, hyphenate: l.code === "so" ? true : l.hyphenate }));
    const parsed = languagesSchema.safeParse(registry);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/no hyphenation dictionary for "so"/);
  });
});

describe("Chinese", () => {
  it("breaks lines strictly, so no line starts with closing punctuation", () => {
    expect(css("zh-Hans")).toContain(":lang(zh-Hans) { line-break: strict;");
    expect(css("en")).not.toContain("line-break");
  });

  it("asks for full-width punctuation after Chinese characters, not in Latin runs", () => {
    expect(punctuationSlips(lang("zh-Hans"), "我们到了,然后离开.")).toEqual([
      '"," where Simplified Chinese writes "，"',
      '"." where Simplified Chinese writes "。"',
    ]);
    expect(punctuationSlips(lang("zh-Hans"), "我们到了，然后离开。见 Myria, 2020.")).toEqual([]);
  });
});

describe("Ethiopic", () => {
  it("asks for the Ethiopic full stop where a translator typed '::' or '.', but not in an abbreviation", () => {
    expect(punctuationSlips(lang("am"), "ሰዎች ሞቱ::")).toEqual(['"::" where Amharic writes "።"']);
    expect(punctuationSlips(lang("ti"), "ሰባት ሞይቶም.")).toEqual(['"." where Tigrinya writes "።"']);
    expect(punctuationSlips(lang("am"), "እ.ኤ.አ. በ2015 ሞቱ።")).toEqual([]);
  });

  it("asks for a space between Ethiopic words, not the old word separator", () => {
    expect(punctuationSlips(lang("am"), "ሰዎች፡ሞቱ።")).toEqual(['"፡" where Amharic writes a space']);
    expect(punctuationSlips(lang("am"), "ሰዎች ሞቱ።")).toEqual([]);
  });

  it("asks for the Arabic comma and question mark in Arabic-script languages", () => {
    expect(punctuationSlips(lang("fa"), "سفر, خطر?")).toEqual(['"," where Persian writes "،"', '"?" where Persian writes "؟"']);
    expect(punctuationSlips(lang("fa"), "سفر، خطر؟")).toEqual([]);
  });
});

describe("Vietnamese", () => {
  it("has every precomposed Vietnamese letter, with its stacked marks, in the Latin stack", async () => {
    const { GlyphCoverage } = await import("../../build/checks/glyph-coverage.ts");
    const { fontFiles } = await import("../../build/site/fonts.ts");
    const letters = "aăâeêioôơuưy".split("").flatMap((v) => [v, ...["\u0300", "\u0301", "\u0303", "\u0309", "\u0323"].map((m) => (v + m).normalize("NFC"))]);
    const all = [...letters, ...letters.map((l) => l.toUpperCase()), "đ", "Đ"].join("");
    expect(all.length).toBe(12 * 6 * 2 + 2);
    expect(new GlyphCoverage(fontFiles(c)).missing(all, lang("vi").fonts)).toEqual([]);
  });
});

describe("Persian-script fonts", () => {
  it("draw every Pashto and Sorani letter, both Arabic digit sets and the zero-width non-joiner in the Naskh stack", async () => {
    const { GlyphCoverage } = await import("../../build/checks/glyph-coverage.ts");
    const { fontFiles } = await import("../../build/site/fonts.ts");
    const coverage = new GlyphCoverage(fontFiles(c));
    for (const code of ["fa", "prs", "ps", "ckb"]) expect(lang(code).fonts[0], code).toBe("noto-naskh-arabic");
    expect(coverage.missing("ټ ډ ړ ښ ږ ګ ڼ ۍ ې ڵ ڕ ۆ ێ ە پ چ ژ گ ک ی ۰۱۲۳۴۵۶۷۸۹ ٠١٢٣٤٥٦٧٨٩ ،؛؟", lang("ps").fonts)).toEqual([]);
    expect(coverage.fileFor(lang("ckb").fonts, "ڵ".codePointAt(0)!)?.fontId).toBe("noto-naskh-arabic");
  });
});

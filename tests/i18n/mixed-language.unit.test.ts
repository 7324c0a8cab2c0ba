/**
 * A line in one language carrying values in another: the English fallback "This story
 * mentions: {{topics}}" on an Arabic page marks only its English words lang="en"; the Arabic
 * topics keep the page's language and direction, and so its fonts.
 */
import { describe, expect, it } from "vitest";
import { languageSchema, languagesSchema, type Language } from "../../build/content/schemas.ts";
import { createTranslators } from "../../build/i18n/translator.ts";
import { inlineHtml, innerHtml, langAttributes } from "../../build/site/html-text.ts";

const lang = (code: string, dir: "ltr" | "rtl", script = "Latn"): Language =>
  languageSchema.parse({ code, endonym: code, name: code, dir, script, fonts: ["f"], hyphenate: false });
const [en, ar, ti] = [lang("en", "ltr"), lang("ar", "rtl", "Arab"), lang("ti", "ltr", "Ethi")];
const source = {
  ui: {
    story: { warning: "This story mentions: {{topics}}", labelYear: "Real case · {{year}}" },
    sensitivity: { death: "death", violence: "violence" },
    contact: { phoneLine: "Phone: {{phone}}" },
    home: { storyCount_one: "{{count}} real case", storyCount_other: "{{count}} real cases" },
  },
};
const translators = createTranslators([en, ar, ti], en, source, {
  ar: { ui: { sensitivity: { death: "الموت", violence: "العنف" }, contact: { phoneLine: "الهاتف: {{phone}}" } } },
  ti: { ui: { sensitivity: { death: "ሞት" } } },
});
const tr = (code: string) => translators.get(code)!;

describe("an English fallback line with translated values, on an Arabic page", () => {
  const topics = tr("ar").list([tr("ar").t("ui:sensitivity.death"), tr("ar").t("ui:sensitivity.violence")]);
  const warning = tr("ar").t("ui:story.warning", { topics });

  it("keeps the values in the page's language, run by run", () => {
    expect(warning.fallback).toBe(true);
    expect(warning.parts).toEqual([
      { text: "This story mentions: ", lang: "en", dir: "ltr" },
      { text: topics.text, lang: "ar", dir: "rtl" },
    ]);
    expect(topics.text).toMatch(/^الموت .*العنف$/);
  });

  it('marks only the English words lang="en"; the element keeps the page\'s language', () => {
    expect(langAttributes(warning, "ar")).toBe(' data-fallback=""');
    expect(innerHtml(warning, "ar")).toBe(`<span lang="en" dir="ltr">This story mentions: </span>${topics.text}`);
  });

  it("names the texts placed inside it, so the page's release state sees them", () => {
    expect(warning.id).toBe("ui:story.warning");
    expect(warning.uses).toEqual(["", "ui:sensitivity.death", "ui:sensitivity.violence"]);
  });
});

describe("values in a text of the page's own language", () => {
  it("stay plain when everything is in one language", () => {
    const line = tr("ar").t("ui:contact.phoneLine", { phone: "112" });
    expect(line).toEqual({ text: "الهاتف: 112", lang: "ar", dir: "rtl", fallback: false, id: "ui:contact.phoneLine" });
    expect(inlineHtml(line, "ar")).toBe('الهاتف: <bdi dir="ltr">112</bdi>');
  });

  it("keep their own language when they fell back (an English topic in a Tigrinya list)", () => {
    const topics = tr("ti").list([tr("ti").t("ui:sensitivity.death"), tr("ti").t("ui:sensitivity.violence")]);
    expect(topics.parts?.map((p) => p.lang)).toContain("en");
    expect(innerHtml(topics, "ti")).toContain('<span lang="en" dir="ltr">violence</span>');
  });

  it("place markup made by a template as it is, and its text in .text", () => {
    const line = tr("en").t("ui:contact.phoneLine", { phone: { html: '<a href="tel:112">112</a>', text: "112" } });
    expect(line.text).toBe("Phone: 112");
    expect(inlineHtml(line, "en")).toBe('Phone: <a href="tel:112">112</a>');
  });

  it("pick the plural form by the page language's CLDR rules, and record which one", () => {
    expect(tr("ar").t("ui:home.storyCount", { count: 4 }).id).toBe("ui:home.storyCount_few");
    expect(tr("en").t("ui:home.storyCount", { count: 1 }).text).toBe("1 real case");
  });
});

describe("a list", () => {
  const registry = (code: string, extra: Record<string, unknown> = {}) =>
    languagesSchema.safeParse([{ code, endonym: code, name: code, dir: "rtl", script: "Arab", fonts: ["f"], hyphenate: false, ...extra }]);

  it("is refused for a language this system's Unicode data has no list style for, unless the registry gives its word for 'and'", () => {
    // Sorani (ckb) has no list style in Node's CLDR data: Intl would answer "a, b, and c".
    expect(new Intl.ListFormat("ckb").format(["a", "b"])).toBe("a and b");
    const refused = registry("ckb");
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toMatch(/no list style for "ckb".*add `and:`/);
    expect(registry("ckb", { and: "و" }).success).toBe(true);
    expect(registry("fa").success).toBe(true);
  });

  it("reads in the language's own words: the registry's 'and' and the script's comma", () => {
    const ckb = languageSchema.parse({
      code: "ckb",
      endonym: "ckb",
      name: "ckb",
      dir: "rtl",
      script: "Arab",
      fonts: ["f"],
      hyphenate: false,
      punctuation: { ",": "،" },
      and: "و",
    });
    const ts = createTranslators([en, ckb], en, source, { ckb: { ui: { sensitivity: { death: "مردن", violence: "توندوتیژی" } } } });
    const k = ts.get("ckb")!;
    expect(k.list([k.t("ui:sensitivity.death"), k.t("ui:sensitivity.violence")]).text).toBe("مردن و توندوتیژی");
    expect(k.list(["a", "b", "c"].map((text) => ({ text, lang: "ckb", dir: "rtl" as const, fallback: false, id: "" }))).text).toBe("a، b و c");
  });
});

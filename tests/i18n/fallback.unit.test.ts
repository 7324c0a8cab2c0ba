/**
 * Text missing in a language falls back to the source language, and says so: the
 * Translator flags it, the HTML marks it with lang, dir and data-fallback.
 */
import { describe, expect, it } from "vitest";
import { languageSchema, type Language } from "../../build/content/schemas.ts";
import type { Resources } from "../../build/i18n/source-strings.ts";
import { createTranslators } from "../../build/i18n/translator.ts";
import { inlineHtml, langAttributes } from "../../build/site/html-text.ts";

const lang = (code: string, dir: "ltr" | "rtl"): Language =>
  languageSchema.parse({ code, endonym: code, name: code, dir, script: "Latn", fonts: ["f"], hyphenate: false });
const en = lang("en", "ltr");
const ar = lang("ar", "rtl");
const empty = { campaign: {}, brochure: {}, stories: {}, glossary: {}, contacts: {} };
const source: Resources = { ...empty, ui: { nav: { home: "Home", brochure: "Brochure" } } };

describe("fallback to the source language", () => {
  const translators = createTranslators([en, ar], en, source, { ar: { ui: { nav: { home: "الرئيسية" } } } });
  const tr = translators.get("ar")!;

  it("returns the translation when there is one", () => {
    expect(tr.t("ui:nav.home")).toEqual({ text: "الرئيسية", lang: "ar", dir: "rtl", fallback: false, id: "ui:nav.home" });
  });

  it("returns the source text, flagged, when the translation is missing", () => {
    expect(tr.t("ui:nav.brochure")).toEqual({ text: "Brochure", lang: "en", dir: "ltr", fallback: true, id: "ui:nav.brochure" });
  });

  it("marks fallback text in the page with its language, direction and a data-fallback flag", () => {
    const text = tr.t("ui:nav.brochure");
    expect(inlineHtml(text, "ar")).toBe('<span lang="en" dir="ltr" data-fallback="">Brochure</span>');
    expect(langAttributes(text, "ar")).toBe(' lang="en" dir="ltr" data-fallback=""');
    expect(inlineHtml(tr.t("ui:nav.home"), "ar")).toBe("الرئيسية");
  });

  it("treats an empty translation as missing", () => {
    const withEmpty = createTranslators([en, ar], en, source, { ar: { ui: { nav: { home: "" } } } });
    expect(withEmpty.get("ar")!.t("ui:nav.home").fallback).toBe(true);
  });

  it("refuses a key that the source does not have (a typo in a template)", () => {
    expect(() => tr.t("ui:nav.hom")).toThrow(/No text for "ui:nav.hom"/);
  });
});

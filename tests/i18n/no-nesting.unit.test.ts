/**
 * Translators' text is text: i18next's nesting ($t(…)) and formatting are never resolved in
 * it, and a value placed in a text is not read for placeholders either.
 */
import { describe, expect, it } from "vitest";
import { languageSchema, type Language } from "../../build/content/schemas.ts";
import { createTranslators } from "../../build/i18n/translator.ts";

const lang = (code: string): Language => languageSchema.parse({ code, endonym: code, name: code, dir: "ltr", script: "Latn", fonts: ["f"], hyphenate: false });
const source = { ui: { a: "Subtitle", b: "Hello {{name}}" }, leaflet: { subtitle: "The secret subtitle" } };
const translators = createTranslators([lang("en"), lang("nl")], lang("en"), source, {
  nl: { ui: { a: "Zie $t(leaflet:subtitle) en $t(ui:b)", b: "Hallo {{name}} {{name, uppercase}}" } },
});
const nl = translators.get("nl")!;

describe("a translation that tries to pull another text in", () => {
  it("shows $t(…) as written, resolving nothing", () => {
    expect(nl.t("ui:a").text).toBe("Zie $t(leaflet:subtitle) en $t(ui:b)");
    expect(nl.t("ui:a").text).not.toContain("The secret subtitle");
  });

  it("does not interpret a value's own braces or formatters", () => {
    expect(nl.t("ui:b", { name: "{{name}} $t(leaflet:subtitle)" }).text).toBe("Hallo {{name}} $t(leaflet:subtitle) {{name, uppercase}}");
  });
});

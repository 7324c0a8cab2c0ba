/**
 * Templates hold no text of their own, not even the punctuation between a label and its
 * value (": ", " · "): every character a reader sees comes from a translatable string, so
 * translators and the XLIFF see it ("Téléphone :" in French).
 */
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { expect, it } from "vitest";
import { PROJECT_ROOT } from "../helpers/sample-campaign.ts";

/** What a reader would see of a template's own text: all but front matter, Nunjucks, tags and <style>/<script>. */
function templateText(source: string): string {
  return source
    .replace(/^---\n[\s\S]*?\n---\n/, "")
    .replace(/\{#[\s\S]*?#\}/g, "")
    .replace(/\{%[\s\S]*?%\}/g, "")
    .replace(/\{\{[\s\S]*?\}\}/g, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<[^>]*>/g, "")
    .trim();
}

it("the check finds a separator written in a template", () => {
  expect(templateText("<p>{{ 'ui:contact.phone' | t }}: <a>{{ phone }}</a></p>")).toBe(":");
  expect(templateText("{{ label }} · {{ year }}")).toBe("·");
});

it("no template in templates/ shows a character of its own", async () => {
  const dir = path.join(PROJECT_ROOT, "templates");
  const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith(".njk"));
  expect(files.length).toBeGreaterThan(10);
  const own: string[] = [];
  for (const f of files) {
    const text = templateText(await readFile(path.join(dir, f), "utf8"));
    if (text) own.push(`${f}: ${JSON.stringify(text.replace(/\s+/g, " "))}`);
  }
  expect(own).toEqual([]);
});

/**
 * The design tokens: one file every stylesheet takes its colours from, each colour pair checked
 * against WCAG 2.2 AA when the campaign loads, sizes per script from the registry.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadCampaign } from "../../build/content/campaign.ts";
import { contrastRatio, tokensCss } from "../../build/design/tokens.ts";
import { ContentError, type Problem } from "../../build/errors.ts";
import { languageCss } from "../../build/site/typography.ts";
import { PROJECT_ROOT, sampleCampaigns, sampleFile, loadTimeout } from "../helpers/sample-campaign.ts";

const copy = sampleCampaigns();
const TOKENS = "templates/design/tokens.json";

async function problemsWith(tokens: string): Promise<Problem[]> {
  const root = await copy({ [TOKENS]: tokens });
  const error = await loadCampaign(root).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ContentError);
  return (error as ContentError).problems;
}

describe("design tokens", { timeout: loadTimeout(1) }, () => {
  it("measure contrast as WCAG does", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#ffffff", "#ffffff")).toBeCloseTo(1, 5);
    // #767676 on white is the lightest grey that passes AA for text; #777777 is not.
    expect(contrastRatio("#767676", "#ffffff")).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio("#777777", "#ffffff")).toBeLessThan(4.5);
  });

  it("stop the campaign from loading on a colour pair under WCAG AA, naming the pair, its ratio and its line", async () => {
    const source = await sampleFile(TOKENS);
    const problems = await problemsWith(source.replace('"muted": { "$type": "color", "$value": "#4d4d4d"', '"muted": { "$type": "color", "$value": "#8a8a8a"'));
    const line = source.split("\n").findIndex((l) => l.includes('"text": "color.muted", "on": "color.paper"')) + 1;
    expect(problems).toEqual([
      {
        file: TOKENS,
        line,
        field: expect.stringMatching(/^contrast\.\d+$/),
        message: "color.muted (#8a8a8a) on color.paper (#ffffff) has a contrast of 3.45:1; WCAG 2.2 AA asks 4.5:1 for normal text",
        hint: expect.stringContaining("4.5:1"),
      },
    ]);
  });

  it("refuse a pair that names no colour, and a colour that is not one", async () => {
    const source = await sampleFile(TOKENS);
    const problems = await problemsWith(
      source
        .replace('{ "text": "color.ink", "on": "color.paper", "size": "normal" }', '{ "text": "color.inc", "on": "color.paper", "size": "normal" }')
        .replace('"#0b4f6c"', '"teal"'),
    );
    expect(problems.map((p) => [p.field, p.message])).toEqual(expect.arrayContaining([["color.accent.$value", 'must be a colour like "#0b2a3a"']]));
    const fixed = await problemsWith(
      source.replace('{ "text": "color.ink", "on": "color.paper", "size": "normal" }', '{ "text": "color.inc", "on": "color.paper", "size": "normal" }'),
    );
    expect(fixed).toEqual([expect.objectContaining({ file: TOKENS, field: "contrast.0", message: "unknown colour color.inc" })]);
  });

  it("are the only colours the stylesheets use, and every colour they name exists", async () => {
    const c = await loadCampaign(PROJECT_ROOT);
    const defined = new Set([...tokensCss(c.design).matchAll(/--([\w-]+):/g)].map((m) => m[1]));
    const assets = path.join(PROJECT_ROOT, "templates", "assets");
    const sheets = (await readdir(assets)).filter((f) => f.endsWith(".css"));
    expect(sheets.length).toBeGreaterThanOrEqual(5);
    let used = 0;
    for (const sheet of sheets) {
      const css = (await readFile(path.join(assets, sheet), "utf8")).replace(/\/\*[\s\S]*?\*\//g, "");
      expect(css.match(/#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(/gi), `${sheet}: a colour written outside the tokens`).toBeNull();
      const named = [...css.matchAll(/var\(--((?:color|size|space|format|grid|poster)-[\w-]+)/g)].map((m) => m[1]!);
      expect(
        named.filter((name) => !defined.has(name)),
        `${sheet}: not tokens`,
      ).toEqual([]);
      used += named.length;
    }
    expect(used).toBeGreaterThan(50); // the stylesheets do take their values from the tokens
  });

  it("size Arabic and Ethiopic from the registry, and give each script its cap letter's height", async () => {
    const c = await loadCampaign(PROJECT_ROOT);
    const css = (code: string) => languageCss(c, c.languages.find((l) => l.code === code)!);
    expect(css("en")).toContain("--script-size: 1;");
    expect(css("ar")).toMatch(/--script-size: 1\.0[5-9];/);
    expect(css("ps")).toMatch(/--script-size: 1\.\d+;/);
    expect(css("ti")).toMatch(/--script-size: 1\.1;/); // 11 pt × 1.1: the A5 body Ethiopic needs (min-size.brochure.body-Ethi)
    // Cap height of H (Latin), alef (Arabic), ሀ (Ethiopic), 中 (Han) in each first font's bold.
    const ratio = (code: string) => Number(/--cap-ratio: ([\d.]+);/.exec(css(code))![1]);
    expect(ratio("en")).toBeCloseTo(0.714, 3);
    expect(ratio("ar")).toBeGreaterThan(0.65);
    expect(ratio("ti")).toBeGreaterThan(0.65);
    expect(ratio("zh-Hans")).toBeGreaterThan(0.8);
    // Arabic's letters join: its mark is never tracked.
    expect(css("ar")).toContain("--mark-tracking: 0;");
  });
});

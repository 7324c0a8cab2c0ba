/**
 * The design tokens (templates/design/tokens.json): colours, type scale, spacing, grid, the
 * smallest type of each format and the poster's rules, in one file. They load with the campaign (a file and line for every problem),
 * become CSS custom properties for every page (web, print, share cards: assets/type.css), and
 * every colour pair they list is checked against WCAG 2.2 AA: a pair under it stops the build.
 */
import path from "node:path";
import { z } from "zod";
import type { Problem } from "../errors.ts";
import { isProblem, readYaml, validate } from "../content/source-file.ts";

const TOKENS_FILE = path.join("templates", "design", "tokens.json");

const description = z.string().optional();
const color = z.strictObject({
  $type: z.literal("color"),
  $value: z.string().regex(/^#[0-9a-f]{6}$/i, 'must be a colour like "#0b2a3a"'),
  $description: description,
});
const dimension = z.strictObject({
  $type: z.literal("dimension"),
  $value: z.string().regex(/^\d+(\.\d+)?(rem|pt|mm)$/, 'must be a size in rem, pt or mm, like "1.25rem"'),
  $description: description,
});
const number = z.strictObject({ $type: z.literal("number"), $value: z.number(), $description: description });
const group = <T extends z.ZodType>(token: T) => z.object({ $description: description }).catchall(token);
const ref = z.string().regex(/^color\.[\w-]+$/, 'must name a colour token, like "color.ink"');

const tokensSchema = z.strictObject({
  $description: description,
  color: group(color),
  /** Text colour on background colour; "large" text (18.66 px bold, 24 px) needs 3:1, other text 4.5:1. */
  contrast: z.array(z.strictObject({ text: ref, on: ref, size: z.enum(["normal", "large"]) })).min(1),
  size: group(dimension),
  format: group(dimension),
  space: group(dimension),
  grid: group(number),
  /** The smallest type each format may print, by role (body, headline, sources, contact; "body-Ethi" for one script), checked on the laid-out page (build/print/type-sizes.ts). */
  "min-size": group(group(dimension)),
  poster: z.strictObject({
    $description: description,
    "headline-cap": dimension,
    "headline-cap-min": dimension,
    qr: dimension,
    "qr-min": dimension,
    "empty-band-max": number,
  }),
});
export type DesignTokens = z.infer<typeof tokensSchema>;

/** Loads and checks the tokens; problems go to `problems` (undefined when the file cannot be used). */
export async function loadTokens(root: string, problems: Problem[]): Promise<DesignTokens | undefined> {
  const file = await readYaml(path.join(root, TOKENS_FILE), root); // JSON is YAML: lines come with it
  if (isProblem(file)) return void problems.push(file);
  const tokens = validate(file, tokensSchema, problems);
  if (!tokens) return undefined;
  tokens.contrast.forEach((pair, i) => {
    const at = { file: file.file, line: file.lineOf(["contrast", i]), field: `contrast.${i}` };
    const [fg, bg] = [pair.text, pair.on].map((r) => tokens.color[r.slice("color.".length)]?.$value as string | undefined);
    const missing = [pair.text, pair.on].filter((_, j) => ![fg, bg][j]);
    if (missing.length)
      return void problems.push({
        ...at,
        message: `unknown colour ${missing.join(", ")}`,
        hint: `use one of the colours above (${Object.keys(tokens.color)
          .filter((k) => k !== "$description")
          .join(", ")})`,
      });
    const ratio = contrastRatio(fg!, bg!);
    const needed = pair.size === "large" ? 3 : 4.5;
    if (ratio < needed) {
      problems.push({
        ...at,
        message: `${pair.text} (${fg}) on ${pair.on} (${bg}) has a contrast of ${ratio.toFixed(2)}:1; WCAG 2.2 AA asks ${needed}:1 for ${pair.size} text`,
        hint: `darken or lighten one of the two colours until the pair reaches ${needed}:1`,
      });
    }
  });
  return tokens;
}

/** WCAG 2.x relative luminance of an sRGB colour "#rrggbb". */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2.x contrast ratio of two colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Every token as a custom property: color.night → --color-night, size.2 → --size-2. */
export function tokensCss(tokens: DesignTokens): string {
  const props: string[] = [];
  for (const [groupName, tokenGroup] of Object.entries(tokens)) {
    if (groupName.startsWith("$") || Array.isArray(tokenGroup) || typeof tokenGroup !== "object") continue;
    for (const [name, token] of Object.entries(tokenGroup as Record<string, unknown>)) {
      // A group inside the group (min-size's formats) is read by the check, not by CSS.
      if (!name.startsWith("$") && (token as { $value?: unknown }).$value !== undefined)
        props.push(`  --${groupName}-${name}: ${(token as { $value: string | number }).$value};`);
    }
  }
  return `:root {\n${props.join("\n")}\n}`;
}

/** A dimension token in millimetres ("25mm", "12pt"). */
export function millimetres(token: { $value: string }): number {
  const [, n, unit] = /^([\d.]+)(mm|pt)$/.exec(token.$value) ?? [];
  if (!n) throw new Error(`${token.$value}: not a length in mm or pt`);
  return unit === "mm" ? Number(n) : (Number(n) * 25.4) / 72;
}

/**
 * Stage "fonts": the self-hosted web fonts. From the registry it lists the @fontsource
 * files each served language needs, writes their @font-face rules (with unicode-range, so
 * a browser loads only the files a page's text needs) and one font stack per language.
 */
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Campaign } from "../content/campaign.ts";
import type { Language } from "../content/schemas.ts";

export interface FontFile {
  fontId: string;
  family: string;
  subset: string;
  weight: number;
  /** Absolute path of the .woff2 in node_modules. */
  path: string;
  /** File name once copied to the site's assets/fonts/. */
  name: string;
  /** Code points this file is used for, as CSS unicode-range. */
  unicodeRange: string;
}

export async function fontFiles(c: Campaign, languages: Language[] = c.languages): Promise<FontFile[]> {
  const used = [...new Set(languages.flatMap((l) => l.fonts))];
  const files: FontFile[] = [];
  for (const fontId of used) {
    const font = c.fonts[fontId]!;
    const dir = path.join(c.root, "node_modules", font.package);
    const ranges = JSON.parse(await readFile(path.join(dir, "unicode.json"), "utf8")) as Record<string, string>;
    const slug = font.package.split("/")[1]!;
    for (const subset of font.subsets) {
      const unicodeRange = ranges[subset];
      if (!unicodeRange) throw new Error(`${font.package} has no subset "${subset}" (it has: ${Object.keys(ranges).join(", ")}); fix content/fonts.yaml`);
      for (const weight of font.weights) {
        const name = `${slug}-${subset}-${weight}-normal.woff2`;
        files.push({ fontId, family: font.family, subset, weight, path: path.join(dir, "files", name), name, unicodeRange });
      }
    }
  }
  return files;
}

/** The stack for a language: its fonts in registry order. No generic family: a missing glyph is caught by the coverage check, not hidden by a system font. */
export function fontStack(c: Campaign, lang: Language): string {
  return lang.fonts.map((id) => `"${c.fonts[id]!.family}"`).join(", ");
}

export function fontFaceCss(c: Campaign, files: FontFile[]): string {
  const faces = files.map(
    (f) => `@font-face {
  font-family: "${f.family}";
  font-style: normal;
  font-weight: ${f.weight};
  font-display: swap;
  src: url("fonts/${f.name}") format("woff2");
  unicode-range: ${f.unicodeRange};
}`,
  );
  // One stack per language; :lang() also covers text in another language inside a page. Every
  // element's stack ends with the page language's fonts (--page-fonts, set on <html>), so a
  // value in the page's language inside a text in another never falls to a system font.
  const pageFonts = c.languages.map((l) => `html:lang(${l.code}) { --page-fonts: ${fontStack(c, l)}; }`);
  const stacks = c.languages.map((l) => `:lang(${l.code}) { font-family: ${fontStack(c, l)}, var(--page-fonts); }`);
  return `/* Generated from content/languages.yaml and content/fonts.yaml. */\n${faces.join("\n")}\n${pageFonts.join("\n")}\n${stacks.join("\n")}\n`;
}

export async function writeFonts(c: Campaign, siteDir: string): Promise<void> {
  const files = await fontFiles(c);
  const assets = path.join(siteDir, "assets");
  await mkdir(path.join(assets, "fonts"), { recursive: true });
  await Promise.all(files.map((f) => copyFile(f.path, path.join(assets, "fonts", f.name))));
  await writeFile(path.join(assets, "fonts.css"), fontFaceCss(c, files));
}

/**
 * The site's hand-written stylesheets (templates/assets/*.css), minified: every page loads them
 * on a first visit (its weight counts against the page's budget), and the source keeps its
 * comments for the people who edit it. The generated ones (type.css, fonts.css) are compact already.
 * lightningcss rather than code of our own: it parses the CSS, so nothing a regex would miss
 * (strings, urls, nested rules) is broken.
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { transform } from "lightningcss";

export async function minifySiteCss(templatesDir: string, siteDir: string): Promise<void> {
  const dir = path.join(siteDir, "assets");
  for (const name of (await readdir(path.join(templatesDir, "assets"))).filter((n) => n.endsWith(".css"))) {
    const file = path.join(dir, name);
    const { code } = transform({ filename: name, code: await readFile(file), minify: true });
    await writeFile(file, code);
  }
}

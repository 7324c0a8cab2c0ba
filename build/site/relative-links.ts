/**
 * Stage "relative links": every link a web page makes to the site itself (pages, PDFs,
 * stylesheets, fonts, images) becomes relative to the page. The site then works wherever it
 * is published: at a domain's root, under a path (an edition at /editions/brazil/), or
 * opened from a folder. Absolute URLs (canonical, hreflang, share targets) are left alone.
 *
 * Regular expressions, not an HTML parser: the pages are the kit's own output, where every
 * attribute value is double-quoted by the templates. (A page's inline font rules are written
 * relative already by build/site/subset-fonts.ts: the page's policy allows them by their hash.)
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

const ATTRIBUTE = /\b(href|src)="(\/(?!\/)[^"]*)"/g;
const CSS_URL = /url\("(\/(?!\/)[^"]*)"\)/g; // in stylesheets

/**
 * @param indexFiles link a folder's index.html by name (for a copy opened from file://, where
 *   a folder does not open its index page); else keep the tidy folder URL.
 */
export async function relativeLinks(siteDir: string, { indexFiles = false } = {}): Promise<void> {
  const files = (await readdir(siteDir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile() && /\.(html|css)$/.test(e.name));
  await Promise.all(
    files.map(async (e) => {
      const file = path.join(e.parentPath, e.name);
      const from = "/" + path.relative(siteDir, e.parentPath).split(path.sep).join("/");
      const text = await readFile(file, "utf8");
      const out = e.name.endsWith(".css")
        ? text.replace(CSS_URL, (_, url: string) => `url("${relativeUrl(from, url, indexFiles)}")`)
        : text.replace(ATTRIBUTE, (_, attr: string, url: string) => `${attr}="${relativeUrl(from, url, indexFiles)}"`);
      if (out !== text) await writeFile(file, out);
    }),
  );
}

/** A site path ("/pt-br/brochure/", "/assets/site.css#x") as seen from a folder of the site ("/pt-br/"). */
export function relativeUrl(fromDir: string, url: string, indexFiles = false): string {
  const [, pathname = "/", rest = ""] = /^([^?#]*)(.*)$/s.exec(url)!;
  const target = pathname.endsWith("/") && indexFiles ? `${pathname}index.html` : pathname;
  let rel = path.posix.relative(fromDir, target) || ".";
  if (pathname.endsWith("/") && !indexFiles) rel = rel === "." ? "./" : `${rel}/`;
  return rel + rest;
}

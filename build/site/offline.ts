/**
 * Stage "offline bundles": per language, a zip an outreach worker copies to a phone or laptop
 * for a session without network (dist/offline/<lang>.zip). It holds that language's pages,
 * its screen PDFs and the stylesheets, fonts and images they use; every link inside it is
 * relative and names index.html, so it opens from file://. A link to something the bundle does
 * not hold (another language, a print-shop PDF) goes to the published site instead.
 */
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { relativeUrl } from "./relative-links.ts";
import { writeWhole } from "../write-whole.ts";
import { zipFiles } from "./zip.ts";

const LINK = /\b(href|src)="([^"]*)"/g;
const CSS_URL = /url\("([^"]+)"\)/g;

export interface OfflineBundle {
  lang: string;
  /** Path under the output folder: "offline/ar.zip". */
  file: string;
  bytes: number;
  files: number;
}

/**
 * @param languages the language folders to bundle ("ar", "pt-br") with their codes
 * @param baseUrl where the site is published: links out of a bundle go there
 * @param date every entry's time, so that the same site gives the same zip
 * @param cacheDir where the bundles' large files are kept deflated: a rebuild deflates again only the files that changed
 */
export async function writeOfflineBundles(
  siteDir: string,
  outDir: string,
  languages: { code: string; folder: string }[],
  baseUrl: string,
  date: Date,
  cacheDir?: string,
): Promise<OfflineBundle[]> {
  const all = new Set(
    (await readdir(siteDir, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => path.relative(siteDir, path.join(e.parentPath, e.name)).split(path.sep).join("/")),
  );
  return Promise.all(
    languages.map(async ({ code, folder }) => {
      const pages = [...all].filter((f) => f.startsWith(`${folder}/`) && f.endsWith(".html")).concat("index.html");
      const screenPdfs = [...all].filter((f) => f.startsWith(`pdf/${folder}/`) && f.endsWith(".screen.pdf"));
      // What the pages load or link to inside the site, found by reading them: the bundle holds exactly that.
      const inside = new Set([...pages, ...screenPdfs]);
      const texts = new Map<string, string>();
      for (const page of pages) {
        const html = await readFile(path.join(siteDir, page), "utf8");
        texts.set(page, html);
        for (const target of localTargets(page, html)) if (isAsset(target) && all.has(target)) inside.add(target);
      }
      for (const css of [...inside].filter((f) => f.endsWith(".css"))) {
        const text = await readFile(path.join(siteDir, css), "utf8");
        texts.set(css, text);
        for (const [, url] of text.matchAll(CSS_URL)) if (!/^[a-z]+:/.test(url!)) inside.add(path.posix.join(path.posix.dirname(css), url!));
      }
      const entries: [string, Uint8Array][] = [];
      for (const file of [...inside].sort()) {
        const text = texts.get(file);
        const bytes =
          text !== undefined && file.endsWith(".html")
            ? new TextEncoder().encode(rewriteLinks(file, text, inside, baseUrl))
            : text !== undefined
              ? new TextEncoder().encode(text)
              : await readFile(path.join(siteDir, file));
        entries.push([file, bytes]);
      }
      const zip = await zipFiles(entries, date, cacheDir);
      const file = `offline/${folder}.zip`;
      await writeWhole(path.join(outDir, file), zip);
      return { lang: code, file, bytes: zip.byteLength, files: inside.size };
    }),
  );
}

/** Files a page refers to on its own site (relative links), as paths from the site's root; a folder as its index.html. */
export function localTargets(page: string, html: string): string[] {
  const out: string[] = [];
  for (const [, , url] of html.matchAll(LINK)) {
    if (!url || /^([a-z][a-z0-9+.-]*:|#|\/\/)/i.test(url)) continue;
    out.push(resolve(page, url));
  }
  for (const [, url] of html.matchAll(CSS_URL)) if (!/^[a-z]+:/.test(url!)) out.push(resolve(page, url!));
  return out;
}

function resolve(page: string, url: string): string {
  const pathname = url.replace(/[?#].*$/s, "");
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(page), pathname));
  return pathname.endsWith("/") || pathname === "" ? path.posix.join(target, "index.html") : target;
}

/** Stylesheets, fonts, images and PDF previews come with the pages that use them; pages and PDFs only as chosen. */
function isAsset(file: string): boolean {
  return file.startsWith("assets/") || file.startsWith("previews/");
}

/** A bundled page's links: to index.html inside the bundle, to the published site outside it. */
function rewriteLinks(page: string, html: string, inside: Set<string>, baseUrl: string): string {
  const from = "/" + path.posix.dirname(page);
  return html.replace(LINK, (whole, attr: string, url: string) => {
    if (!url || /^([a-z][a-z0-9+.-]*:|#|\/\/)/i.test(url)) return whole;
    const target = resolve(page, url);
    const rest = /[?#].*$/s.exec(url)?.[0] ?? "";
    if (inside.has(target)) return `${attr}="${relativeUrl(from === "/." ? "/" : from, `/${target}`)}${rest}"`;
    return `${attr}="${new URL(target.replace(/(^|\/)index\.html$/, "$1"), baseUrl).href}${rest}"`;
  });
}

/**
 * The kit's judgement of one entry, after the editor saved it: its problems (file, line, field,
 * what to do), the translations the change made stale, what still keeps it from release, and
 * where it is shown on the preview. The editor shows it beside the form.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import type { Campaign } from "../content/campaign.ts";
import { ContentError, type Problem } from "../errors.ts";
import { PRINT_DPI } from "../images.ts";
import { loadSite } from "../load.ts";

export interface EntryCheck {
  file: string;
  problems: Problem[];
  /** Per language: texts of this entry whose translation was made from an older English text. */
  stale: { lang: string; count: number }[];
  /** What keeps this entry from release (facts: unverified, not signed off, ...). */
  blockers: string[];
  /** The entry's pages on the preview: the kind of page (the box names it in the editor's language) and its address. */
  links: PageLink[];
}

type PageLink = { page: "webPage" | "printLayout" | "homePage"; url: string };

/** Where a content file's texts live among the translations ("stories:<id>.", "brochure:"), and its pages. */
function placeOf(file: string): { edition?: string; prefix?: string; id: string; pages: (lang: string) => PageLink[] } {
  const [, kind, name] = /^content\/(?:(stories|documents|editions)\/)?([\w-]+)\.yaml$/.exec(file) ?? [];
  const id = name ?? "";
  if (kind === "stories") return { prefix: `stories:${id}.`, id, pages: (l) => [{ page: "webPage", url: `/${l}/stories/${id}/` }] };
  if (kind === "documents")
    return {
      prefix: `${id}:`,
      id,
      pages: (l) => [
        { page: "webPage", url: `/${l}/${id}/` },
        { page: "printLayout", url: `/_print/${l}/${id}/` },
      ],
    };
  if (kind === "editions") return { edition: id, prefix: "edition:", id, pages: () => [] };
  return { prefix: `${id}:`, id, pages: (l) => [{ page: "homePage", url: `/${l}/` }] };
}

/** Judges the entry saved to `file` (relative to root, under content/). */
export async function checkEntry(root: string, file: string): Promise<EntryCheck> {
  const place = placeOf(file);
  if (!existsSync(path.join(root, file)))
    return {
      file,
      problems: [{ file, message: "no such file after the save", hint: "save the entry again; its id names its file" }],
      stale: [],
      blockers: [],
      links: [],
    };
  try {
    const loaded = await loadSite(root, place.edition);
    const stale = Object.entries(loaded.translations.status).flatMap(([lang, status]) => {
      const count = [...(status?.entries() ?? [])].filter(([key, st]) => st.kind === "stale" && place.prefix && key.startsWith(place.prefix)).length;
      return count ? [{ lang, count }] : [];
    });
    const blockers = loaded.blockers.filter((b) => b.lang === "all" && (b.key.endsWith(` ${place.id}`) || place.edition)).map((b) => `${b.key}: ${b.reason}`);
    const problems = place.edition ? await logoProblems(loaded.campaign, file) : [];
    return { file, problems, stale, blockers: [...new Set(blockers)], links: place.pages(loaded.campaign.source.code.toLowerCase()) };
  } catch (e) {
    if (!(e instanceof ContentError)) throw e;
    // This file's problems first: another file may be what no longer fits (a reference to a renamed id).
    const mine = e.problems.filter((p) => path.normalize(p.file) === file);
    return { file, problems: mine.length ? mine : e.problems, stale: [], blockers: [], links: [] };
  }
}

/**
 * A partner's raster logo too small for print, said at once (the build finds it only where it
 * lays the logo out, minutes later): at its largest it is a brand mark's height tall (the tallest
 * `--mark` in the print styles, a poster's footer) and at most three marks wide.
 */
async function logoProblems(c: Campaign, file: string): Promise<Problem[]> {
  const css = await readFile(path.join(c.root, "templates", "assets", "print-base.css"), "utf8");
  const markMm = Math.max(...[...css.matchAll(/--mark:\s*([\d.]+)mm/g)].map((m) => Number(m[1])));
  const problems: Problem[] = [];
  for (const [i, partner] of (c.edition?.partners ?? []).entries()) {
    const logo = path.join(c.root, "content", "editions", "logos", partner.logo);
    if (partner.logo.endsWith(".svg") || !existsSync(logo)) continue; // drawn at any size; a missing file is the loader's to report
    const { width = 0, height = 0 } = await sharp(logo).metadata();
    const scale = Math.min((3 * markMm) / width, markMm / height); // mm a pixel, contained in its box
    const dpi = Math.floor(25.4 / scale);
    if (dpi < PRINT_DPI)
      problems.push({
        file,
        field: `partners.${i}.logo`,
        message: `the logo ${partner.logo} (${width} × ${height} px) prints at ${dpi} dpi where it is largest (${Math.round(width * scale)} × ${Math.round(height * scale)} mm, a poster's footer); print needs ${PRINT_DPI} dpi`,
        hint: `upload a logo of at least ${Math.ceil((width * scale * PRINT_DPI) / 25.4)} × ${Math.ceil((height * scale * PRINT_DPI) / 25.4)} px, or an SVG`,
      });
  }
  return problems;
}

/**
 * The materials page of a language (/<lang>/materials/): every file the kit makes in it, grouped
 * by what an outreach worker is about to do. A file is known by its name alone
 * ("<name>.<variant>.<ext>"), so a kind of file added later (a print shop's PDF/X, say) is listed
 * by the rules below without a change here. Pure: the pipeline finds the files and their facts
 * (build/site/previews.ts) and fills them in (withMaterials).
 */
import type { Localized, Translator } from "../i18n/translator.ts";
import type { PrintFormatId } from "../print/formats.ts";
import type { PrintPage } from "./print-pages.ts";
import { CARD_SIZES, fileSize, type CardShape, type LanguageView } from "./views.ts";

/** What the page needs of a page's share cards (build/site/web-pages.ts ShareCard). */
interface CardFiles {
  title: Localized;
  webUrl: string;
  out: Record<CardShape, string>;
}

/** What a worker is about to do, in the order the page shows them. */
const GROUPS = ["share", "images", "office", "printShop", "session", "offline"] as const;
/** Groups listed on a page of their own, linked from the materials page (which then stays within a story page's weight), with the text of the link. */
export const OWN_PAGES: Partial<Record<MaterialGroup, { path: string; link: string }>> = {
  images: { path: "images/", link: "ui:materials.purpose.square" },
  printShop: { path: "print-shop/", link: "ui:materials.purpose.print" },
};
export type MaterialGroup = (typeof GROUPS)[number];

/** A file's name split into what it shows and which variant it is: "brochure.booklet.pdf" → brochure, booklet, pdf. */
export function splitName(file: string): { base: string; variant: string; ext: string } {
  const name = file.slice(file.lastIndexOf("/") + 1);
  const parts = name.split(".");
  if (parts.length < 3) return { base: parts[0]!, variant: "", ext: parts[1] ?? "" };
  return { base: parts.slice(0, -2).join("."), variant: parts.at(-2)!, ext: parts.at(-1)! };
}

/**
 * The groups a PDF belongs in, by its format and variant: a worker about to share, print at the
 * office or run a session finds it where they look. Any variant but screen and booklet (print,
 * PDF/X, one added later) is for a print shop.
 */
export function groupsOf(format: PrintFormatId | undefined, variant: string): MaterialGroup[] {
  if (variant === "booklet") return ["office"];
  if (variant !== "screen" || !format) return ["printShop"];
  if (format === "session" || format === "handout" || format === "story-card") return ["session"];
  if (format === "brochure" || format === "story-poster") return ["share"]; // the office prints the booklet; a story poster is A3, for a print shop
  return ["share", "office"];
}

/**
 * A title as part of a name: a label, not a sentence, so its closing full stop goes ("Poster: A
 * lorry is not a safe way to travel"), and no name ends in ".:" or "。：" whichever way a language
 * orders kind and title. A question or exclamation mark is part of what the title says: kept.
 */
export function asLabel(title: Localized): Localized {
  const stop = /[.。።۔]+\s*$/u;
  if (!stop.test(title.text)) return title;
  const parts = title.parts?.map((p, i, all) => (i === all.length - 1 ? { ...p, text: p.text.replace(stop, "") } : p));
  return { ...title, text: title.text.replace(stop, ""), ...(parts ? { parts } : {}) };
}

/** One file on the page. */
export interface MaterialEntry {
  /** Site path of the file: "/pdf/ar/leaflet.screen.pdf". */
  href: string;
  name: Localized;
  purpose: Localized;
  /** "A5, 8 pages, PDF, 215 kB": filled in once the file exists. */
  facts?: Localized;
  type: string;
  /** A small picture of its first page, loaded lazily. */
  preview?: { src: string; width: number; height: number };
  /** Which print page it comes from (its previews and page counts are its screen PDF's). */
  base: string;
  variant: string;
}
export interface MaterialsGroupView {
  id: MaterialGroup;
  heading: Localized;
  entries: MaterialEntry[];
}

/** A group as the page shows it: its entries under their purpose, said once for all that share it. */
export function byPurpose(entries: MaterialEntry[]): { purpose: Localized; entries: MaterialEntry[] }[] {
  const parts = new Map<string, { purpose: Localized; entries: MaterialEntry[] }>();
  for (const e of entries) {
    const part = parts.get(e.purpose.id) ?? { purpose: e.purpose, entries: [] };
    part.entries.push(e);
    parts.set(e.purpose.id, part);
  }
  return [...parts.values()];
}

/** What the pipeline found of one file: its bytes, and for a PDF its pages and trim. */
export interface FileFacts {
  bytes: number;
  pages?: number;
  paper?: string;
}

const TYPES: Record<string, string> = { pdf: "application/pdf", jpg: "image/jpeg", zip: "application/zip" };
const KNOWN_PURPOSES = new Set(["screen", "print", "pdfx", "booklet"]);

/** Names and groups every file a language's pages make, from its print pages and share cards. */
export function expectedMaterials(tr: Translator, lang: LanguageView, print: PrintPage[], cards: CardFiles[]): MaterialsGroupView[] {
  const entries: { groups: MaterialGroup[]; entry: MaterialEntry }[] = [];
  for (const page of print) for (const rel of [page.out.screen, page.out.print]) entries.push(pdfEntry(tr, rel, page));
  const brochure = print.find((p) => p.format === "brochure");
  if (brochure) entries.push(pdfEntry(tr, brochure.out.screen.replace(/\.screen\.pdf$/, ".booklet.pdf"), brochure));
  // A deck's title is the campaign's own: its images are named as the slides are.
  const decks = new Set(print.filter((p) => p.format === "session").map((p) => p.webUrl));
  for (const card of cards)
    for (const shape of ["square", "wide"] as CardShape[])
      entries.push({
        groups: ["images"],
        entry: {
          href: `/${card.out[shape]}`,
          name: tr.t(`ui:materials.name.${shape}`, { title: decks.has(card.webUrl) ? tr.t("ui:materials.name.session") : asLabel(card.title) }),
          purpose: tr.t(`ui:materials.purpose.${shape}`),
          type: TYPES.jpg!,
          base: card.out[shape],
          variant: shape,
        },
      });
  entries.push({
    groups: ["offline"],
    entry: {
      href: offlinePath(lang),
      name: tr.t("ui:materials.name.offline"),
      purpose: tr.t("ui:materials.purpose.offline"),
      type: TYPES.zip!,
      base: "offline",
      variant: "zip",
    },
  });
  return GROUPS.map((id) => ({ id, heading: tr.t(`ui:materials.groups.${id}`), entries: entries.filter((e) => e.groups.includes(id)).map((e) => e.entry) }));
}

/** Where a language's offline bundle is published in the site. */
export function offlinePath(lang: Pick<LanguageView, "folder">): string {
  return `/offline/${lang.folder}.zip`;
}

/** A PDF's entry: named by the print page it comes from, or by its file name when none does. */
function pdfEntry(tr: Translator, rel: string, page: PrintPage | undefined): { groups: MaterialGroup[]; entry: MaterialEntry } {
  const { base, variant } = splitName(rel);
  const format = page?.format;
  const name = page
    ? tr.t(`ui:materials.name.${format}`, { title: asLabel(page.title) })
    : { text: base, lang: "und", dir: "ltr" as const, fallback: false, id: "" };
  return {
    groups: groupsOf(format, variant),
    entry: {
      href: `/pdf/${rel}`,
      name,
      purpose: tr.t(`ui:materials.purpose.${KNOWN_PURPOSES.has(variant) ? variant : "other"}`),
      type: TYPES.pdf!,
      base,
      variant,
    },
  };
}

/**
 * The page's groups with every file found: sizes, page counts and previews filled in, and a PDF
 * the model did not foresee (a PDF/X file, a new variant) listed for a print shop, named by the
 * print page of its name. An entry whose file was not made is dropped.
 * @param files site paths ("pdf/ar/leaflet.screen.pdf", "share/ar/…", "offline/ar.zip") and what was found of each
 * @param previews the preview of each print page, by language folder and the base of its name ("ar/leaflet", "ar/story-x")
 */
export function withFiles(
  groups: MaterialsGroupView[],
  tr: Translator,
  lang: LanguageView,
  print: PrintPage[],
  files: Map<string, FileFacts>,
  previews: Map<string, { src: string; width: number; height: number }>,
  /** The groups whose files this page lists (the others are linked or on another page): all unless told. */
  shows: MaterialGroup[] = [...GROUPS],
): MaterialsGroupView[] {
  const listed = new Set(groups.flatMap((g) => g.entries.map((e) => e.href.slice(1))));
  const unforeseen = [...files.keys()].filter((rel) => rel.startsWith(`pdf/${lang.folder}/`) && !listed.has(rel)).sort();
  const byBase = new Map(print.map((p) => [splitName(p.out.screen).base, p]));
  const extra = unforeseen.map((rel) => pdfEntry(tr, rel.slice("pdf/".length), byBase.get(splitName(rel).base)));
  const pictured = new Set<string>(); // a first page is pictured once on the page: a phone fetches each picture near the top
  return groups.map((g) => ({
    ...g,
    entries: (shows.includes(g.id) ? [...g.entries, ...extra.filter((e) => e.groups.includes(g.id)).map((e) => e.entry)] : []).flatMap((e) => {
      const found = files.get(e.href.slice(1));
      if (!found) return [];
      const size = fileSize(found.bytes, lang);
      const screen = files.get(e.href.slice(1).replace(/\.[^./]+\.pdf$/, ".screen.pdf"));
      const facts =
        e.type === TYPES.pdf
          ? tr.t("ui:materials.pdf", {
              paper: found.paper ?? screen?.paper ?? "PDF",
              pages: tr.t("ui:materials.pages", { count: found.pages ?? screen?.pages ?? 0 }),
              size,
            })
          : e.type === TYPES.jpg
            ? tr.t("ui:materials.image", { ...CARD_SIZES[e.variant as CardShape], size })
            : tr.t("ui:materials.zip", { size });
      const preview = previews.get(`${lang.folder}/${e.variant === "booklet" ? `${e.base}.booklet` : e.base}`);
      const shown = preview && !pictured.has(preview.src);
      if (shown) pictured.add(preview.src);
      return [{ ...e, facts, ...(shown ? { preview } : {}) }];
    }),
  }));
}

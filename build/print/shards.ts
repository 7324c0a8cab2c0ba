/**
 * Sharding the PDF stage over machines: `waymark build --shard i/n` prints a deterministic share
 * of the PDF jobs, balanced by their pages, into dist/shards/<i>-of-<n>/; `waymark merge`
 * checks that every share is there and made from the same content, and assembles them into
 * dist/pdf/ with the site. Every shard computes the same split from the same content, so the
 * machines need not talk to each other.
 */
import { cp, mkdir, readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { ContentError } from "../errors.ts";
import { writeWhole } from "../write-whole.ts";
import type { PrintPage } from "../site/print-pages.ts";
import { FORMATS } from "./formats.ts";

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** "2/4" → { index: 2, count: 4 }; undefined when it is not i/n with 1 ≤ i ≤ n. */
export function parseShard(text: string): Shard | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return undefined;
  const [index, count] = [Number(m[1]), Number(m[2])];
  return index >= 1 && count >= 1 && index <= count ? { index, count } : undefined;
}

export const shardFolder = (s: Shard) => `${s.index}-of-${s.count}`;

/** Pages a PDF will have, before it is printed: the format's count, or for a flowing document an estimate from its sections and stories. */
function expectedPages(page: PrintPage): number {
  const { exactly, max } = FORMATS[page.format].pages;
  if (exactly ?? max) return (exactly ?? max)!;
  const blocks = page.document?.sections.flatMap((s) => s.blocks) ?? [];
  return 2 + (page.document?.sections.length ?? 1) + blocks.filter((b) => b.type === "story").length;
}

/**
 * Each shard's print pages: longest first, each to the shard with the fewest pages so far
 * (ties to the lowest index). Deterministic: the same content gives the same split everywhere.
 */
export function splitIntoShards(pages: PrintPage[], count: number): PrintPage[][] {
  const shards = Array.from({ length: count }, () => ({ pages: [] as PrintPage[], load: 0 }));
  const order = [...pages].sort((a, b) => expectedPages(b) - expectedPages(a) || (a.out.print < b.out.print ? -1 : 1));
  for (const page of order) {
    const lightest = shards.reduce((best, s) => (s.load < best.load ? s : best));
    lightest.pages.push(page);
    lightest.load += expectedPages(page);
  }
  return shards.map((s) => s.pages);
}

/** What a shard leaves beside its PDFs, so the merge can check it belongs to this build. */
interface ShardManifest {
  campaignRevision: string;
  shard: Shard;
  /** Each PDF (path under pdf/) and the revision of what it shows. */
  pdfs: { rel: string; revision: string }[];
}

/**
 * Copies every shard's PDFs into pdfDir, after checking that the shards of one split are all
 * there, were made from this content, and hold every PDF exactly once.
 */
export async function collectShards(shardsDir: string, campaignRevision: string, pages: PrintPage[], pdfDir: string): Promise<void> {
  const folders = (await readdir(shardsDir).catch(() => [] as string[])).filter((f) => /^\d+-of-\d+$/.test(f));
  const where = path.relative(process.cwd(), shardsDir) || shardsDir;
  const fail = (message: string, hint: string) => {
    throw new ContentError([{ file: where, message, hint }]);
  };
  if (!folders.length) fail("no shards to merge", "run waymark build --shard i/n for every i first (or copy their dist/shards/ folders here)");
  const counts = new Set(folders.map((f) => Number(f.split("-of-")[1])));
  if (counts.size > 1) fail(`shards of different splits are mixed: ${folders.sort().join(", ")}`, "keep the folders of one split only");
  const count = [...counts][0]!;
  const missing = Array.from({ length: count }, (_, i) => `${i + 1}-of-${count}`).filter((f) => !folders.includes(f));
  if (missing.length) fail(`shard ${missing.join(", ")} is missing`, `run waymark build --shard ${missing[0]!.replace("-of-", "/")}`);
  const expected = new Map(pages.flatMap((p) => Object.values(p.out).map((rel) => [rel, p.revision] as const)));
  const seen = new Set<string>();
  for (const folder of folders.sort()) {
    const manifest = JSON.parse(await readFile(path.join(shardsDir, folder, "shard.json"), "utf8")) as ShardManifest;
    if (manifest.campaignRevision !== campaignRevision)
      fail(
        `shard ${folder} was built from other content (revision ${manifest.campaignRevision}, now ${campaignRevision})`,
        `build shard ${folder.replace("-of-", "/")} again from this content`,
      );
    for (const pdf of manifest.pdfs) {
      if (expected.get(pdf.rel) !== pdf.revision || seen.has(pdf.rel))
        fail(`shard ${folder} holds ${pdf.rel}, which this campaign does not expect there`, "build every shard again from the same content");
      seen.add(pdf.rel);
    }
    await cp(path.join(shardsDir, folder, "pdf"), pdfDir, { recursive: true });
  }
  const absent = [...expected.keys()].filter((rel) => !seen.has(rel));
  if (absent.length) fail(`${absent.length} PDF(s) are in no shard: ${absent.slice(0, 5).join(", ")}`, "build every shard again from the same content");
}

/** What a shard's manifest lists: each PDF of its pages, with the revision of what it shows. */
function shardManifest(campaignRevision: string, shard: Shard, pages: PrintPage[]): ShardManifest {
  return { campaignRevision, shard, pdfs: pages.flatMap((p) => Object.values(p.out).map((rel) => ({ rel, revision: p.revision }))) };
}

/** A shard's share of the share cards: every n-th card, the same split on every machine. */
export function splitCards<T extends { url: string }>(cards: T[], shard: Shard): T[] {
  return [...cards].sort((a, b) => (a.url < b.url ? -1 : 1)).filter((_, i) => i % shard.count === shard.index - 1);
}

/** Copies every shard's share cards (shards/<i>-of-<n>/cards/) into the site; returns their site paths. */
export async function collectShardCards(shardsDir: string, siteDir: string): Promise<Set<string>> {
  const made = new Set<string>();
  // Made first: fs.cp creates a missing destination with a plain mkdir, which fails when the
  // previews, written at the same time, created the folder between its check and its mkdir.
  await mkdir(siteDir, { recursive: true });
  for (const folder of (await readdir(shardsDir).catch(() => [] as string[])).filter((f) => /^\d+-of-\d+$/.test(f))) {
    const cards = path.join(shardsDir, folder, "cards");
    const files = (await readdir(cards, { recursive: true, withFileTypes: true }).catch(() => [])).filter((e) => e.isFile());
    for (const f of files) made.add(path.relative(cards, path.join(f.parentPath, f.name)).split(path.sep).join("/"));
    if (files.length) await cp(cards, siteDir, { recursive: true });
  }
  return made;
}

/** A shard's own folder in the staging area: its PDFs, its share of the cards, and its manifest, written once its PDFs exist. */
export async function writeShardManifest(shardDir: string, campaignRevision: string, shard: Shard, pages: PrintPage[]): Promise<void> {
  await writeWhole(path.join(shardDir, "shard.json"), JSON.stringify(shardManifest(campaignRevision, shard, pages), null, 2) + "\n");
}

/**
 * What a build is asked to do (BuildOptions), what it reports (BuildResult), and the context its
 * stages receive, made from the options.
 */
import path from "node:path";
import type { ChromiumSession } from "./chromium/session.ts";
import type { BuildContext, BuildEvent } from "./context.ts";
import { editionOutDir, MAIN_EDITION } from "./content/editions.ts";
import type { Problem } from "./errors.ts";
import type { LoadedSite } from "./load.ts";
import { kitFingerprint } from "./pdf/cache.ts";
import type { Shard } from "./print/shards.ts";
import type { OfflineBundle } from "./site/offline.ts";

export interface BuildOptions {
  /** Project root holding content/, locales/ and templates/. */
  root: string;
  /** Output folder; site/ and pdf/ are replaced in it. Default: <root>/dist, or <root>/dist/editions/<id> for a partner edition. */
  outDir?: string;
  /** A partner edition (content/editions/<id>.yaml) instead of the campaign's main edition. */
  edition?: string;
  /** The edition already loaded (buildEditions loads every edition first). */
  loaded?: LoadedSite;
  /** Print PDFs and shoot share cards (default true). */
  pdf?: boolean;
  /** Also write each print PDF as PDF/X-3 in the press's CMYK (<doc>.pdfx.pdf) and preflight it (default false: it needs Ghostscript). */
  pdfx?: boolean;
  /** Refuse to build when anything is missing, stale, unapproved, unverified or unsigned. */
  release?: boolean;
  /** Pages printed at once (default 2, which fills two cores). */
  concurrency?: number;
  /** Longest a page may take to load and print before it is retried (default 40 s). */
  timeoutMs?: number;
  onEvent?: (event: BuildEvent) => void;
  /** For tests: called before each print attempt (to crash a page, say). */
  beforePrint?: BuildContext["beforePrint"];
  /** Print on a Chromium already running (ws:// URL of a browserless container, say) instead of launching one. */
  browserWSEndpoint?: string;
  /** The Chromium to use, shared with other builds (buildEditions); by default the build starts and closes its own. */
  chromium?: ChromiumSession;
  /** With browserWSEndpoint: the address of this machine that Chromium reaches the print pages at (default 127.0.0.1). */
  printHost?: string;
  /** Print only this share of the PDFs and cards into <out>/shards/<i>-of-<n>/ (no site): for a build spread over machines. */
  shard?: Shard;
  /** Take the PDFs and cards from <out>/shards/ (every share of one split) instead of making them; then build the site. No Chromium needed. */
  fromShards?: boolean;
  /** Reuse PDFs and cards whose inputs did not change, from <root>/.waymark-cache/ (default true; --no-cache). */
  cache?: boolean;
  /** Cancels the build: no new PDF is started, Chromium is killed, the build rejects and publishes nothing. */
  signal?: AbortSignal;
}

export interface BuildResult {
  edition: string;
  outDir: string;
  languages: string[];
  pages: number;
  pdfs: string[];
  /** PDFs that carry the draft watermark, with the reasons. */
  drafts: { pdf: string; reasons: string[] }[];
  /** What the build warns of: translations refused in part, posters whose headline was set smaller to fit. */
  warnings: Problem[];
  rejected: Problem[];
  /** Wall time of the PDF stage (printing and finishing), in milliseconds. */
  pdfStageMs: number;
  /** Pages printed by Chromium (each gives two PDFs), and pages whose PDFs came from the cache. */
  printed: number;
  reused: number;
  /** Wall time of each stage, in milliseconds, in order (also in dist/reports/build.json). */
  stages: { stage: string; ms: number }[];
  /** A zip per language for use without network (dist/offline/<lang>.zip; also dist/reports/offline.json). */
  offline?: OfflineBundle[];
  /** With pdfx: the PDF/X files written, and how many came from the cache (also dist/reports/preflight.json). */
  pdfx?: { files: string[]; made: number; reused: number };
}

/** The context of one edition's build: where things go, its Chromium, caches and options. */
export function buildContext(opts: BuildOptions, chromium: ChromiumSession, emit: (event: BuildEvent) => void): BuildContext {
  const root = path.resolve(opts.root);
  let kit: Promise<string> | undefined;
  return {
    root,
    templatesDir: path.join(root, "templates"),
    outDir: path.resolve(opts.outDir ?? editionOutDir(root, opts.edition)),
    cacheDir: path.join(root, ".waymark-cache"),
    useCache: opts.cache !== false,
    chromium,
    kit: () => (kit ??= kitFingerprint(path.join(root, "templates"))),
    concurrency: opts.concurrency ?? 2,
    timeoutMs: opts.timeoutMs,
    printHost: opts.printHost,
    signal: opts.signal,
    emit,
    beforePrint: opts.beforePrint,
  };
}

/** What a build made, as its caller and dist/reports/build.json see it. */
export function buildResult(
  opts: BuildOptions,
  outDir: string,
  loaded: LoadedSite,
  made: {
    printed: number;
    reused: number;
    ms: number;
    stages: BuildResult["stages"];
    pdfs: string[];
    pages: number;
    offline?: OfflineBundle[];
    warnings?: Problem[];
    pdfx?: BuildResult["pdfx"];
  },
): BuildResult {
  const printPages = Object.values(loaded.model.print).flat();
  return {
    edition: opts.edition ?? MAIN_EDITION,
    outDir,
    languages: loaded.campaign.languages.map((l) => l.code),
    pages: made.pages,
    pdfs: made.pdfs,
    drafts: printPages.filter((p) => p.draftReasons.length).flatMap((p) => Object.values(p.out).map((pdf) => ({ pdf, reasons: p.draftReasons }))),
    warnings: [...loaded.translations.warnings, ...(made.warnings ?? [])],
    rejected: loaded.translations.rejected,
    pdfStageMs: made.ms,
    printed: made.printed,
    reused: made.reused,
    stages: made.stages,
    ...(made.offline ? { offline: made.offline } : {}),
    ...(made.pdfx ? { pdfx: made.pdfx } : {}),
  };
}

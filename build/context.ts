/**
 * What every stage of a build receives: where things are, the build's options, its one
 * Chromium, its caches, and the function it reports to. Stages emit events; the command line
 * (or a test) listens. No stage prints anything itself.
 */
import path from "node:path";
import type { Page } from "puppeteer-core";
import type { ChromiumSession } from "./chromium/session.ts";
import type { Problem } from "./errors.ts";
import type { PrintJob } from "./pdf/printer.ts";

export type BuildEvent =
  /** The editions a build will make, with how many print pages and share cards each has: what a time estimate needs. */
  | { type: "plan"; editions: { edition: string; printPages: number; cards: number }[] }
  /** An edition's build starts (one of `count`). */
  | { type: "edition"; edition: string; index: number; count: number }
  | { type: "stage"; stage: string }
  /** Work in a stage, counted: PDFs printed, cards shot. */
  | { type: "progress"; done: number; total: number; item: string }
  | { type: "problem"; level: "warning" | "rejected"; problem: Problem }
  /** A PDF/X file's preflight, in one line (waymark build --pdfx). */
  | { type: "preflight"; line: string };

export interface BuildContext {
  root: string;
  templatesDir: string;
  /** Where the build publishes (dist/, or dist/editions/<id>/). */
  outDir: string;
  /** <root>/.waymark-cache/: PDFs, cards, images and cut fonts whose inputs did not change. */
  cacheDir: string;
  /** --no-cache: print and shoot everything again (cut fonts are still reused: they are named by what they hold). */
  useCache: boolean;
  chromium: ChromiumSession;
  /** What makes PDFs and cards besides the content (code, dependencies, Chromium, templates), hashed once per build. */
  kit: () => Promise<string>;
  concurrency: number;
  /** Longest a page may take to load and print before it is retried. */
  timeoutMs?: number | undefined;
  /** With a remote Chromium: the address of this machine that it reaches the served pages at. */
  printHost?: string | undefined;
  signal?: AbortSignal | undefined;
  emit: (event: BuildEvent) => void;
  /** For tests: called before each print attempt (to crash a page, say). */
  beforePrint?: ((page: Page, job: PrintJob, attempt: number) => Promise<void>) | undefined;
}

/** A folder of the build cache. */
export function cachePath(ctx: Pick<BuildContext, "cacheDir">, name: string): string {
  return path.join(ctx.cacheDir, name);
}

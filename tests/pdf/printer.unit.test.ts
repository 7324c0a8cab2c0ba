/**
 * The printing engine's retry, timeout, cancellation and writing paths, driven by a fake
 * browser whose pages are scripted attempt by attempt: no Chromium, a few milliseconds each.
 */
import { EventEmitter } from "node:events";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "puppeteer-core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ContentError, PrintError, type Problem } from "../../build/errors.ts";
import { printAll, type PrintJob, type PrinterOptions } from "../../build/pdf/printer.ts";
import type { Finished } from "../../build/pdf/finish-task.ts";

// The file system calls printer.ts makes, in order, to check how a PDF reaches its place.
const fsCalls = vi.hoisted(() => [] as string[][]);
vi.mock("node:fs/promises", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs/promises")>();
  return {
    ...fs,
    writeFile: async (...args: Parameters<typeof fs.writeFile>) => {
      fsCalls.push(["writeFile", String(args[0])]);
      return fs.writeFile(...args);
    },
    rename: async (from: string, to: string) => {
      fsCalls.push(["rename", from, to]);
      return fs.rename(from, to);
    },
  };
});

/** What a page does when asked for its PDF, on one attempt. */
type Step =
  | "ok" // prints
  | "hang" // never answers
  | "crash" // the renderer dies: an "error" event, and page.pdf never answers
  | "throw"; // page.pdf rejects (a protocol error, say)

const ORIGIN = "http://127.0.0.1:4321";
const never = () => new Promise<never>(() => undefined);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString("utf8");

class FakePage {
  readonly events = new EventEmitter();
  closed = false;
  path = "";
  step: Step = "ok";
  constructor(
    private readonly owner: FakeBrowser,
    readonly n: number,
  ) {}
  on(event: string, listener: (...args: unknown[]) => void): this {
    this.events.on(event, listener);
    return this;
  }
  off(event: string, listener: (...args: unknown[]) => void): this {
    this.events.off(event, listener);
    return this;
  }
  isClosed(): boolean {
    return this.closed;
  }
  viewport(): null {
    return null;
  }
  browser(): FakeBrowser {
    return this.owner;
  }
  once(event: string, listener: (...args: unknown[]) => void): this {
    this.events.once(event, listener);
    return this;
  }
  async evaluateOnNewDocument(): Promise<{ identifier: string }> {
    return { identifier: "1" };
  }
  async removeScriptToEvaluateOnNewDocument(): Promise<void> {}
  async goto(url: string): Promise<null> {
    if (url === "about:blank") {
      // Given back for the next stage (releasePage).
      this.owner.log.push(`page ${this.n}: given back`);
      return null;
    }
    this.path = url.slice(ORIGIN.length);
    const attempt = (this.owner.attempts.get(this.path) ?? 0) + 1;
    this.owner.attempts.set(this.path, attempt);
    this.step = this.owner.scripts[this.path]?.[attempt - 1] ?? "ok";
    this.owner.gotos.push(this.path);
    this.owner.log.push(`page ${this.n}: goto ${this.path} (attempt ${attempt}, ${this.step})`);
    return null;
  }
  async evaluate(): Promise<string[]> {
    return []; // no font failed to load
  }
  async pdf(): Promise<Uint8Array> {
    if (this.owner.pdfDelayMs) await sleep(this.owner.pdfDelayMs);
    switch (this.step) {
      case "ok":
        return new TextEncoder().encode(`%PDF ${this.path} page ${this.n}`);
      case "hang":
        return never();
      case "crash":
        this.events.emit("error", new Error("Page crashed!"));
        return never();
      case "throw":
        throw new Error("Protocol error (Page.printToPDF): Target closed");
    }
  }
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.owner.open--;
    this.owner.log.push(`page ${this.n}: closed`);
  }
}

class FakeBrowser {
  readonly pages: FakePage[] = [];
  readonly attempts = new Map<string, number>();
  readonly log: string[] = [];
  /** Every page load, in order, on whichever tab. */
  readonly gotos: string[] = [];
  open = 0;
  maxOpen = 0;
  constructor(
    readonly scripts: Record<string, Step[]> = {},
    readonly pdfDelayMs = 0,
    /** When given, no page opens before it resolves. */
    readonly opening?: Promise<void>,
  ) {}
  async newPage(): Promise<FakePage> {
    await this.opening;
    const page = new FakePage(this, this.pages.length + 1);
    this.pages.push(page);
    this.open++;
    this.maxOpen = Math.max(this.maxOpen, this.open);
    this.log.push(`page ${page.n}: opened`);
    return page;
  }
  /** The jobs whose page was loaded, in order, once per attempt. */
  get visited(): string[] {
    return this.gotos;
  }
  get asBrowser(): Browser {
    return this as unknown as Browser;
  }
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "waymark-printer-"));
  fsCalls.length = 0;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** What finishing makes of a printed PDF: both variants, named so the test can read which is which, and what they hold. */
function finished(pdf: Uint8Array): Finished {
  const enc = (variant: string) => new TextEncoder().encode(`${variant}(${text(pdf)})`);
  return {
    pdfs: { print: enc("print"), screen: enc("screen") },
    facts: {
      pages: 1,
      boxes: [],
      fonts: [],
      layers: [],
      outline: false,
      tagged: true,
      transparency: [],
    },
  };
}

function job(id: string, extra: Partial<PrintJob> = {}): PrintJob {
  return {
    id,
    path: `/_print/${id}/`,
    out: { print: path.join(dir, "pdf", `${id}.print.pdf`), screen: path.join(dir, "pdf", `${id}.screen.pdf`) },
    finish: async (pdf) => finished(pdf),
    ...extra,
  };
}

function print(browser: FakeBrowser, jobs: PrintJob[], opts: Partial<PrinterOptions> = {}): Promise<void> {
  return printAll(jobs, { browser: browser.asBrowser, origin: ORIGIN, timeoutMs: 40, ...opts });
}

/** Runs fn and gives its outcome (the error, or "resolved") and how long it took. */
async function timed(fn: () => Promise<unknown>): Promise<{ outcome: unknown; ms: number }> {
  const started = performance.now();
  const outcome = await fn().then(
    () => "resolved",
    (e: unknown) => e,
  );
  return { outcome, ms: performance.now() - started };
}

async function files(): Promise<string[]> {
  return (await readdir(dir, { recursive: true }).catch(() => [])).sort();
}

describe("a hung or crashed page", () => {
  it("times out after timeoutMs and is printed on its second attempt, in a fresh page", async () => {
    const browser = new FakeBrowser({ "/_print/a/": ["hang", "ok"] });
    const { outcome, ms } = await timed(() => print(browser, [job("a")], { timeoutMs: 40 }));
    expect(outcome).toBe("resolved");
    expect(ms).toBeGreaterThanOrEqual(35); // it did wait for the timeout…
    expect(ms).toBeLessThan(1000); // …and not for puppeteer's own
    expect(browser.log).toEqual([
      "page 1: opened",
      "page 1: goto /_print/a/ (attempt 1, hang)",
      "page 1: closed",
      "page 2: opened",
      "page 2: goto /_print/a/ (attempt 2, ok)",
      "page 2: given back", // blank, for the next stage or build; the hung one was closed
    ]);
    expect(await readFile(path.join(dir, "pdf", "a.screen.pdf"), "utf8")).toBe("screen(%PDF /_print/a/ page 2)");
  });

  it("fails the attempt as soon as the page crashes, far sooner than the timeout, and the retry succeeds", async () => {
    const browser = new FakeBrowser({ "/_print/a/": ["crash", "ok"] });
    const { outcome, ms } = await timed(() => print(browser, [job("a")], { timeoutMs: 2000 }));
    expect(outcome).toBe("resolved");
    expect(ms).toBeLessThan(500);
    expect(browser.visited).toEqual(["/_print/a/", "/_print/a/"]);
    expect(browser.pages.map((p) => p.closed)).toEqual([true, false]); // the crashed tab closed, the one that printed given back
    expect(await readFile(path.join(dir, "pdf", "a.print.pdf"), "utf8")).toBe("print(%PDF /_print/a/ page 2)");
  });

  it("gives a PrintError naming the job after two failures, and the run takes no new job", async () => {
    const browser = new FakeBrowser({ "/_print/b/": ["crash", "crash"] });
    const progress: string[] = [];
    const { outcome, ms } = await timed(() =>
      print(browser, [job("a"), job("b"), job("c"), job("d")], {
        concurrency: 1,
        timeoutMs: 2000,
        onProgress: (done, total, j) => progress.push(`${done}/${total} ${j.id}`),
      }),
    );
    expect(outcome).toBeInstanceOf(PrintError);
    expect((outcome as PrintError).job).toBe("b");
    expect((outcome as PrintError).message).toBe("Printing b failed: the page crashed (Page crashed!)");
    expect(ms).toBeLessThan(500);
    expect(browser.visited).toEqual(["/_print/a/", "/_print/b/", "/_print/b/"]); // c and d never started
    expect(progress).toEqual(["1/4 a", "2/4 b"]);
    expect(browser.pages.every((p) => p.closed)).toBe(true);
  });

  it("retries a page whose printing throws, and names the last error when both attempts fail", async () => {
    const browser = new FakeBrowser({ "/_print/a/": ["hang", "throw"] });
    const outcome = await print(browser, [job("a")]).catch((e: unknown) => e);
    expect(outcome).toBeInstanceOf(PrintError);
    expect((outcome as PrintError).message).toBe("Printing a failed: Protocol error (Page.printToPDF): Target closed");
    expect(browser.pages.length).toBe(2);
  });
});

describe("layout problems", () => {
  const tooLong: Problem = { file: "locales/nl/leaflet.json", field: "help/note", message: 'block "help/note" does not fit on page 2' };
  const tooSmall: Problem = { file: "content/images.yaml", field: "road", message: 'image "road" is placed at 67 dpi' };

  it("are not retried, and every job's problems are reported together, each once", async () => {
    const browser = new FakeBrowser();
    const inspected: string[] = [];
    const inspect = (problems: Problem[]) => async (page: Page) => {
      inspected.push((page as unknown as FakePage).path);
      return problems;
    };
    const outcome = await print(browser, [
      job("print", { inspect: inspect([tooLong]) }),
      job("screen", { inspect: inspect([{ ...tooLong }]) }), // the same layout, the same problem
      job("poster", { inspect: inspect([tooSmall]) }),
      job("fine", { inspect: inspect([]) }),
    ]).catch((e: unknown) => e);
    expect(outcome).toBeInstanceOf(ContentError);
    expect((outcome as ContentError).problems).toEqual([tooLong, tooSmall]);
    expect(inspected.sort()).toEqual(["/_print/fine/", "/_print/poster/", "/_print/print/", "/_print/screen/"]); // once each: no retry
    expect(browser.pages.length).toBe(2); // a layout problem leaves the tab in use
    expect(browser.log.filter((l) => l.endsWith("given back"))).toHaveLength(2); // and as good as new, for the next stage
    expect(await files()).toEqual(["pdf", "pdf/fine.print.pdf", "pdf/fine.screen.pdf"]); // only the job without problems was written
  });
});

describe("writing the PDFs", () => {
  it("writes both finished PDFs of a page whole, each through a temporary file renamed into place", async () => {
    const browser = new FakeBrowser();
    const out = { print: path.join(dir, "pdf", "nested", "a.print.pdf"), screen: path.join(dir, "pdf", "nested", "a.screen.pdf") };
    await print(browser, [job("a", { out })]);
    expect(browser.visited).toEqual(["/_print/a/"]); // laid out and printed once for both
    expect(await readFile(out.print, "utf8")).toBe("print(%PDF /_print/a/ page 1)");
    expect(await readFile(out.screen, "utf8")).toBe("screen(%PDF /_print/a/ page 1)");
    expect(fsCalls.length).toBe(4);
    for (const [i, file] of [out.print, out.screen].entries()) {
      const [write, move] = fsCalls.slice(2 * i, 2 * i + 2) as [string[], string[]];
      expect(write[0]).toBe("writeFile");
      expect(path.dirname(write[1]!)).toBe(path.dirname(file)); // same folder, so the rename is atomic
      expect(write[1]).toMatch(/\.tmp$/);
      expect(move).toEqual(["rename", write[1], file]);
    }
    expect(await files()).toEqual(["pdf", "pdf/nested", "pdf/nested/a.print.pdf", "pdf/nested/a.screen.pdf"]); // no .tmp left
  });

  it("writes nothing for a job that failed", async () => {
    const browser = new FakeBrowser({ "/_print/b/": ["throw", "throw"] });
    const done: string[] = [];
    const finish = async (pdf: Uint8Array) => {
      done.push(text(pdf));
      return finished(pdf);
    };
    const outcome = await print(browser, [job("a", { finish }), job("b", { finish })], { concurrency: 1 }).catch((e: unknown) => e);
    expect(outcome).toBeInstanceOf(PrintError);
    expect(done).toEqual(["%PDF /_print/a/ page 1"]);
    expect(await files()).toEqual(["pdf", "pdf/a.print.pdf", "pdf/a.screen.pdf"]);
    expect(fsCalls.filter(([, file]) => file!.includes("b."))).toEqual([]);
  });
});

describe("concurrency", () => {
  const six = () => ["a", "b", "c", "d", "e", "f"].map((id) => job(id));

  it("never has more than N pages open at once, and uses all N", async () => {
    const browser = new FakeBrowser({}, 10);
    await print(browser, six(), { concurrency: 3 });
    expect(browser.maxOpen).toBe(3);
    expect(browser.pages.length).toBe(3); // one tab per worker, kept from job to job
    expect(browser.open).toBe(2); // two given back for the next stage (as many as a stage uses), the third closed
    expect((await files()).filter((f) => f.endsWith(".pdf")).length).toBe(12);
  });

  it("prints one page at a time, in order, with concurrency 1", async () => {
    const browser = new FakeBrowser({}, 5);
    await print(browser, six(), { concurrency: 1 });
    expect(browser.maxOpen).toBe(1);
    expect(browser.visited).toEqual(six().map((j) => j.path));
    expect((await files()).filter((f) => f.endsWith(".pdf")).length).toBe(12);
  });

  it("keeps one tab per worker from job to job, and replaces only a tab whose attempt failed", async () => {
    const browser = new FakeBrowser({ "/_print/b/": ["crash", "ok"] });
    await print(browser, [job("a"), job("b"), job("c")], { concurrency: 1, timeoutMs: 2000 });
    expect(browser.pages.length).toBe(2);
    expect(browser.log).toEqual([
      "page 1: opened",
      "page 1: goto /_print/a/ (attempt 1, ok)",
      "page 1: goto /_print/b/ (attempt 1, crash)",
      "page 1: closed",
      "page 2: opened",
      "page 2: goto /_print/b/ (attempt 2, ok)",
      "page 2: goto /_print/c/ (attempt 1, ok)",
      "page 2: given back",
    ]);
  });

  it("gives its tabs to the next run in the same browser: a new tab costs Chromium a renderer process", async () => {
    const browser = new FakeBrowser({});
    await print(browser, [job("a")], { concurrency: 1 });
    await print(browser, [job("b")], { concurrency: 1 });
    expect(browser.pages.length).toBe(1);
    expect(browser.log).toEqual([
      "page 1: opened",
      "page 1: goto /_print/a/ (attempt 1, ok)",
      "page 1: given back",
      "page 1: goto /_print/b/ (attempt 1, ok)",
      "page 1: given back",
    ]);
  });

  it("opens no more pages than there are jobs", async () => {
    const browser = new FakeBrowser({}, 5);
    await print(browser, [job("a")], { concurrency: 4 });
    expect(browser.maxOpen).toBe(1);
  });
});

describe("cancelling", () => {
  it("rejects promptly when the signal aborts mid-run, closes every open page and starts nothing more", async () => {
    const browser = new FakeBrowser({ "/_print/a/": ["hang"], "/_print/b/": ["hang"] });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const progress: string[] = [];
    const { outcome, ms } = await timed(() =>
      print(browser, [job("a"), job("b"), job("c")], {
        concurrency: 2,
        timeoutMs: 2000,
        signal: controller.signal,
        onProgress: (_, __, j) => progress.push(j.id),
      }),
    );
    expect(outcome).toBeInstanceOf(Error);
    expect((outcome as Error).message).toMatch(/build was cancelled/);
    expect(ms).toBeLessThan(500); // well under the timeout
    expect(browser.visited).toEqual(["/_print/a/", "/_print/b/"]); // no retry, and c never started
    expect(progress).toEqual([]); // a cancelled job is not reported as done
    expect(browser.pages.every((p) => p.closed)).toBe(true);
    expect(await files()).toEqual([]);
  });

  it("rejects with the caller's reason when it is an Error", async () => {
    const browser = new FakeBrowser({ "/_print/a/": ["hang"] });
    const controller = new AbortController();
    const reason = new Error("The build was cancelled: Ctrl-C");
    setTimeout(() => controller.abort(reason), 10);
    await expect(print(browser, [job("a")], { timeoutMs: 2000, signal: controller.signal })).rejects.toBe(reason);
    expect(browser.pages.every((p) => p.closed)).toBe(true);
  });

  it("writes nothing once cancelled, even for a PDF already printed", async () => {
    const browser = new FakeBrowser();
    const controller = new AbortController();
    const finish = async (pdf: Uint8Array) => {
      controller.abort(); // cancelled while the PDF is being finished
      return finished(pdf);
    };
    await expect(print(browser, [job("a", { finish }), job("b")], { concurrency: 1, signal: controller.signal })).rejects.toThrow(/build was cancelled/);
    expect(await files()).toEqual([]);
    expect(browser.visited).toEqual(["/_print/a/"]);
  });

  it("opens no page when the signal has already aborted", async () => {
    const browser = new FakeBrowser();
    await expect(print(browser, [job("a")], { signal: AbortSignal.abort() })).rejects.toThrow(/build was cancelled/);
    expect(browser.pages).toEqual([]);
  });

  it("does not wait for a page that is still opening, and closes it once it opens", async () => {
    let open: () => void = () => undefined;
    const browser = new FakeBrowser({}, 0, new Promise<void>((resolve) => (open = resolve)));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 10);
    await expect(print(browser, [job("a")], { timeoutMs: 2000, signal: controller.signal })).rejects.toThrow(/build was cancelled/);
    expect(browser.pages).toEqual([]); // rejected while the page was still opening
    open();
    await sleep(5);
    expect(browser.pages.length).toBe(1);
    expect(browser.pages[0]!.closed).toBe(true);
    expect(browser.visited).toEqual([]); // and never loaded anything in it
  });
});

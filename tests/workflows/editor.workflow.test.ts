/**
 * `waymark edit` serves the editor on 127.0.0.1 from the kit's own files: opened in the real
 * Chromium, it lists the campaign's collections and stories (read from the working tree by the
 * local backend), speaks English, Dutch and French (its interface and the kit's forms), and
 * requests nothing from another host.
 *
 * A workflow test: a person's whole journey through the editor's interface, a minute or two on
 * two cores. `npm run verify` runs it (vitest.workflows.config.ts); the suite keeps the
 * editor's parts that need no browser (tests/editor/*.unit.test.ts). One editor, over one copy
 * of the campaign, and one Chromium serve every test here: each test edits its own files.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Page } from "puppeteer-core";
import type { Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeBrowser, launchBrowser } from "../../build/chromium/browser.ts";
import { loadCampaign } from "../../build/content/campaign.ts";
import { applyEdition } from "../../build/content/editions.ts";
import { labelFile } from "../../build/editor/labels.ts";
import { PROJECT_ROOT, sampleCampaign } from "../helpers/sample-campaign.ts";

const running: ChildProcess[] = [];
let root = "";
let admin = "";
let browser: Browser;
let cleanup = async () => {};
beforeAll(async () => {
  ({ root, cleanup } = await sampleCampaign());
  admin = await startEditor(root);
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await closeBrowser(browser);
  // The editor and what tsx started under it: its own process group.
  for (const child of running.splice(0)) if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
  await cleanup();
});

/** A new tab, closed after the test. */
async function openEditor(onTestFinished: (fn: () => Promise<void>) => void): Promise<Page> {
  const page = await browser.newPage();
  onTestFinished(() => page.close({ runBeforeUnload: false }));
  await page.setViewport({ width: 1280, height: 900 });
  return page;
}

/** Opens the editor's start; "Login" (the local backend needs no account: it opens the working tree) when the browser is not logged in yet. */
async function logIn(page: Page): Promise<void> {
  await page.goto(admin, { waitUntil: "networkidle0" });
  const shown = await Promise.race([
    page.waitForSelector("::-p-text(Login)").then(() => "login"),
    page.waitForSelector("::-p-text(Partner editions)").then(() => "in"),
  ]);
  if (shown === "login") await page.locator("::-p-text(Login)").click();
  await page.waitForSelector("::-p-text(Partner editions)");
}

/** Starts `waymark edit --no-preview` on a free port; resolves to the editor's address once it prints it. */
function startEditor(root: string): Promise<string> {
  const tsx = path.join(PROJECT_ROOT, "node_modules", ".bin", "tsx");
  const child = spawn(tsx, [path.join(PROJECT_ROOT, "scripts", "waymark.ts"), "edit", "--no-preview", "--port", "0", "--root", root], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.push(child);
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const url = /^Editor: +(http:\/\/127\.0\.0\.1:\d+\/admin\/)/m.exec(out)?.[1];
      if (url) resolve(url);
    });
    child.stderr!.on("data", (d: Buffer) => {
      err += d.toString();
    });
    child.once("exit", (code) => reject(new Error(`waymark edit exited with ${code}:\n${out}\n${err}`)));
  });
}

/** Publishes the entry once the form holds the change (until then, the top bar offers no "Publish"). */
async function publish(page: Page): Promise<void> {
  // Generous waits: on a loaded two-core machine the editor takes its time to take in an upload.
  await page.waitForFunction(() => /unsaved changes/i.test(document.body.textContent ?? ""), { timeout: 90_000 });
  await page.locator("::-p-text(Publish)").setTimeout(90_000).click();
  await page.locator("::-p-text(Publish now)").setTimeout(90_000).click();
}

const text = (page: Page) => page.evaluate(() => document.body.textContent ?? "");

describe("waymark edit", () => {
  it("serves the editor, which lists the stories in English, Dutch and French, and its release checklist, and asks no other host for anything", async ({
    onTestFinished,
  }) => {
    const page = await openEditor(onTestFinished);
    const requested: string[] = [];
    page.on("request", (r) => requested.push(r.url()));
    await logIn(page);
    const collections = await text(page);
    for (const name of ["Campaign", "Documents", "Stories", "Contacts", "Images", "Glossary", "Sources", "Partner editions"])
      expect(collections).toContain(name);

    await page.goto(`${admin}#/collections/stories`, { waitUntil: "networkidle0" });
    await page.waitForSelector("::-p-text(zeebrugge-2000)");
    expect(await text(page)).toContain("zeebrugge-2000: Fifty-eight deaths in a refrigerated lorry");

    // A story's form: the schema's descriptions as hints, the ethics fields there to fill in.
    await page.goto(`${admin}#/collections/stories/entries/zeebrugge-2000`, { waitUntil: "networkidle0" });
    await page.waitForSelector("::-p-text(Informed consent: where the signed record is kept)");

    for (const [lang, contents] of [
      ["nl", "Inhoud"],
      ["fr", "Contenus"],
    ] as const) {
      await page.goto(`${admin}?lang=${lang}#/collections/stories`, { waitUntil: "networkidle0" });
      await page.waitForSelector(`::-p-text(${contents})`);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
    }

    // The release checklist page: every edition, in the words of `waymark ready`.
    await page.goto(`${admin}ready`, { waitUntil: "networkidle0", timeout: 90_000 });
    const checklist = await text(page);
    expect(checklist).toMatch(/Edition main: not ready, \d+ things block release/);
    expect(checklist).toMatch(/Edition brazil: not ready/);
    expect(checklist).toContain("the site's address: https://waymark.example/ is a stand-in");

    const origin = new URL(admin).origin;
    const elsewhere = requested.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith("data:") && !u.startsWith("blob:"));
    expect(elsewhere).toEqual([]);
    expect(requested.filter((u) => u.startsWith(`${origin}/api/v1`)).length).toBeGreaterThan(0);
  }, 240_000);
});

describe("the forms in Dutch and French", () => {
  it("label a story's consent basis, and explain it, in the words of build/editor/labels/<locale>.json", async ({ onTestFinished }) => {
    const page = await openEditor(onTestFinished);
    await logIn(page);
    for (const locale of ["nl", "fr"] as const) {
      const { label, hint } = labelFile(locale).fields["stories.consent.basis"]!;
      await page.goto(`${admin}?lang=${locale}#/collections/stories/entries/zeebrugge-2000`, { waitUntil: "networkidle0" });
      await page.waitForFunction((words: string[]) => words.every((w) => document.body.textContent?.includes(w)), { timeout: 60_000 }, [label, hint!]);
      // The English hint is gone, and the value is the file's, untranslated.
      const form = await text(page);
      expect(form).not.toContain("Why the case may be told");
      expect(form).toContain("published-report");
    }
  }, 180_000);
});

describe("an editor's save", () => {
  it("writes the file the kit loads and shows the kit's judgement: stale translations, what blocks release, a refused text with its field; a malformed id is refused before saving", async ({
    onTestFinished,
  }) => {
    const page = await openEditor(onTestFinished);
    // The story is left refused by the kit (a <b> in its title): put back for the tests after this one, which load the campaign.
    const storyFile = path.join(root, "content", "stories", "zeebrugge-2000.yaml");
    const original = await readFile(storyFile, "utf8");
    onTestFinished(() => writeFile(storyFile, original));
    await logIn(page);
    const save = async (field: string, value: string) => {
      await page.goto(`${admin}#/collections/stories/entries/zeebrugge-2000`, { waitUntil: "networkidle0" });
      const input = (await page.waitForSelector(`input[id^="${field}-field"]`))!;
      await input.click({ count: 3 });
      await input.type(value);
      await publish(page);
    };
    const checked = async () => {
      await page.waitForSelector("#waymark-check[data-state=loaded], #waymark-check[data-state=refused]", { timeout: 60_000 });
      const panel = await page.$eval("#waymark-check", (e) => ({ state: (e as HTMLElement).dataset.state, text: e.textContent ?? "" }));
      await page.$eval("#waymark-check", (e) => e.removeAttribute("data-state"));
      return panel;
    };

    await save("title", "Fifty-eight people died in a refrigerated lorry");
    const saved = await checked();
    expect(saved.state).toBe("loaded");
    expect(saved.text).toContain("content/stories/zeebrugge-2000.yaml: the kit loads it");
    expect(saved.text).toMatch(/Translations now stale \(readers see the English until they are translated again\): nl 1, fr 1/);
    expect(saved.text).toContain("Blocks release: story zeebrugge-2000: not signed off");
    const story = (await loadCampaign(root)).stories.find((s) => s.id === "zeebrugge-2000");
    expect(story?.title).toBe("Fifty-eight people died in a refrigerated lorry");
    expect(story?.consent.basis).toBe("published-report"); // the rest of the file as it was

    await save("title", "Fifty-eight <b>deaths</b>");
    const refused = await checked();
    expect(refused.state).toBe("refused");
    expect(refused.text).toMatch(/content\/stories\/zeebrugge-2000\.yaml:\d+ \(title\): may use only the inline markup <strong> and <em>/);

    // The schema's pattern, in the form: nothing is written.
    await page.goto(`${admin}#/collections/stories/entries/zeebrugge-2000`, { waitUntil: "networkidle0" });
    const id = (await page.waitForSelector('input[id^="id-field"]'))!;
    await id.click({ count: 3 });
    await id.type("Zeebrugge 2000");
    await publish(page);
    await page.waitForSelector('::-p-text(must be lower-case letters, digits and single hyphens, like "my-block")');
    expect(await readFile(path.join(root, "content", "stories", "zeebrugge-2000.yaml"), "utf8")).toContain("id: zeebrugge-2000");
  }, 180_000);
});

describe("a partner's logo", () => {
  it("is uploaded from the edition's form into content/editions/logos/, and the edition names it by its file name and loads", async ({ onTestFinished }) => {
    const page = await openEditor(onTestFinished);
    await logIn(page);
    await page.goto(`${admin}#/collections/editions/entries/brazil`, { waitUntil: "networkidle0" });
    // Open the partners list, then its one partner.
    await page.locator("::-p-text(1 partners)").click();
    await page.evaluate(() => {
      const leaf = [...document.querySelectorAll("*")].find((e) => e.children.length === 0 && e.textContent?.trim() === "partner-brazil");
      let box = leaf?.parentElement;
      while (box && !box.querySelector("button")) box = box.parentElement;
      box?.querySelector("button")?.click();
    });
    await page.locator("::-p-text(Choose different image)").click();
    const upload = (await page.waitForSelector("input[type=file]"))!;
    // A drawing of the kit's own stands in for a partner's logo.
    await upload.uploadFile(path.join(PROJECT_ROOT, "content", "images", "road.svg"));
    await page.waitForSelector("::-p-text(road.svg)");
    await page.locator("::-p-text(Choose selected)").click();
    // The media library closes before the top bar's "Publish" can be clicked (under load, it took its time).
    await page.waitForSelector("::-p-text(Choose selected)", { hidden: true, timeout: 90_000 });
    await publish(page);
    await page.waitForSelector("#waymark-check[data-state=loaded]", { timeout: 60_000 });

    expect(await readFile(path.join(root, "content", "editions", "logos", "road.svg"), "utf8")).toBe(
      await readFile(path.join(PROJECT_ROOT, "content", "images", "road.svg"), "utf8"),
    );
    const brazil = await applyEdition(await loadCampaign(root), "brazil");
    expect(brazil.edition?.partners.map((p) => p.logo)).toEqual(["road.svg"]);
  }, 180_000);
});

describe("a contact's phone", () => {
  it("written with letters is refused by the form, with the kit's own words, and nothing is written", async ({ onTestFinished }) => {
    const before = await readFile(path.join(root, "content", "contacts.yaml"), "utf8");
    const page = await openEditor(onTestFinished);
    await logIn(page);
    await page.goto(`${admin}#/collections/contacts/entries/contacts`, { waitUntil: "networkidle0" });
    await page.waitForSelector("::-p-text(payoke)");
    await page.evaluate(() => {
      const leaf = [...document.querySelectorAll("*")].find((e) => e.children.length === 0 && e.textContent?.trim() === "payoke");
      let box = leaf?.parentElement;
      while (box && !box.querySelector("button")) box = box.parentElement;
      box?.querySelector("button")?.click();
    });
    // The phone field of the contact just opened (the others are folded away).
    await page.waitForSelector('input[id^="phone-field"]');
    const phones = await page.$$('input[id^="phone-field"]');
    const visible = await Promise.all(phones.map((p) => p.isVisible()));
    const phone = phones[visible.indexOf(true)]!;
    await phone.type("call the centre");
    await publish(page);
    await page.waitForSelector('::-p-text(must be a phone number of digits and spaces: "112", "02 123 45 67" or "+32 2 123 45 67")');
    expect(await readFile(path.join(root, "content", "contacts.yaml"), "utf8")).toBe(before);
  }, 180_000);
});

describe("a new story", () => {
  it("made from an existing one (its ethics record with it) is saved as content/stories/<id>.yaml, which the kit loads", async ({ onTestFinished }) => {
    const page = await openEditor(onTestFinished);
    await logIn(page);
    await page.goto(`${admin}#/collections/stories/entries/austria-2015`, { waitUntil: "networkidle0" });
    await page.waitForSelector('input[id^="title-field"]');
    await page.locator("::-p-text(Published)").click();
    await page.locator("::-p-text(Duplicate)").click();
    const fill = async (field: string, value: string) => {
      const input = (await page.waitForSelector(`input[id^="${field}-field"]`))!;
      await input.click({ count: 3 });
      await input.type(value);
    };
    await fill("id", "austria-2015-copy");
    await fill("title", "A second telling of the Austrian case");
    await publish(page);
    await page.waitForSelector("#waymark-check[data-state=loaded]", { timeout: 60_000 });
    expect(await page.$eval("#waymark-check", (e) => e.textContent)).toContain("content/stories/austria-2015-copy.yaml: the kit loads it");

    const stories = (await loadCampaign(root)).stories;
    const copied = stories.find((s) => s.id === "austria-2015-copy");
    const original = stories.find((s) => s.id === "austria-2015");
    expect(copied?.title).toBe("A second telling of the Austrian case");
    expect({ ...copied, id: "", title: "" }).toEqual({ ...original, id: "", title: "" });
  }, 180_000);
});

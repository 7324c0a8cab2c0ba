/**
 * Which Chromium the kit prints with: the one the environment names, else the first found of the
 * usual places, the headless shell before the full browser; and in which mode Puppeteer starts it.
 */
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findChromium, isHeadlessShell } from "../../build/chromium/find-chromium.mjs";

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function executable(name: string, mode = 0o755): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "chromium-"));
  dirs.push(dir);
  const file = path.join(dir, name);
  await writeFile(file, "#!/bin/sh\n");
  await chmod(file, mode);
  return file;
}

describe("findChromium", () => {
  it("takes the executable PUPPETEER_EXECUTABLE_PATH or CHROME_PATH names, and nothing when it cannot run", async () => {
    const shell = await executable("chrome-headless-shell");
    expect(findChromium({ PUPPETEER_EXECUTABLE_PATH: shell })).toBe(shell);
    expect(findChromium({ CHROME_PATH: shell })).toBe(shell);
    expect(findChromium({ PUPPETEER_EXECUTABLE_PATH: await executable("chromium", 0o644) })).toBeUndefined();
  });
});

describe("isHeadlessShell", () => {
  it("knows Debian's and Puppeteer's headless shells from full browsers, by the file's name only", () => {
    expect(isHeadlessShell("/usr/bin/chromium-headless-shell")).toBe(true);
    expect(isHeadlessShell("/home/me/.cache/puppeteer/chrome-headless-shell/linux-131/chrome-headless-shell")).toBe(true);
    expect(isHeadlessShell("C:\\Chrome\\chrome-headless-shell.exe")).toBe(true);
    expect(isHeadlessShell("/usr/bin/chromium")).toBe(false);
    expect(isHeadlessShell("/opt/headless-shell-builds/chromium")).toBe(false);
    expect(isHeadlessShell("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome")).toBe(false);
  });
});

#!/usr/bin/env node
// Makes a fresh machine ready before `npm run build` or `npm test`: the npm dependencies
// as locked, a Chromium to print with, and Ghostscript for `waymark build --pdfx` (with
// `--for-tests`, which `npm test` and `npm run verify` pass: also poppler's tools, which the
// tests read the PDFs back with, and xmllint, which validates XLIFF). Plain JavaScript with no
// dependency, because it runs before anything is installed. Safe to run again: it does nothing
// when all is there.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { CHROMIUM_HINT, findChromium, HEADLESS_SHELL_PACKAGE, isHeadlessShell } from "../build/chromium/find-chromium.mjs";

const root = path.resolve(import.meta.dirname, "..");
const stamp = path.join(root, "node_modules", ".waymark-lock-hash");

/** @param {string} message @param {string} hint @returns {never} */
function fail(message, hint) {
  console.error(`\nwaymark setup: ${message}\n    → ${hint}\n`);
  process.exit(1);
}

/** @param {string} cmd @param {string[]} args @param {Record<string, string>} [env] */
function run(cmd, args, env = {}) {
  console.log(`waymark setup: ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  return r.status === 0;
}

// 1. Node 20 or newer.
const major = Number(process.versions.node.split(".")[0]);
if (major < 20) fail(`Node ${process.versions.node} is too old.`, "install Node.js 20 (https://nodejs.org or your package manager)");

// 2. Dependencies exactly as locked; reinstalled when package-lock.json changes.
const lockHash = createHash("sha256")
  .update(readFileSync(path.join(root, "package-lock.json")))
  .digest("hex");
const installed = existsSync(stamp) ? readFileSync(stamp, "utf8") : "";
if (installed !== lockHash) {
  // No browser download: the kit prints with the system Chromium.
  if (!run("npm", ["ci", "--no-audit", "--no-fund"], { PUPPETEER_SKIP_DOWNLOAD: "1" })) {
    fail("npm ci failed.", "read npm's message above; the npm registry must be reachable");
  }
  writeFileSync(stamp, lockHash);
}

// 3. A Chromium: found, or Debian's headless shell installed with apt when we are root, or a clear
// stop. The headless shell prints the same PDFs as the full browser with a fifth less CPU
// (find-chromium.mjs): where only the full browser is found, it is added when apt can, else noted.
const canApt = process.getuid?.() === 0 && existsSync("/usr/bin/apt-get");
/** @param {string[]} pkgs */
const aptInstall = (...pkgs) =>
  run("apt-get", ["update"]) && run("apt-get", ["install", "-y", "--no-install-recommends", ...pkgs], { DEBIAN_FRONTEND: "noninteractive" });
// Tried once per install of the dependencies: a machine whose apt cannot fetch it is not asked again at every build.
const shellTried = path.join(root, "node_modules", ".waymark-headless-shell-tried");
const chromium = findChromium();
if (!chromium) {
  if (canApt) {
    console.log(`waymark setup: no Chromium found; installing Debian's ${HEADLESS_SHELL_PACKAGE} package (about a minute).`);
    if (!aptInstall(HEADLESS_SHELL_PACKAGE)) fail("installing Chromium with apt-get failed.", CHROMIUM_HINT);
  }
  if (!findChromium()) fail("no Chromium found to print the PDFs.", CHROMIUM_HINT);
} else if (
  !isHeadlessShell(chromium) &&
  !process.env.PUPPETEER_EXECUTABLE_PATH &&
  !process.env.CHROME_PATH &&
  existsSync("/usr/bin/apt-get") &&
  !existsSync(shellTried)
) {
  const hint = `as root: apt-get install -y ${HEADLESS_SHELL_PACKAGE}`;
  writeFileSync(shellTried, "");
  if (canApt) {
    console.log(`waymark setup: adding Debian's ${HEADLESS_SHELL_PACKAGE} beside ${chromium}: the same PDFs with a fifth less CPU.`);
    if (!aptInstall(HEADLESS_SHELL_PACKAGE)) console.log(`waymark setup: note: that failed; printing with ${chromium}, which is slower → ${hint}`);
  } else console.log(`waymark setup: note: printing with ${chromium}; Debian's headless shell prints the same PDFs with a fifth less CPU → ${hint}`);
}

// 4. Ghostscript (and, for the tests, poppler-utils and libxml2-utils): found, or installed with apt when we are
// root. A build needs Ghostscript only with --pdfx, so without --for-tests a missing one is a note.
const forTests = process.argv.includes("--for-tests");
/** @param {string} cmd @param {string[]} args */
const found = (cmd, args) => spawnSync(cmd, args, { stdio: "ignore" }).status === 0;
const tools = [
  { cmd: "gs", args: ["--version"], pkg: "ghostscript", why: "waymark build --pdfx converts the print PDFs with it", needed: true },
  { cmd: "pdftotext", args: ["-v"], pkg: "poppler-utils", why: "the tests read the PDFs back with it", needed: forTests },
  { cmd: "xmllint", args: ["--version"], pkg: "libxml2-utils", why: "the tests validate XLIFF files against the OASIS schemas with it", needed: forTests },
].filter((t) => t.needed && !found(t.cmd, t.args));
if (tools.length) {
  const pkgs = tools.map((t) => t.pkg);
  const hint = `install ${pkgs.join(" and ")} (Debian/Ubuntu, as root: apt-get install -y ${pkgs.join(" ")}; macOS: brew install ${pkgs.map((p) => ({ "poppler-utils": "poppler", "libxml2-utils": "libxml2" })[p] ?? p).join(" ")})`;
  if (canApt) {
    console.log(`waymark setup: ${pkgs.join(" and ")} not found; installing with apt-get.`);
    const installed = aptInstall(...pkgs);
    if (!installed && forTests) fail(`installing ${pkgs.join(" and ")} with apt-get failed.`, hint);
    if (!installed) console.log(`waymark setup: note: installing Ghostscript failed; only waymark build --pdfx needs it → ${hint}`);
  } else if (forTests) fail(`${tools.map((t) => `${t.cmd} not found (${t.why})`).join("; ")}.`, hint);
  else console.log(`waymark setup: note: Ghostscript (gs) not found; only waymark build --pdfx needs it → ${hint}`);
}

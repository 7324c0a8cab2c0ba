#!/usr/bin/env node
// Makes a fresh machine ready before `npm run build` or `npm test`: the npm dependencies
// as locked, and a Chromium to print with. Plain JavaScript with no dependency, because
// it runs before anything is installed. Safe to run again: it does nothing when all is there.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { CHROMIUM_HINT, findChromium } from "../build/chromium/find-chromium.mjs";

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

// 3. A Chromium: found, or installed with Debian's apt when we are root, or a clear stop.
if (!findChromium()) {
  const canApt = process.getuid?.() === 0 && existsSync("/usr/bin/apt-get");
  if (canApt) {
    console.log("waymark setup: no Chromium found; installing Debian's chromium package (about a minute).");
    if (!run("apt-get", ["update"]) || !run("apt-get", ["install", "-y", "--no-install-recommends", "chromium"], { DEBIAN_FRONTEND: "noninteractive" })) {
      fail("installing Chromium with apt-get failed.", CHROMIUM_HINT);
    }
  }
  if (!findChromium()) fail("no Chromium found to print the PDFs.", CHROMIUM_HINT);
}

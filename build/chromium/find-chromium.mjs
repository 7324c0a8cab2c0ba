// Finds a Chromium to print with. Plain JavaScript with no dependency, because the setup
// script uses it before `npm ci` has installed anything; the TypeScript pipeline imports it too.
import { accessSync, constants } from "node:fs";

/** Where Chromium usually lives; an environment variable wins over all of them. */
const CHROMIUM_CANDIDATES = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome-stable",
  "/usr/bin/google-chrome",
  "/snap/bin/chromium",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
];

/**
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {string | undefined} the path of an executable Chromium, or undefined
 */
export function findChromium(env = process.env) {
  const fromEnv = env.PUPPETEER_EXECUTABLE_PATH || env.CHROME_PATH;
  const candidates = fromEnv ? [fromEnv] : CHROMIUM_CANDIDATES;
  return candidates.find((p) => {
    try {
      accessSync(p, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export const CHROMIUM_HINT =
  "Install Debian's Chromium (as root: apt-get update && apt-get install -y chromium), " +
  "or point PUPPETEER_EXECUTABLE_PATH at a Chrome or Chromium executable.";

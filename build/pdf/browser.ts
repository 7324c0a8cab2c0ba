/** Launches the system Chromium for printing and checks: headless, no network chatter. */
import puppeteer, { type Browser } from "puppeteer-core";
import { SetupError } from "../errors.ts";
import { CHROMIUM_HINT, findChromium } from "./chromium.mjs";

export const CHROMIUM_ARGS = [
  "--no-sandbox", // root in CI and containers; pages are our own, served on loopback
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-default-apps",
  "--disable-dev-shm-usage",
  "--font-render-hinting=none", // same glyph positions on every machine
];

export async function launchBrowser(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new SetupError("No Chromium found to print the PDFs.", CHROMIUM_HINT);
  return puppeteer.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

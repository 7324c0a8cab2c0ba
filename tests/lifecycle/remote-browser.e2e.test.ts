/**
 * Printing on a Chromium that is already running (a browserless container, a shared host):
 * a second local Chromium started with --remote-debugging-port stands in for it. The build
 * prints through it, leaves it running, and closes every tab it opened.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { once } from "node:events";
import puppeteer from "puppeteer-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { findChromium } from "../../build/chromium/find-chromium.mjs";
import { CHROMIUM_ARGS } from "../../build/chromium/browser.ts";
import { inspectPdf } from "../../build/pdf/inspect.ts";
import { buildCampaign } from "../../build/pipeline.ts";
import { buildTimeout, sampleCampaigns, smallSample } from "../helpers/sample-campaign.ts";

const copy = sampleCampaigns();
let remote: ChildProcess;
let wsEndpoint: string;
let profile: string;

beforeAll(async () => {
  profile = await mkdtemp(path.join(tmpdir(), "waymark-remote-chromium-"));
  // Started as a browserless container starts it: Puppeteer's launch flags, renderer
  // backgrounding off. Without them the build's parallel tabs were throttled as background
  // tabs and this test took 35 s instead of 5 with the rest of the suite running beside it.
  const args = puppeteer.defaultArgs({ headless: true, args: [...CHROMIUM_ARGS, "--remote-debugging-port=0"], userDataDir: profile });
  remote = spawn(findChromium()!, args, { detached: true, stdio: ["ignore", "ignore", "pipe"] });
  let seen = "";
  remote.stderr!.setEncoding("utf8");
  for await (const chunk of remote.stderr!) {
    seen += chunk;
    const m = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
    if (m) {
      wsEndpoint = m[1]!;
      break;
    }
  }
  remote.stderr!.resume(); // keep draining
  expect(wsEndpoint).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/devtools\/browser\//);
}, 20_000);

afterAll(async () => {
  if (remote?.pid) process.kill(-remote.pid, "SIGKILL");
  if (remote && remote.exitCode === null) await once(remote, "exit");
  await rm(profile, { recursive: true, force: true });
});

it(
  "builds through --browser-ws-endpoint, and leaves that Chromium running with no tab of its own",
  async ({ signal }) => {
    const root = await copy(await smallSample(["en", "ar"], ["poster"]));
    const result = await buildCampaign({ root, signal, browserWSEndpoint: wsEndpoint });
    expect(result.pdfs.map((p) => p.slice(root.length))).toEqual([
      "/dist/pdf/en/poster.print.pdf",
      "/dist/pdf/en/poster.screen.pdf",
      "/dist/pdf/ar/poster.print.pdf",
      "/dist/pdf/ar/poster.screen.pdf",
    ]);
    for (const pdf of result.pdfs) expect((await inspectPdf(await readFile(pdf))).pages, pdf).toBe(1);
    // Still there, with only the tab it started with.
    expect(remote.exitCode).toBe(null);
    const check = await puppeteer.connect({ browserWSEndpoint: wsEndpoint });
    expect((await check.pages()).map((p) => p.url())).toEqual(["about:blank"]);
    await check.disconnect();
  },
  buildTimeout({ pdfs: 4 }),
);

it(
  "says clearly when it cannot reach that Chromium",
  async () => {
    const root = await copy(await smallSample(["en"], ["poster"]));
    await expect(buildCampaign({ root, browserWSEndpoint: "ws://127.0.0.1:9/devtools/browser/none" })).rejects.toThrow(
      /^Could not connect to the Chromium at ws:\/\/127\.0\.0\.1:9\/devtools\/browser\/none/,
    );
  },
  buildTimeout({ builds: 1 }),
);

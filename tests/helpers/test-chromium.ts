/**
 * One Chromium for every build of a test file: a launch costs about a second, and a file may
 * build five times. Builds given it leave it running (pipeline.ts closes only a session it
 * made); the setup file (vitest.config.ts `setupFiles`) closes it after each file, so no browser
 * outlives its file. Tests of Chromium's own life (cancellation, a remote browser, a rebuild
 * that starts none) make their own.
 */
import { afterAll } from "vitest";
import { ChromiumSession } from "../../build/chromium/session.ts";

let session: ChromiumSession | undefined;

export function testChromium(): ChromiumSession {
  return (session ??= new ChromiumSession());
}

/** Registered for every test file by vitest's setupFiles (this module is one of them). */
afterAll(async () => {
  const open = session;
  session = undefined;
  await open?.close();
});

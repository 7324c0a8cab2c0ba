/**
 * The zip writer (build/site/zip.ts), read back by another implementation (fflate's): names in
 * any script, empty and incompressible files, the same entries giving the same bytes.
 */
import { randomBytes } from "node:crypto";
import { unzipSync } from "fflate";
import { expect, it } from "vitest";
import { zipFiles } from "../../build/site/zip.ts";

it("writes a zip another reader opens to the same names and bytes, and the same zip for the same entries", async () => {
  const entries: [string, Uint8Array][] = [
    ["index.html", new TextEncoder().encode("<!doctype html><p>Before you pay anyone</p>".repeat(50))],
    ["ar/قبل-الدفع.html", new TextEncoder().encode("<p>قبل أن تدفع لأي شخص</p>")],
    ["ti/ቅድሚ.txt", new Uint8Array(0)],
    ["pdf/noise.pdf", randomBytes(70_000)], // deflate gains nothing: stored
  ];
  const date = new Date("2026-03-01T10:20:30Z");
  const zip = await zipFiles(entries, date);
  const read = unzipSync(zip);
  expect(Object.keys(read)).toEqual(entries.map(([name]) => name));
  for (const [name, bytes] of entries) expect(Buffer.from(read[name]!).equals(Buffer.from(bytes))).toBe(true);
  expect(zip.byteLength).toBeLessThan(entries.reduce((n, [, b]) => n + b.byteLength, 0)); // the page was deflated
  expect(Buffer.from(await zipFiles(entries, date)).equals(Buffer.from(zip))).toBe(true);
  expect(Buffer.from(await zipFiles(entries, new Date("2026-03-02T10:20:30Z"))).equals(Buffer.from(zip))).toBe(false); // the time is kept
});

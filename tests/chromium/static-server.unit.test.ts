/**
 * The loopback server that serves print pages and site pages to Chromium: closing it cuts a
 * connection still in use (a tab stuck mid-request), instead of waiting for it forever.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { connect } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { serveStatic } from "../../build/chromium/static-server.ts";

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe("serveStatic", () => {
  it("closes at once, cutting a connection whose request never ends", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "serve-"));
    dirs.push(dir);
    const server = await serveStatic(dir);
    const { hostname, port } = new URL(server.origin);
    const socket = connect(Number(port), hostname).on("error", () => undefined); // the cut resets it
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    socket.write("GET /page/ HTTP/1.1\r\nHost: x\r\n"); // the headers never end: a request in progress
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    await new Promise<void>((resolve) => (socket.destroyed ? resolve() : socket.once("close", () => resolve())));
    expect(socket.destroyed).toBe(true);
  });
});

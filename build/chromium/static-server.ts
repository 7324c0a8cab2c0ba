/**
 * A static server for the print pages, so Chromium prints them exactly as a reader's browser
 * would load them (fonts by URL, relative links). Written here rather than taken from a
 * library because it is a few lines. It listens on loopback only, unless a remote Chromium
 * must reach it: then on the address given (the print pages are public campaign content).
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".pdf": "application/pdf",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".svg": "image/svg+xml",
  ".webp": "image/webp",
};

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

/**
 * Ports this process has served on. Chromium keeps what it fetched by URL, for the browser's
 * life (one browser serves every edition of a build, and a test worker's builds): a port is
 * never served on twice, so a URL never names two builds' files.
 */
const servedPorts = new Set<number>();

export async function serveStatic(root: string, host = "127.0.0.1"): Promise<StaticServer> {
  const handler: Parameters<typeof createServer>[1] = async (req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    let file = path.join(root, path.normalize(urlPath).replace(/^(\.\.[/\\])+/, ""));
    if (!file.startsWith(root)) return void res.writeHead(403).end();
    try {
      if ((await stat(file)).isDirectory()) file = path.join(file, "index.html");
      await stat(file);
    } catch {
      return void res.writeHead(404).end();
    }
    // Cacheable: a tab that lays out page after page keeps the fonts and styles it fetched (a
    // quarter off each load). Nothing served changes while it is served; each server has a port of its own (servedPorts).
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream", "cache-control": "max-age=3600" });
    createReadStream(file).pipe(res);
  };
  const listen = async () => {
    const s = createServer(handler);
    await new Promise<void>((resolve) => s.listen(0, host, resolve));
    return s;
  };
  const passed: Server[] = [];
  let server = await listen();
  while (servedPorts.has((server.address() as AddressInfo).port)) {
    passed.push(server); // held until another port is given, so the same one is not given again
    server = await listen();
  }
  for (const s of passed) s.close();
  const { port } = server.address() as AddressInfo;
  servedPorts.add(port);
  return {
    origin: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    // Called once the work is done: a connection still open then (a tab stuck mid-response, a
    // keep-alive socket) is cut, or server.close() would wait for it forever.
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

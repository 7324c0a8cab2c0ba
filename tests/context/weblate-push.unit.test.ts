/**
 * `waymark context --push weblate` against a loopback stand-in of Weblate's REST API that
 * implements the screenshots, file and units endpoints the push uses, and records every call.
 */
import { mkdtemp, rm, writeFile, mkdir } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ContextManifest, Shot } from "../../build/context/manifest.ts";
import { pushToWeblate, weblateFromEnv } from "../../build/context/weblate.ts";

interface Call {
  method: string;
  path: string;
  auth: string | undefined;
  form: Record<string, string>;
}

/** Weblate as far as the push sees it: source units per component, screenshots with their images and units. */
class StandIn {
  calls: Call[] = [];
  screenshots: { id: number; name: string; component: string; language: string; image: string; units: number[] }[] = [];
  server!: Server;
  constructor(readonly units: Record<string, { id: number; context: string }[]>) {}

  async start(): Promise<string> {
    this.server = createServer(
      (req, res) => void this.answer(req).then(([status, body]) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body))),
    );
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private async answer(req: IncomingMessage): Promise<[number, unknown]> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url!, "http://stand-in");
    const form: Record<string, string> = {};
    if (req.method === "POST") {
      const data = await new Request(url, {
        method: "POST",
        headers: { "content-type": req.headers["content-type"]! },
        body: Buffer.concat(chunks),
      }).formData();
      for (const [k, v] of data) form[k] = typeof v === "string" ? v : `${v.name} (${v.type}, ${v.size} bytes)`;
    }
    this.calls.push({ method: req.method!, path: url.pathname + url.search, auth: req.headers.authorization, form });
    if (req.headers.authorization !== "Token secret-token") return [401, { detail: "Invalid token." }];
    let m: RegExpMatchArray | null;
    if ((m = url.pathname.match(/^\/api\/translations\/campaign\/([\w-]+)\/en\/units\/$/))) {
      // Two pages, to follow `next`.
      const all = this.units[m[1]!] ?? [];
      const page = Number(url.searchParams.get("page") ?? 1);
      const half = Math.ceil(all.length / 2);
      const next = page === 1 && all.length > 1 ? `${url.origin.replace("stand-in", req.headers.host!)}${url.pathname}?page=2` : null;
      return [200, { results: page === 1 ? all.slice(0, half) : all.slice(half), next }];
    }
    if ((m = url.pathname.match(/^\/api\/components\/campaign\/([\w-]+)\/screenshots\/$/))) {
      const component = m[1]!;
      const results = this.screenshots
        .filter((s) => s.component === component)
        .map((s) => ({ id: s.id, name: s.name, units: s.units.map((u) => `http://stand-in/api/units/${u}/`) }));
      return [200, { results, next: null }];
    }
    if (url.pathname === "/api/screenshots/" && req.method === "POST") {
      const s = {
        id: this.screenshots.length + 1,
        name: form.name!,
        component: form.component_slug!,
        language: form.language_code!,
        image: form.image!,
        units: [],
      };
      this.screenshots.push(s);
      return [201, { id: s.id, name: s.name }];
    }
    if ((m = url.pathname.match(/^\/api\/screenshots\/(\d+)\/(file|units)\/$/)) && req.method === "POST") {
      const s = this.screenshots.find((x) => x.id === Number(m![1]));
      if (!s) return [404, { detail: "Not found." }];
      if (m[2] === "file") s.image = form.image!;
      else s.units.push(Number(form.unit_id));
      return [200, {}];
    }
    return [404, { detail: `no ${req.method} ${url.pathname}` }];
  }
}

function shot(key: string, lang: string, image: string): Shot {
  return {
    key,
    file: `locales/ti/${key.split(":")[0]}.json`,
    lang,
    shownIn: lang,
    medium: "print",
    document: "leaflet",
    page: 1,
    pages: 2,
    url: `/_print/${lang}/leaflet/`,
    element: "h1",
    kind: "main heading",
    block: "",
    fontSize: { value: 24, unit: "pt" },
    box: { x: 1, y: 2, width: 3, height: 4, unit: "mm" },
    lines: 1,
    occurrences: 1,
    image,
  };
}

let dir: string;
let standIn: StandIn;
let base: string;
const manifest = {
  lang: "ti",
  source: "en",
  edition: "main",
  shots: [
    shot("leaflet:title", "ti", "images/ti/print/leaflet/p01/leaflet.title.png"),
    shot("leaflet:title", "en", "images/en/print/leaflet/p01/leaflet.title.png"),
    shot("ui:home.storyCount_one", "ti", "images/ti/web/home/ui.home.storyCount_one.png"),
    shot("ui:gone", "ti", "images/ti/web/home/ui.gone.png"),
  ],
} as unknown as ContextManifest;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "waymark-weblate-"));
  for (const s of manifest.shots) {
    await mkdir(path.dirname(path.join(dir, s.image)), { recursive: true });
    await writeFile(path.join(dir, s.image), Buffer.from(`png of ${s.image}`));
  }
  standIn = new StandIn({
    leaflet: [
      { id: 11, context: "title" },
      { id: 12, context: "subtitle" },
    ],
    ui: [{ id: 21, context: "home.storyCount" }],
  });
  base = await standIn.start();
});
afterEach(async () => {
  standIn.server.close();
  await rm(dir, { recursive: true, force: true });
});

describe("pushing screenshots to Weblate", () => {
  it("uploads each image to its component and language, and links it to the source string it shows", async () => {
    const target = weblateFromEnv({ WEBLATE_URL: base, WEBLATE_TOKEN: "secret-token", WEBLATE_PROJECT: "campaign" });
    const report = await pushToWeblate(manifest, dir, target);
    expect(report).toEqual({ created: 4, updated: 0, links: 3, unknown: ["ui:gone"] });
    expect(standIn.screenshots.map((s) => [s.component, s.language, s.name, s.units])).toEqual([
      ["leaflet", "ti", "waymark main images/ti/print/leaflet/p01/leaflet.title.png", [11]],
      ["leaflet", "en", "waymark main images/en/print/leaflet/p01/leaflet.title.png", [11]],
      ["ui", "ti", "waymark main images/ti/web/home/ui.home.storyCount_one.png", [21]], // a plural form: one unit in Weblate
      ["ui", "ti", "waymark main images/ti/web/home/ui.gone.png", []],
    ]);
    expect(standIn.screenshots[0]!.image).toMatch(/^leaflet\.title\.png \(image\/png, \d+ bytes\)$/);
    expect(standIn.calls.every((c) => c.auth === "Token secret-token")).toBe(true);
    // Both pages of the units list were read.
    expect(standIn.calls.filter((c) => c.path.includes("/leaflet/en/units/?page=2"))).toHaveLength(1);
  });

  it("replaces the images when pushed again, without new screenshots or links", async () => {
    const target = weblateFromEnv({ WEBLATE_URL: `${base}/api/`, WEBLATE_TOKEN: "secret-token", WEBLATE_PROJECT: "campaign" });
    await pushToWeblate(manifest, dir, target);
    standIn.calls = [];
    const report = await pushToWeblate(manifest, dir, target);
    expect(report).toEqual({ created: 0, updated: 4, links: 0, unknown: ["ui:gone"] });
    expect(standIn.screenshots).toHaveLength(4);
    expect(standIn.calls.filter((c) => c.method === "POST").map((c) => c.path)).toEqual([
      "/api/screenshots/1/file/",
      "/api/screenshots/2/file/",
      "/api/screenshots/3/file/",
      "/api/screenshots/4/file/",
    ]);
  });

  it("stops at a refused token, saying what Weblate answered and what to check", async () => {
    const target = weblateFromEnv({ WEBLATE_URL: base, WEBLATE_TOKEN: "wrong", WEBLATE_PROJECT: "campaign" });
    await expect(pushToWeblate(manifest, dir, target)).rejects.toThrow(/Weblate answered 401 to GET .*Invalid token[\s\S]*→ check WEBLATE_TOKEN/);
  });

  it("takes the token from the environment only, and never sends it in clear text to another machine", () => {
    expect(() => weblateFromEnv({ WEBLATE_URL: base })).toThrow(/WEBLATE_TOKEN, WEBLATE_PROJECT are not set[\s\S]*never put the token in a file/);
    expect(() => weblateFromEnv({ WEBLATE_URL: "http://weblate.example.org", WEBLATE_TOKEN: "t", WEBLATE_PROJECT: "p" })).toThrow(/not https/);
    expect(weblateFromEnv({ WEBLATE_URL: "https://weblate.example.org/", WEBLATE_TOKEN: " t ", WEBLATE_PROJECT: "p" })).toEqual({
      api: "https://weblate.example.org/api/",
      token: "t",
      project: "p",
    });
  });
});

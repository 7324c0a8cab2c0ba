/**
 * `waymark edit`'s editor: Decap CMS at /admin/, its code from node_modules, its configuration
 * generated from the schemas (one per language: config.yml, config.nl.yml, config.fr.yml), and a
 * local backend (decap-server's file-system middleware) that reads and writes the campaign's
 * working tree. Bound to 127.0.0.1 only: whoever reaches it can
 * write content/. Nothing is requested from another host.
 */
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import path from "node:path";
import express from "express";
import YAML from "yaml";
import { editionIds, MAIN_EDITION } from "../content/editions.ts";
import { loadSite } from "../load.ts";
import { readiness, readinessPage } from "../release/ready.ts";
import { checkEntry } from "./check-entry.ts";
import { SOURCES } from "./collections.ts";
import { editorSetup } from "./decap-config.ts";
import { configFileOf, EDITOR_LOCALES, type EditorLocale } from "./locales.ts";
import { panelWords } from "./labels.ts";

const require = createRequire(import.meta.url);
const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));

export interface EditorServer {
  url: string;
  close(): Promise<void>;
}

/** Quiet unless something goes wrong: the command line prints the addresses. */
const logger = { info: () => {}, debug: () => {}, warn: console.warn, error: console.error };

/**
 * Serves the editor over `root` (its content/ is what the editor edits).
 * @param port 0 for any free port
 * @param previewUrl the live preview's address, which the editor links an entry's pages to
 */
export async function serveEditor(root: string, port: number, previewUrl?: string): Promise<EditorServer> {
  // decap-server reads the folder it serves from the environment when its middleware is registered.
  process.env.GIT_REPO_DIRECTORY = root;
  const { registerLocalFs } = require("decap-server/dist/middlewares.js") as {
    registerLocalFs: (app: express.Express, options: { logger: typeof logger }) => Promise<void>;
  };
  const app = express();
  app.disable("x-powered-by");
  app.use(express.json({ limit: "50mb" })); // uploads (a partner's logo) come as base64 in JSON
  await registerLocalFs(app, { logger });

  let url = "";
  const setup = (locale?: EditorLocale) => editorSetup({ name: "proxy", proxy_url: `${url}api/v1`, branch: "main" }, locale);
  const admin = path.join(import.meta.dirname, "admin");
  app.get("/", (_req, res) => res.redirect("/admin/"));
  app.get("/favicon.ico", (_req, res) => res.status(204).end());
  for (const locale of EDITOR_LOCALES)
    app.get(`/admin/${configFileOf(locale)}`, (_req, res) => res.type("text/yaml").send(YAML.stringify(setup(locale).config, { lineWidth: 0 })));
  app.get("/admin/shapes.json", (_req, res) => res.json(setup().shapes));
  // The after-save box's words, in the editor's language (English where it is not one of them).
  app.get("/admin/panel.json", (req, res) => {
    const asked = String(req.query.lang ?? "en");
    res.json(panelWords(EDITOR_LOCALES.find((l) => l === asked) ?? "en"));
  });
  app.get("/admin/", (_req, res) => res.sendFile(path.join(admin, "index.html")));
  // Is it ready? The release checklist of every edition, loaded afresh.
  app.get("/admin/ready", async (_req, res) => {
    try {
      const report = [];
      for (const id of [MAIN_EDITION, ...(await editionIds(root))]) {
        const { campaign, blockers } = await loadSite(root, id);
        report.push(readiness(id, campaign, blockers));
      }
      res.type("html").send(readinessPage(report));
    } catch (e) {
      res
        .status(500)
        .type("text")
        .send(e instanceof Error ? e.message : String(e));
    }
  });
  // The kit's judgement of an entry after a save: a file under content/, nothing else.
  app.get("/admin/check", async (req, res) => {
    // A new entry has no path yet when the editor reports its save: its folder and slug name it.
    const folder = SOURCES.find((x) => x.name === req.query.collection)?.folder;
    const file = path.posix.normalize(req.query.file ? String(req.query.file) : folder ? `${folder}/${String(req.query.slug ?? "")}.yaml` : "");
    if (!/^content\/[\w/-]+\.yaml$/.test(file) || file.includes("..")) {
      res.status(400).json({ error: "file must be a .yaml file under content/" });
      return;
    }
    try {
      res.json({ ...(await checkEntry(root, file)), preview: previewUrl });
    } catch (e) {
      res.status(500).json({ error: e instanceof Error ? e.message : String(e) });
    }
  });
  app.get("/admin/formats.js", (_req, res) => res.sendFile(path.join(admin, "formats.js")));
  app.use("/admin/yaml", express.static(path.join(packageDir("yaml"), "browser")));
  // decap-cms.js and the chunks it loads beside it.
  app.use("/admin", express.static(path.join(packageDir("decap-cms"), "dist"), { index: false }));

  const server = app.listen(port, "127.0.0.1");
  await new Promise<void>((resolve, reject) => server.once("listening", resolve).once("error", reject));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

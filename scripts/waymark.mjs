#!/usr/bin/env node
// `waymark` as npm installs it (package.json "bin", so `npx waymark --help` works): plain
// JavaScript that lets Node load the TypeScript command line through tsx, then runs it.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });
await import("./waymark.ts");

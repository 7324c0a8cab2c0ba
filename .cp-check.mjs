import puppeteer from "puppeteer-core";
import { execSync } from "node:child_process";
const b = await puppeteer.launch({ executablePath: "/usr/bin/chromium", headless: true, args: ["--no-sandbox"] });
const p = await b.newPage(); await p.goto("about:blank");
console.log("pid", b.process().pid);
console.log(execSync("ps -eo pid,ppid,pgid,sid,stat,cmd | grep -i '[c]hrom' | cut -c1-150").toString());
process.kill(-b.process().pid, "SIGKILL");
for (const ms of [100, 500, 1000]) { await new Promise(r => setTimeout(r, ms)); console.log(ms, execSync("ps -eo pid,ppid,pgid,sid,stat,cmd | grep -i '[c]hrom' | grep -v defunct | cut -c1-150 || true").toString()); }
process.exit(0);

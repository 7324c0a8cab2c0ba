/**
 * The `waymark` command line run inside the test's own process (scripts/cli.ts `main`): the exit
 * code and what a user would read on stdout and stderr. A child process would load Node, tsx and
 * the kit's modules again (2–4 s a run on 2 cores); tests/cli/ runs the real launcher as a
 * process too, so the two agree. The environment a developer may have set (a reviewer's name,
 * Weblate's settings) is cleared for the run, as it is for a child.
 */
import { PROJECT_ROOT } from "./sample-campaign.ts";

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const CLEARED = { NO_COLOR: "1", WAYMARK_REVIEWER: "", WEBLATE_URL: "", WEBLATE_TOKEN: "", WEBLATE_PROJECT: "" };

/** Runs `waymark <args>` in `cwd` (default: the project) with `env` laid over the cleared environment; one run at a time. */
export async function waymark(args: string[], { cwd = PROJECT_ROOT, env = {} }: { cwd?: string; env?: Record<string, string> } = {}): Promise<Run> {
  const { main } = await import("../../scripts/cli.ts");
  const out: string[] = [];
  const err: string[] = [];
  const text = (args: unknown[]) => `${args.map(String).join(" ")}\n`;
  const saved = {
    log: console.log,
    info: console.info,
    warn: console.warn,
    error: console.error,
    stdout: process.stdout.write,
    stderr: process.stderr.write,
    exitCode: process.exitCode,
    cwd: process.cwd(),
    env: Object.fromEntries(Object.keys({ ...CLEARED, ...env }).map((k) => [k, process.env[k]])),
  };
  console.log = console.info = (...a: unknown[]) => void out.push(text(a));
  console.warn = console.error = (...a: unknown[]) => void err.push(text(a));
  process.stdout.write = ((chunk: string | Uint8Array) => out.push(String(chunk)) > 0) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => err.push(String(chunk)) > 0) as typeof process.stderr.write;
  Object.assign(process.env, CLEARED, env);
  process.exitCode = undefined;
  process.chdir(cwd);
  try {
    const code = await main(args);
    return { code, stdout: out.join(""), stderr: err.join("") };
  } finally {
    Object.assign(console, { log: saved.log, info: saved.info, warn: saved.warn, error: saved.error });
    process.stdout.write = saved.stdout;
    process.stderr.write = saved.stderr;
    process.exitCode = saved.exitCode;
    process.chdir(saved.cwd);
    for (const [k, v] of Object.entries(saved.env))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  }
}

/** `waymark`: the command line (scripts/cli.ts) as a process, its exit code the process's. */
import { main } from "./cli.ts";

process.exitCode = await main(process.argv.slice(2));

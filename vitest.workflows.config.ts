import { defineConfig } from "vitest/config";

// `npm run verify` (tests/verify/run.ts): whole workflows through an interface a person uses, too
// slow for the suite's two minutes: the editor in Chromium (tests/workflows/). Each builds
// what it needs in a copy of the campaign; nothing is read from dist/.
export default defineConfig({
  test: {
    include: ["tests/workflows/**/*.workflow.test.ts"],
    testTimeout: 240_000,
    hookTimeout: 60_000,
    pool: "forks",
    maxWorkers: 2,
    globalSetup: ["./tests/helpers/no-leftover-chromium.ts", "./tests/helpers/scratch.ts"],
    reporters: ["default", "./tests/helpers/summary-reporter.ts"],
  },
});

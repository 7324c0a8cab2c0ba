import { defineConfig } from "vitest/config";

// `npm run verify` (tests/verify/run.ts): the checks of a built edition, over every edition of
// the whole campaign as `npm run build` left it in dist/. Read-only: nothing is built here.
export default defineConfig({
  test: {
    include: ["tests/verify/**/*.verify.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: "forks",
    maxWorkers: 2,
    globalSetup: ["./tests/helpers/no-leftover-chromium.ts"],
    reporters: ["default", "./tests/helpers/summary-reporter.ts"],
  },
});

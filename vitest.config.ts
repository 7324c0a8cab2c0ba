import { defineConfig } from "vitest/config";

// Test type is in the file name: *.unit.test.ts need nothing but Node; *.e2e.test.ts drive
// the real Eleventy build and the system Chromium (run `npm test` once to set it up).
export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 240_000,
    pool: "forks",
    // Kills any Chromium a test left running, and says so on stderr.
    globalSetup: ["./tests/helpers/no-leftover-chromium.ts"],
    reporters: ["default", "./tests/helpers/summary-reporter.ts"],
  },
});

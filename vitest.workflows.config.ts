import { defineConfig } from "vitest/config";

// `npm run verify` (tests/verify/run.ts): the slower tier, too slow for the suite's two minutes:
// whole workflows through an interface a person uses, the editor in Chromium (tests/workflows/),
// the campaign's design margins, its fixed-length formats built 30% longer (tests/margins/), and
// Chromium's life around a build, which waits out hangs and kills (tests/lifecycle/).
// Each builds what it needs in a copy of the campaign; nothing is read from dist/.
export default defineConfig({
  test: {
    include: ["tests/workflows/**/*.workflow.test.ts", "tests/margins/**/*.margin.test.ts", "tests/lifecycle/**/*.test.ts"],
    testTimeout: 240_000,
    hookTimeout: 60_000,
    pool: "forks",
    maxWorkers: 2,
    globalSetup: ["./tests/helpers/no-leftover-chromium.ts", "./tests/helpers/scratch.ts"],
    reporters: ["default", "./tests/helpers/summary-reporter.ts"],
  },
});

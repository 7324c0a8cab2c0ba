import { defineConfig } from "vitest/config";
import LongestFirst from "./tests/helpers/sequencer.ts";

// Test type is in the file name: *.unit.test.ts need nothing but Node; *.e2e.test.ts drive
// the real Eleventy build and the system Chromium (run `npm test` once to set it up).
// A test that mocks a module (vi.mock) runs isolated; the rest share their workers' loaded
// modules, which saves a second or two of imports per file on two cores.
const MOCKING = ["tests/pdf/printer.unit.test.ts"];

export default defineConfig({
  test: {
    // Unit tests answer in milliseconds; a test or hook that builds sets its own timeout from
    // what it builds (tests/helpers/sample-campaign.ts: buildTimeout).
    testTimeout: 10_000,
    hookTimeout: 20_000,
    pool: "forks",
    // Two files at a time on two cores: one file's Chromium prints while the other loads,
    // renders or reads back.
    maxWorkers: 2,
    // Kills any Chromium a test left running, and says so on stderr.
    globalSetup: ["./tests/helpers/no-leftover-chromium.ts", "./tests/helpers/scratch.ts"],
    sequence: { sequencer: LongestFirst },
    reporters: ["default", "./tests/helpers/summary-reporter.ts"],
    projects: [
      // tests/verify/ reads the whole campaign built in dist/, tests/workflows/ drives the editor in
      // Chromium for minutes, tests/margins/ builds the campaign's fixed formats 30% longer (a
      // property of its templates, not of the kit's code), tests/lifecycle/ starts, hangs and kills
      // Chromium of its own: `npm run verify` runs them, not the suite.
      {
        extends: true,
        test: {
          name: "shared",
          include: ["tests/**/*.test.ts"],
          exclude: [...MOCKING, "tests/verify/**", "tests/workflows/**", "tests/margins/**", "tests/lifecycle/**"],
          isolate: false,
        },
      },
      { extends: true, test: { name: "isolated", include: MOCKING, isolate: true } },
    ],
  },
});

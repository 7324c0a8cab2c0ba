/**
 * Ends the run with one plain line, "N passed, N failed", which CI reads whatever the test
 * runner; vitest's own summary stays above it.
 */
import { availableParallelism } from "node:os";
import type { Reporter, TestModule } from "vitest/node";

export default class SummaryReporter implements Reporter {
  private readonly started = performance.now();

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const m of modules) {
      for (const test of m.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failed++;
        else skipped++;
      }
      if (m.state() === "failed" && ![...m.children.allTests()].length) failed++; // a file that could not even load
    }
    // The whole run's wall time, against the suite's budget: 150 s of vitest on 2 cores (the whole campaign is npm run verify's).
    console.log(`\nTest run: ${((performance.now() - this.started) / 1000).toFixed(1)} s wall on ${availableParallelism()} cores`);
    console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
  }
}

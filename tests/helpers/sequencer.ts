/**
 * The order test files start in. The longest file (the matrix build) first, then the other end to
 * end files, then the unit files: on two workers the suite then ends together, even on a fresh
 * clone, where vitest has no timings yet and would start the largest files (not the slowest).
 */
import { BaseSequencer, type TestSpecification } from "vitest/node";

const rank = (file: string) => (file.endsWith("matrix.e2e.test.ts") ? 0 : file.endsWith(".e2e.test.ts") ? 1 : 2);

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const timed = await super.sort(files);
    return [...timed].sort((a, b) => rank(a.moduleId) - rank(b.moduleId));
  }
}

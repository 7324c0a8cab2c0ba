/**
 * The order test files start in, the same on a fresh clone as on a warm one: the matrix build
 * first, then the other files, slowest first (seconds measured beside the matrix on 2 cores; an
 * end to end file not listed counts as a few, a unit file as none). On two workers the suite
 * then ends together. vitest's own order would differ on a fresh clone, where it has no timings
 * yet and starts the largest files, not the slowest.
 */
import { BaseSequencer, type TestSpecification } from "vitest/node";

const SLOWEST: Record<string, number> = {
  "matrix.e2e.test.ts": 90,
  "print-checks.e2e.test.ts": 40,
  "pdfx.e2e.test.ts": 28,
  "editions.e2e.test.ts": 18,
  "context.e2e.test.ts": 17,
  "partials-axe.e2e.test.ts": 14,
  "mixed-direction.e2e.test.ts": 13,
  "unseen-script.e2e.test.ts": 12,
  "release-gate.e2e.test.ts": 12,
  "incremental-build.e2e.test.ts": 11,
  "posters.e2e.test.ts": 8,
  "waymark-cli.e2e.test.ts": 8,
  "shards.e2e.test.ts": 6,
  "share-cards.e2e.test.ts": 5,
  // Unit files that load several campaign copies: started before the quick ones, so that none
  // of them is the last file a worker runs while the other has finished.
  "review-workflow.unit.test.ts": 8,
  "xliff.unit.test.ts": 5,
  "editions.unit.test.ts": 4,
  "translation-files.unit.test.ts": 4,
  "content-errors.unit.test.ts": 3,
  "worker-pool.unit.test.ts": 3,
};
const weight = (file: string) => {
  const name = file.split(/[\\/]/).pop()!;
  return SLOWEST[name] ?? (name.endsWith(".e2e.test.ts") ? 3 : 0);
};

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const timed = await super.sort(files);
    return [...timed].sort((a, b) => weight(b.moduleId) - weight(a.moduleId));
  }
}

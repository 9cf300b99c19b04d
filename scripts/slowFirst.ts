/**
 * vitest's file order for `npm test` (vite.config.ts): the known slow test files first, longest
 * first, so the two forks of CI's 2-core machine end together. vitest's own order puts files with
 * a cached duration longest first, but a fresh clone has no cache and it then starts the LARGEST
 * files first: in the fresh-clone CI of 2026-12-01 resultFingerprint.test (51.6 s, the longest)
 * started at 116 s of 173 s. Seconds below: that run's per-file times (2 forks); a file missing
 * here only runs later, so the list can lag behind without failing anything.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Slow test files (path from the repository root), longest first. */
export const SLOW_FILES = [
  'src/cli/resultFingerprint.test.ts', // 51.6 s: npm run analyze on Telco and the demo, refining included
  'src/cli/corpus.test.ts', // 32.2 s
  'src/analysis/sql/sql.test.ts', // 15.6 s
  'src/analysis/warmup.test.ts', // 14.1 s
  'src/cli/analyze.test.ts', // 12.1 s (six tsx processes before 2026-12-01's change)
  'src/cli/duckdb/duckdb.test.ts', // 10.7 s
  'src/analysis/engine.test.ts', // 9.4 s
  'src/analysis/churn/tuned.test.ts', // 9.0 s
  'src/cli/rfmTable.test.ts', // 8.5 s (three tsx processes before)
  'src/analysis/churn/telco.test.ts', // 7.1 s
  'src/analysis/fixedSettings.test.ts', // 6.5 s
  'src/analysis/refine.test.ts', // 6.5 s
  'src/analysis/rechoice.test.ts', // 6.4 s
  'src/analysis/workerApi.test.ts', // 5.5 s
  'src/analysis/churn/explain/pathReasons.test.ts', // 4.5 s
];

/** Listed slow files first in the list's order, then vitest's own order. */
export class SlowFirst extends BaseSequencer {
  async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const base = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = SLOW_FILES.findIndex((s) => f.moduleId.endsWith('/' + s));
      return i < 0 ? SLOW_FILES.length : i;
    };
    return base.map((f, i) => ({ f, i, r: rank(f) })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.f);
  }
}

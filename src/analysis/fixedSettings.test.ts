/** Above REPEATED_CV_MAX_ROWS no refinement runs: the GBDT keeps fixed settings and a counted finding says so (issue: closing note 5). */
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { createEngine } from './engine';
import { fixedSettingsFinding } from './refinements';
import { REPEATED_CV_MAX_ROWS } from './churn/jobs/repeated';

const require = createRequire(import.meta.url);
const wasmPaths = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + '/';

describe('fixed settings above 20,000 customers', () => {
  it('the finding names the customers, the limit, the fixed GBDT settings and the single cross-validation, in words', () => {
    const f = fixedSettingsFinding(25_000, { folds: 5, models: [{ name: 'logistic' }, { name: 'gbdt' }] as never });
    expect(f).toEqual({
      code: 'churn/fixed-settings',
      count: 25_000,
      message:
        'With 25,000 customers, more than 20,000, the churn models keep their standard settings (the gradient-boosted trees 3 levels deep, learning rate 0.1) ' +
        'instead of settings tuned to this file, and the model that scores is chosen on one 5-fold cross-validation instead of 3: ' +
        'tuning on this many customers would take too long in the browser. A tuned model might rank customers slightly better.',
    });
    // without the GBDT, no word about it
    expect(fixedSettingsFinding(25_000, { folds: 3, models: [{ name: 'logistic' }] as never }).message).not.toMatch(/gradient/);
  });

  it('an analysis of 20,001 customers carries it and the model choice does not refine (below the limit: refine.test)', async () => {
    const opts = { seed: 42, folds: 3, models: ['logistic'] };
    const run = async (rows: number) => {
      const e = createEngine({ wasmPaths, refine: 'later' });
      expect((await e.loadDemo(42, rows)).ok).toBe(true);
      const r = await e.analyze(opts);
      if (!r.ok) throw new Error(r.message);
      return r.result;
    };
    const over = await run(REPEATED_CV_MAX_ROWS + 1);
    const found = over.warnings.filter((w) => w.code === 'churn/fixed-settings');
    expect(found).toEqual([fixedSettingsFinding(20_001, over.churn!)]);
    expect(found[0].count).toBe(over.rows);
    expect((over.refining ?? []).map((x) => x.key)).not.toContain('churn.repeatedCv');
  }, 120_000);
});

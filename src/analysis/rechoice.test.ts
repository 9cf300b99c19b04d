/** Deferred cross-validation (churn/jobs/deferred.ts, rechoice.ts): the first result is decided
 *  without the MLP; after refining, the result is the same bits as deciding on every model at once,
 *  whether the choice stays or changes; a changed choice updates business figures and saved model. */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { runChurn, type ChurnMore } from './churn/index';
import { deferredLabel } from './rechoice';
import { createEngine } from './engine';
import { applyPatch } from './refine';
import { frameFromCsv } from './testing/frames';
import { generateDemoCsv } from './data/demo';
import { analysisSummary } from './analysisSummary';
import { mulberry32 } from './random';
import type { AnalysisResult } from './result';
import type { ChurnResult } from './churn/types';
import type { CustomerFrame } from './types';

const require = createRequire(import.meta.url);
const wasmPaths = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + '/';
const TIMES = new Set(['fitMs', 'timingsMs', 'createdAt']);
const strip = (r: unknown) => JSON.parse(JSON.stringify(r, (k, v) => (TIMES.has(k) ? undefined : ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v)));

/** Churn from a smooth linear score of five numbers (the MLP beats the forest here: 0.93 vs 0.91),
 *  with a monthly charge (noise) for the money figures. */
function linearCsv(n: number, seed: number): string {
  const rng = mulberry32(seed);
  const lines = ['customerID,a,b,c,d,e,MonthlyCharges,Churn'];
  for (let i = 0; i < n; i++) {
    const x = [0, 1, 2, 3, 4].map(() => rng() * 2 - 1);
    const z = x[0] + x[1] - x[2] + 0.5 * x[3] - 0.5 * x[4];
    const monthly = (20 + rng() * 80).toFixed(2);
    lines.push(`C${i},${x.map((v) => v.toFixed(3)).join(',')},${monthly},${rng() < 1 / (1 + Math.exp(-3 * z)) ? 'Yes' : 'No'}`);
  }
  return lines.join('\n');
}

beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
});

/** runChurn with the MLP deferred, then its deferred part: [first result, final churn result]. */
async function deferredRun(frame: CustomerFrame, models: string[]): Promise<[ChurnResult, ChurnResult, boolean]> {
  let more: ChurnMore | null = null;
  const first = await runChurn(frame, { seed: 3, folds: 3, models }, undefined, { later: (m) => (more = m) });
  expect(more).not.toBeNull();
  const rest = await more!();
  return [first, rest.changed ? rest.churn : { ...first, models: rest.models }, rest.changed];
}

describe('deferred MLP cross-validation', () => {
  it('decides on the other models first; the final result equals deciding on all at once (choice kept or changed)', async () => {
    const demo = await frameFromCsv(generateDemoCsv(5, 500));
    const linear = await frameFromCsv(linearCsv(500, 2));
    const seen = new Set<boolean>();
    for (const [frame, models] of [[demo, ['logistic', 'gbdt', 'mlp']], [linear, ['gbdt', 'mlp']]] as const) {
      const [first, final, changed] = await deferredRun(frame, [...models]);
      seen.add(changed);
      expect(first.models.map((m) => m.name)).not.toContain('mlp');
      const all = await runChurn(frame, { seed: 3, folds: 3, models: [...models] });
      expect(final.models.map((m) => m.name)).toContain('mlp');
      expect(changed).toBe(all.best !== first.best);
      delete final.fitted;
      delete all.fitted;
      expect(strip(final)).toEqual(strip(all));
    }
    // both ways are exercised: the demo keeps its choice, the linear table's MLP displaces the GBDT
    expect([...seen].sort()).toEqual([false, true]);
  }, 60_000);

  it('a changed choice updates the call list, revenue at risk and saved model; page == CLI after refining', async () => {
    const opts = { seed: 3, folds: 3, models: ['gbdt', 'mlp'] };
    const cli = createEngine({ wasmPaths });
    const page = createEngine({ wasmPaths, refine: 'later' });
    for (const e of [cli, page]) expect((await e.load(linearCsv(500, 2), 'linear.csv')).ok).toBe(true);
    const all = await cli.analyze(opts);
    const first = await page.analyze(opts);
    if (!all.ok || !first.ok) throw new Error('analysis failed');
    // the importance first (the deferred choice reads it), then the deferred models' CV
    expect(first.result.refining?.[0].key).toBe('churn.importance');
    expect(first.result.refining?.[1]).toEqual({ key: 'churn.models', label: 'neural network cross-validation', marks: ['churn.models'] });
    expect(first.result.churn?.best).toBe('gbdt');
    let r: AnalysisResult = structuredClone(first.result);
    for (let patch = await page.refine(); patch; patch = await page.refine()) r = applyPatch(r, structuredClone(patch));
    const summary = (x: AnalysisResult) => JSON.parse(JSON.stringify(analysisSummary(x, true), (k, v) => (TIMES.has(k) ? undefined : v)));
    expect(summary(r)).toEqual(summary(all.result));
    const fin = all.result;
    expect(fin.churn?.best).not.toBe('gbdt');
    expect(fin.warnings.filter((w) => w.code === 'churn/choice-changed')).toHaveLength(1);
    expect(fin.model?.churn?.best).toBe(fin.churn?.best);
    expect(fin.model?.churn?.members.map((m) => m.name)).toContain('mlp');
    // revenue at risk is read from the new scores
    expect(fin.business?.revenue?.atRiskMonthly).not.toBe(first.result.business?.revenue?.atRiskMonthly);
    // the repeated CV ran over every model, the MLP included
    expect(fin.churn?.repeatedCv?.models.map((m) => m.name)).toContain('mlp');
  }, 120_000);
});

describe('what the page says is refining', () => {
  it('names the deferred models', () => {
    expect(deferredLabel(['forest', 'mlp'])).toBe('random forest and neural network cross-validation');
    expect(deferredLabel(['forest'])).toBe('random forest cross-validation');
    expect(deferredLabel(['mlp'])).toBe('neural network cross-validation');
  });
});

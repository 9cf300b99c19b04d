/** Contract suite run over every churn estimator (STYLE.md habit 11). */
import { beforeAll, describe, it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { MODEL_SPECS } from './models';
import { rocAuc } from '../evaluation/metrics';
import { mulberry32 } from '../../random';
import { fitLogistic, predictLogistic } from './logistic';
import { fitGbdt } from './gbdt';
import { asMatrix } from '../../math/matrix';

/** n x d standard-normal-ish features; churn depends on x0 - x1 + x2^2 (non-linear part for trees). */
function synth(n: number, d: number, seed: number) {
  const rng = mulberry32(seed);
  const X = new Float64Array(n * d);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) X[i * d + j] = rng() + rng() + rng() - 1.5;
    const z = 2 * X[i * d] - 2 * X[i * d + 1] + 3 * X[i * d + 2] ** 2 - 0.5;
    y[i] = rng() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { X: asMatrix(X, d), y };
}

beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
});

const { X, y } = synth(400, 4, 1);
const d = 4;

describe.each(MODEL_SPECS.map((s) => [s.name, s] as const))('%s contract', (_name, spec) => {
  it('rejects bad input with codes', async () => {
    const code = (c: string) => expect.objectContaining({ code: c });
    await expect(spec.fit(asMatrix(new Float64Array(0), d), new Uint8Array(0), 1)).rejects.toThrow(code('churn/empty'));
    await expect(spec.fit({ n: 2, d, data: X.data.subarray(0, 7) }, y.subarray(0, 2), 1)).rejects.toThrow(code('churn/bad-shape'));
    await expect(spec.fit(X, y.subarray(0, 10), 1)).rejects.toThrow(code('churn/bad-shape'));
    const Xn = asMatrix(X.data.slice(), d);
    Xn.data[5] = Infinity;
    await expect(spec.fit(Xn, y, 1)).rejects.toThrow(code('churn/non-finite'));
    // NaN is a missing value for models that learn where it goes, bad input for the others
    Xn.data[5] = NaN;
    if (spec.missingAsNaN) expect(spec.predict(await spec.fit(Xn, y, 1), Xn).every(Number.isFinite)).toBe(true);
    else await expect(spec.fit(Xn, y, 1)).rejects.toThrow(code('churn/non-finite'));
    const yb = y.slice();
    yb[0] = 2;
    await expect(spec.fit(X, yb, 1)).rejects.toThrow(code('churn/bad-label'));
    await expect(spec.fit(X, new Uint8Array(400), 1)).rejects.toThrow(code('churn/single-class'));
    const m = await spec.fit(X, y, 1);
    expect(() => spec.predict(m, asMatrix(X.data.subarray(0, 6), 3))).toThrow(code('churn/bad-shape'));
  });
  it('learns, is deterministic under a seed, leaks no tensors, survives structuredClone', async () => {
    const before = tf.memory().numTensors;
    const m1 = await spec.fit(X, y, 7);
    expect(tf.memory().numTensors).toBe(before);
    const m2 = await spec.fit(X, y, 7);
    const test = synth(400, 4, 2);
    const p1 = spec.predict(m1, test.X);
    expect(p1).toEqual(spec.predict(m2, test.X));
    expect(spec.predict(structuredClone(m1), test.X)).toEqual(p1);
    expect(p1.every((v) => v >= 0 && v <= 1)).toBe(true);
    // held-out AUC well above chance (logistic misses the x2^2 term but still ranks x0 - x1)
    expect(rocAuc(p1, test.y)).toBeGreaterThan(0.7);
  });
});

describe('model specifics', () => {
  it('tfjs logistic solver reaches the Newton optimum', async () => {
    const before = tf.memory().numTensors;
    const a = await fitLogistic(X, y, { solver: 'newton' });
    const b = await fitLogistic(X, y, { solver: 'tfjs', epochs: 1500 });
    expect(tf.memory().numTensors).toBe(before);
    expect(a.converged).toBe(true);
    for (let j = 0; j < d; j++) expect(b.coef[j]).toBeCloseTo(a.coef[j], 2);
    expect(b.intercept).toBeCloseTo(a.intercept, 2);
    const pa = predictLogistic(a, X);
    const pb = predictLogistic(b, X);
    expect(rocAuc(pb, y)).toBeCloseTo(rocAuc(pa, y), 3);
  });
  it('gbdt beats logistic on a non-linear signal and early-stops', async () => {
    const test = synth(2000, 4, 3);
    const train = synth(2000, 4, 4);
    const g = await fitGbdt(train.X, train.y, { seed: 1 });
    const l = await fitLogistic(train.X, train.y);
    const { predictGbdt } = await import('./gbdt');
    expect(rocAuc(predictGbdt(g, test.X), test.y)).toBeGreaterThan(rocAuc(predictLogistic(l, test.X), test.y) + 0.03);
    expect(g.bestIter).toBeLessThan(g.params.nTrees);
  });
});

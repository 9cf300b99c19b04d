/** Contract suite (STYLE.md habit 11): every estimator rejects empty, ragged and non-finite
 *  input with a code, is deterministic under a seed, survives structuredClone, leaks no tensors. */
import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { fitKMeans } from './kmeans';
import { dbscanOutliers } from './dbscan';
import { silhouetteScores } from './silhouette';
import { runSegmentation } from './index';
import { fromRows, fromColumns, type Matrix } from '../math/matrix';
import { smallCustomers } from '../testing/frames';
import type { CustomerFrame } from '../types';

beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
});

async function codeOf(p: () => unknown): Promise<string | undefined> {
  try {
    await p();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
}

const good = fromRows([[0, 1], [1, 1], [5, 5], [6, 5], [9, 0], [9, 1], [2, 2]]);
const estimators: { who: string; fit: (X: Matrix, seed: number) => Promise<unknown> }[] = [
  { who: 'kmeans', fit: (X, seed) => fitKMeans(X, { k: 2, seed, kernel: 'ts' }) },
  { who: 'kmeans', fit: (X, seed) => fitKMeans(X, { k: 2, seed, kernel: 'tf', nInit: 2 }) },
  { who: 'dbscan', fit: (X, seed) => Promise.resolve(dbscanOutliers(X, { seed, minPts: 2 })) },
  {
    who: 'silhouette',
    fit: (X) => Promise.resolve(silhouetteScores(X, [Int32Array.from({ length: X.n }, (_, i) => i % 2)])),
  },
];

describe.each(estimators.map((e, i) => ({ ...e, name: `${e.who}#${i}` })))('$name', ({ who, fit }) => {
  it('rejects empty input', async () => {
    expect(await codeOf(() => fit({ n: 0, d: 2, data: new Float64Array(0) }, 1))).toBe(`${who}/empty`);
  });
  it('rejects ragged input', async () => {
    expect(await codeOf(() => fit({ n: 3, d: 2, data: new Float64Array(5) }, 1))).toBe(`${who}/ragged`);
    expect(await codeOf(() => fromRows([[1, 2], [3]]))).toBe('matrix/ragged');
  });
  it('rejects NaN and Infinity', async () => {
    for (const bad of [NaN, Infinity]) {
      const X = { ...good, data: good.data.slice() };
      X.data[3] = bad;
      expect(await codeOf(() => fit(X, 1))).toBe(`${who}/non-finite`);
    }
  });
  it('is deterministic under a seed and survives structuredClone', async () => {
    const a = await fit(good, 7);
    const b = await fit(good, 7);
    expect(b).toEqual(a);
    expect(structuredClone(a)).toEqual(a);
  });
  it('leaks no tensors', async () => {
    const before = tf.memory().numTensors;
    await fit(good, 3);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('k-means parameter checks', () => {
  it('k > n, k < 1, non-integer k, wrong init length', async () => {
    expect(await codeOf(() => fitKMeans(good, { k: 8 }))).toBe('kmeans/k-too-large');
    expect(await codeOf(() => fitKMeans(good, { k: 0 }))).toBe('kmeans/bad-k');
    expect(await codeOf(() => fitKMeans(good, { k: 2.5 }))).toBe('kmeans/bad-k');
    expect(await codeOf(() => fitKMeans(good, { k: 2, init: new Float64Array(3) }))).toBe('kmeans/bad-init');
  });
  it('error messages name the thing, the value and the rule', async () => {
    await expect(fitKMeans(good, { k: 8 })).rejects.toThrow('kmeans: k=8 must be <= n_samples=7');
  });
});

describe('runSegmentation contract', () => {
  const frame = smallCustomers(1);
  it('rejects too few rows, ragged and non-finite columns, bad k and unknown features', async () => {
    const tiny: CustomerFrame = { ...frame, n: 2 };
    expect(await codeOf(() => runSegmentation(tiny, { seed: 1 }))).toBe('segment/too-few-rows');
    expect(await codeOf(() => runSegmentation({ ...frame, n: 0 }, { seed: 1 }))).toBe('segment/too-few-rows');
    const ragged = { ...frame, monthly: frame.monthly!.slice(1) };
    expect(await codeOf(() => runSegmentation(ragged, { seed: 1 }))).toBe('segment/ragged');
    const nan = { ...frame, total: Float64Array.from(frame.total!, (v, i) => (i === 5 ? NaN : v)) };
    expect(await codeOf(() => runSegmentation(nan, { seed: 1 }))).toBe('segment/non-finite');
    expect(await codeOf(() => runSegmentation(frame, { seed: 1, k: frame.n + 1 }))).toBe('segment/bad-k');
    expect(await codeOf(() => runSegmentation(frame, { seed: 1, kRange: [5, 3] }))).toBe('segment/bad-k-range');
    expect(await codeOf(() => runSegmentation(frame, { seed: 1, features: ['nope'] }))).toBe('segment/unknown-feature');
    expect(await codeOf(() => fromColumns([]))).toBe('matrix/empty');
  });
  it('same seed, same result; survives structuredClone; no tensors leaked (tf kernel too)', async () => {
    const before = tf.memory().numTensors;
    const a = await runSegmentation(frame, { seed: 5 });
    const b = await runSegmentation(frame, { seed: 5 });
    const c = await runSegmentation(frame, { seed: 5, kernel: 'tf' });
    expect(tf.memory().numTensors).toBe(before);
    expect(b).toEqual(a);
    expect(structuredClone(a)).toEqual(a);
    expect(c.k).toBe(a.k);
    expect(Array.from(c.labels)).toEqual(Array.from(a.labels));
  });
  it('fills every field consistently', async () => {
    const progress: string[] = [];
    const r = await runSegmentation(frame, { seed: 2 }, (p) => progress.push(`${p.stage}:${p.detail}`));
    expect(progress).toContain('segmentation:k=2');
    expect(progress).toContain('segmentation:k=8');
    expect(r.kSweep.map((e) => e.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(r.segments.length).toBe(r.k);
    expect(r.segments.reduce((s, g) => s + g.size, 0)).toBe(frame.n);
    expect(r.segments.reduce((s, g) => s + g.share, 0)).toBeCloseTo(1, 12);
    expect(r.segments.reduce((s, g) => s + g.revenueShare, 0)).toBeCloseTo(1, 12);
    expect(new Set(r.segments.map((s) => s.name)).size).toBe(r.k);
    for (let i = 1; i < r.k; i++) expect(r.segments[i].size).toBeLessThanOrEqual(r.segments[i - 1].size);
    expect(r.labels.length).toBe(frame.n);
    expect(r.outlier.length).toBe(frame.n);
    expect(r.outliers).toBe(r.outlier.reduce((s, v) => s + v, 0));
    expect(r.pca.x.length).toBe(frame.n);
    expect(r.silhouetteSample).toBeNull();
    expect(r.features).toEqual(['tenure', 'monthly', 'total']);
  });
  it('user K and user features are honoured', async () => {
    const r = await runSegmentation(frame, { seed: 2, k: 5, kRange: [2, 4], features: ['tenure', 'log1p(Spend)'] });
    expect(r.k).toBe(5);
    expect(r.method).toMatch(/set by the user/);
    expect(r.kSweep.map((e) => e.k)).toEqual([2, 3, 4, 5]);
    expect(r.features).toEqual(['tenure', 'log1p(Spend)']);
  });
  it('large-data paths (sampled restarts, silhouette and DBSCAN) are taken and stated', async () => {
    const big = smallCustomers(6, 200); // 600 rows, limits set below that
    const r = await runSegmentation(big, {
      seed: 4,
      limits: { silhouetteExact: 300, dbscanExact: 250, restartSampleAbove: 400 },
    });
    expect(r.silhouetteSample).toBe(300);
    expect(r.method).toMatch(/restarts ran on a seeded 400-row sample/);
    expect(r.method).toMatch(/silhouettes on a seeded 300-row sample/);
    expect(r.dbscan.method).toMatch(/seeded sample of 250 of 600 rows/);
    const exact = await runSegmentation(big, { seed: 4 });
    expect(exact.silhouetteSample).toBeNull();
    expect(r.k).toBe(exact.k);
    expect(Math.abs(r.silhouette - exact.silhouette)).toBeLessThan(0.05);
  });
});

import { describe, it, expect } from 'vitest';
import { silhouetteScores } from './silhouette';
import { daviesBouldin } from './daviesBouldin';
import { kneedleDecreasing, kneeIncreasing, chooseK } from './chooseK';
import { symmetricEigen, pca2 } from './pca';
import { relabelBySize } from './relabel';
import { dbscanOutliers, kDistances } from './dbscan';
import { fromRows, standardize } from '../math/matrix';
import type { KSweepEntry } from './types';

describe('silhouette', () => {
  // [0],[1] vs [4],[5]: s(0) = (4.5-1)/4.5, s(1) = (3.5-1)/3.5, mirrored for the other pair
  const X = fromRows([[0], [1], [4], [5]]);
  const expected = (3.5 / 4.5 + 2.5 / 3.5) / 2;
  it('exact on a hand case, several labelings in one pass', () => {
    const r = silhouetteScores(X, [Int32Array.from([0, 0, 1, 1]), Int32Array.from([7, 7, 7, 3])]);
    expect(r.sample).toBeNull();
    expect(r.scores[0]).toBeCloseTo(expected, 12);
    // {0,1,4} vs {5}: singleton scores 0; s(0)=(5-2.5)/5, s(1)=(4-2)/4, s(4)=(1-3.5)/3.5
    expect(r.scores[1]).toBeCloseTo((0.5 + 0.5 + -2.5 / 3.5 + 0) / 4, 12);
  });
  it('samples above the exact limit, seeded, and says how many rows', () => {
    const rows = Array.from({ length: 400 }, (_, i) => [i % 2 === 0 ? i / 400 : 10 + i / 400]);
    const labels = Int32Array.from(rows, (_, i) => i % 2);
    const a = silhouetteScores(fromRows(rows), [labels], { exactLimit: 100, sampleSize: 50, seed: 1 });
    const b = silhouetteScores(fromRows(rows), [labels], { exactLimit: 100, sampleSize: 50, seed: 1 });
    expect(a.sample).toBe(50);
    expect(a.scores).toEqual(b.scores);
    expect(a.scores[0]).toBeGreaterThan(0.9);
  });
});

describe('Davies-Bouldin', () => {
  it('hand case: scatter 0.5 each, centroids 4 apart -> 0.25', () => {
    expect(daviesBouldin(fromRows([[0], [1], [4], [5]]), Int32Array.from([0, 0, 1, 1]), 2)).toBeCloseTo(0.25, 12);
  });
});

describe('elbow and K rule', () => {
  it('kneedle: farthest point below the chord of the normalised curve', () => {
    // y normalised [1, .25, .125, .0625, 0] vs chord [1, .75, .5, .25, 0]: gap largest at k=2
    expect(kneedleDecreasing([1, 2, 3, 4, 5], [10, 4, 3, 2.5, 2])).toBe(1);
    expect(kneedleDecreasing([2, 3], [5, 1])).toBe(0);
  });
  it('knee of an increasing curve (k-distance)', () => {
    expect(kneeIncreasing([0, 0.1, 0.2, 0.3, 0.4, 5])).toBe(4);
  });
  const sweep = (sil: number[], k0 = 2): KSweepEntry[] =>
    sil.map((s, i) => ({ k: k0 + i, inertia: 100 / (i + 1), silhouette: s, daviesBouldin: 1 }));
  it('Telco reference silhouettes (k=2..8) give K=4, the elbow, not K=2', () => {
    const r = chooseK(sweep([0.4797, 0.4512, 0.4722, 0.4438, 0.4371, 0.4329, 0.4184]), 4);
    expect(r.k).toBe(4);
    expect(r.method).toMatch(/also the elbow/);
  });
  it('a K outside 3..6 wins only by more than 0.02', () => {
    expect(chooseK(sweep([0.6, 0.45, 0.5, 0.4]), 3).k).toBe(2);
    expect(chooseK(sweep([0.515, 0.45, 0.5, 0.4]), 3).k).toBe(4);
  });
  it('the elbow wins within 0.01 of the best K in 3..6', () => {
    expect(chooseK(sweep([0.3, 0.5, 0.492, 0.4]), 4).k).toBe(4);
    expect(chooseK(sweep([0.3, 0.5, 0.48, 0.4]), 4).k).toBe(3);
  });
  it('no K in 3..6: highest silhouette', () => {
    expect(chooseK(sweep([0.3, 0.5], 7), 7).k).toBe(8);
  });
});

describe('PCA', () => {
  it('eigen-decomposition of [[2,1],[1,2]]', () => {
    const { values, vectors } = symmetricEigen(Float64Array.from([2, 1, 1, 2]), 2);
    expect(values[0]).toBeCloseTo(3, 12);
    expect(values[1]).toBeCloseTo(1, 12);
    expect(Math.abs(vectors[0][0])).toBeCloseTo(Math.SQRT1_2, 12);
  });
  it('points on a line: all variance on PC1, signs fixed', () => {
    const p = pca2(fromRows([[0, 0], [1, 1], [2, 2]]), 1);
    expect(p.explained[0]).toBeCloseTo(1, 12);
    expect(p.explained[1]).toBeCloseTo(0, 12);
    expect(Array.from(p.index)).toEqual([0, 1, 2]);
    expect(p.x[0]).toBeCloseTo(-Math.SQRT2, 6);
    expect(p.x[2]).toBeCloseTo(Math.SQRT2, 6);
  });
  it('samples at most maxPoints rows and keeps their indices', () => {
    const rows = Array.from({ length: 50 }, (_, i) => [i, (i * 7) % 11, (i * 3) % 5]);
    const p = pca2(fromRows(rows), 9, 20);
    expect(p.index.length).toBe(20);
    expect(new Set(p.index).size).toBe(20);
    expect(p.explained[0]).toBeGreaterThanOrEqual(p.explained[1]);
  });
});

describe('relabel and DBSCAN', () => {
  it('relabels by size descending, ties by first appearance, drops empty ids', () => {
    const r = relabelBySize(Int32Array.from([2, 0, 0, 2, 3, 3, 3]), 4);
    expect(Array.from(r.labels)).toEqual([1, 2, 2, 1, 0, 0, 0]);
    expect(r.k).toBe(3);
  });
  it('flags isolated points; border points of a core are not noise (hand case)', () => {
    // a tight group of 6 at 0..0.5, a border point at 0.9 (within 0.4 of the core at 0.5), one far at 5
    const X = fromRows([[0], [0.1], [0.2], [0.3], [0.4], [0.5], [0.9], [5]]);
    const r = dbscanOutliers(X, { eps: 0.4, minPts: 5 });
    expect(Array.from(r.outlier)).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(r.count).toBe(1);
  });
  it('k-distance counts the point itself, as scikit-learn', () => {
    const kd = kDistances(fromRows([[0], [1], [3]]), Int32Array.from([0, 1, 2]), 2);
    expect(Array.from(kd)).toEqual([1, 1, 2]);
  });
  it('sample mode flags rows against sample cores and says so', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => [Math.floor(i / 3) % 10, (i * 0.001) % 1]);
    rows.push([50, 50]);
    const { Z } = standardize(fromRows(rows));
    const r = dbscanOutliers(Z, { exactLimit: 1000, seed: 2 });
    expect(r.outlier[3000]).toBe(1);
    expect(r.method).toMatch(/seeded sample of 1,000 of 3,001 rows/);
  });
});

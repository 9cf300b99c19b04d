import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { fitKMeans, predictKMeans, chooseKernel } from './kmeans';
import { lloydTs } from './lloydTs';
import { lloydTf } from './lloydTf';
import { kmeansPlusPlus } from './kmeansInit';
import { columnStats, fromRows, type Matrix } from '../math/matrix';
import { mulberry32 } from '../random';

beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
});

/** labels equal up to a permutation of cluster ids */
function samePartition(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  const ab = new Map<number, number>();
  const ba = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    if ((ab.get(a[i]) ?? b[i]) !== b[i] || (ba.get(b[i]) ?? a[i]) !== a[i]) return false;
    ab.set(a[i], b[i]);
    ba.set(b[i], a[i]);
  }
  return true;
}

function blobs(seed: number, perBlob: number, centres: number[][], spread = 0.5): Matrix {
  const rng = mulberry32(seed);
  const rows: number[][] = [];
  for (const c of centres) {
    for (let i = 0; i < perBlob; i++) rows.push(c.map((v) => v + spread * (rng() + rng() + rng() - 1.5)));
  }
  return fromRows(rows);
}

describe('k-means hand-computed cases', () => {
  // 1-D: start [0],[1] -> it1 labels 0111, centres 0, 22/3 -> it2 labels 0011, centres .5, 10.5
  // -> it3 labels unchanged (strict convergence): nIter 3, inertia 4 * 0.25 = 1
  const X1 = fromRows([[0], [1], [10], [11]]);
  for (const kernel of ['ts', 'tf'] as const) {
    it(`1-D from given centres (${kernel})`, async () => {
      const m = await fitKMeans(X1, { k: 2, init: Float64Array.from([0, 1]), kernel });
      expect(Array.from(m.labels)).toEqual([0, 0, 1, 1]);
      expect(Array.from(m.centers)).toEqual([0.5, 10.5]);
      expect(m.inertia).toBeCloseTo(1, 6);
      expect(m.nIter).toBe(3);
      expect(m.converged).toBe(true);
      expect(m.warnings).toEqual([]);
    });
  }

  // 2-D: four corners of a 4x2 box and one far point; from [0,0],[10,10] all four corners
  // join centre 0 at once, centre (2,1); it2 nothing changes: nIter 2, inertia 4 * (4+1) = 20
  const X2 = fromRows([[0, 0], [0, 2], [4, 0], [4, 2], [10, 10]]);
  it('2-D box + far point, both kernels', async () => {
    for (const kernel of ['ts', 'tf'] as const) {
      const m = await fitKMeans(X2, { k: 2, init: Float64Array.from([0, 0, 10, 10]), kernel });
      expect(Array.from(m.labels)).toEqual([0, 0, 0, 0, 1]);
      expect(Array.from(m.centers)).toEqual([2, 1, 10, 10]);
      expect(m.inertia).toBeCloseTo(20, 5);
      expect(m.nIter).toBe(2);
    }
  });

  it('k-means++ with restarts finds the same partitions (labels up to permutation)', async () => {
    const m1 = await fitKMeans(X1, { k: 2, seed: 3 });
    expect(samePartition(m1.labels, [0, 0, 1, 1])).toBe(true);
    expect(m1.inertia).toBeCloseTo(1, 9);
    expect(Array.from(m1.centers).sort((a, b) => a - b)).toEqual([0.5, 10.5]);
    const m2 = await fitKMeans(X2, { k: 2, seed: 3 });
    expect(samePartition(m2.labels, [0, 0, 0, 0, 1])).toBe(true);
    expect(m2.inertia).toBeCloseTo(20, 9);
  });

  // empty cluster: from [0],[1],[100] centre 2 gets nobody -> takes the farthest point 12;
  // it2 centre 1 (at 6) empties -> takes x=2 (tie 4 vs 4, lower index), centres .5, 2, 11;
  // it3 labels change to 001222 but the centres do not move (shift 0 <= tol): stop, nIter 3;
  // inertia .25+.25+0+1+0+1 = 2.5, 2 relocations
  it('re-seeds empty clusters from the farthest points and warns', async () => {
    const X = fromRows([[0], [1], [2], [10], [11], [12]]);
    for (const kernel of ['ts', 'tf'] as const) {
      const m = await fitKMeans(X, { k: 3, init: Float64Array.from([0, 1, 100]), kernel });
      expect(Array.from(m.labels)).toEqual([0, 0, 1, 2, 2, 2]);
      expect(Array.from(m.centers)).toEqual([0.5, 2, 11]);
      expect(m.inertia).toBeCloseTo(2.5, 6);
      expect(m.nIter).toBe(3);
      expect(m.warnings.map((w) => [w.code, w.count])).toEqual([['kmeans/empty-cluster', 2]]);
    }
  });

  it('warns when there are fewer distinct points than k', async () => {
    const X = fromRows([[1], [1], [1], [5]]);
    const m = await fitKMeans(X, { k: 3, seed: 1 });
    expect(m.inertia).toBe(0);
    expect(m.warnings.some((w) => w.code === 'kmeans/fewer-distinct-clusters')).toBe(true);
  });

  it('restartSample: restarts on a seeded sample, refined on all rows, near the full-data optimum', async () => {
    const X = blobs(21, 400, [[0, 0], [4, 0], [0, 4], [4, 4]], 2.5);
    const full = await fitKMeans(X, { k: 4, seed: 1 });
    const sampled = await fitKMeans(X, { k: 4, seed: 1, restartSample: 300 });
    expect(sampled.params.restartSample).toBe(300);
    expect(sampled.labels.length).toBe(X.n);
    expect(Math.abs(sampled.inertia - full.inertia) / full.inertia).toBeLessThan(0.01);
  });

  it('predictKMeans assigns to the nearest centre', async () => {
    const m = await fitKMeans(X1, { k: 2, init: Float64Array.from([0, 1]) });
    expect(Array.from(predictKMeans(m, fromRows([[-3], [5.4], [5.6], [40]])))).toEqual([0, 0, 1, 1]);
  });

  it('reports non-convergence as a warning when maxIter is hit', async () => {
    const X = blobs(5, 50, [[0, 0], [3, 0], [0, 3], [3, 3]], 2);
    const m = await fitKMeans(X, { k: 4, seed: 1, nInit: 1, maxIter: 1 });
    expect(m.converged).toBe(false);
    expect(m.nIter).toBe(1);
    expect(m.warnings.map((w) => w.code)).toContain('kmeans/not-converged');
  });
});

describe('TS and tfjs kernels agree', () => {
  it('same inertia (1e-3 relative) and labels from the same initial centres', async () => {
    const X = blobs(11, 300, [[0, 0, 0], [4, 1, 0], [1, 5, 2], [6, 6, 6], [3, 3, 3]], 1.5);
    for (const k of [2, 5, 8]) {
      const init = kmeansPlusPlus(X, k, mulberry32(k));
      const a = lloydTs(X, init, k, 300, 1e-8);
      const before = tf.memory().numTensors;
      const b = await lloydTf(X, init, k, 300, 1e-8);
      expect(tf.memory().numTensors).toBe(before);
      expect(Math.abs(a.inertia - b.inertia) / a.inertia).toBeLessThan(1e-3);
      let differ = 0;
      for (let i = 0; i < X.n; i++) if (a.labels[i] !== b.labels[i]) differ++;
      expect(differ).toBeLessThanOrEqual(2); // float32 ties only
    }
  });

  it('fitKMeans with the tf kernel leaks no tensors', async () => {
    const X = blobs(2, 40, [[0, 0], [5, 5]]);
    const before = tf.memory().numTensors;
    const m = await fitKMeans(X, { k: 2, seed: 4, kernel: 'tf', nInit: 3 });
    expect(tf.memory().numTensors).toBe(before);
    expect(m.inertia).toBeGreaterThan(0);
  });
});

describe('chooseKernel', () => {
  it('uses TypeScript on cpu/wasm and on software renderers, tfjs for big GPU work', () => {
    expect(chooseKernel('cpu', 704_300, 3, 8)).toBe('ts');
    expect(chooseKernel('wasm', 704_300, 30, 8)).toBe('ts');
    expect(chooseKernel('webgl', 704_300, 3, 8, true)).toBe('ts');
    expect(chooseKernel('webgl', 704_300, 3, 8)).toBe('tf');
    expect(chooseKernel('webgpu', 1000, 3, 4)).toBe('ts');
  });
});

describe('k-means++ seeding and shared restart records', () => {
  /** greedy k-means++ one candidate pass at a time, as kmeansInit.ts did before its d = 3 path */
  function seedOneByOne(X: Matrix, k: number, rng: () => number): Float64Array {
    const { n, d, data } = X;
    const dist = (i: number, c: number) => {
      let s = 0;
      for (let j = 0; j < d; j++) s += (data[i * d + j] - data[c * d + j]) ** 2;
      return s;
    };
    const trials = 2 + Math.floor(Math.log(k));
    const first = Math.floor(rng() * n);
    const chosen = [first];
    let closest: Float64Array = Float64Array.from({ length: n }, (_, i) => dist(i, first));
    for (let c = 1; c < k; c++) {
      const cum = new Float64Array(n);
      let run = 0;
      for (let i = 0; i < n; i++) cum[i] = run += closest[i];
      let bestPot = Infinity;
      let best: Float64Array | null = null;
      let bestIdx = -1;
      for (let t = 0; t < trials; t++) {
        const r = rng() * run;
        let idx = cum.findIndex((v) => v > r);
        if (idx < 0) idx = n - 1;
        const out = closest.map((v, i) => Math.min(dist(i, idx), v));
        const p = out.reduce((s, v) => s + v, 0);
        if (p < bestPot) [bestPot, best, bestIdx] = [p, out, idx];
      }
      chosen.push(bestIdx);
      closest = best as Float64Array;
    }
    return Float64Array.from(chosen.flatMap((i) => Array.from(data.subarray(i * d, i * d + d))));
  }

  it('d = 3 (up to four candidates per pass) draws the same centres bit for bit, 2 to 5 candidates per step', () => {
    const X = blobs(5, 120, [[0, 0, 0], [4, 1, 0], [1, 5, 2], [6, 6, 6]], 1.5);
    for (const k of [2, 5, 8, 21]) {
      expect(Array.from(kmeansPlusPlus(X, k, mulberry32(k)))).toEqual(Array.from(seedOneByOne(X, k, mulberry32(k))));
    }
  });

  it('restarts that share the row records give the model of separate runs', async () => {
    const X = blobs(8, 150, [[0, 0, 0], [4, 1, 0], [1, 5, 2]], 2);
    const m = await fitKMeans(X, { k: 4, seed: 3, nInit: 4 });
    const rng = mulberry32(3);
    let best: ReturnType<typeof lloydTs> | null = null;
    const { sd } = columnStats(X);
    let meanVar = 0;
    for (let j = 0; j < X.d; j++) meanVar += (sd[j] * sd[j]) / X.d;
    const tolAbs = meanVar * 1e-4; // as fitKMeans
    for (let r = 0; r < 4; r++) {
      const res = lloydTs(X, kmeansPlusPlus(X, 4, rng), 4, 300, tolAbs);
      if (!best || res.inertia < best.inertia) best = res;
    }
    expect(Array.from(m.labels)).toEqual(Array.from(best!.labels));
    expect(Array.from(m.centers)).toEqual(Array.from(best!.centers));
    expect(m.inertia).toBe(best!.inertia);
    expect(m.nIter).toBe(best!.nIter);
  });
});

import { describe, expect, it } from 'vitest';
import type { DesignGroup } from '../../features/design';
import { mulberry32, shuffleInPlace } from '../../random';
import { permutationImportance } from './importance';
import { rocAuc } from '../evaluation/metrics';
import { asMatrix, type Matrix } from '../../math/matrix';

/** The textbook loop: shuffle the group's columns over all rows and predict every row again. */
function naive(predict: (X: Matrix) => Float64Array, Xm: Matrix, y: Uint8Array, groups: DesignGroup[], rng: () => number): Float64Array {
  const n = y.length;
  const { d, data: X } = Xm;
  const base = rocAuc(predict(Xm), y);
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  return Float64Array.from(groups, (g) => {
    const Xp = X.slice();
    shuffleInPlace(perm, rng);
    for (let i = 0; i < n; i++) for (let c = g.start; c < g.start + g.count; c++) Xp[i * d + c] = X[perm[i] * d + c];
    return base - rocAuc(predict(asMatrix(Xp, d)), y);
  });
}

describe('permutationImportance', () => {
  // columns: numeric, binary flag, 3-level one-hot, constant
  const n = 300;
  const d = 6;
  const groups: DesignGroup[] = [
    { name: 'num', kind: 'numeric', start: 0, count: 1 },
    { name: 'flag', kind: 'numeric', start: 1, count: 1 },
    { name: 'plan', kind: 'categorical', start: 2, count: 3 },
    { name: 'const', kind: 'numeric', start: 5, count: 1 },
  ];
  const rng = mulberry32(3);
  const X0 = new Float64Array(n * d);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    X0[i * d] = rng() * 4 - 2;
    X0[i * d + 1] = rng() < 0.3 ? 1 : 0;
    X0[i * d + 2 + Math.floor(rng() * 3)] = 1;
    X0[i * d + 5] = 7;
    y[i] = rng() < 1 / (1 + Math.abs(X0[i * d] - 1)) + 0.2 * X0[i * d + 1] - 0.1 * X0[i * d + 3] ? 1 : 0;
  }
  const X = asMatrix(X0, d);
  // row-wise score with an interaction, so every group matters a little
  let scored = 0;
  const predict = ({ data: Xq }: Matrix) => {
    const m = Xq.length / d;
    scored += m;
    return Float64Array.from({ length: m }, (_, i) => {
      const r = i * d;
      return Xq[r] * 0.7 + Xq[r + 1] * (1 + Xq[r + 3]) - 0.5 * Xq[r + 4] + 0.01 * Xq[r + 5];
    });
  };

  it('gives the bits of re-predicting every row, predicting only the rows whose values changed', () => {
    const ref = naive(predict, X, y, groups, mulberry32(11));
    scored = 0;
    const got = permutationImportance(predict, X, y, groups, mulberry32(11));
    expect(Array.from(got)).toEqual(Array.from(ref));
    // base once; every numeric row changes; about 1 - (0.3^2 + 0.7^2) of the flag rows and
    // 2/3 of the 3-level rows; the constant column changes none
    expect(scored).toBeGreaterThan(n + n + 0.3 * n + 0.55 * n);
    expect(scored).toBeLessThan(n + n + 0.5 * n + 0.8 * n);
    expect(got[3]).toBe(0);
    expect(got[0]).toBeGreaterThan(0);
  });

  it('uses the known base scores when given', () => {
    const ref = naive(predict, X, y, groups, mulberry32(11));
    const pX = predict(X);
    scored = 0;
    const got = permutationImportance(predict, X, y, groups, mulberry32(11), pX);
    expect(Array.from(got)).toEqual(Array.from(ref));
    expect(scored).toBeLessThan(n + 0.5 * n + 0.8 * n);
  });
});

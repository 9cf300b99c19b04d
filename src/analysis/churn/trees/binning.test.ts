import { describe, expect, it } from 'vitest';
import { binMatrix, binOf, binRows, fitBinEdges } from './binning';
import { mulberry32 } from '../../random';

/** The sort-everything definition the fast paths must match bit for bit. */
function referenceEdges(X: Float64Array, d: number, maxBins: number): Float64Array[] {
  const n = X.length / d;
  return Array.from({ length: d }, (_, j) => {
    const col = Float64Array.from({ length: n }, (_, i) => X[i * d + j]).sort();
    const uniq = col.filter((v, i) => i === 0 || v !== col[i - 1]);
    const e: number[] = [];
    if (uniq.length <= maxBins) for (let k = 1; k < uniq.length; k++) e.push((uniq[k - 1] + uniq[k]) / 2);
    else
      for (let q = 1; q < maxBins; q++) {
        const v = col[Math.min(n - 1, Math.floor((q * n) / maxBins))];
        if (v < col[n - 1] && (e.length === 0 || v > e[e.length - 1])) e.push(v);
      }
    return Float64Array.from(e);
  });
}

describe('binning', () => {
  it('edges: midpoints for few values, quantiles for many', () => {
    // columns: one-hot, a 3-level code with -0 and 0, a continuous one
    const X = Float64Array.from([0, -0, 0.5, 1, 2, 1.5, 0, 0, 2.5, 1, 1, 3.5]);
    const e = fitBinEdges(X, 3, 3);
    expect(Array.from(e[0])).toEqual([0.5]);
    expect(Array.from(e[1])).toEqual([0.5, 1.5]);
    expect(Array.from(e[2])).toEqual([1.5, 2.5]); // 4 distinct > 3 bins: values at n/3 and 2n/3
  });

  it('matches the sort-everything definition on mixed columns, and bins agree with binOf', () => {
    const rng = mulberry32(3);
    const n = 997;
    const d = 5;
    const X = new Float64Array(n * d);
    for (let i = 0; i < n; i++) {
      X[i * d] = rng() < 0.3 ? 1 : 0;
      X[i * d + 1] = Math.floor(rng() * 9) - 4;
      X[i * d + 2] = Math.round(rng() * 1e4) / 100;
      X[i * d + 3] = Math.floor(rng() * 70);
      X[i * d + 4] = 7;
    }
    for (const maxBins of [2, 8, 64, 255]) {
      const e = fitBinEdges(X, d, maxBins);
      expect(e).toEqual(referenceEdges(X, d, maxBins));
      const rows = binRows(X, d, e);
      const cols = binMatrix(X, d, e);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < d; j++) {
          expect(rows[i * d + j]).toBe(binOf(e[j], X[i * d + j]));
          expect(cols[j * n + i]).toBe(rows[i * d + j]);
        }
    }
  });
});

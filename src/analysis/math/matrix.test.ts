/** The one matrix convention: hand-computed statistics, scaling and row selection. */
import { describe, expect, it } from 'vitest';
import { asMatrix, columnStats, fromRows, scaleColumns, standardize, takeRows, takeSample } from './matrix';

// columns: [1, 3] (mean 2, population sd 1), [5, 5] (constant)
const X = fromRows([
  [1, 5],
  [3, 5],
]);

describe('math/matrix', () => {
  it('columnStats: population sd; constant columns 0, or constantSd when given', () => {
    expect(columnStats(X)).toEqual({ mean: Float64Array.from([2, 5]), sd: Float64Array.from([1, 0]) });
    expect(Array.from(columnStats(X, 1).sd)).toEqual([1, 1]);
  });

  it('standardize centres every column and scales the non-constant ones', () => {
    const { Z, constant } = standardize(X);
    expect(Array.from(Z.data)).toEqual([-1, 0, 1, 0]);
    expect(constant).toEqual([1]);
  });

  it('scaleColumns writes into the given array type', () => {
    const out = scaleColumns(X, Float64Array.from([1, 1]), Float64Array.from([2, 4]), new Float32Array(4));
    expect(out).toBeInstanceOf(Float32Array);
    expect(Array.from(out)).toEqual([0, 1, 1, 1]);
  });

  it('asMatrix views (X, d) data; takeRows and takeSample copy rows in the given order', () => {
    const M = asMatrix(Float64Array.from([1, 2, 3, 4, 5, 6]), 2);
    expect(M.n).toBe(3);
    expect(Array.from(takeRows(M, [2, 0]).data)).toEqual([5, 6, 1, 2]);
    const s = takeSample(M, Uint8Array.from([0, 1, 1]), [1, 2]);
    expect(Array.from(s.X.data)).toEqual([3, 4, 5, 6]);
    expect(Array.from(s.y)).toEqual([1, 1]);
  });
});

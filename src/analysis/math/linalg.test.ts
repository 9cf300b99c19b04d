import { describe, expect, it } from 'vitest';
import { cholFactor, cholInverse, cholSolve, solveSpd } from './linalg';

describe('Cholesky', () => {
  // A = L L' with L = [[2, 0, 0], [1, 3, 0], [-1, 2, 1]] (hand-made)
  const A = Float64Array.from([4, 2, -2, 2, 10, 5, -2, 5, 6]);
  it('factors a hand-made SPD matrix exactly and solves with it', () => {
    expect(Array.from(cholFactor(A, 3))).toEqual([2, 0, 0, 1, 3, 0, -1, 2, 1]);
    // A [1, 2, 3]' = [2, 37, 26]'
    const b = Float64Array.from([2, 37, 26]);
    expect(Array.from(cholSolve(cholFactor(A, 3), b, 3)).map((v) => +v.toFixed(12))).toEqual([1, 2, 3]);
    expect(solveSpd(A, b, 3)).toEqual(cholSolve(cholFactor(A, 3), b, 3));
  });
  it('inverts: A A^-1 = I', () => {
    const inv = cholInverse(cholFactor(A, 3), 3);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += A[i * 3 + k] * inv[k * 3 + j];
        expect(s).toBeCloseTo(i === j ? 1 : 0, 12);
      }
  });
  it('floors a non-positive pivot instead of returning NaN (singular A)', () => {
    const L = cholFactor(Float64Array.from([1, 1, 1, 1]), 2, 1e-12);
    expect(L[3]).toBe(Math.sqrt(1e-12));
  });
});

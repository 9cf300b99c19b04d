/** Cholesky factor of a symmetric positive definite d x d matrix (row-major), and solves with it. */

/** Lower-triangular L with A = L L' (A is not modified; a non-positive pivot is floored at 1e-300). */
export function cholFactor(A: Float64Array, d: number): Float64Array {
  const L = new Float64Array(d * d);
  for (let i = 0; i < d; i++)
    for (let j = 0; j <= i; j++) {
      let s = A[i * d + j];
      for (let k = 0; k < j; k++) s -= L[i * d + k] * L[j * d + k];
      L[i * d + j] = i === j ? Math.sqrt(Math.max(s, 1e-300)) : s / L[j * d + j];
    }
  return L;
}

/** x with L L' x = b. */
export function cholSolve(L: Float64Array, b: ArrayLike<number>, d: number): Float64Array {
  const x = Float64Array.from(b);
  for (let i = 0; i < d; i++) {
    for (let k = 0; k < i; k++) x[i] -= L[i * d + k] * x[k];
    x[i] /= L[i * d + i];
  }
  for (let i = d - 1; i >= 0; i--) {
    for (let k = i + 1; k < d; k++) x[i] -= L[k * d + i] * x[k];
    x[i] /= L[i * d + i];
  }
  return x;
}

/** (L L')^-1, d x d row-major. */
export function cholInverse(L: Float64Array, d: number): Float64Array {
  const inv = new Float64Array(d * d);
  const e = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    e.fill(0);
    e[j] = 1;
    inv.set(cholSolve(L, e, d), j * d);
  }
  return inv;
}

/** Dense symmetric positive-definite algebra (Cholesky), for Newton steps on small d: the logistic
 *  model's solve and the Cox model's steps and covariance. Matrices are m x m, row-major. */

/** Lower-triangular L with A = L L' (A is not modified). A pivot that is not above minPivot (rounding on a
 *  nearly singular A) is floored at minPivot; default 1e-300. */
export function cholFactor(A: Float64Array, m: number, minPivot = 1e-300): Float64Array {
  const L = new Float64Array(m * m);
  for (let i = 0; i < m; i++)
    for (let j = 0; j <= i; j++) {
      let s = A[i * m + j];
      for (let k = 0; k < j; k++) s -= L[i * m + k] * L[j * m + k];
      L[i * m + j] = i === j ? Math.sqrt(s > minPivot ? s : minPivot) : s / L[j * m + j];
    }
  return L;
}

/** x with L L' x = b (forward, then back substitution). */
export function cholSolve(L: Float64Array, b: ArrayLike<number>, m: number): Float64Array {
  const x = Float64Array.from(b);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < i; k++) x[i] -= L[i * m + k] * x[k];
    x[i] /= L[i * m + i];
  }
  for (let i = m - 1; i >= 0; i--) {
    for (let k = i + 1; k < m; k++) x[i] -= L[k * m + i] * x[k];
    x[i] /= L[i * m + i];
  }
  return x;
}

/** (L L')^-1, m x m row-major. */
export function cholInverse(L: Float64Array, m: number): Float64Array {
  const inv = new Float64Array(m * m);
  const e = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    e.fill(0);
    e[j] = 1;
    inv.set(cholSolve(L, e, m), j * m);
  }
  return inv;
}

/** Solves A x = b for SPD A (m x m row-major, not modified); a pivot not above 1e-12 is floored there. */
export function solveSpd(A: Float64Array, b: Float64Array, m: number): Float64Array {
  return cholSolve(cholFactor(A, m, 1e-12), b, m);
}

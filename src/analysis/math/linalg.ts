/** Dense symmetric positive-definite solve (Cholesky), for Newton steps on small d. */

/** Solves A x = b for SPD A (m x m row-major, not modified). Adds tiny jitter if a pivot is not positive. */
export function solveSpd(A: Float64Array, b: Float64Array, m: number): Float64Array {
  const L = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * m + j];
      for (let k = 0; k < j; k++) s -= L[i * m + k] * L[j * m + k];
      if (i === j) L[i * m + i] = Math.sqrt(s > 1e-12 ? s : 1e-12);
      else L[i * m + j] = s / L[j * m + j];
    }
  }
  const z = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i * m + k] * z[k];
    z[i] = s / L[i * m + i];
  }
  const x = new Float64Array(m);
  for (let i = m - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < m; k++) s -= L[k * m + i] * x[k];
    x[i] = s / L[i * m + i];
  }
  return x;
}

/**
 * The logistic Newton solver's loops over the rows (logistic.ts newton), each a function of its
 * own: in the browser V8 compiled one long function over again for each loop it entered (OSR);
 * small functions are compiled once and reused. The same arithmetic in the same order.
 */
import { sigmoid, softplus } from '../../math/detmath';

/** X's rows in sparse form (row i: entries start[i] .. start[i+1]-1 of idx/val) and the most entries in one row. */
export interface SparseRows {
  start: Int32Array;
  idx: Int32Array;
  val: Float64Array;
  maxNnz: number;
}

/** X (n x d row-major) as sparse rows. */
export function sparseRows(X: Float64Array, n: number, d: number): SparseRows {
  let nnz = 0;
  for (let k = 0; k < X.length; k++) if (X[k] !== 0) nnz++;
  const start = new Int32Array(n + 1);
  const idx = new Int32Array(nnz);
  const val = new Float64Array(nnz);
  for (let i = 0, q = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const v = X[i * d + j];
      if (v !== 0) {
        idx[q] = j;
        val[q++] = v;
      }
    }
    start[i + 1] = q;
  }
  let maxNnz = 0;
  for (let i = 0; i < n; i++) maxNnz = Math.max(maxNnz, start[i + 1] - start[i]);
  return { start, idx, val, maxNnz };
}

/** Logits of every row for standardized weights w (into z; c: scratch of d + 1 raw-scale
 *  coefficients); returns the penalised objective. */
export function logitsAndLoss(w: Float64Array, z: Float64Array, c: Float64Array, rows: SparseRows, y: Uint8Array, d: number, mean: Float64Array, sd: Float64Array, lambda: number): number {
  const { start, idx, val } = rows;
  const n = z.length;
  let c0 = w[d];
  for (let j = 0; j < d; j++) {
    c[j] = w[j] / sd[j];
    c0 -= c[j] * mean[j];
  }
  let s = 0;
  for (let i = 0; i < n; i++) {
    let zi = c0;
    for (let q = start[i]; q < start[i + 1]; q++) zi += c[idx[q]] * val[q];
    z[i] = zi;
    // log(1 + e^z) - y z, stably
    s += softplus(zi) - y[i] * zi;
  }
  for (let j = 0; j < d; j++) s += 0.5 * lambda * w[j] * w[j];
  return s;
}

/** Raw moments at logits z into S (lower triangle, row d = intercept; m = d + 1 wide) and Gr:
 *  the gradient from every row, the weighted cross products from every `every`-th row. */
export function rawMoments(
  z: Float64Array,
  y: Uint8Array,
  rows: SparseRows,
  every: number,
  S: Float64Array,
  Gr: Float64Array,
  scratch: { at: Int32Array; col: Int32Array; val: Float64Array },
  d: number,
): void {
  const { start, idx, val } = rows;
  const { at: rowAt, col: rowCol, val: rowVal } = scratch;
  const n = z.length;
  const m = d + 1;
  const base = d * m;
  S.fill(0);
  Gr.fill(0);
  let gr0 = 0;
  let s00 = 0;
  for (let i = 0; i < n; i++) {
    const pr = sigmoid(z[i]);
    const r = pr - y[i];
    const wt = Math.max(pr * (1 - pr), 1e-12);
    gr0 += r;
    const a0 = start[i];
    const len = start[i + 1] - a0;
    if (i % every !== 0) {
      for (let q = a0; q < a0 + len; q++) Gr[idx[q]] += r * val[q];
      continue;
    }
    s00 += wt;
    for (let q = 0; q < len; q++) {
      const j = idx[a0 + q];
      rowCol[q] = j;
      rowAt[q] = j * m; // S offset of the column's row
      rowVal[q] = val[a0 + q];
    }
    for (let q = 0; q < len; q++) {
      const j = rowCol[q];
      const v = rowVal[q];
      Gr[j] += r * v;
      const wv = wt * v;
      S[base + j] += wv;
      const row = rowAt[q];
      for (let q2 = 0; q2 <= q; q2++) S[row + rowCol[q2]] += wv * rowVal[q2];
    }
  }
  Gr[d] = gr0;
  S[base + d] = s00;
}

/** The standardized problem's gradient g and Hessian H (m x m, full) from the raw moments, with
 *  the ridge penalty lambda on every coefficient but the intercept: column j is (x_j - mean_j) / sd_j. */
export function standardizedSystem(S: Float64Array, Gr: Float64Array, w: Float64Array, mean: Float64Array, sd: Float64Array, lambda: number, d: number, g: Float64Array, H: Float64Array): void {
  const m = d + 1;
  // centre and scale: standardized column j is (x_j - mean_j) / sd_j
  const S00 = S[d * m + d];
  for (let j = 0; j < d; j++) {
    g[j] = (Gr[j] - mean[j] * Gr[d]) / sd[j] + lambda * w[j];
    const S0j = S[d * m + j];
    for (let k = 0; k <= j; k++) {
      const S0k = S[d * m + k];
      const v = (S[j * m + k] - mean[j] * S0k - mean[k] * S0j + mean[j] * mean[k] * S00) / (sd[j] * sd[k]);
      H[j * m + k] = v;
      H[k * m + j] = v;
    }
    H[j * m + j] += lambda;
    const hb = (S0j - mean[j] * S00) / sd[j];
    H[d * m + j] = hb;
    H[j * m + d] = hb;
  }
  g[d] = Gr[d];
  H[d * m + d] = S00;
}

/**
 * L2-regularised logistic regression (scikit-learn LogisticRegression(C) on standardized
 * columns: loss = sum log-loss + ||w||^2 / (2C), intercept unpenalised). Two solvers: exact
 * Newton in plain TypeScript (default; fast for d up to a few hundred) and full-batch Adam
 * in tfjs (logisticTf.ts, the backend path for very large n * d^2).
 * Not split: one Newton solver; its helpers are its loops over the rows (0192bcd).
 */
import { checkX, checkXy } from './validate';
import { columnStats, type Matrix } from '../../math/matrix';
import { solveSpd } from '../../math/linalg';
import { sigmoid, softplus } from '../../math/detmath';
import { expandRows, type Term } from './terms';

export interface LogisticParams {
  /** inverse regularisation strength (default 1) */
  C: number;
  solver: 'newton' | 'tfjs' | 'auto';
  maxIter: number;
  /** tfjs solver: Adam epochs and learning rate */
  epochs: number;
  learningRate: number;
}
export const LOGISTIC_DEFAULTS: LogisticParams = { C: 1, solver: 'auto', maxIter: 50, epochs: 300, learningRate: 0.05 };

export interface LogisticModel {
  kind: 'logistic';
  /** input (design) columns */
  d: number;
  /** extra columns computed from the input row (splines, interactions: terms.ts); coef, mean and
   *  sd cover the d input columns, then one entry per term */
  terms?: Term[];
  /** coefficients on standardized columns (x - mean) / sd */
  coef: Float64Array;
  intercept: number;
  mean: Float64Array;
  sd: Float64Array;
  solver: 'newton' | 'tfjs';
  nIter: number;
  converged: boolean;
  params: LogisticParams;
  version: 1;
}

/** sigmoid with engine-independent bits (detmath.ts) */
export { sigmoid };

/** Fits on X (n x d row-major) and y (0/1). Defaults: C=1, solver auto (Newton unless n*d^2 > 2e9). */
export async function fitLogistic(X: Matrix, y: Uint8Array, params: Partial<LogisticParams> = {}): Promise<LogisticModel> {
  const p = { ...LOGISTIC_DEFAULTS, ...params };
  const n = checkXy('logistic', X, y);
  const d = X.d;
  const { mean, sd } = columnStats(X, 1);
  const solver = p.solver === 'auto' ? (n * d * d > 2e9 ? 'tfjs' : 'newton') : p.solver;
  if (solver === 'tfjs') {
    const { fitLogisticTf } = await import('./logisticTf');
    const r = await fitLogisticTf(X, y, mean, sd, p);
    return { kind: 'logistic', d, ...r, mean, sd, solver, params: p, version: 1 };
  }
  const r = newton(X.data, y, d, mean, sd, 1 / p.C, p.maxIter);
  return { kind: 'logistic', d, ...r, mean, sd, solver, params: p, version: 1 };
}

/** X's rows in sparse form (row i: entries start[i] .. start[i+1]-1 of idx/val) and the most entries in one row. */
interface SparseRows {
  start: Int32Array;
  idx: Int32Array;
  val: Float64Array;
  maxNnz: number;
}

/**
 * Newton-Raphson with backtracking on the standardized problem. Sums run over the raw
 * (mostly one-hot, sparse) rows: z uses raw-scale coefficients, and the standardized
 * gradient and Hessian are recovered from raw moments (sum r x, sum w x x^T) by centering
 * and scaling afterwards, so a row costs O(nnz^2) instead of O(d^2).
 * Each loop over the rows is a function of its own (sparseRows, logitsAndLoss, rawMoments,
 * standardizedSystem): in the browser V8 compiled this function, one long call per fit, over
 * again for each loop it entered on the stack (OSR, the whole function each time), ~0.3 s of
 * background compiling per analysis on a warmed page; small functions are compiled once and reused.
 */
function newton(X: Float64Array, y: Uint8Array, d: number, mean: Float64Array, sd: Float64Array, lambda: number, maxIter: number) {
  const n = X.length / d;
  const m = d + 1; // last slot = intercept
  const rows = sparseRows(X, n, d);
  const c = new Float64Array(m);
  const w = new Float64Array(m);
  let z = new Float64Array(n);
  let zNew = new Float64Array(n);
  let f = logitsAndLoss(w, z, c, rows, y, d, mean, sd, lambda);
  let nIter = 0;
  let converged = false;
  const S = new Float64Array(m * m); // raw moments, lower triangle; row d = intercept
  const Gr = new Float64Array(m);
  const g = new Float64Array(m);
  const H = new Float64Array(m * m);
  // one row's nonzeros, copied out: the pair loop reads them ~nnz/2 times each
  const scratch = { at: new Int32Array(rows.maxNnz), col: new Int32Array(rows.maxNnz), val: new Float64Array(rows.maxNnz) };
  // Far from the optimum any positive-definite Hessian gives a descent direction: the first
  // iterations take it from every SUB-th row (scaled up), the last ones from all rows.
  const SUB = Math.min(8, Math.floor(n / (12 * m))); // >= 12 sampled rows per parameter
  const SUB_UNTIL = 0.1; // largest coefficient change below which all rows are used
  let sub = SUB >= 2;
  while (nIter < maxIter) {
    nIter++;
    rawMoments(z, y, rows, sub ? SUB : 1, S, Gr, scratch, d);
    if (sub) {
      // the sampled rows stand for all n: scale their moments (lower triangle and row d)
      const scale = n / Math.ceil(n / SUB);
      for (let a = 0; a < m * m; a++) S[a] *= scale;
    }
    standardizedSystem(S, Gr, w, mean, sd, lambda, d, g, H);
    const step = solveSpd(H, g, m);
    // backtracking keeps Newton monotone on badly separated data
    let t = 1;
    let wNew = w;
    let fNew = f;
    for (let k = 0; k < 30; k++) {
      wNew = w.map((v, a) => v - t * step[a]);
      fNew = logitsAndLoss(wNew, zNew, c, rows, y, d, mean, sd, lambda);
      if (fNew <= f + 1e-12) break;
      t /= 2;
    }
    let maxStep = 0;
    for (let a = 0; a < m; a++) maxStep = Math.max(maxStep, Math.abs(wNew[a] - w[a]));
    w.set(wNew);
    [z, zNew] = [zNew, z];
    const df = f - fNew;
    f = fNew;
    if (sub) {
      if (maxStep < SUB_UNTIL) sub = false;
      continue;
    }
    if (maxStep < 1e-8 || df < 1e-10 * Math.max(1, Math.abs(f))) {
      converged = true;
      break;
    }
  }
  return { coef: w.slice(0, d), intercept: w[d], nIter, converged };
}

/** X (n x d row-major) as sparse rows. */
function sparseRows(X: Float64Array, n: number, d: number): SparseRows {
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
function logitsAndLoss(w: Float64Array, z: Float64Array, c: Float64Array, rows: SparseRows, y: Uint8Array, d: number, mean: Float64Array, sd: Float64Array, lambda: number): number {
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
function rawMoments(
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
function standardizedSystem(S: Float64Array, Gr: Float64Array, w: Float64Array, mean: Float64Array, sd: Float64Array, lambda: number, d: number, g: Float64Array, H: Float64Array): void {
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

/** Linear predictor (logit) per row of X n x d. */
export function logitLogistic(model: LogisticModel, X: Matrix): Float64Array {
  const { coef, mean, sd } = model;
  const n = checkX('logistic', X, model.d);
  const D = coef.length;
  const Xe = model.terms ? expandRows(X, model.terms).data : X.data;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = model.intercept;
    for (let j = 0; j < D; j++) z += coef[j] * ((Xe[i * D + j] - mean[j]) / sd[j]);
    out[i] = z;
  }
  return out;
}

/** Churn probability per row of X n x d. */
export function predictLogistic(model: LogisticModel, X: Matrix): Float64Array {
  return logitLogistic(model, X).map(sigmoid);
}

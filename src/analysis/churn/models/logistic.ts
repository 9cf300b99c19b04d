/**
 * L2-regularised logistic regression (scikit-learn LogisticRegression(C) on standardized
 * columns: loss = sum log-loss + ||w||^2 / (2C), intercept unpenalised). Two solvers: exact
 * Newton in plain TypeScript (default; fast for d up to a few hundred) and full-batch Adam
 * in tfjs (logisticTf.ts, the backend path for very large n * d^2).
 */
import { checkX, checkXy } from './validate';
import { columnStats, type Matrix } from '../../math/matrix';
import { solveSpd } from '../../math/linalg';
import { sigmoid } from '../../math/detmath';
import { logitsAndLoss, rawMoments, sparseRows, standardizedSystem } from './logisticRows';
import { termValue, type Term } from './terms';

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

/** Linear predictor (logit) per row of X n x d. The extra terms' values are computed per row, in
 *  column order (the same sums as over expandRows' matrix), not materialised: n x (d + terms) of
 *  garbage per call, ~22 MB per 50,000-row chunk, that a browser worker holds until its next full GC. */
export function logitLogistic(model: LogisticModel, X: Matrix): Float64Array {
  const { coef, mean, sd, d } = model;
  const n = checkX('logistic', X, d);
  const terms = model.terms ?? [];
  const x = X.data;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = i * d;
    let z = model.intercept;
    for (let j = 0; j < d; j++) z += coef[j] * ((x[row + j] - mean[j]) / sd[j]);
    for (let e = 0; e < terms.length; e++) z += coef[d + e] * ((termValue(terms[e], x, row) - mean[d + e]) / sd[d + e]);
    out[i] = z;
  }
  return out;
}

/** Churn probability per row of X n x d. */
export function predictLogistic(model: LogisticModel, X: Matrix): Float64Array {
  return logitLogistic(model, X).map(sigmoid);
}

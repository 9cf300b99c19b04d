/**
 * L2-regularised logistic regression (scikit-learn LogisticRegression(C) on standardized
 * columns: loss = sum log-loss + ||w||^2 / (2C), intercept unpenalised). Two solvers: exact
 * Newton in plain TypeScript (default; fast for d up to a few hundred) and full-batch Adam
 * in tfjs (logisticTf.ts, the backend path for very large n * d^2).
 */
import { checkX, checkXy } from './validate';
import { solveSpd } from './linalg';

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
  d: number;
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

/** Column means and sds (sd 1 for constant columns) of X n x d. */
export function columnStats(X: Float64Array, d: number): { mean: Float64Array; sd: Float64Array } {
  const n = X.length / d;
  const mean = new Float64Array(d);
  const sd = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += X[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) sd[j] += (X[i * d + j] - mean[j]) ** 2;
  for (let j = 0; j < d; j++) sd[j] = sd[j] > 1e-12 * n ? Math.sqrt(sd[j] / n) : 1;
  return { mean, sd };
}

export const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Fits on X (n x d row-major) and y (0/1). Defaults: C=1, solver auto (Newton unless n*d^2 > 2e9). */
export async function fitLogistic(
  X: Float64Array,
  y: Uint8Array,
  d: number,
  params: Partial<LogisticParams> = {},
): Promise<LogisticModel> {
  const p = { ...LOGISTIC_DEFAULTS, ...params };
  const n = checkXy('logistic', X, y, d);
  const { mean, sd } = columnStats(X, d);
  const solver = p.solver === 'auto' ? (n * d * d > 2e9 ? 'tfjs' : 'newton') : p.solver;
  if (solver === 'tfjs') {
    const { fitLogisticTf } = await import('./logisticTf');
    const r = await fitLogisticTf(X, y, d, mean, sd, p);
    return { kind: 'logistic', d, ...r, mean, sd, solver, params: p, version: 1 };
  }
  const r = newton(X, y, d, mean, sd, 1 / p.C, p.maxIter);
  return { kind: 'logistic', d, ...r, mean, sd, solver, params: p, version: 1 };
}

function newton(X: Float64Array, y: Uint8Array, d: number, mean: Float64Array, sd: Float64Array, lambda: number, maxIter: number) {
  const n = X.length / d;
  const m = d + 1; // last slot = intercept
  const w = new Float64Array(m);
  const xs = new Float64Array(m);
  xs[d] = 1;
  const objective = (w: Float64Array) => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      let z = w[d];
      for (let j = 0; j < d; j++) z += w[j] * ((X[i * d + j] - mean[j]) / sd[j]);
      // log(1 + e^z) - y z, stably
      s += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[i] * z;
    }
    for (let j = 0; j < d; j++) s += 0.5 * lambda * w[j] * w[j];
    return s;
  };
  let f = objective(w);
  let nIter = 0;
  let converged = false;
  while (nIter < maxIter) {
    nIter++;
    const g = new Float64Array(m);
    const H = new Float64Array(m * m);
    for (let i = 0; i < n; i++) {
      let z = w[d];
      for (let j = 0; j < d; j++) {
        xs[j] = (X[i * d + j] - mean[j]) / sd[j];
        z += w[j] * xs[j];
      }
      const pr = sigmoid(z);
      const r = pr - y[i];
      const wt = Math.max(pr * (1 - pr), 1e-12);
      for (let a = 0; a < m; a++) {
        g[a] += r * xs[a];
        const wa = wt * xs[a];
        for (let b = 0; b <= a; b++) H[a * m + b] += wa * xs[b];
      }
    }
    for (let a = 0; a < m; a++) for (let b = 0; b < a; b++) H[b * m + a] = H[a * m + b];
    for (let j = 0; j < d; j++) {
      g[j] += lambda * w[j];
      H[j * m + j] += lambda;
    }
    const step = solveSpd(H, g, m);
    // backtracking keeps Newton monotone on badly separated data
    let t = 1;
    let wNew = w;
    let fNew = f;
    for (let k = 0; k < 30; k++) {
      wNew = w.map((v, a) => v - t * step[a]);
      fNew = objective(wNew);
      if (fNew <= f + 1e-12) break;
      t /= 2;
    }
    let maxStep = 0;
    for (let a = 0; a < m; a++) maxStep = Math.max(maxStep, Math.abs(wNew[a] - w[a]));
    w.set(wNew);
    const df = f - fNew;
    f = fNew;
    if (maxStep < 1e-8 || df < 1e-10 * Math.max(1, Math.abs(f))) {
      converged = true;
      break;
    }
  }
  return { coef: w.slice(0, d), intercept: w[d], nIter, converged };
}

/** Linear predictor (logit) per row of X n x d. */
export function logitLogistic(model: LogisticModel, X: Float64Array): Float64Array {
  const { d, coef, mean, sd } = model;
  const n = checkX('logistic', X, d);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = model.intercept;
    for (let j = 0; j < d; j++) z += coef[j] * ((X[i * d + j] - mean[j]) / sd[j]);
    out[i] = z;
  }
  return out;
}

/** Churn probability per row of X n x d. */
export function predictLogistic(model: LogisticModel, X: Float64Array): Float64Array {
  return logitLogistic(model, X).map(sigmoid);
}

/**
 * Cox proportional-hazards model with a ridge penalty and Efron's handling of tied event times,
 * fitted by Newton-Raphson (with step halving) on the penalised log partial likelihood
 *   l(b) - (l2 / 2) * |b|^2
 * over plain Float64Arrays (X n x d row-major). Covariates are standardised inside the fit (the
 * means and scales are part of the model) so one penalty fits every column. A model is data only.
 */
import { AnalysisError } from '../errors';
import type { Warning } from '../types';

export interface CoxParams {
  /** ridge penalty on the standardised coefficients (default 1) */
  l2: number;
  maxIter: number;
  /** stop when the penalised log-likelihood improves by less than tol * (1 + |value|) */
  tol: number;
}
export const COX_DEFAULTS: CoxParams = { l2: 1, maxIter: 50, tol: 1e-10 };

export interface CoxModel {
  /** coefficients on the standardised columns */
  beta: Float64Array;
  mean: Float64Array;
  /** 1 for constant columns */
  scale: Float64Array;
  d: number;
  /** Breslow baseline cumulative hazard at the distinct event times (ascending), for a standardised x = 0 */
  times: Float64Array;
  cumHazard: Float64Array;
  /** penalised log partial likelihood at beta */
  logLik: number;
  nIter: number;
  converged: boolean;
  params: CoxParams;
  warnings: Warning[];
  version: 1;
}

/** Row order by time descending, so risk sets (time >= t) are prefixes. */
function descendingOrder(time: ArrayLike<number>): Int32Array {
  const o = Int32Array.from({ length: time.length }, (_, i) => i);
  return o.sort((a, b) => time[b] - time[a] || a - b);
}

/**
 * Efron log partial likelihood (no penalty), its gradient and the negative Hessian at beta.
 * Z is the (already standardised) design. Exported for the hand-computed tests.
 */
export function efron(Z: Float64Array, d: number, time: ArrayLike<number>, event: ArrayLike<number>, beta: Float64Array, order = descendingOrder(time)): { ll: number; grad: Float64Array; info: Float64Array } {
  const n = time.length;
  const w = new Float64Array(n);
  const eta = new Float64Array(n);
  const nzStart = new Int32Array(n + 1);
  const nzCol: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) if (Z[i * d + j] !== 0) nzCol.push(j);
    nzStart[i + 1] = nzCol.length;
  }
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += Z[i * d + j] * beta[j];
    eta[i] = s;
    w[i] = Math.exp(s);
  }
  let ll = 0;
  const grad = new Float64Array(d);
  const info = new Float64Array(d * d);
  // running risk-set sums (everyone with time >= current)
  let r0 = 0;
  const r1 = new Float64Array(d);
  const r2 = new Float64Array(d * d);
  // sums over the tied events of the current time
  const e1 = new Float64Array(d);
  const e2 = new Float64Array(d * d);
  const a1 = new Float64Array(d);
  let p = 0;
  while (p < n) {
    const t = time[order[p]];
    let q = p;
    let nd = 0;
    let e0 = 0;
    e1.fill(0);
    e2.fill(0);
    for (; q < n && time[order[q]] === t; q++) {
      const i = order[q];
      const wi = w[i];
      r0 += wi;
      // one-hot rows are mostly zero: the outer products run over the row's non-zero entries
      const a = nzStart[i];
      const b = nzStart[i + 1];
      for (let u = a; u < b; u++) {
        const j = nzCol[u];
        const zj = Z[i * d + j];
        r1[j] += wi * zj;
        for (let v = a; v <= u; v++) r2[j * d + nzCol[v]] += wi * zj * Z[i * d + nzCol[v]];
      }
      if (!event[i]) continue;
      nd++;
      e0 += wi;
      ll += eta[i];
      for (let u = a; u < b; u++) {
        const j = nzCol[u];
        const zj = Z[i * d + j];
        grad[j] += zj;
        e1[j] += wi * zj;
        for (let v = a; v <= u; v++) e2[j * d + nzCol[v]] += wi * zj * Z[i * d + nzCol[v]];
      }
    }
    for (let l = 0; l < nd; l++) {
      const f = l / nd;
      const den = r0 - f * e0;
      ll -= Math.log(den);
      for (let j = 0; j < d; j++) {
        a1[j] = (r1[j] - f * e1[j]) / den;
        grad[j] -= a1[j];
      }
      for (let j = 0; j < d; j++)
        for (let k = 0; k <= j; k++) info[j * d + k] += (r2[j * d + k] - f * e2[j * d + k]) / den - a1[j] * a1[k];
    }
    p = q;
  }
  for (let j = 0; j < d; j++) for (let k = 0; k < j; k++) info[k * d + j] = info[j * d + k];
  return { ll, grad, info };
}

/** Solves A x = b for a symmetric positive definite A (Cholesky); A and b are not modified. */
function cholSolve(A: Float64Array, b: Float64Array, d: number): Float64Array {
  const L = new Float64Array(d * d);
  for (let i = 0; i < d; i++)
    for (let j = 0; j <= i; j++) {
      let s = A[i * d + j];
      for (let k = 0; k < j; k++) s -= L[i * d + k] * L[j * d + k];
      L[i * d + j] = i === j ? Math.sqrt(Math.max(s, 1e-300)) : s / L[j * d + j];
    }
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

/** Centres and scales X with the given mean/scale into a new array. */
export function standardise(X: Float64Array, d: number, mean: Float64Array, scale: Float64Array): Float64Array {
  const Z = new Float64Array(X.length);
  for (let i = 0; i < X.length; i++) Z[i] = (X[i] - mean[i % d]) / scale[i % d];
  return Z;
}

/** Fits the penalised Cox model. `init` (standardised coefficients) only moves Newton's starting point: the penalised
 *  objective is strictly concave, so the solution is the same. */
export function fitCox(X: Float64Array, d: number, time: ArrayLike<number>, event: ArrayLike<number>, params: Partial<CoxParams> = {}, init?: Float64Array): CoxModel {
  const p: CoxParams = { ...COX_DEFAULTS, ...params };
  const n = time.length;
  if (n === 0 || X.length !== n * d) throw new AnalysisError('survival/bad-input', `fitCox: X has ${X.length} values, expected n=${n} x d=${d} (n > 0)`);
  if (event.length !== n) throw new AnalysisError('survival/bad-input', `fitCox: event has ${event.length} values, expected ${n}`);
  let nEvents = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(time[i]) || time[i] < 0) throw new AnalysisError('survival/bad-input', `fitCox: time[${i}]=${time[i]} must be a finite number >= 0`);
    if (event[i]) nEvents++;
  }
  for (let i = 0; i < X.length; i++) if (!Number.isFinite(X[i])) throw new AnalysisError('survival/bad-input', `fitCox: X[${i}] is not finite`);
  if (nEvents === 0) throw new AnalysisError('survival/no-events', 'fitCox: no events (nobody left), a hazard cannot be estimated');
  const mean = new Float64Array(d);
  const scale = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += X[i * d + j] / n;
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) scale[j] += (X[i * d + j] - mean[j]) ** 2 / n;
  for (let j = 0; j < d; j++) scale[j] = scale[j] > 1e-24 ? Math.sqrt(scale[j]) : 1;
  // Centring leaves the partial likelihood, its gradient and information unchanged (a common shift
  // of x.b cancels in every risk-set ratio), so the fit runs on scaled, uncentred columns, which
  // keeps one-hot zeros sparse; the baseline hazard below uses the centred columns.
  const Zs = standardise(X, d, new Float64Array(d), scale);
  const order = descendingOrder(time);
  const penalised = (b: Float64Array) => {
    const r = efron(Zs, d, time, event, b, order);
    let ss = 0;
    for (let j = 0; j < d; j++) {
      ss += b[j] * b[j];
      r.grad[j] -= p.l2 * b[j];
      r.info[j * d + j] += p.l2;
    }
    return { ...r, ll: r.ll - 0.5 * p.l2 * ss };
  };
  let beta = init && init.length === d ? Float64Array.from(init) : new Float64Array(d);
  let cur = penalised(beta);
  let converged = false;
  let it = 0;
  for (; it < p.maxIter && !converged; it++) {
    const step = cholSolve(cur.info, cur.grad, d);
    let s = 1;
    for (let half = 0; half < 30; half++, s /= 2) {
      const nb = beta.map((b, j) => b + s * step[j]);
      const next = penalised(nb);
      if (next.ll >= cur.ll - 1e-12 * Math.abs(cur.ll)) {
        converged = next.ll - cur.ll < p.tol * (1 + Math.abs(cur.ll));
        beta = nb;
        cur = next;
        break;
      }
    }
  }
  const warnings: Warning[] = converged ? [] : [{ code: 'survival/not-converged', message: `Cox model: Newton-Raphson did not converge in ${p.maxIter} iterations`, count: 1 }];
  const base = breslow(standardise(X, d, mean, scale), d, time, event, beta, order);
  return { beta, mean, scale, d, ...base, logLik: cur.ll, nIter: it, converged, params: p, warnings, version: 1 };
}

/** Breslow baseline cumulative hazard at the distinct event times, ascending. */
function breslow(Z: Float64Array, d: number, time: ArrayLike<number>, event: ArrayLike<number>, beta: Float64Array, order: Int32Array): { times: Float64Array; cumHazard: Float64Array } {
  const n = time.length;
  const ts: number[] = [];
  const inc: number[] = [];
  let r0 = 0;
  for (let p = 0; p < n; ) {
    const t = time[order[p]];
    let nd = 0;
    for (; p < n && time[order[p]] === t; p++) {
      const i = order[p];
      let s = 0;
      for (let j = 0; j < d; j++) s += Z[i * d + j] * beta[j];
      r0 += Math.exp(s);
      if (event[i]) nd++;
    }
    if (nd > 0) {
      ts.push(t);
      inc.push(nd / r0);
    }
  }
  ts.reverse();
  inc.reverse();
  const cumHazard = new Float64Array(inc.length);
  let c = 0;
  inc.forEach((h, k) => (cumHazard[k] = c += h));
  return { times: Float64Array.from(ts), cumHazard };
}

/** Linear predictor x.b (log relative hazard) per row of X (n x d, raw scale). Higher = leaves sooner. */
export function predictCoxRisk(model: CoxModel, X: Float64Array): Float64Array {
  const { d, beta, mean, scale } = model;
  const n = X.length / d;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += ((X[i * d + j] - mean[j]) / scale[j]) * beta[j];
    out[i] = s;
  }
  return out;
}

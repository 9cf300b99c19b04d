/**
 * Cox proportional-hazards model with a ridge penalty and Efron's handling of tied event times,
 * fitted by Newton-Raphson (with step halving) on the penalised log partial likelihood
 *   l(b) - (l2 / 2) * |b|^2
 * over a Matrix X (n x d). Covariates are standardised inside the fit (analysis/math's column
 * statistics; the means and scales are part of the model) so one penalty fits every column; Newton
 * steps solve with analysis/math's Cholesky factor. A model is data only.
 */
import { AnalysisError } from '../errors';
import type { Warning } from '../types';
import { coxData, efronAt, type CoxData } from './efron';
import { cholFactor, cholSolve } from '../math/linalg';
import { columnStats, type Matrix } from '../math/matrix';
import { exp as detExp } from '../math/detmath';

export { efron } from './efron';

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
  /** penalised log partial likelihood at the last evaluated beta (the final Newton step, when its promised gain is below tol, is not re-evaluated) */
  logLik: number;
  nIter: number;
  converged: boolean;
  params: CoxParams;
  warnings: Warning[];
  version: 1;
}

/** Fits the penalised Cox model. `init` (standardised coefficients) only moves Newton's starting point: the penalised
 *  objective is strictly concave, so the solution is the same. */
export function fitCox(Xm: Matrix, time: ArrayLike<number>, event: ArrayLike<number>, params: Partial<CoxParams> = {}, init?: Float64Array): CoxModel {
  const p: CoxParams = { ...COX_DEFAULTS, ...params };
  const n = time.length;
  const { d, data: X } = Xm;
  if (n === 0 || Xm.n !== n || X.length !== n * d) throw new AnalysisError('survival/bad-input', `fitCox: X has ${X.length} values, expected n=${n} x d=${d} (n > 0)`);
  if (event.length !== n) throw new AnalysisError('survival/bad-input', `fitCox: event has ${event.length} values, expected ${n}`);
  let nEvents = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(time[i]) || time[i] < 0) throw new AnalysisError('survival/bad-input', `fitCox: time[${i}]=${time[i]} must be a finite number >= 0`);
    if (event[i]) nEvents++;
  }
  if (nEvents === 0) throw new AnalysisError('survival/no-events', 'fitCox: no events (nobody left), a hazard cannot be estimated');
  for (let u = 0; u < X.length; u++) if (!Number.isFinite(X[u])) throw new AnalysisError('survival/bad-input', `fitCox: X[${u}] is not finite`);
  // population sd; a constant column (up to rounding) gets scale 1
  const { mean, sd: scale } = columnStats(Xm, 1);
  // Centring leaves the partial likelihood, its gradient and information unchanged (a common shift
  // of x.b cancels in every risk-set ratio), so the fit runs on scaled, uncentred columns, which
  // keeps one-hot zeros sparse; the baseline hazard below uses the centred columns.
  const data = coxData(X, d, time, event, scale);
  const penalised = (b: Float64Array, withInfo: boolean) => {
    const r = efronAt(data, b, withInfo);
    let ss = 0;
    for (let j = 0; j < d; j++) {
      ss += b[j] * b[j];
      r.grad[j] -= p.l2 * b[j];
      if (r.info) r.info[j * d + j] += p.l2;
    }
    return { ...r, ll: r.ll - 0.5 * p.l2 * ss };
  };
  let beta = init && init.length === d ? Float64Array.from(init) : new Float64Array(d);
  let cur = penalised(beta, true);
  // Newton with a kept Hessian: the information (the costly part) is recomputed only when the last
  // step's promised gain did not shrink tenfold; a warm start then needs one information evaluation
  let L = cholFactor(cur.info!, d);
  let fresh = true;
  let prevDec = Infinity;
  let converged = false;
  let it = 0;
  for (; it < p.maxIter && !converged; it++) {
    let step = cholSolve(L, cur.grad, d);
    let dec = dot(cur.grad, step);
    if (!fresh && dec > 0.1 * prevDec) {
      cur = penalised(beta, true);
      L = cholFactor(cur.info!, d);
      step = cholSolve(L, cur.grad, d);
      dec = dot(cur.grad, step);
      fresh = true;
    }
    // Newton decrement: g'H^-1 g / 2 is the gain the step promises; below the tolerance the step is
    // taken without evaluating the likelihood again. A kept Hessian's last step only shrinks the
    // error linearly (not quadratically), so it must promise a million times less.
    if (dec / 2 < (fresh ? 1 : 1e-6) * p.tol * (1 + Math.abs(cur.ll))) {
      beta = beta.map((b, j) => b + step[j]);
      converged = true;
      break;
    }
    let s = 1;
    let accepted = false;
    for (let half = 0; half < 30; half++, s /= 2) {
      const nb = beta.map((b, j) => b + s * step[j]);
      const next = penalised(nb, false);
      if (next.ll >= cur.ll - 1e-12 * Math.abs(cur.ll)) {
        beta = nb;
        cur = next;
        accepted = true;
        break;
      }
    }
    if (!accepted) break;
    fresh = false;
    prevDec = s === 1 ? dec : 0; // a halved step forces fresh information next time
  }
  const warnings: Warning[] = converged ? [] : [{ code: 'survival/not-converged', message: `Cox model: Newton-Raphson did not converge in ${p.maxIter} iterations`, count: 1 }];
  let centre = 0;
  for (let j = 0; j < d; j++) centre += (mean[j] / scale[j]) * beta[j];
  const base = breslow(data, beta, time, centre);
  return { beta, mean, scale, d, ...base, logLik: cur.ll, nIter: it, converged, params: p, warnings, version: 1 };
}

/** Breslow baseline cumulative hazard at the distinct event times, ascending, for a centred x = 0:
 *  the sorted design is uncentred, so each weight exp(z.b) is divided by exp(centre.b). */
function breslow(data: CoxData, beta: Float64Array, time: ArrayLike<number>, centre: number): { times: Float64Array; cumHazard: Float64Array } {
  const { rowStart, col, val, event, groupStart, order } = data;
  const ts: number[] = [];
  const inc: number[] = [];
  let r0 = 0;
  // one loop over the sorted rows, a tie group closed at its last row (nested loops per group were
  // compiled by V8 on the stack and that code thrown away at each inner loop's exit: bench/deopts.ts)
  let g = 0;
  let nd = 0;
  for (let p = 0; p < data.n; p++) {
    r0 += detExp(sparseDot(rowStart, col, val, beta, p, -centre));
    nd += event[p];
    if (p + 1 === groupStart[g + 1]) {
      if (nd > 0) {
        ts.push(time[order[groupStart[g]]]);
        inc.push(nd / r0);
      }
      g++;
      nd = 0;
    }
  }
  ts.reverse();
  inc.reverse();
  const cumHazard = new Float64Array(inc.length);
  let c = 0;
  inc.forEach((h, k) => (cumHazard[k] = c += h));
  return { times: Float64Array.from(ts), cumHazard };
}

/** s0 + sorted row p's x.beta (its sparse entries in order). */
function sparseDot(rowStart: Int32Array, col: Int32Array, val: Float64Array, beta: Float64Array, p: number, s0: number): number {
  let s = s0;
  for (let u = rowStart[p]; u < rowStart[p + 1]; u++) s += val[u] * beta[col[u]];
  return s;
}

const dot = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j] * b[j];
  return s;
};

/** Linear predictor x.b (log relative hazard) per row of X (n x d, raw scale). Higher = leaves sooner. */
export function predictCoxRisk(model: CoxModel, Xm: Matrix): Float64Array {
  const { d, beta, mean, scale } = model;
  const { n, data: X } = Xm;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += ((X[i * d + j] - mean[j]) / scale[j]) * beta[j];
    out[i] = s;
  }
  return out;
}

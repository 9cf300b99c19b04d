/**
 * Proportional-hazards check by scaled Schoenfeld residuals (Grambsch & Therneau 1994; lifelines'
 * check_assumptions, R's cox.zph): at each event, the residual r is the covariates minus their
 * risk-weighted mean over those still there (Efron's average over tied events); scaled,
 * r* = D V r + b (V the inverse information, D the number of events) estimates the coefficient at
 * that time, so under proportional hazards it has no trend. Per covariate the test is the
 * correlation rho of r*_j with the rank of the event time (ties: mean rank), as a chi-square with
 * 1 degree of freedom: (D - 2) rho^2 / (1 - rho^2).
 * Why not lifelines' statistic (sum (g - mean g) r*_j)^2 / (D V_jj sum (g - mean g)^2): it takes
 * D V_jj as the variance of r*_j, which fails for our design, where every level of a category has a
 * column and only the ridge keeps V finite: V_jj is then far larger than the residuals' spread
 * and no column ever fails (on Telco, Contract=Month-to-month with rho = -0.15 over 1,869 events
 * got chi2 = 0.08).
 */
import type { CoxModel } from './cox';
import { cholFactor, cholInverse } from '../math/linalg';
import type { Matrix } from '../math/matrix';
import { coxData, efronAt, type CoxData } from './efron';
import { exp as detExp } from '../math/detmath';

export interface PhTest {
  /** design column name */
  column: string;
  /** correlation of the scaled residuals with the rank of the event time (cox.zph's rho) */
  rho: number;
  chi2: number;
  p: number;
}

/** lifelines' check_assumptions default: p below this fails the check. */
export const PH_P_THRESHOLD = 0.01;

/** Upper tail of the chi-square distribution with 1 degree of freedom: erfc(sqrt(x / 2)). */
export function chi2Sf1(x: number): number {
  return erfc(Math.sqrt(Math.max(0, x) / 2));
}

/** Complementary error function (Numerical Recipes' erfcc, relative error < 1.2e-7). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r = t * detExp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}

/** Tests every design column of a fitted model (beta on the prepared design `data`, ridge l2). */
export function schoenfeldTest(data: CoxData, beta: Float64Array, l2: number, names: string[]): PhTest[] {
  const { n, d, rowStart, col, val, event, groupStart } = data;
  const full = efronAt(data, beta, true);
  const info = full.info!;
  for (let j = 0; j < d; j++) info[j * d + j] += l2;
  const V = cholInverse(cholFactor(info, d), d);
  const w = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    let s = 0;
    for (let u = rowStart[p]; u < rowStart[p + 1]; u++) s += val[u] * beta[col[u]];
    w[p] = detExp(s);
  }
  // Event groups in time order (the data are sorted by time descending: risk sets are prefixes)
  const nGroups = groupStart.length - 1;
  const groupEvents = new Int32Array(nGroups);
  let D = 0;
  for (let g = 0; g < nGroups; g++) {
    for (let p = groupStart[g]; p < groupStart[g + 1]; p++) groupEvents[g] += event[p];
    D += groupEvents[g];
  }
  if (D < 3) return [];
  // rank of each event time among the D event times (ascending, ties share their mean rank)
  const rank = new Float64Array(nGroups);
  let below = 0;
  for (let g = nGroups - 1; g >= 0; g--) {
    if (groupEvents[g] === 0) continue;
    rank[g] = below + (groupEvents[g] + 1) / 2;
    below += groupEvents[g];
  }
  const gMean = (D + 1) / 2;
  // pass over the groups: residual r = z - xbar per event, s = V r; sums of (g - mean) s, s, s^2
  let r0 = 0;
  const r1 = new Float64Array(d);
  const e1 = new Float64Array(d);
  const xbar = new Float64Array(d);
  const r = new Float64Array(d);
  const sg = new Float64Array(d);
  const s1 = new Float64Array(d);
  const s2 = new Float64Array(d);
  let gg = 0;
  for (let g = 0; g < nGroups; g++) {
    let e0 = 0;
    e1.fill(0);
    for (let p = groupStart[g]; p < groupStart[g + 1]; p++) {
      r0 += w[p];
      for (let u = rowStart[p]; u < rowStart[p + 1]; u++) r1[col[u]] += w[p] * val[u];
      if (!event[p]) continue;
      e0 += w[p];
      for (let u = rowStart[p]; u < rowStart[p + 1]; u++) e1[col[u]] += w[p] * val[u];
    }
    const nd = groupEvents[g];
    if (nd === 0) continue;
    // Efron: the mean over the tied events of the l-th risk set's weighted mean (r1 - f e1) / (r0 - f e0)
    let a = 0;
    let b = 0;
    for (let l = 0; l < nd; l++) {
      const f = l / nd;
      const den = r0 - f * e0;
      a += 1 / den / nd;
      b += f / den / nd;
    }
    for (let j = 0; j < d; j++) xbar[j] = r1[j] * a - e1[j] * b;
    const dg = rank[g] - gMean;
    for (let p = groupStart[g]; p < groupStart[g + 1]; p++) {
      if (!event[p]) continue;
      for (let j = 0; j < d; j++) r[j] = -xbar[j];
      for (let u = rowStart[p]; u < rowStart[p + 1]; u++) r[col[u]] += val[u];
      for (let j = 0; j < d; j++) {
        let s = 0;
        for (let k = 0; k < d; k++) s += V[j * d + k] * r[k];
        s *= D;
        sg[j] += dg * s;
        s1[j] += s;
        s2[j] += s * s;
      }
      gg += dg * dg;
    }
  }
  return names.map((column, j) => {
    const ss = s2[j] - (s1[j] * s1[j]) / D;
    const rho = ss > 1e-12 * s2[j] && gg > 0 ? Math.max(-1, Math.min(1, sg[j] / Math.sqrt(ss * gg))) : 0;
    const chi2 = rho * rho < 1 ? ((D - 2) * rho * rho) / (1 - rho * rho) : Infinity;
    return { column, rho, chi2, p: chi2Sf1(chi2) };
  });
}

/** The check for a model fitted by fitCox on X (n x d raw), time and event. */
export function checkProportionalHazards(model: CoxModel, X: Matrix, time: ArrayLike<number>, event: ArrayLike<number>, names: string[]): PhTest[] {
  return schoenfeldTest(coxData(X.data, model.d, time, event, model.scale), model.beta, model.params.l2, names);
}

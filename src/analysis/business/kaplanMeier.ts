/**
 * Kaplan-Meier product-limit survival over tenure: churn = event, still active = censored.
 * At a tied time, every event at t and every censoring at t share the same risk set
 * (those with time >= t), the standard convention: S(t) = prod_{t_j <= t} (1 - d_j / n_j).
 */
import { AnalysisError } from '../errors';
import type { TableKind } from '../types';

/** How the retention curves are drawn, in words, for the analysts' fold of the page and the report. */
export const RETENTION_CURVE_METHOD =
  'Kaplan–Meier estimates over tenure: a customer who left counts as leaving in the month they left; a customer still ' +
  'active counts only up to their current tenure (censored), so recent customers are neither counted as staying nor as leaving beyond what the data shows.';

/** How the retention curves are drawn, for the table kind (a purchase log's customers leave at their last purchase:
 *  data/transactions.ts survivalMonths). */
export function retentionCurveMethod(kind: TableKind): string {
  if (kind !== 'transactions') return RETENTION_CURVE_METHOD;
  return (
    'Kaplan–Meier estimates over months since the first purchase: a customer who left (no purchase in the churn window) ' +
    'counts as leaving at their last purchase, so one who never bought again leaves in their first month; a customer who ' +
    'bought since counts up to the end of the log (censored), neither as staying nor as leaving beyond what the data shows.'
  );
}

/** A step curve: survival[i] holds from times[i] up to the next time. times[0] = 0. */
export interface KmCurve {
  times: number[];
  survival: number[];
  /** customers still at risk just before times[i] */
  atRisk: number[];
  /** events (churns) at times[i] */
  events: number[];
  n: number;
}

/** KM for one group. time: months >= 0; event: 1 = churned, 0 = censored. */
export function kaplanMeier(time: ArrayLike<number>, event: ArrayLike<number>): KmCurve {
  if (time.length !== event.length)
    throw new AnalysisError('bad-input', `kaplanMeier: time length ${time.length} != event length ${event.length}`);
  for (let i = 0; i < time.length; i++) {
    if (!(time[i] >= 0)) throw new AnalysisError('bad-input', `kaplanMeier: time[${i}]=${time[i]} must be a finite number >= 0`);
    if (!Number.isFinite(time[i])) throw new AnalysisError('bad-input', `kaplanMeier: time[${i}]=${time[i]} must be finite`);
  }
  const group = new Int32Array(time.length);
  return kaplanMeierGroups(time, event, group, 1)[0];
}

/** Distinct sorted times and each customer's slot among them; computed once, shared by every KM split. */
export interface TimeSlots {
  distinct: Float64Array;
  slot: Int32Array;
}

/** One native numeric sort (no comparator) plus a binary search per customer. */
export function timeSlots(time: ArrayLike<number>): TimeSlots {
  const n = time.length;
  const sorted = Float64Array.from(time).sort();
  let D = 0;
  for (let k = 0; k < n; k++) if (k === 0 || sorted[k] !== sorted[D - 1]) sorted[D++] = sorted[k];
  const distinct = sorted.slice(0, D);
  const slot = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const t = time[i];
    let lo = 0, hi = D - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (distinct[mid] < t) lo = mid + 1; else hi = mid;
    }
    slot[i] = lo;
  }
  return { distinct, slot };
}

/**
 * KM for several groups from one sort: group[i] in [0, nGroups) or -1 (left out).
 * Trusts its input (called from runBusiness with a validated frame). O(n log n + nGroups x distinct times).
 * slots: pass timeSlots(time) to share the sort between calls.
 */
export function kaplanMeierGroups(
  time: ArrayLike<number>,
  event: ArrayLike<number>,
  group: ArrayLike<number>,
  nGroups: number,
  slots: TimeSlots = timeSlots(time),
): KmCurve[] {
  const n = time.length;
  const { distinct, slot } = slots;
  const D = distinct.length;
  const d = new Int32Array(nGroups * D);
  const c = new Int32Array(nGroups * D);
  const size = new Int32Array(nGroups);
  for (let i = 0; i < n; i++) {
    const g = group[i];
    if (g < 0 || g >= nGroups) continue;
    size[g]++;
    if (event[i]) d[g * D + slot[i]]++;
    else c[g * D + slot[i]]++;
  }
  const curves: KmCurve[] = [];
  for (let g = 0; g < nGroups; g++) {
    const curve: KmCurve = { times: [], survival: [], atRisk: [], events: [], n: size[g] };
    let atRisk = size[g];
    let s = 1;
    for (let j = 0; j < D; j++) {
      const dj = d[g * D + j];
      const cj = c[g * D + j];
      if (dj + cj === 0) continue;
      if (curve.times.length === 0 && distinct[j] > 0) {
        curve.times.push(0); curve.survival.push(1); curve.atRisk.push(atRisk); curve.events.push(0);
      }
      s *= 1 - dj / atRisk;
      curve.times.push(distinct[j]); curve.survival.push(s); curve.atRisk.push(atRisk); curve.events.push(dj);
      atRisk -= dj + cj;
    }
    if (curve.times.length === 0) {
      curve.times.push(0); curve.survival.push(1); curve.atRisk.push(0); curve.events.push(0);
    }
    curves.push(curve);
  }
  return curves;
}

/** S(t): the step value at the last time <= t; null past the last observed time (unless S already 0). */
export function survivalAt(curve: KmCurve, t: number): number | null {
  const { times, survival } = curve;
  if (times.length === 0 || t < 0) return null;
  const last = times.length - 1;
  // past the longest observed tenure there is not enough history: no 0% at 24 months from 12 months of data
  if (t > times[last]) return null;
  let lo = 0, hi = last;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (times[mid] <= t) lo = mid; else hi = mid - 1;
  }
  return times[lo] <= t ? survival[lo] : 1;
}

/** Median lifetime: the first time at which S(t) <= 0.5; null when the curve never gets there. */
export function medianLifetime(curve: KmCurve): number | null {
  // tolerance: products like 9/10 x 5/9 land a hair above 0.5 in floating point
  for (let i = 0; i < curve.times.length; i++) if (curve.survival[i] <= 0.5 + 1e-12) return curve.times[i];
  return null;
}

/** P(still here at `to` | here at `from`) = S(to) / S(from); null when undefined. */
export function conditionalSurvival(curve: KmCurve, from: number, to: number): number | null {
  if (to < from) return null;
  const a = survivalAt(curve, from);
  const b = survivalAt(curve, to);
  if (a === null || b === null || a === 0) return null;
  return b / a;
}

/**
 * Per-customer survival from a fitted Cox model: S(t | x) = exp(-H0(t) exp(x.b)), and, for a
 * customer who has stayed t0 months, the conditional curve S(t0 + m | x) / S(t0 | x) and the
 * expected remaining months. The Breslow baseline says nothing past the longest observed tenure
 * (cap), so beyond it the baseline hazard is extended at its average monthly rate over the last
 * TAIL_MONTHS observed months (floored at TAIL_HAZARD_MIN): a constant-hazard tail, the same
 * assumption the average-hazard lifetime value makes for everyone. The expected remaining months
 * are counted within a horizon (the curve's length), not over an unbounded extrapolation.
 */
import type { CoxModel } from './cox';
import { exp as detExp } from '../math/detmath';

export const TAIL_MONTHS = 12;
/** What the curves read of a fitted model (a saved model keeps just these). */
export type Baseline = Pick<CoxModel, 'times' | 'cumHazard'>;
/** Floor of a customer's monthly hazard past the data (0.1%: keeps lifetimes finite, as business/clv's HAZARD_MIN). */
export const TAIL_HAZARD_MIN = 0.001;

/** Baseline cumulative hazard H0(t): the step function at the model's event times. */
export function baselineAt(model: Baseline, t: number): number {
  const { times, cumHazard } = model;
  let lo = 0;
  let hi = times.length; // first index with times[idx] > t
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 0 : cumHazard[lo - 1];
}

/** The baseline's average monthly hazard over the last TAIL_MONTHS months before cap. */
export function tailBaselineRate(model: Baseline, cap: number): number {
  const span = Math.min(TAIL_MONTHS, cap);
  return span > 0 ? (baselineAt(model, cap) - baselineAt(model, cap - span)) / span : 0;
}

/**
 * Conditional survival S(t0 + m) / S(t0) for m = 0..months (whole months ahead); the expected
 * remaining months within that horizon (the area under the conditional curve from t0 to t0 + months,
 * a restricted mean: exact for the step function up to cap, the exponential tail beyond it; bounded
 * by `months`, so an extrapolated tail cannot promise decades); and the customer's monthly hazard
 * beyond cap.
 */
export function conditionalSurvival(model: Baseline, eta: number, t0: number, months: number, cap: number, tailRate = tailBaselineRate(model, cap)): { curve: Float64Array; expectedRemaining: number; tailHazard: number } {
  const r = detExp(eta);
  const tailHazard = Math.max(tailRate * r, TAIL_HAZARD_MIN);
  const hCap = baselineAt(model, cap);
  const { times, cumHazard } = model;
  // H0 at t0 and along t0 + m, walking the event times once (t0 + m increases)
  let k = 0;
  const H = (t: number): number => {
    while (k < times.length && times[k] <= t) k++;
    return k === 0 ? 0 : cumHazard[k - 1];
  };
  const start = Math.min(t0, cap);
  const h0 = H(start);
  const curve = new Float64Array(months + 1);
  for (let m = 0; m <= months; m++) {
    const t = t0 + m;
    curve[m] = t <= cap ? detExp(-(H(t) - h0) * r) : detExp(-(hCap - h0) * r - tailHazard * (t - Math.max(t0, cap)));
  }
  // area from t0 to min(t0 + months, cap) over the step function, then the tail up to t0 + months
  const end = t0 + months;
  const stepEnd = Math.min(end, cap);
  let area = 0;
  let prevT = start;
  let prevS = 1;
  for (let e = 0; e < times.length && prevT < stepEnd; e++) {
    if (times[e] <= t0) continue;
    const t = Math.min(times[e], stepEnd);
    area += (t - prevT) * prevS;
    prevT = t;
    if (times[e] <= stepEnd) prevS = detExp(-(cumHazard[e] - h0) * r);
  }
  if (prevT < stepEnd) area += (stepEnd - prevT) * prevS;
  const tailLen = end - Math.max(t0, cap);
  if (tailLen > 0) area += (prevS * (1 - detExp(-tailHazard * tailLen))) / tailHazard;
  return { curve, expectedRemaining: Math.max(0, area), tailHazard };
}

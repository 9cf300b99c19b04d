/**
 * Per-customer survival from a fitted Cox model: S(t | x) = exp(-H0(t) exp(x.b)), and, for a
 * customer who has stayed t0 months, the conditional curve S(t0 + m | x) / S(t0 | x) and the
 * expected remaining months, the area under that curve up to the longest observed tenure
 * (the Breslow baseline says nothing past it, so the expectation is capped there).
 */
import type { CoxModel } from './cox';

/** Baseline cumulative hazard H0(t): the step function at the model's event times. */
export function baselineAt(model: CoxModel, t: number): number {
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

/**
 * Conditional survival S(t0 + m) / S(t0) for m = 0..months (whole months ahead), and the expected
 * remaining months: the integral of the conditional curve from t0 to cap (exact for the step function).
 */
export function conditionalSurvival(model: CoxModel, eta: number, t0: number, months: number, cap: number): { curve: Float64Array; expectedRemaining: number } {
  const r = Math.exp(eta);
  const h0 = baselineAt(model, t0);
  const curve = new Float64Array(months + 1);
  for (let m = 0; m <= months; m++) curve[m] = Math.exp(-(baselineAt(model, t0 + m) - h0) * r);
  // integrate the step function from t0 to cap over the event times in (t0, cap]
  let area = 0;
  let prevT = t0;
  let prevS = 1;
  const { times, cumHazard } = model;
  for (let k = 0; k < times.length && prevT < cap; k++) {
    if (times[k] <= t0) continue;
    const t = Math.min(times[k], cap);
    area += (t - prevT) * prevS;
    prevT = t;
    if (times[k] <= cap) prevS = Math.exp(-(cumHazard[k] - h0) * r);
  }
  if (prevT < cap) area += (cap - prevT) * prevS;
  return { curve, expectedRemaining: Math.max(0, area) };
}

/**
 * Time-dependent AUC, cumulative/dynamic (Uno et al. 2007, as scikit-survival's
 * cumulative_dynamic_auc): at a horizon t, cases are customers who left by t (time <= t, event),
 * weighted by the inverse probability of not being censored by their time, 1 / G(time), with G the
 * Kaplan-Meier curve of the censoring times fitted on the training rows; controls are customers
 * still here after t (time > t), unweighted. The AUC is the area under the ROC curve of the risk
 * score over thresholds, tied scores (within 1e-8) counting as one threshold.
 */

/** Kaplan-Meier curve of the censoring distribution ("reverse" KM): at each distinct time, the
 *  events there leave the risk set first, then the censored ones count as the "events". */
export function censoringSurvival(time: ArrayLike<number>, event: ArrayLike<number>): { times: Float64Array; prob: Float64Array } {
  const n = time.length;
  const o = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => time[a] - time[b]);
  const times: number[] = [];
  const prob: number[] = [];
  let g = 1;
  for (let p = 0; p < n; ) {
    const t = time[o[p]];
    const atRisk = n - p;
    let d = 0;
    let c = 0;
    for (; p < n && time[o[p]] === t; p++) {
      if (event[o[p]]) d++;
      else c++;
    }
    if (c > 0) g *= 1 - c / (atRisk - d);
    times.push(t);
    prob.push(g);
  }
  return { times: Float64Array.from(times), prob: Float64Array.from(prob) };
}

/** G(t): the step function at the largest fitted time <= t (1 before the first). */
export function censoringAt(g: { times: Float64Array; prob: Float64Array }, t: number): number {
  let lo = 0;
  let hi = g.times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (g.times[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 1 : g.prob[lo - 1];
}

/**
 * Cumulative/dynamic AUC of `risk` (higher = leaves sooner) at each horizon in `horizons`, on test
 * rows (testTime, testEvent), with censoring weights from the training rows. NaN at a horizon
 * without cases or controls, or where a case's censoring weight is infinite (G = 0).
 */
export function cumulativeDynamicAuc(
  train: { time: ArrayLike<number>; event: ArrayLike<number> },
  test: { time: ArrayLike<number>; event: ArrayLike<number> },
  risk: ArrayLike<number>,
  horizons: number[],
  tiedTol = 1e-8,
): number[] {
  const g = censoringSurvival(train.time, train.event);
  const n = risk.length;
  const ipcw = new Float64Array(n);
  for (let i = 0; i < n; i++) if (test.event[i]) ipcw[i] = 1 / censoringAt(g, test.time[i]);
  const o = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => risk[b] - risk[a] || a - b);
  return horizons.map((t) => {
    let caseW = 0;
    let controls = 0;
    for (let i = 0; i < n; i++) {
      if (test.time[i] <= t && test.event[i]) caseW += ipcw[i];
      else if (test.time[i] > t) controls++;
    }
    if (!(caseW > 0) || !Number.isFinite(caseW) || controls === 0) return NaN;
    let tp = 0;
    let fp = 0;
    let tpPrev = 0;
    let fpPrev = 0;
    let area = 0;
    for (let k = 0; k < n; k++) {
      const i = o[k];
      if (test.time[i] <= t && test.event[i]) tp += ipcw[i];
      else if (test.time[i] > t) fp++;
      // a threshold closes where the next score differs (tied scores are one threshold)
      if (k + 1 < n && Math.abs(risk[o[k + 1]] - risk[i]) <= tiedTol) continue;
      area += ((fp - fpPrev) / controls) * ((tp + tpPrev) / caseW / 2);
      tpPrev = tp;
      fpPrev = fp;
    }
    return area;
  });
}

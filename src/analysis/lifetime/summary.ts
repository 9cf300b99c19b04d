/** Purchase-days -> the per-customer summaries the models use, at a calibration end day. */
import type { PurchaseLog, RfmSummary } from './types';
import type { SpendSummary } from './gammaGamma';

export interface CalibrationSummary extends RfmSummary {
  /** index into log.ids of each summarised customer (those who first bought by the end day) */
  customer: Int32Array;
  /** first purchase day of each */
  first: Int32Array;
  /** mean spend of the repeat purchase-days in calibration (0 when x = 0) */
  mRepeat: Float64Array;
  /** mean spend of all purchase-days in calibration */
  mAll: Float64Array;
  /** purchase-days after the end day (the holdout), up to holdoutEnd */
  holdout: Float64Array;
}

/**
 * Summaries at calibration end day `end` (inclusive, a day number): x repeat purchase-days,
 * t_x and T in weeks ((end - first) / 7), repeat spend, and holdout purchase-days in (end, holdoutEnd].
 */
export function summarize(log: PurchaseLog, end: number, holdoutEnd = Infinity): CalibrationSummary {
  const nc = log.ids.length;
  const first = new Int32Array(nc).fill(2 ** 31 - 1);
  const last = new Int32Array(nc);
  const count = new Float64Array(nc);
  const sumAll = new Float64Array(nc);
  const firstAmount = new Float64Array(nc);
  const hold = new Float64Array(nc);
  for (let k = 0; k < log.day.length; k++) {
    const c = log.customer[k];
    const d = log.day[k];
    if (d > end) {
      if (d <= holdoutEnd && first[c] <= end) hold[c]++;
      continue;
    }
    if (d < first[c]) {
      first[c] = d;
      firstAmount[c] = log.amount[k];
    }
    if (d > last[c] || count[c] === 0) last[c] = d;
    count[c]++;
    sumAll[c] += log.amount[k];
  }
  const keep: number[] = [];
  for (let c = 0; c < nc; c++) if (count[c] > 0) keep.push(c);
  const n = keep.length;
  const out: CalibrationSummary = {
    customer: Int32Array.from(keep),
    first: new Int32Array(n),
    x: new Float64Array(n),
    tx: new Float64Array(n),
    T: new Float64Array(n),
    mRepeat: new Float64Array(n),
    mAll: new Float64Array(n),
    holdout: new Float64Array(n),
  };
  keep.forEach((c, i) => {
    out.first[i] = first[c];
    out.x[i] = count[c] - 1;
    out.tx[i] = (last[c] - first[c]) / 7;
    out.T[i] = (end - first[c]) / 7;
    out.mRepeat[i] = count[c] > 1 ? (sumAll[c] - firstAmount[c]) / (count[c] - 1) : 0;
    out.mAll[i] = sumAll[c] / count[c];
    out.holdout[i] = hold[c];
  });
  return out;
}

/** Repeat buyers with a positive mean repeat spend, as Gamma-Gamma wants them; `rows` index the summary. */
export function spendSummary(s: CalibrationSummary): SpendSummary & { rows: Int32Array } {
  const rows: number[] = [];
  for (let i = 0; i < s.x.length; i++) if (s.x[i] > 0 && s.mRepeat[i] > 0) rows.push(i);
  return { rows: Int32Array.from(rows), x: Float64Array.from(rows, (i) => s.x[i]), m: Float64Array.from(rows, (i) => s.mRepeat[i]) };
}

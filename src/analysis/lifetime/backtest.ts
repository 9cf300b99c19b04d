/**
 * Back-test on the user's own log: fit BG/NBD on purchases up to a calibration end day, predict each
 * customer's purchase-days in the holdout that follows, and compare with what they did, beside a
 * naive "same weekly rate as in calibration" forecast. Population: customers who bought by the end day.
 */
import type { BgnbdModel, PurchaseLog } from './types';
import { summarize } from './summary';
import { fitBgnbd } from './bgnbd';
import { aliveFactor, expectedAlive, expectedRepeat } from './bgnbdPredict';

export interface Backtest {
  /** day numbers (days since 1970-01-01 UTC), inclusive */
  calibrationEnd: number;
  holdoutEnd: number;
  holdoutWeeks: number;
  /** customers in the back-test (first purchase by calibrationEnd) */
  customers: number;
  model: BgnbdModel;
  /** repeat purchase-days in the holdout: actual, BG/NBD expected, naive expected */
  actual: number;
  expected: number;
  naive: number;
  /** per-customer mean absolute error of the holdout count */
  mae: number;
  naiveMae: number;
  /** holdout purchases by number of calibration repeat purchases (last bucket: maxBucket or more) */
  byFrequency: { label: string; customers: number; actual: number; expected: number }[];
  /** cumulative repeat purchase-days, weekly from the first purchase to holdoutEnd */
  cumulative: { day: Int32Array; actual: Float64Array; expected: Float64Array };
}

/** Back-test with calibration end `end` and holdout end `holdoutEnd` (days, inclusive); buckets 0..maxBucket (default 7). */
export function runBacktest(log: PurchaseLog, end: number, holdoutEnd: number, seed = 42, maxBucket = 7): Backtest {
  const s = summarize(log, end, holdoutEnd);
  const model = fitBgnbd(s, seed);
  const p = model.params;
  const weeks = (holdoutEnd - end) / 7;
  const n = s.x.length;
  let actual = 0;
  let expected = 0;
  let naive = 0;
  let mae = 0;
  let naiveMae = 0;
  const bucketN = new Float64Array(maxBucket + 1);
  const bucketA = new Float64Array(maxBucket + 1);
  const bucketE = new Float64Array(maxBucket + 1);
  const cache = new Map<number, number>(); // the t_x-free part of E[Y], once per (x, T)
  for (let i = 0; i < n; i++) {
    const key = s.x[i] * 2 ** 22 + Math.round(s.T[i] * 7);
    let ea = cache.get(key);
    if (ea === undefined) cache.set(key, (ea = expectedAlive(p, weeks, s.x[i], s.T[i])));
    const e = ea * aliveFactor(p, s.x[i], s.tx[i], s.T[i]);
    const nv = s.T[i] > 0 ? (s.x[i] / s.T[i]) * weeks : 0;
    const a = s.holdout[i];
    actual += a;
    expected += e;
    naive += nv;
    mae += Math.abs(a - e);
    naiveMae += Math.abs(a - nv);
    const k = Math.min(maxBucket, s.x[i]);
    bucketN[k]++;
    bucketA[k] += a;
    bucketE[k] += e;
  }
  const byFrequency = Array.from(bucketN, (c, k) => ({
    label: k === maxBucket ? `${k}+` : String(k),
    customers: c,
    actual: c > 0 ? bucketA[k] / c : 0,
    expected: c > 0 ? bucketE[k] / c : 0,
  })).filter((b) => b.customers > 0);
  return {
    calibrationEnd: end,
    holdoutEnd,
    holdoutWeeks: weeks,
    customers: n,
    model,
    actual,
    expected,
    naive,
    mae: n ? mae / n : 0,
    naiveMae: n ? naiveMae / n : 0,
    byFrequency,
    cumulative: cumulative(log, s.first, p, end, holdoutEnd),
  };
}

/** Weekly cumulative repeat purchase-days of the calibration customers, actual and expected (unconditional E[X(t)]). */
function cumulative(log: PurchaseLog, first: Int32Array, p: BgnbdModel['params'], end: number, holdoutEnd: number) {
  let start = Infinity;
  for (const d of first) if (d < start) start = d;
  const nWeeks = Math.max(1, Math.ceil((holdoutEnd - start) / 7));
  const day = Int32Array.from({ length: nWeeks + 1 }, (_, w) => Math.min(holdoutEnd, start + 7 * w));
  // customers per first-purchase day, so E[X(t)] is evaluated once per (week, start day)
  const starts = new Map<number, number>();
  for (const d of first) starts.set(d, (starts.get(d) ?? 0) + 1);
  const expected = new Float64Array(day.length);
  for (let w = 0; w < day.length; w++)
    for (const [d, count] of starts) if (day[w] > d) expected[w] += count * expectedRepeat(p, (day[w] - d) / 7);
  // actual: repeat purchase-days of customers who first bought by `end`, counted at their day
  const firstOf = new Map<number, number>();
  const perDay = new Float64Array(day.length);
  for (let k = 0; k < log.day.length; k++) {
    const c = log.customer[k];
    if (!firstOf.has(c)) {
      firstOf.set(c, log.day[k]); // sorted by customer then day: the first row is the first purchase
      continue;
    }
    if (firstOf.get(c)! > end || log.day[k] > holdoutEnd) continue;
    perDay[Math.min(day.length - 1, Math.ceil((log.day[k] - start) / 7))]++;
  }
  const actual = new Float64Array(day.length);
  let run = 0;
  for (let w = 0; w < day.length; w++) actual[w] = run += perDay[w];
  return { day, actual, expected };
}

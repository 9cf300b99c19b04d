/**
 * The lifetime stage for transaction logs: BG/NBD + Gamma-Gamma fitted on the whole log for
 * scoring (P(alive), expected purchases in 3/6/12 months, spend per purchase, discounted CLV), a
 * back-test at a calibration date, cohort retention and revenue movements. Problems in the data
 * are findings (warnings); nothing here throws on user data.
 */
import type { Warning } from '../types';
import type { BgnbdModel, PurchaseLog, RfmSummary } from './types';
import type { CalibrationSummary } from './summary';
import type { Backtest } from './backtest';
import type { CohortGrid, RevenueMonth } from './cohorts';
import type { SpendResult } from './spend';
import { summarize } from './summary';
import { fitBgnbd } from './bgnbd';
import { aliveFactor, expectedAlive } from './bgnbdPredict';
import { runBacktest } from './backtest';
import { cohortGrid, revenueMovements } from './cohorts';
import { spendModel } from './spend';
import { fmtInt } from '../format/numbers';

export type { PurchaseLog, BgnbdModel, GammaGammaModel, BgnbdParams, GammaGammaParams } from './types';
export type { Backtest } from './backtest';
export type { CohortGrid, RevenueMonth } from './cohorts';
export { collapseLines } from './log';
export { gapWindow } from './gapWindow';

/** Smallest log the models are fitted on. */
export const LIFETIME_MIN = Object.freeze({ customers: 30, repeatBuyers: 10, weeks: 8 });
const WEEKS_PER_MONTH = 52 / 12;

export interface LifetimeOptions {
  seed: number;
  /** back-test calibration end (day number, inclusive); default: the last third of the log is held out */
  calibrationEnd?: number;
  /** annual discount rate and gross margin for CLV (the business options) */
  discountRate: number;
  margin: number;
  /** the churn window of the window classifier, and why (shown beside P(alive)) */
  window?: { days: number; note: string };
}

export interface LifetimeCustomers {
  /** aligned with the ids passed in (the analysis' customers); NaN for a customer not in the log */
  pAlive: Float64Array;
  expected3: Float64Array;
  expected6: Float64Array;
  expected12: Float64Array;
  /** expected spend per purchase */
  spend: Float64Array;
  /** margin x spend x expected purchases in each of the next 12 months, discounted monthly */
  clv: Float64Array;
}

export interface LifetimeResult {
  /** what the models were fitted on: a purchase log, or a customer table's RFM summary (absent: a log) */
  source?: 'log' | 'table';
  /** customer tables: why there is no back-test, in words */
  noBacktest?: string;
  /** customer tables with a churn flag: the flag ranked by 1 - P(alive) (which never saw it) and by the
   *  churn model's pooled out-of-fold scores, on the same customers */
  flagComparison?: { customers: number; aucAlive: number; aucModel: number | null; model: string | null } | null;
  /** first and last purchase day of the log (days since 1970-01-01 UTC; 0 for customer tables) and
   *  weeks between (customer tables: the largest customer age) */
  firstDay: number;
  lastDay: number;
  weeks: number;
  /** customers in the log with at least one purchase; repeat buyers among them */
  customers: number;
  repeatBuyers: number;
  /** null when the log is too small (see warnings) */
  model: BgnbdModel | null;
  spend: Omit<SpendResult, 'perCustomer'> | null;
  customersOut: LifetimeCustomers | null;
  backtest: Backtest | null;
  cohorts: CohortGrid;
  movements: RevenueMonth[];
  /** the window classifier's churn window (days) and how it was chosen */
  window: { days: number; note: string } | null;
  /** how CLV is computed, in words */
  clvFormula: string;
  /** the window label ranked two ways, out of sample: 1 - P(alive) fitted before the cutoff, and the
   *  churn model's pooled out-of-fold scores (set by the pipeline when both exist) */
  windowComparison?: {
    customers: number; aucAlive: number; aucModel: number | null; model: string | null;
    /** the same among customers who bought again before the window (BG/NBD's P(alive) is 1 for a one-time buyer);
     *  absent in older saves */
    repeatBuyers?: { customers: number; aucAlive: number; aucModel: number | null } | null;
  } | null;
  warnings: Warning[];
}

/** Run the lifetime stage on a purchase log; `ids` are the analysis' customers (per-customer outputs follow them). */
export function runLifetime(log: PurchaseLog, ids: string[], o: LifetimeOptions): LifetimeResult {
  const warnings: Warning[] = [...log.warnings];
  let firstDay = Infinity;
  let lastDay = -Infinity;
  for (const d of log.day) {
    if (d < firstDay) firstDay = d;
    if (d > lastDay) lastDay = d;
  }
  const weeks = log.day.length ? (lastDay - firstDay) / 7 : 0;
  const full = summarize(log, lastDay);
  const result: LifetimeResult = {
    firstDay, lastDay, weeks, customers: full.x.length, repeatBuyers: 0,
    model: null, spend: null, customersOut: null, backtest: null,
    cohorts: cohortGrid(log), movements: revenueMovements(log),
    window: o.window ?? null,
    clvFormula: clvFormula(o),
    warnings,
  };
  if (!fitAndScore(full, Array.from(full.customer, (c) => log.ids[c]), ids, o, result, 'log')) return result;
  const end = o.calibrationEnd ?? Math.round(firstDay + ((lastDay - firstDay) * 2) / 3);
  if (end - firstDay < 7 * LIFETIME_MIN.weeks || lastDay - end < 7)
    warnings.push({ code: 'lifetime-backtest-skipped', message: `The back-test needs at least ${LIFETIME_MIN.weeks} weeks before the calibration date and one week after it.`, count: 1 });
  else {
    result.backtest = runBacktest(log, end, lastDay, o.seed);
    if (!result.backtest.model.converged)
      warnings.push({ code: 'lifetime-backtest-convergence', message: 'The back-test fit did not fully converge; read its numbers with care.', count: 1 });
  }
  return result;
}

export const clvFormula = (o: Pick<LifetimeOptions, 'margin' | 'discountRate'>): string =>
  `margin ${o.margin} x expected spend per purchase x expected purchases in each of the next 12 months, discounted at ${(o.discountRate * 100).toFixed(0)}% a year`;

/**
 * The models on per-customer summaries, the one code path of logs (after aggregation) and of
 * customer tables that carry the summary: findings for single buyers and a too-small input, the
 * BG/NBD fit, the spend model (skipped when `withSpend` is false: no spend column) and the scores of
 * `ids`; `rowIds[i]` is the customer of summary row i. Fills `out`; false when too small to fit.
 */
export function fitAndScore(full: CalibrationSummary, rowIds: string[], ids: string[], o: LifetimeOptions, out: LifetimeResult, what: 'log' | 'table', withSpend = true): boolean {
  const warnings = out.warnings;
  let repeatBuyers = 0;
  for (const x of full.x) if (x > 0) repeatBuyers++;
  out.repeatBuyers = repeatBuyers;
  const singles = full.x.length - repeatBuyers;
  if (singles > 0 && full.x.length > 0)
    warnings.push({
      code: 'lifetime-single-purchase',
      message: `${fmtInt(singles)} of ${fmtInt(full.x.length)} customers bought only once; the models count them as alive until a repeat purchase shows their rhythm (P(alive) = 1), and their expected purchases come from the population.`,
      count: singles,
    });
  if (full.x.length < LIFETIME_MIN.customers || repeatBuyers < LIFETIME_MIN.repeatBuyers || out.weeks < LIFETIME_MIN.weeks) {
    warnings.push({
      code: 'lifetime-too-short',
      message: `The ${what} is too small for the lifetime models: it has ${fmtInt(full.x.length)} customer(s), ${fmtInt(repeatBuyers)} repeat buyer(s) and ${out.weeks.toFixed(1)} weeks; at least ${LIFETIME_MIN.customers} customers, ${LIFETIME_MIN.repeatBuyers} repeat buyers and ${LIFETIME_MIN.weeks} weeks are needed.`,
      count: 1,
    });
    return false;
  }
  const model = fitBgnbd(full, o.seed);
  out.model = model;
  checkBoundary(model, warnings);
  const spend = withSpend ? spendModel(full, o.seed, warnings) : null;
  if (spend) out.spend = { model: spend.model, correlation: spend.correlation, method: spend.method };
  out.customersOut = score(full, rowIds, ids, model, spend ? spend.perCustomer : new Float64Array(full.x.length).fill(NaN), o);
  return true;
}

/** A fit at the edge of the parameter space: say what it means. */
function checkBoundary(m: BgnbdModel, warnings: Warning[]): void {
  const { r, alpha, a, b } = m.params;
  if (a < 1e-3 || a / (a + b) < 1e-4)
    warnings.push({
      code: 'lifetime-no-dropout',
      message: `The BG/NBD fit puts the dropout probability at its boundary (a = ${a.toPrecision(3)}, b = ${b.toPrecision(3)}): the log shows no sign of customers leaving, so P(alive) is close to 1 for everyone and lifetime values assume they keep buying.`,
      count: 1,
    });
  else if ([r, alpha, a, b].some((v) => v > 1e4 || v < 1e-4))
    warnings.push({ code: 'lifetime-boundary', message: `The BG/NBD fit reached the edge of its parameter space (r = ${r.toPrecision(3)}, α = ${alpha.toPrecision(3)}, a = ${a.toPrecision(3)}, b = ${b.toPrecision(3)}); its predictions rest on little information.`, count: 1 });
  if (!m.converged) warnings.push({ code: 'lifetime-convergence', message: `The BG/NBD fit stopped after ${m.nIter} iterations without full convergence.`, count: 1 });
}

function score(
  s: RfmSummary,
  rowIds: string[],
  ids: string[],
  model: BgnbdModel,
  spend: Float64Array,
  o: LifetimeOptions,
): LifetimeCustomers {
  const rowOf = new Map<string, number>();
  rowIds.forEach((id, i) => rowOf.set(id, i));
  const n = ids.length;
  const out: LifetimeCustomers = {
    pAlive: new Float64Array(n).fill(NaN), expected3: new Float64Array(n).fill(NaN), expected6: new Float64Array(n).fill(NaN),
    expected12: new Float64Array(n).fill(NaN), spend: new Float64Array(n).fill(NaN), clv: new Float64Array(n).fill(NaN),
  };
  const p = model.params;
  const rm = Math.pow(1 + o.discountRate, 1 / 12) - 1;
  // E[Y(t)] = (a part that depends on x and T only) x P(alive): compute the first once per (x, T)
  const cache = new Map<number, Float64Array>();
  const curve = (x: number, T: number) => {
    const key = x * 2 ** 22 + Math.round(T * 7);
    let c = cache.get(key);
    if (!c) {
      c = new Float64Array(14); // cumulative months 0..12, then the discounted sum
      for (let m = 1; m <= 12; m++) {
        c[m] = expectedAlive(p, m * WEEKS_PER_MONTH, x, T);
        c[13] += (c[m] - c[m - 1]) / Math.pow(1 + rm, m);
      }
      cache.set(key, c);
    }
    return c;
  };
  for (let j = 0; j < n; j++) {
    const i = rowOf.get(ids[j]);
    if (i === undefined) continue;
    const [x, tx, T] = [s.x[i], s.tx[i], s.T[i]];
    const alive = aliveFactor(p, x, tx, T);
    const c = curve(x, T);
    out.pAlive[j] = alive;
    out.expected3[j] = alive * c[3];
    out.expected6[j] = alive * c[6];
    out.expected12[j] = alive * c[12];
    out.spend[j] = spend[i];
    out.clv[j] = o.margin * spend[i] * alive * c[13];
  }
  return out;
}

/**
 * 1 - P(alive) at a past cutoff day for the given customers, from a BG/NBD fit on purchases up to
 * that day only (so it can be scored against the window label, which looks after the cutoff);
 * null when the pre-cutoff log is too small. NaN for a customer with no purchase by then.
 */
export function churnScoreAt(log: PurchaseLog, ids: string[], cutoff: number, seed: number): { score: Float64Array; repeat: Uint8Array } | null {
  const s = summarize(log, cutoff);
  let repeat = 0;
  for (const x of s.x) if (x > 0) repeat++;
  if (s.x.length < LIFETIME_MIN.customers || repeat < LIFETIME_MIN.repeatBuyers) return null;
  const p = fitBgnbd(s, seed).params;
  const rowOf = new Map<string, number>();
  s.customer.forEach((c, i) => rowOf.set(log.ids[c], i));
  const row = ids.map((id) => rowOf.get(id));
  return {
    score: Float64Array.from(row, (i) => (i === undefined ? NaN : 1 - aliveFactor(p, s.x[i], s.tx[i], s.T[i]))),
    // bought again before the cutoff (x > 0): BG/NBD gives a one-time buyer P(alive) = 1, whatever their recency
    repeat: Uint8Array.from(row, (i) => (i !== undefined && s.x[i] > 0 ? 1 : 0)),
  };
}

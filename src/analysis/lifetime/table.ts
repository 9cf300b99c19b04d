/**
 * The lifetime stage for customer tables that carry an RFM summary (repeat purchases, recency,
 * customer age T, average repeat spend; read and checked by data/rfmTable.ts, already in weeks):
 * the same fit and scores as a log after its aggregation (index.ts fitAndScore), no back-test
 * (there is no log to split), no cohorts or revenue movements (no purchase dates).
 */
import type { RfmColumns } from '../types';
import type { ChurnResult } from '../churn/types';
import { rocAuc } from '../churn/evaluation/metrics';
import type { CalibrationSummary } from './summary';
import { clvFormula, fitAndScore, type LifetimeOptions, type LifetimeResult } from './index';

/** Why a customer table gets no back-test, in words (shown in the lifetime panel). */
export const NO_BACKTEST_TABLE =
  'No back-test: this file gives one summary row per customer, not the dated purchases, so there is no later period to hold out and compare the predictions with. To test the model on your own data, analyse the purchase log itself.';

/** The table's columns as the models' per-customer summary (rows = the analysed customers, in order). */
export function tableSummary(rfm: RfmColumns): CalibrationSummary {
  const n = rfm.x.length;
  return {
    customer: Int32Array.from({ length: n }, (_, i) => i),
    first: new Int32Array(n),
    x: rfm.x,
    tx: rfm.tx,
    T: rfm.T,
    mRepeat: rfm.m,
    // mean spend of all purchases is known only for repeat buyers (the first purchase is not in the table)
    mAll: Float64Array.from(rfm.m, (m, i) => (rfm.x[i] > 0 && m > 0 ? m : NaN)),
    holdout: new Float64Array(n),
  };
}

/** BG/NBD + Gamma-Gamma on a customer table's RFM summary; `ids` are the analysed customers, aligned with the columns. */
export function runLifetimeTable(rfm: RfmColumns, ids: string[], o: LifetimeOptions): LifetimeResult {
  let weeks = 0;
  for (const t of rfm.T) if (t > weeks) weeks = t;
  const result: LifetimeResult = {
    source: 'table', firstDay: 0, lastDay: 0, weeks, customers: rfm.x.length, repeatBuyers: 0,
    model: null, spend: null, customersOut: null, backtest: null,
    noBacktest: NO_BACKTEST_TABLE,
    cohorts: { cohorts: [], size: [], offsets: [], buyers: [], share: [], revenue: [], revenueShare: [] },
    movements: [],
    window: null,
    clvFormula: clvFormula(o),
    warnings: [],
  };
  fitAndScore(tableSummary(rfm), ids, ids, o, result, 'table', rfm.hasSpend);
  return result;
}

/** A table with a churn flag: the flag ranked by 1 - P(alive) (fitted on purchase timing only, it
 *  never saw the flag) and by the churn model's pooled out-of-fold scores, on the same customers. */
export function compareOnFlag(pAlive: Float64Array, y: Uint8Array, churn: ChurnResult | null): LifetimeResult['flagComparison'] {
  const keep: number[] = [];
  pAlive.forEach((v, i) => Number.isFinite(v) && keep.push(i));
  const yk = Uint8Array.from(keep, (i) => y[i]);
  if (keep.length < 2 || yk.every((v) => v === yk[0])) return null;
  const oof = churn?.oof ?? null;
  return {
    customers: keep.length,
    aucAlive: rocAuc(Float64Array.from(keep, (i) => 1 - pAlive[i]), yk),
    aucModel: oof && oof.length === y.length ? rocAuc(Float64Array.from(keep, (i) => oof[i]), yk) : null,
    model: oof ? churn!.best : null,
  };
}

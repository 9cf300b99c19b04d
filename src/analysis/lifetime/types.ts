/** Plain-data contracts of the lifetime models (BG/NBD, Gamma-Gamma, back-test, cohorts). */
import type { Warning } from '../types';

/** One row per customer, time in weeks: x repeat purchase-days, t_x weeks from first to last
 *  purchase, T weeks from first purchase to the end of observation. x is a whole number. */
export interface RfmSummary {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
}

export interface BgnbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export interface BgnbdModel {
  params: BgnbdParams;
  logLik: number;
  /** customers fitted */
  n: number;
  converged: boolean;
  nIter: number;
}

export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

export interface GammaGammaModel {
  params: GammaGammaParams;
  logLik: number;
  /** repeat buyers with a positive mean spend that were fitted */
  n: number;
  converged: boolean;
  nIter: number;
}

/** A purchase log reduced to one row per customer-day: customer index, day number, spend that day. */
export interface PurchaseLog {
  /** customer ids, index = customer number */
  ids: string[];
  /** per purchase-day, sorted by customer then day */
  customer: Int32Array;
  /** days since 1970-01-01 (UTC) */
  day: Int32Array;
  /** net spend of the customer that day */
  amount: Float64Array;
  warnings: Warning[];
}

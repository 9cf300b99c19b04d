/**
 * Test-only helper (Node): the 1/10 CDNOW sample from ../shared/data/cdnow (never copied into the
 * repo) as a purchase log, and its calibration summary (1997-01-01..1997-09-30) written as a customer
 * table the way Python lifetimes' summary_data_from_transaction_data writes it, built at test time
 * through the engine's own log aggregation (collapseLines + summarize).
 */
import { readFileSync } from 'node:fs';
import { collapseLines } from '../lifetime/log';
import { summarize } from '../lifetime/summary';
import type { PurchaseLog } from '../lifetime/types';
import { hasShared, sharedPath } from './sharedPaths';

export const CDNOW_REL = 'data/cdnow/CDNOW_sample.txt';
export const haveCdnow = (): boolean => hasShared(CDNOW_REL);

export const dayOf = (ymd: string): number => Date.UTC(+ymd.slice(0, 4), +ymd.slice(4, 6) - 1, +ymd.slice(6, 8)) / 86_400_000;

/** The sample's own tiny loader: `id id2 yyyymmdd cds dollars`, whitespace-separated, no header. */
export function loadCdnow(): PurchaseLog {
  const id: string[] = [];
  const day: number[] = [];
  const amount: number[] = [];
  for (const line of readFileSync(sharedPath(CDNOW_REL), 'utf8').split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5) continue;
    id.push(f[0]);
    day.push(dayOf(f[2]));
    amount.push(Number(f[4]));
  }
  return collapseLines({ id, day, amount });
}

/** The calibration end of the papers' CDNOW fits. */
export const CDNOW_CALIBRATION_END = '19970930';

/**
 * The calibration summary as CSV text. `weeks`: lifetimes' column names (customer_id, frequency,
 * recency, T, monetary_value) with times in weeks, full precision; `days`: a CRM-style export
 * ("Customer ID", "Repeat orders", "Days between first and last order", "Days since first order",
 * "Avg order value") with whole days.
 */
export function cdnowSummaryCsv(unit: 'weeks' | 'days', log = loadCdnow()): string {
  const s = summarize(log, dayOf(CDNOW_CALIBRATION_END));
  const k = unit === 'days' ? 7 : 1;
  const head = unit === 'weeks' ? 'customer_id,frequency,recency,T,monetary_value' : 'Customer ID,Repeat orders,Days between first and last order,Days since first order,Avg order value';
  const rows = [head];
  for (let i = 0; i < s.x.length; i++) {
    const t = (v: number) => (unit === 'days' ? String(Math.round(v * k)) : String(v));
    rows.push([log.ids[s.customer[i]], s.x[i], t(s.tx[i]), t(s.T[i]), s.mRepeat[i]].join(','));
  }
  return rows.join('\n') + '\n';
}

/**
 * Cohort retention and monthly revenue movements from purchase-days. Months are calendar months
 * (UTC). A cell past the end of the log is null ("not enough history"), never 0. The log's last
 * month counts as observed only when the log reaches that month's last day.
 */
import type { PurchaseLog } from './types';

export interface CohortGrid {
  /** acquisition months, "YYYY-MM" */
  cohorts: string[];
  /** customers acquired in each cohort month */
  size: number[];
  /** months since the first purchase: 0..maxOffset */
  offsets: number[];
  /** [cohort][offset]: customers who bought in that month (null: not observed yet) */
  buyers: (number | null)[][];
  /** [cohort][offset]: buyers / cohort size (null: not observed yet) */
  share: (number | null)[][];
  /** [cohort][offset]: spend in that month (null: not observed yet) */
  revenue: (number | null)[][];
  /** [cohort][offset]: revenue / the cohort's month-0 revenue (null: not observed yet) */
  revenueShare: (number | null)[][];
}

export interface RevenueMonth {
  month: string;
  revenue: number;
  new: number;
  expansion: number;
  /** negative */
  contraction: number;
  /** negative: last month's revenue of customers who bought nothing this month */
  churned: number;
  reactivated: number;
  /** (previous revenue + expansion + contraction + churned) / previous revenue; null without previous revenue */
  nrr: number | null;
  /** (new + expansion + reactivated) / -(contraction + churned); null when nothing was lost */
  quickRatio: number | null;
}

const monthOf = (day: number) => {
  const d = new Date(day * 86_400_000);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
};
const label = (m: number) => `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;

/** The last fully observed month of a log ending on `lastDay`. */
function lastObservedMonth(lastDay: number): number {
  const m = monthOf(lastDay);
  return monthOf(lastDay + 1) > m ? m : m - 1;
}

/** Per customer and calendar month: spend (sparse, keyed customer*M + month offset). */
function monthly(log: PurchaseLog) {
  let first = Infinity;
  let lastDay = -Infinity;
  for (const d of log.day) {
    if (d < first) first = d;
    if (d > lastDay) lastDay = d;
  }
  const m0 = monthOf(first);
  const nMonths = monthOf(lastDay) - m0 + 1;
  const firstMonth = new Int32Array(log.ids.length).fill(-1);
  const spend = new Map<number, number>(); // customer * nMonths + month index
  for (let k = 0; k < log.day.length; k++) {
    const c = log.customer[k];
    const mi = monthOf(log.day[k]) - m0;
    if (firstMonth[c] < 0 || mi < firstMonth[c]) firstMonth[c] = mi;
    const key = c * nMonths + mi;
    spend.set(key, (spend.get(key) ?? 0) + log.amount[k]);
  }
  return { m0, nMonths, lastObs: lastObservedMonth(lastDay) - m0, firstMonth, spend };
}

/** Acquisition month x months since first purchase: share who bought, and revenue. */
export function cohortGrid(log: PurchaseLog): CohortGrid {
  const { m0, nMonths, lastObs, firstMonth, spend } = monthly(log);
  const nc = nMonths;
  const size = new Array<number>(nc).fill(0);
  const buyers = Array.from({ length: nc }, () => new Array<number>(nc).fill(0));
  const revenue = Array.from({ length: nc }, () => new Array<number>(nc).fill(0));
  for (let c = 0; c < firstMonth.length; c++) if (firstMonth[c] >= 0) size[firstMonth[c]]++;
  for (const [key, v] of spend) {
    const c = Math.floor(key / nMonths);
    const mi = key - c * nMonths;
    const off = mi - firstMonth[c];
    buyers[firstMonth[c]][off]++;
    revenue[firstMonth[c]][off] += v;
  }
  const rows = size.map((s, i) => i).filter((i) => size[i] > 0);
  const observed = (ci: number, off: number) => off === 0 || ci + off <= lastObs;
  return {
    cohorts: rows.map((i) => label(m0 + i)),
    size: rows.map((i) => size[i]),
    offsets: Array.from({ length: nc }, (_, k) => k),
    buyers: rows.map((i) => buyers[i].map((b, k) => (observed(i, k) && i + k < nc ? b : null))),
    share: rows.map((i) => buyers[i].map((b, k) => (observed(i, k) && i + k < nc ? b / size[i] : null))),
    revenue: rows.map((i) => revenue[i].map((r, k) => (observed(i, k) && i + k < nc ? r : null))),
    revenueShare: rows.map((i) => revenue[i].map((r, k) => (observed(i, k) && i + k < nc && revenue[i][0] > 0 ? r / revenue[i][0] : null))),
  };
}

/** Monthly revenue movements (new, expansion, contraction, churned, reactivated), NRR and Quick Ratio, over observed months. */
export function revenueMovements(log: PurchaseLog): RevenueMonth[] {
  const { m0, nMonths, lastObs, firstMonth, spend } = monthly(log);
  const nCust = log.ids.length;
  const out: RevenueMonth[] = [];
  for (let mi = 0; mi <= lastObs; mi++) {
    const row: RevenueMonth = { month: label(m0 + mi), revenue: 0, new: 0, expansion: 0, contraction: 0, churned: 0, reactivated: 0, nrr: null, quickRatio: null };
    let prevTotal = 0;
    for (let c = 0; c < nCust; c++) {
      if (firstMonth[c] < 0 || firstMonth[c] > mi) continue;
      const now = spend.get(c * nMonths + mi) ?? 0;
      const before = mi > 0 ? (spend.get(c * nMonths + mi - 1) ?? 0) : 0;
      row.revenue += now;
      prevTotal += before;
      if (firstMonth[c] === mi) row.new += now;
      else if (before > 0 && now === 0) row.churned -= before;
      else if (before > 0 && now > before) row.expansion += now - before;
      else if (before > 0 && now < before) row.contraction += now - before;
      else if (before === 0 && now > 0) row.reactivated += now;
    }
    if (mi > 0 && prevTotal > 0) row.nrr = (prevTotal + row.expansion + row.contraction + row.churned) / prevTotal;
    const lost = -(row.contraction + row.churned);
    if (mi > 0 && lost > 0) row.quickRatio = (row.new + row.expansion + row.reactivated) / lost;
    out.push(row);
  }
  return out;
}

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

/**
 * Walk the log one customer at a time (it is sorted by customer, then day), calling visit with the
 * customer's first month index and their spend per month index (a scratch array, valid during the call).
 */
function byCustomer(log: PurchaseLog, visit: (firstMonth: number, spend: Float64Array, months: Int32Array, nm: number) => void) {
  let first = Infinity;
  let lastDay = -Infinity;
  for (const d of log.day) {
    if (d < first) first = d;
    if (d > lastDay) lastDay = d;
  }
  const m0 = monthOf(first);
  const nMonths = monthOf(lastDay) - m0 + 1;
  const spend = new Float64Array(nMonths);
  const months = new Int32Array(nMonths); // distinct month indexes of this customer, in order
  let k = 0;
  while (k < log.day.length) {
    const c = log.customer[k];
    let nm = 0;
    const fm = monthOf(log.day[k]) - m0;
    for (; k < log.day.length && log.customer[k] === c; k++) {
      const mi = monthOf(log.day[k]) - m0;
      if (nm === 0 || months[nm - 1] !== mi) months[nm++] = mi;
      spend[mi] += log.amount[k];
    }
    visit(fm, spend, months, nm);
    for (let j = 0; j < nm; j++) spend[months[j]] = 0;
  }
  return { m0, nMonths, lastObs: lastObservedMonth(lastDay) - m0 };
}

/** Acquisition month x months since first purchase: share who bought, and revenue. */
export function cohortGrid(log: PurchaseLog): CohortGrid {
  let size: number[] = [];
  let buyers: number[][] = [];
  let revenue: number[][] = [];
  const { m0, nMonths, lastObs } = byCustomer(log, (fm, spend, months, nm) => {
    if (size.length === 0) {
      size = new Array<number>(spend.length).fill(0);
      buyers = Array.from({ length: spend.length }, () => new Array<number>(spend.length).fill(0));
      revenue = Array.from({ length: spend.length }, () => new Array<number>(spend.length).fill(0));
    }
    size[fm]++;
    for (let j = 0; j < nm; j++) {
      buyers[fm][months[j] - fm]++;
      revenue[fm][months[j] - fm] += spend[months[j]];
    }
  });
  const nc = nMonths;
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
  const acc: { revenue: number; prev: number; new: number; expansion: number; contraction: number; churned: number; reactivated: number }[] = [];
  const { m0, lastObs } = byCustomer(log, (fm, spend) => {
    if (acc.length === 0)
      for (let i = 0; i < spend.length; i++) acc.push({ revenue: 0, prev: 0, new: 0, expansion: 0, contraction: 0, churned: 0, reactivated: 0 });
    for (let mi = fm; mi < spend.length; mi++) {
      const now = spend[mi];
      const before = mi > 0 ? spend[mi - 1] : 0;
      const row = acc[mi];
      row.revenue += now;
      row.prev += before;
      if (fm === mi) row.new += now;
      else if (before > 0 && now === 0) row.churned -= before;
      else if (before > 0 && now > before) row.expansion += now - before;
      else if (before > 0 && now < before) row.contraction += now - before;
      else if (before === 0 && now > 0) row.reactivated += now;
    }
  });
  const out: RevenueMonth[] = [];
  for (let mi = 0; mi <= lastObs; mi++) {
    const { prev, ...r } = acc[mi];
    const lost = -(r.contraction + r.churned);
    out.push({
      month: label(m0 + mi),
      ...r,
      nrr: mi > 0 && prev > 0 ? (prev + r.expansion + r.contraction + r.churned) / prev : null,
      quickRatio: mi > 0 && lost > 0 ? (r.new + r.expansion + r.reactivated) / lost : null,
    });
  }
  return out;
}

/**
 * Invoice lines -> one row per customer-day (the lifetime models count at most one purchase per
 * customer and day). Lines of zero or more are purchases (a zero amount is a free order: it counts as
 * a visit, its spend as 0); negative lines (refunds, cancellations) are left out of the purchase
 * counts and the spend model. Each kind is a finding.
 */
import type { Warning } from '../types';
import type { PurchaseLog } from './types';
import { fmtInt } from '../format/numbers';

/** Lines as parallel arrays: customer id, day number (days since 1970-01-01 UTC), amount. */
export interface Lines {
  id: ArrayLike<string>;
  day: ArrayLike<number>;
  amount: ArrayLike<number>;
}

/** Collapse lines to purchase-days (sorted by customer, then day); refunds and zeros become findings. */
export function collapseLines(lines: Lines): PurchaseLog {
  const index = new Map<string, number>();
  const ids: string[] = [];
  const keys: number[] = [];
  let refunds = 0;
  let refundTotal = 0;
  let zeros = 0;
  const n = lines.id.length;
  const custOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = lines.amount[i];
    if (v === 0) zeros++;
    if (!(v >= 0)) {
      refunds++;
      refundTotal -= v;
      custOf[i] = -1;
      continue;
    }
    let c = index.get(lines.id[i]);
    if (c === undefined) {
      c = ids.length;
      index.set(lines.id[i], c);
      ids.push(lines.id[i]);
    }
    custOf[i] = c;
    keys.push(i);
  }
  keys.sort((p, q) => custOf[p] - custOf[q] || lines.day[p] - lines.day[q]);
  const customer: number[] = [];
  const day: number[] = [];
  const amount: number[] = [];
  for (const i of keys) {
    const k = customer.length - 1;
    if (k >= 0 && customer[k] === custOf[i] && day[k] === lines.day[i]) amount[k] += lines.amount[i];
    else {
      customer.push(custOf[i]);
      day.push(lines.day[i]);
      amount.push(lines.amount[i]);
    }
  }
  const warnings: Warning[] = [];
  if (refunds > 0)
    warnings.push({
      code: 'lifetime-refunds',
      message: `${fmtInt(refunds)} line(s) are refunds or cancellations (negative amounts, ${refundTotal.toFixed(2)} in all); the lifetime models count purchases and their spend without them.`,
      count: refunds,
    });
  if (zeros > 0)
    warnings.push({ code: 'lifetime-zero-amounts', message: `${fmtInt(zeros)} line(s) have an amount of 0; the lifetime models count them as purchases with no spend.`, count: zeros });
  return { ids, customer: Int32Array.from(customer), day: Int32Array.from(day), amount: Float64Array.from(amount), warnings };
}

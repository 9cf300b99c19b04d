/**
 * Invoice lines -> one row per customer-day (the lifetime models count at most one purchase per
 * customer and day). Lines of zero or more are purchases (a zero amount is a free order: it counts as
 * a visit, its spend as 0); negative lines (refunds, cancellations) are left out of the purchase
 * counts and the spend model. Each kind is a finding.
 */
import type { RawTable, Roles, Warning } from '../types';
import type { InferredColumn } from '../data/infer';
import type { PurchaseLog } from './types';
import { isBlank, parseDate, parseNumber } from '../data/values';

const DAY = 86_400_000;

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
      message: `${refunds} line(s) are refunds or cancellations (negative amounts, ${refundTotal.toFixed(2)} in all); the lifetime models count purchases and their spend without them.`,
      count: refunds,
    });
  if (zeros > 0)
    warnings.push({ code: 'lifetime-zero-amounts', message: `${zeros} line(s) have an amount of 0; the lifetime models count them as purchases with no spend.`, count: zeros });
  return { ids, customer: Int32Array.from(customer), day: Int32Array.from(day), amount: Float64Array.from(amount), warnings };
}

export type LogResult = { ok: true; log: PurchaseLog } | { ok: false; code: string; message: string };

/** Read purchase lines from a transaction table with id, date and amount (or quantity x price) roles. */
export function purchaseLog(raw: RawTable, inferred: InferredColumn[], roles: Roles): LogResult {
  const col = (role: keyof Roles) => {
    const i = raw.columns.findIndex((c) => c.name === roles[role]);
    return i < 0 ? null : { raw: raw.columns[i], inf: inferred[i] };
  };
  const id = col('id');
  const date = col('date');
  const qty = col('quantity');
  const price = col('price');
  const amt = col('amount');
  const invoice = col('invoice');
  if (!id || !date || !(amt || (qty && price)))
    return { ok: false, code: 'transactions-roles', message: 'A transaction log needs a customer id, a date, and an amount (or quantity and price) column.' };
  const num = (c: typeof qty) => (c ? c.raw.levels.map((l) => parseNumber(l, c.inf.decimal)) : null);
  const qv = num(qty);
  const pv = num(price);
  const av = num(amt);
  const dv = date.raw.levels.map((l) => Math.floor(parseDate(l) / DAY));
  const cancelledInvoice = invoice ? invoice.raw.levels.map((l) => /^c/i.test(l.trim())) : null;
  const ids: string[] = [];
  const days: number[] = [];
  const amounts: number[] = [];
  for (let i = 0; i < raw.nRows; i++) {
    const cid = id.raw.levels[id.raw.codes[i]].trim();
    const d = dv[date.raw.codes[i]];
    const q = qv ? qv[qty!.raw.codes[i]] : 1;
    let v = av ? av[amt!.raw.codes[i]] : q * pv![price!.raw.codes[i]];
    if (isBlank(cid) || !Number.isFinite(d) || !Number.isFinite(v)) continue; // reported by the aggregation step
    if (cancelledInvoice?.[invoice!.raw.codes[i]] || q < 0) v = -Math.abs(v);
    ids.push(cid);
    days.push(d);
    amounts.push(v);
  }
  return { ok: true, log: collapseLines({ id: ids, day: days, amount: amounts }) };
}

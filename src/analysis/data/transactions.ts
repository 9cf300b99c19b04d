/**
 * Transaction log (invoice lines) -> one row per customer with Recency, Frequency, Monetary,
 * tenure and average order value. Churn is derived honestly with a hold-out window: features
 * come from lines before the cutoff (last date - churnWindowDays), and a customer churned when
 * they bought nothing after it. Full-period R/F/M (which would leak that label) are kept only
 * for segmentation and business figures, never as model features.
 */
import { placeholderIds, placeholderWarning } from './placeholders';
import type { CustomerFrame, NumericFeature, RawTable, Roles, Warning } from '../types';
import type { InferredColumn } from './infer';
import { parseDate, parseNumber } from './values';
import { outlierDates } from './dates';

const DAY = 86_400_000;
const MONTH_DAYS = 30.4375;

export type TransactionsResult =
  | { ok: true; frame: CustomerFrame; warnings: Warning[] }
  | { ok: false; code: string; message: string };

interface Acc {
  first: number;
  last: number;
  invoices: Set<string>;
  monetary: number;
  preFirst: number;
  preLast: number;
  preInvoices: Set<string>;
  preMonetary: number;
  after: boolean;
}

/** Aggregate invoice lines per customer; churnWindowDays defaults to 90. */
export function aggregateTransactions(
  raw: RawTable,
  inferred: InferredColumn[],
  roles: Roles,
  churnWindowDays = 90,
  /** the user's analysis date and churn cutoff (ms, UTC), else the last date and last - window */
  when: { analysisDate?: number; cutoff?: number } = {},
): TransactionsResult {
  const { id, date, quantity: qty, price, amount, invoice } = logColumns(raw, inferred, roles);
  if (!id || !date || !(amount || (qty && price)))
    return {
      ok: false,
      code: 'transactions-roles',
      message: 'A transaction log needs a customer id, a date, and an amount (or quantity and price) column. Set them in the mapping step.',
    };
  const num = (c: typeof qty) => (c ? c.raw.levels.map((l) => parseNumber(l, c.inf.decimal)) : null);
  const qv = num(qty);
  const pv = num(price);
  const av = num(amount);
  const dv = date.raw.levels.map((l) => parseDate(l, date.inf.dateOrder));
  const warnings: Warning[] = [];
  const readable = dv.map(Number.isFinite);
  const far = excludeFarDates(dv, date.raw.codes, when.analysisDate, roles.date ?? '');
  if (far) warnings.push(far);

  let maxDate = -Infinity;
  for (let i = 0; i < raw.nRows; i++) {
    const d = dv[date.raw.codes[i]];
    if (d > maxDate) maxDate = d;
  }
  if (when.analysisDate !== undefined) maxDate = when.analysisDate;
  const cutoff = when.cutoff !== undefined && when.cutoff < maxDate ? when.cutoff : maxDate - churnWindowDays * DAY;
  // lines whose id is "(blank)", "N/A", "0", ... are set aside, never one customer
  const placeholders = placeholderIds(id.raw, 'transactions');
  // every data line is either aggregated into a customer or set aside by one finding (its `dropped`)
  let setAside = 0;
  let badLines = 0;
  let farLines = 0;
  let aggregated = 0;
  let cancellations = 0;
  const customers = new Map<string, Acc>();
  for (let i = 0; i < raw.nRows; i++) {
    if (placeholders?.isPlaceholder[id.raw.codes[i]]) {
      setAside++;
      continue;
    }
    const cid = id.raw.levels[id.raw.codes[i]].trim();
    const d = dv[date.raw.codes[i]];
    const q = qv ? qv[qty!.raw.codes[i]] : 1;
    const value = av ? av[amount!.raw.codes[i]] : q * pv![price!.raw.codes[i]];
    if (!Number.isFinite(d) || !Number.isFinite(value)) {
      if (readable[date.raw.codes[i]] && !Number.isFinite(d)) farLines++;
      else badLines++;
      continue;
    }
    aggregated++;
    const inv = invoice ? invoice.raw.levels[invoice.raw.codes[i]] : String(d);
    const cancelled = q < 0 || value < 0 || /^c/i.test(inv);
    if (cancelled) cancellations++;
    let a = customers.get(cid);
    if (!a) {
      a = { first: d, last: d, invoices: new Set(), monetary: 0, preFirst: Infinity, preLast: -Infinity, preInvoices: new Set(), preMonetary: 0, after: false };
      customers.set(cid, a);
    }
    a.monetary += value;
    if (!cancelled) {
      a.first = Math.min(a.first, d);
      a.last = Math.max(a.last, d);
      a.invoices.add(inv);
    }
    if (d <= cutoff) {
      a.preMonetary += value;
      if (!cancelled) {
        a.preFirst = Math.min(a.preFirst, d);
        a.preLast = Math.max(a.preLast, d);
        a.preInvoices.add(inv);
      }
    } else if (!cancelled) a.after = true;
  }
  if (placeholders && setAside > 0) warnings.push(placeholderWarning({ ...placeholders, count: setAside }, 'line'));
  if (far) far.dropped = farLines;
  if (badLines > 0)
    warnings.push({ code: 'bad-transaction-lines', message: `${badLines} line(s) have an unreadable date or amount and were left out.`, count: badLines, dropped: badLines });
  if (cancellations > 0)
    warnings.push({ code: 'cancellations', message: `${cancellations} line(s) are cancellations or returns (negative quantity or amount, or an invoice starting with "C"); they reduce the customer's spend but do not count as purchases.`, count: cancellations });

  let minDate = Infinity;
  for (const a of customers.values()) if (a.first < minDate) minDate = a.first;
  const spanDays = (maxDate - minDate) / DAY;
  const withTarget = spanDays >= 2 * churnWindowDays;
  const all = [...customers.entries()].filter(([, a]) => a.invoices.size > 0);
  const rows = withTarget ? all.filter(([, a]) => a.preInvoices.size > 0) : all;
  if (withTarget && rows.length < all.length)
    warnings.push({
      code: 'new-customers-unscored',
      message: `${all.length - rows.length} customer(s) made their first purchase in the last ${churnWindowDays} days, too recently to judge churn; they are not part of the analysis.`,
      count: all.length - rows.length,
    });
  if (!withTarget)
    warnings.push({
      code: 'no-churn-window',
      message: `The log covers only ${Math.round(spanDays)} days; at least ${2 * churnWindowDays} are needed to judge churn, so no churn model was trained.`,
      count: 1,
    });
  else
    warnings.push({
      code: 'derived-target',
      message: `Churn was derived from the log: a customer counts as churned when they bought nothing in the last ${churnWindowDays} days (after ${new Date(cutoff).toISOString().slice(0, 10)}). Model features use only purchases before that date.`,
      count: rows.length,
    });
  const n = rows.length;
  const ref = maxDate + DAY;
  const f = (fn: (a: Acc) => number) => Float64Array.from(rows, ([, a]) => fn(a));
  const months = (a: Acc) => Math.max(1, (ref - a.first) / DAY / MONTH_DAYS);
  const numeric = withTarget
    ? preCutoffFeatures(rows, { first: ([, a]) => a.preFirst, last: ([, a]) => a.preLast, orders: ([, a]) => a.preInvoices.size, monetary: ([, a]) => a.preMonetary }, cutoff)
    : [];
  const y = withTarget ? Uint8Array.from(rows, ([, a]) => (a.after ? 0 : 1)) : null;
  const frame: CustomerFrame = {
    kind: 'transactions',
    n,
    ids: rows.map(([k]) => k),
    y: y && y.some((v) => v === 1) && y.some((v) => v === 0) ? y : null,
    targetName: withTarget ? `No purchase in last ${churnWindowDays} days` : null,
    tenure: f(months),
    monthly: f((a) => a.monetary / months(a)),
    total: f((a) => a.monetary),
    recency: f((a) => (ref - a.last) / DAY),
    frequency: f((a) => a.invoices.size),
    monetary: f((a) => a.monetary),
    numeric,
    categorical: [],
    linesAggregated: aggregated,
    ...(withTarget ? { survivalMonths: survivalMonths(rows, ([, a]) => a.first, ([, a]) => a.last, ([, a]) => !a.after, ref) } : {}),
  };
  return { ok: true, frame, warnings };
}

/** Months as a customer until leaving, for a log whose churn is derived (the retention curves and the churn
 *  hazard): a customer who left counts as leaving at their last purchase (the last time they were seen buying;
 *  0 for a one-time buyer), one who bought after the cutoff counts up to the end of the log (still a customer).
 *  `tenure` runs to the end of the log for everyone, which would put every leaving at the history's end. The
 *  CLI's DuckDB path (cli/duckdb/aggregate.ts) uses it too. */
export function survivalMonths<A>(rows: readonly A[], first: (a: A) => number, last: (a: A) => number, left: (a: A) => boolean, ref: number): Float64Array {
  return Float64Array.from(rows, (a) => ((left(a) ? last(a) : ref) - first(a)) / DAY / MONTH_DAYS);
}

/** Per customer, from purchases before the cutoff: first and last purchase (ms), orders, money spent. */
export interface PreCutoff<A> { first: (a: A) => number; last: (a: A) => number; orders: (a: A) => number; monetary: (a: A) => number }

/** The model features of a log whose churn is derived (purchases up to the cutoff only), with their
 *  units; the CLI's DuckDB path (cli/duckdb/aggregate.ts) builds its frame with this too, so the two
 *  keep the same names, formulas and units. */
export function preCutoffFeatures<A>(rows: readonly A[], pre: PreCutoff<A>, cutoff: number): NumericFeature[] {
  const preRef = cutoff + DAY;
  const f = (fn: (a: A) => number) => Float64Array.from(rows, fn);
  return [
    { name: 'Recency (days)', values: f((a) => (preRef - pre.last(a)) / DAY), unit: 'days' },
    { name: 'Frequency (orders)', values: f(pre.orders), unit: 'orders' },
    { name: 'Monetary', values: f(pre.monetary), unit: 'money' },
    { name: 'Tenure (months)', values: f((a) => Math.max(1, (preRef - pre.first(a)) / DAY / MONTH_DAYS)), unit: 'months' },
    { name: 'Average order value', values: f((a) => pre.monetary(a) / Math.max(1, pre.orders(a))), unit: 'money' },
  ];
}

/** Sets dates far outside the bulk (outlierDates) or after the analysis date to NaN in `dv`
 *  (those lines are then left out) and returns the finding, or null. */
export function excludeFarDates(dv: number[], codes: ArrayLike<number>, analysisDate: number | undefined, column: string): Warning | null {
  const far = outlierDates(dv, codes);
  const after = (d: number) => analysisDate !== undefined && d > analysisDate + DAY - 1;
  const counts = new Int32Array(dv.length);
  for (let i = 0; i < codes.length; i++) counts[codes[i]]++;
  let count = 0;
  const examples: string[] = [];
  for (let k = 0; k < dv.length; k++) {
    if (!far[k] && !after(dv[k])) continue;
    count += counts[k];
    if (examples.length < 3) examples.push(new Date(dv[k]).toISOString().slice(0, 10));
    dv[k] = NaN;
  }
  if (count === 0) return null;
  return {
    code: 'date-outliers',
    message: `${count} line(s) have a date far outside the rest of the log or after the analysis date (e.g. ${examples.join(', ')}), likely typos; they were left out so they do not move the analysis date or the churn cutoff.`,
    count,
    column,
  };
}

/** A transaction log's role columns (raw and inferred), null where the role is not mapped. */
export function logColumns(raw: RawTable, inferred: InferredColumn[], roles: Roles) {
  const col = (role: keyof Roles) => {
    const i = raw.columns.findIndex((c) => c.name === roles[role]);
    return i < 0 ? null : { raw: raw.columns[i], inf: inferred[i] };
  };
  return { id: col('id'), date: col('date'), quantity: col('quantity'), price: col('price'), amount: col('amount'), invoice: col('invoice') };
}

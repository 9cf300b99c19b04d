/** A transaction table's lines as purchase-days for the lifetime models (src/analysis/lifetime). */
import type { RawTable, Roles } from '../types';
import type { InferredColumn } from './infer';
import type { PurchaseLog } from '../lifetime/types';
import { collapseLines } from '../lifetime/log';
import { isBlank, parseDate, parseNumber } from './values';
import { excludeFarDates, logColumns } from './transactions';

const DAY = 86_400_000;

export type LogResult = { ok: true; log: PurchaseLog } | { ok: false; code: string; message: string };

/** Read purchase lines from a transaction table with id, date and amount (or quantity x price) roles.
 *  Dates are read as the aggregation reads them (the column's day/month order; far-off typos and
 *  lines after `analysisDate` (ms, UTC) left out, data/transactions.ts excludeFarDates), so the
 *  lifetime models, cohorts and movements cover the period the rest of the analysis covers. */
export function purchaseLog(raw: RawTable, inferred: InferredColumn[], roles: Roles, analysisDate?: number): LogResult {
  const { id, date, quantity: qty, price, amount: amt, invoice } = logColumns(raw, inferred, roles);
  if (!id || !date || !(amt || (qty && price)))
    return { ok: false, code: 'transactions-roles', message: 'A transaction log needs a customer id, a date, and an amount (or quantity and price) column.' };
  const num = (c: typeof qty) => (c ? c.raw.levels.map((l) => parseNumber(l, c.inf.decimal)) : null);
  const qv = num(qty);
  const pv = num(price);
  const av = num(amt);
  const ms = date.raw.levels.map((l) => parseDate(l, date.inf.dateOrder));
  excludeFarDates(ms, date.raw.codes, analysisDate, ''); // its finding comes from the aggregation
  const dv = ms.map((t) => Math.floor(t / DAY));
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

/** A transaction table's lines as purchase-days for the lifetime models (src/analysis/lifetime). */
import type { RawTable, Roles } from '../types';
import type { InferredColumn } from './infer';
import type { PurchaseLog } from '../lifetime/types';
import { collapseLines } from '../lifetime/log';
import { isBlank, parseDate, parseNumber } from './values';
import { logColumns } from './transactions';

const DAY = 86_400_000;

export type LogResult = { ok: true; log: PurchaseLog } | { ok: false; code: string; message: string };

/** Read purchase lines from a transaction table with id, date and amount (or quantity x price) roles. */
export function purchaseLog(raw: RawTable, inferred: InferredColumn[], roles: Roles): LogResult {
  const { id, date, quantity: qty, price, amount: amt, invoice } = logColumns(raw, inferred, roles);
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

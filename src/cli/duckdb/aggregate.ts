/**
 * The CLI's DuckDB engine, step 2: the log aggregated per customer in DuckDB SQL, out of core,
 * with the in-memory engine's rules (data/transactions.ts, data/purchaseLog.ts) and results.
 * Cells are parsed once per distinct value by the engine's own parsers (dates, numbers,
 * placeholder ids), joined back as small tables, so a cell means the same in both engines;
 * sums run in line order (list_reduce over an ordered list), as the engine adds them, up to
 * EXACT_SUM_LINES lines; above that an ordered list per customer does not fit DuckDB's memory
 * (a 20-million-line log ran out of its 2 GB), so DuckDB's own SUM adds them (it can spill to
 * disk) and a finding says the sums may differ from the in-memory engine's in the last digits.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CustomerFrame, Roles, Warning } from '../../analysis/types';
import type { Inspected } from '../../analysis/data/prepare';
import { preCutoffFeatures, survivalMonths, type TransactionsResult } from '../../analysis/data/transactions';
import type { PurchaseLog } from '../../analysis/lifetime/types';
import { parseDate } from '../../analysis/data/dates';
import { isBlank, parseNumber } from '../../analysis/data/values';
import { isPlaceholderId, placeholderWarning } from '../../analysis/data/placeholders';
import { q } from './logTable';
import { fmtInt } from '../../analysis/format/numbers';

const DAY = 86_400_000;
const MONTH_DAYS = 30.4375;
const YEAR_1900 = Date.UTC(1900, 0, 1);
/** Logs up to this many lines sum in line order, bit for bit as the in-memory engine. */
export const EXACT_SUM_LINES = 5_000_000;
/** A sum of `expr` over the lines where `cond` holds: in line order (exact) or DuckDB's SUM. */
const sumOf = (exact: boolean, expr: string, cond: string, order = 'row') =>
  exact ? `COALESCE(list_reduce(list(${expr} ORDER BY ${order}) FILTER (WHERE ${cond}), (a, b) -> a + b), 0.0)` : `COALESCE(sum(${expr}) FILTER (WHERE ${cond}), 0.0)`;

type Cell = string | number | bigint | boolean | null;
const rowsOf = async (duck: DuckDBConnection, sql: string): Promise<Cell[][]> => (await duck.runAndReadAll(sql)).getRows() as Cell[][];

/** A large result read chunk by chunk (no array per row): `each(columns, rowCount)` per chunk of ~2,048 rows. */
async function eachChunk(duck: DuckDBConnection, sql: string, each: (cols: Cell[][], n: number) => void): Promise<void> {
  const res = await duck.stream(sql);
  for (let chunk = await res.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await res.fetchChunk()) each(chunk.getColumns() as Cell[][], chunk.rowCount);
}

/** A two-column lookup table `name(v VARCHAR, x DOUBLE)` built in JS (null where f gives a non-finite value). */
async function lookup(duck: DuckDBConnection, name: string, values: string[], cols: [string, (v: string) => number | boolean][]): Promise<void> {
  await duck.run(`CREATE OR REPLACE TEMP TABLE ${name} (v VARCHAR, ${cols.map(([c, f]) => `${c} ${typeof f('') === 'boolean' ? 'BOOLEAN' : 'DOUBLE'}`).join(', ')})`);
  const app = await duck.createAppender(name);
  for (const v of values) {
    app.appendVarchar(v);
    for (const [, f] of cols) {
      const x = f(v);
      if (typeof x === 'boolean') app.appendBoolean(x);
      else if (Number.isFinite(x)) app.appendDouble(x);
      else app.appendNull();
    }
    app.endRow();
  }
  app.flushSync();
  app.closeSync();
}

export interface DuckLog {
  /** the per-line table `ln` is built; the log's purchase-days (for the lifetime stage) */
  log: PurchaseLog;
  /** aggregation for a churn window (days) */
  aggregate(churnWindowDays: number): Promise<TransactionsResult>;
}

/** Builds the per-line table and the purchase log; `roles` are the sample's (mapping) roles;
 *  `exact`: sums in line order (see EXACT_SUM_LINES). */
export async function duckLog(duck: DuckDBConnection, ins: Inspected, roles: Roles, exact = true): Promise<DuckLog | { ok: false; code: string; message: string }> {
  const col = (r: keyof Roles) => {
    const i = ins.raw.columns.findIndex((c) => c.name === roles[r]);
    return i < 0 ? null : { name: ins.raw.columns[i].name, inf: ins.inferred[i] };
  };
  const [id, date, qty, price, amount, invoice] = (['id', 'date', 'quantity', 'price', 'amount', 'invoice'] as const).map(col);
  if (!id || !date || !(amount || (qty && price)))
    return { ok: false, code: 'transactions-roles', message: 'A transaction log needs a customer id, a date, and an amount (or quantity and price) column.' };
  const distinct = async (c: string) => (await rowsOf(duck, `SELECT DISTINCT ${q(c)} FROM lines_t`)).map((r) => String(r[0]));
  // dates with the column's day/month order: ms for the aggregation, pday (day number) for the purchase log
  await lookup(duck, 'm_date', await distinct(date.name), [['ms', (v) => parseDate(v, date.inf.dateOrder)], ['pday', (v) => Math.floor(parseDate(v, date.inf.dateOrder) / DAY)]]);
  for (const [c, tag] of [[qty, 'q'], [price, 'p'], [amount, 'a']] as const)
    if (c) await lookup(duck, `m_${tag}`, await distinct(c.name), [['x', (v) => parseNumber(v, c.inf.decimal)]]);
  await lookup(duck, 'm_id', await distinct(id.name), [['ph', (v) => isPlaceholderId(v)], ['blank', (v) => isBlank(v.trim())]]);
  // far-off dates (data/dates.ts outlierDates, weighted by line counts): left out as NaN
  const dc = (await rowsOf(duck, `SELECT d.ms, count(*) FROM lines l JOIN m_date d ON d.v = l.${q(date.name)} WHERE d.ms IS NOT NULL AND d.ms >= ${YEAR_1900} GROUP BY d.ms ORDER BY d.ms`)).map((r) => [Number(r[0]), Number(r[1])]);
  const total = dc.reduce((s, [, c]) => s + c, 0);
  const at = (k: number) => {
    let seen = 0;
    for (const [d, c] of dc) if ((seen += c) > k) return d;
    return 0;
  };
  const lo = total ? at(Math.floor((total - 1) * 0.01)) : 0;
  const hi = total ? at(Math.ceil((total - 1) * 0.99)) : 0;
  const pad = Math.max(hi - lo, 365 * DAY);
  const farSql = `(d.ms < ${YEAR_1900} OR d.ms < ${lo - pad} OR d.ms > ${hi + pad})`;
  const far = (await rowsOf(duck, `SELECT count(*) FROM lines l JOIN m_date d ON d.v = l.${q(date.name)} WHERE ${farSql}`))[0].map(Number)[0];
  // the first three far dates in the order the file first shows them (the engine's level order)
  const farExamples = far ? (await rowsOf(duck, `SELECT d.ms, min(l._row) AS r FROM lines l JOIN m_date d ON d.v = l.${q(date.name)} WHERE ${farSql} GROUP BY d.v, d.ms ORDER BY r LIMIT 3`)).map((r) => Number(r[0])) : [];
  const qx = qty ? 'mq.x' : '1.0';
  const value = amount ? 'ma.x' : `${qx} * mp.x`;
  await duck.run(`CREATE OR REPLACE TEMP TABLE ln AS SELECT l._row AS row, trim(l.${q(id.name)}) AS cid, mi.ph, mi.blank,
    CASE WHEN ${farSql} THEN NULL ELSE d.ms END AS ms, COALESCE(${farSql}, false) AS far, d.pday, ${qx} AS q, ${value} AS v, ${invoice ? `l.${q(invoice.name)}` : 'NULL'} AS inv
    FROM lines l JOIN m_id mi ON mi.v = l.${q(id.name)} JOIN m_date d ON d.v = l.${q(date.name)}
    ${qty ? `JOIN m_q mq ON mq.v = l.${q(qty.name)}` : ''} ${price ? `JOIN m_p mp ON mp.v = l.${q(price.name)}` : ''} ${amount ? `JOIN m_a ma ON ma.v = l.${q(amount.name)}` : ''}`);
  const log = await purchaseDays(duck, invoice !== null, exact);
  const farWarning: Warning | null = far
    ? { code: 'date-outliers', message: `${far} line(s) have a date far outside the rest of the log or after the analysis date (e.g. ${farExamples.slice(0, 3).map((d) => new Date(d).toISOString().slice(0, 10)).join(', ')}), likely typos; they were left out so they do not move the analysis date or the churn cutoff.`, count: far, column: roles.date ?? '' }
    : null;
  return { log, aggregate: (w) => aggregate(duck, w, invoice !== null, farWarning, id.name, exact) };
}

/** data/purchaseLog.ts + lifetime/log.ts collapseLines, in SQL: purchase-days per customer in first-appearance order. */
async function purchaseDays(duck: DuckDBConnection, hasInvoice: boolean, exact: boolean): Promise<PurchaseLog> {
  const cancel = hasInvoice ? `(regexp_matches(trim(inv), '^[cC]') OR q < 0)` : 'q < 0';
  await duck.run(`CREATE OR REPLACE TEMP TABLE pl AS SELECT row, cid, pday AS day, CASE WHEN ${cancel} THEN -abs(v) ELSE v END AS v FROM ln WHERE NOT blank AND NOT far AND pday IS NOT NULL AND v IS NOT NULL AND isfinite(v)`);
  const [refunds, refundTotal, zeros] = (await rowsOf(duck, `SELECT count(*) FILTER (WHERE NOT (v >= 0)), ${sumOf(exact, '-v', 'NOT (v >= 0)')}, count(*) FILTER (WHERE v = 0) FROM pl`))[0].map(Number);
  const [nDays] = (await rowsOf(duck, 'SELECT count(*) FROM (SELECT DISTINCT cid, day FROM pl WHERE v >= 0)'))[0].map(Number);
  const ids: string[] = [];
  const customer = new Int32Array(nDays);
  const day = new Int32Array(nDays);
  const amount = new Float64Array(nDays);
  let at = 0;
  await eachChunk(duck, `WITH c AS (SELECT cid, min(row) AS first FROM pl WHERE v >= 0 GROUP BY cid),
    o AS (SELECT cid, row_number() OVER (ORDER BY first) - 1 AS k FROM c)
    SELECT o.k, o.cid, p.day, ${sumOf(exact, 'p.v', 'true', 'p.row')} FROM pl p JOIN o USING (cid) WHERE p.v >= 0 GROUP BY o.k, o.cid, p.day ORDER BY o.k, p.day`, (cols, n) => {
    for (let r = 0; r < n; r++, at++) {
      const k = Number(cols[0][r]);
      if (k === ids.length) ids.push(String(cols[1][r]));
      customer[at] = k;
      day[at] = Number(cols[2][r]);
      amount[at] = Number(cols[3][r]);
    }
  });
  const warnings: Warning[] = [];
  if (refunds > 0)
    warnings.push({ code: 'lifetime-refunds', message: `${fmtInt(refunds)} line(s) are refunds or cancellations (negative amounts, ${refundTotal.toFixed(2)} in all); the lifetime models count purchases and their spend without them.`, count: refunds });
  if (zeros > 0) warnings.push({ code: 'lifetime-zero-amounts', message: `${fmtInt(zeros)} line(s) have an amount of 0; the lifetime models count them as purchases with no spend.`, count: zeros });
  return { ids, customer, day, amount, warnings };
}

/** data/transactions.ts aggregateTransactions in SQL (same rules, same findings, same row order). */
async function aggregate(duck: DuckDBConnection, w: number, hasInvoice: boolean, farWarning: Warning | null, idName: string, exact: boolean): Promise<TransactionsResult> {
  // every data line is aggregated into a customer or set aside by one finding (its `dropped`), as in data/transactions.ts
  const [farLines, bad, aggregated] = (await rowsOf(duck, `SELECT count(*) FILTER (WHERE NOT ph AND far), count(*) FILTER (WHERE NOT ph AND NOT far AND (ms IS NULL OR v IS NULL OR NOT isfinite(v))),
    count(*) FILTER (WHERE NOT ph AND ms IS NOT NULL AND v IS NOT NULL AND isfinite(v)) FROM ln`))[0].map(Number);
  const warnings: Warning[] = farWarning ? [{ ...farWarning, dropped: farLines }] : [];
  if (!exact)
    warnings.push({ code: 'duckdb-sum-order', message: `The log is too long to add amounts line by line in memory, so DuckDB added the amounts in its own order (out of core); totals can differ from the in-memory engine's in the last digits.`, count: 1 });
  const [maxRaw, setAside] = (await rowsOf(duck, 'SELECT max(ms), count(*) FILTER (WHERE ph) FROM ln'))[0].map(Number);
  const maxDate = maxRaw;
  const cutoff = maxDate - w * DAY;
  if (setAside > 0) {
    const ex = (await rowsOf(duck, 'SELECT row FROM ln WHERE ph ORDER BY row LIMIT 5')).map((r) => Number(r[0]) + 1);
    const vals = (await rowsOf(duck, `SELECT l.${q(idName)} AS v, count(*) AS n, min(l._row) AS r FROM lines l JOIN ln ON ln.row = l._row WHERE ln.ph GROUP BY 1 ORDER BY n DESC, r`)).map((r) => ({ value: String(r[0]).trim() === '' ? '(empty)' : String(r[0]), count: Number(r[1]) }));
    warnings.push(placeholderWarning({ column: idName, count: setAside, values: vals, examples: ex, isPlaceholder: new Uint8Array(0) }, 'line'));
  }
  if (bad > 0) warnings.push({ code: 'bad-transaction-lines', message: `${bad} line(s) have an unreadable date or amount and were left out.`, count: bad, dropped: bad });
  const inv = hasInvoice ? 'inv' : 'CAST(ms AS VARCHAR)';
  const cancelled = hasInvoice ? `(q < 0 OR v < 0 OR regexp_matches(inv, '^[cC]'))` : '(q < 0 OR v < 0)';
  const sum = (cond: string) => sumOf(exact, 'v', cond);
  const [cancellations] = (await rowsOf(duck, `SELECT count(*) FROM ln WHERE NOT ph AND ms IS NOT NULL AND v IS NOT NULL AND isfinite(v) AND ${cancelled}`))[0].map(Number);
  if (cancellations > 0)
    warnings.push({ code: 'cancellations', message: `${cancellations} line(s) are cancellations or returns (negative quantity or amount, or an invoice starting with "C"); they reduce the customer's spend but do not count as purchases.`, count: cancellations });
  await duck.run(`CREATE OR REPLACE TEMP TABLE cust AS WITH ok AS (SELECT row, cid, ms, v, ${inv} AS inv, ${cancelled} AS cx FROM ln WHERE NOT ph AND ms IS NOT NULL AND v IS NOT NULL AND isfinite(v))
    SELECT cid, min(row) AS first_row,
      least(arg_min(ms, row), COALESCE(min(ms) FILTER (WHERE NOT cx), 'infinity'::DOUBLE)) AS first,
      greatest(arg_min(ms, row), COALESCE(max(ms) FILTER (WHERE NOT cx), '-infinity'::DOUBLE)) AS last,
      count(DISTINCT inv) FILTER (WHERE NOT cx) AS n_inv, ${sum('true')} AS monetary,
      COALESCE(min(ms) FILTER (WHERE NOT cx AND ms <= ${cutoff}), 'infinity'::DOUBLE) AS pre_first,
      COALESCE(max(ms) FILTER (WHERE NOT cx AND ms <= ${cutoff}), '-infinity'::DOUBLE) AS pre_last,
      count(DISTINCT inv) FILTER (WHERE NOT cx AND ms <= ${cutoff}) AS pre_n_inv, ${sum(`ms <= ${cutoff}`)} AS pre_monetary,
      bool_or(NOT cx AND ms > ${cutoff}) AS after
    FROM ok GROUP BY cid`);
  const [minDate] = (await rowsOf(duck, 'SELECT min(first) FROM cust'))[0].map(Number);
  const spanDays = (maxDate - minDate) / DAY;
  const withTarget = spanDays >= 2 * w;
  const all: Agg[] = [];
  await eachChunk(duck, 'SELECT cid, first, last, n_inv, monetary, pre_first, pre_last, pre_n_inv, pre_monetary, after FROM cust WHERE n_inv > 0 ORDER BY first_row', (c, n) => {
    for (let r = 0; r < n; r++)
      all.push({ cid: String(c[0][r]), first: Number(c[1][r]), last: Number(c[2][r]), nInv: Number(c[3][r]), monetary: Number(c[4][r]), preFirst: Number(c[5][r]), preLast: Number(c[6][r]), preInv: Number(c[7][r]), preMonetary: Number(c[8][r]), after: c[9][r] === true });
  });
  const kept = withTarget ? all.filter((a) => a.preInv > 0) : all;
  if (withTarget && kept.length < all.length)
    warnings.push({ code: 'new-customers-unscored', message: `${all.length - kept.length} customer(s) made their first purchase in the last ${w} days, too recently to judge churn; they are not part of the analysis.`, count: all.length - kept.length });
  if (!withTarget) warnings.push({ code: 'no-churn-window', message: `The log covers only ${Math.round(spanDays)} days; at least ${2 * w} are needed to judge churn, so no churn model was trained.`, count: 1 });
  else
    warnings.push({ code: 'derived-target', message: `Churn was derived from the log: a customer counts as churned when they bought nothing in the last ${w} days (after ${new Date(cutoff).toISOString().slice(0, 10)}). Model features use only purchases before that date.`, count: kept.length });
  return { ok: true, frame: { ...frameOf(kept, maxDate, cutoff, w, withTarget), linesAggregated: aggregated }, warnings };
}

type Agg = { cid: string; first: number; last: number; nInv: number; monetary: number; preFirst: number; preLast: number; preInv: number; preMonetary: number; after: boolean };

/** The CustomerFrame of aggregated customers, with transactions.ts's formulas. */
function frameOf(rows: Agg[], maxDate: number, cutoff: number, w: number, withTarget: boolean): CustomerFrame {
  const ref = maxDate + DAY;
  const f = (fn: (a: Agg) => number) => Float64Array.from(rows, fn);
  const months = (a: Agg) => Math.max(1, (ref - a.first) / DAY / MONTH_DAYS);
  const y = withTarget ? Uint8Array.from(rows, (a) => (a.after ? 0 : 1)) : null;
  return {
    kind: 'transactions',
    n: rows.length,
    ids: rows.map((a) => a.cid),
    y: y && y.some((v) => v === 1) && y.some((v) => v === 0) ? y : null,
    targetName: withTarget ? `No purchase in last ${w} days` : null,
    tenure: f(months),
    monthly: f((a) => a.monetary / months(a)),
    total: f((a) => a.monetary),
    recency: f((a) => (ref - a.last) / DAY),
    frequency: f((a) => a.nInv),
    monetary: f((a) => a.monetary),
    numeric: withTarget ? preCutoffFeatures(rows, { first: (a) => a.preFirst, last: (a) => a.preLast, orders: (a) => a.preInv, monetary: (a) => a.preMonetary }, cutoff) : [],
    categorical: [],
    ...(withTarget ? { survivalMonths: survivalMonths(rows, (a) => a.first, (a) => a.last, (a) => !a.after, ref) } : {}),
  };
}

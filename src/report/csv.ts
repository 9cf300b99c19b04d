/** CSV exports: scored customers and the call list. Formula-injection safe through the one cell
 *  writer, analysis/csvCells.ts (text cells starting with = + - @ after whitespace, or with tab, CR
 *  or LF, get a leading single quote, so spreadsheets show them as text). */
import type { AnalysisResult } from '../analysis/result';
import { affordableCount, callOrder, customerRow, money, reasonsPlain } from './customers';

import { csvCell, toCsv } from '../analysis/csvCells';

export { csvCell, toCsv };

const round = (v: number | null, d: number) => (v == null || !Number.isFinite(v) ? null : Number(v.toFixed(d)));

type Cell = string | number | boolean | null;

/** The original file's rows of the exported customers (same order as result.ids): header and one row each. */
export interface Originals {
  header: string[];
  rows: string[][][];
}

/** The customer's original columns (the id column once; a name already used gets " (file)"). */
function originalColumns(result: AnalysisResult, originals: Originals | null | undefined, used: string[]) {
  const idCol = result.roles.id;
  const keep = originals ? originals.header.map((h, j) => (h === idCol ? -1 : j)).filter((j) => j >= 0) : [];
  const taken = new Set(used);
  const header = keep.map((j) => (taken.has(originals!.header[j]) ? `${originals!.header[j]} (file)` : originals!.header[j]));
  const cells = (i: number): Cell[] => keep.map((j) => originals!.rows[i]?.[0]?.[j] ?? null);
  return { header, cells };
}

/** A money column's name with the analysis's currency: "clv_usd", "clv_eur" (CRM imports keep the unit). */
function inCurrency(name: string, result: AnalysisResult): string {
  return `${name}_${result.currency.toLowerCase()}`;
}

const moneyHeader = (result: AnalysisResult) => [inCurrency('clv', result), inCurrency('expected_value_saved', result)];

/** Every customer with status (active / left), segment, churn probability, remaining CLV, expected value saved,
 *  reasons as plain text and, when given, the original columns. Money columns only when the result has money;
 *  customers who left have no remaining value (blank). */
export function customersCsv(result: AnalysisResult, originals: Originals | null = null): string {
  const m = money(result);
  // transaction logs: the lifetime models' per-customer figures (BG/NBD + Gamma-Gamma)
  const lt = result.lifetime?.customersOut ?? null;
  const lifeHeader = lt ? ['p_alive', 'expected_purchases_3m', 'expected_purchases_6m', 'expected_purchases_12m', inCurrency('expected_spend_per_purchase', result), inCurrency('lifetime_clv_12m', result)] : [];
  const columns = ['customer_id', 'status', 'segment', 'outlier', 'churn_probability', ...(m ? moneyHeader(result) : []), ...lifeHeader, 'top_reasons', 'suggested_action'];
  const x = originalColumns(result, originals, columns);
  const rows: Cell[][] = [];
  for (let i = 0; i < result.rows; i++) {
    const c = customerRow(result, i);
    const life = lt ? [round(lt.pAlive[i], 4), round(lt.expected3[i], 3), round(lt.expected6[i], 3), round(lt.expected12[i], 3), round(lt.spend[i], 2), round(lt.clv[i], 2)] : [];
    rows.push([c.id, c.status, c.segment, c.outlier, round(c.probability, 4), ...(m ? [round(c.clv, 2), round(c.expectedValueSaved, 2)] : []), ...life, reasonsPlain(result, i), c.status === 'active' ? c.action : '', ...x.cells(i)]);
  }
  return toCsv([...columns, ...x.header], rows);
}

/** The call list: the plan's active customers (business/campaign.ts), as many as the budget pays for (or `count`),
 *  with the recommended action of their segment, plain-text reasons and, when given (rows in result.ids order),
 *  the original columns. Without money, ranked by churn risk with no money columns. */
export function callListCsv(result: AnalysisResult, originals: Originals | null = null, count = affordableCount(result)): string {
  const m = money(result);
  const order = callOrder(result);
  const actions = new Map((result.business?.recommendations ?? []).map((r) => [r.segment, r.action]));
  const columns = ['rank', 'customer_id', 'segment', 'churn_probability', ...(m ? moneyHeader(result) : []), 'suggested_action', 'top_reasons'];
  const x = originalColumns(result, originals, columns);
  const rows: Cell[][] = [];
  for (let k = 0; k < Math.min(count, order.length); k++) {
    const i = order[k];
    const c = customerRow(result, i);
    rows.push([k + 1, c.id, c.segment, round(c.probability, 4), ...(m ? [round(c.clv, 2), round(c.expectedValueSaved, 2)] : []), c.action || (actions.get(c.segment) ?? ''), reasonsPlain(result, i), ...x.cells(i)]);
  }
  return toCsv([...columns, ...x.header], rows);
}

/** Customers who already left, highest monthly revenue first (the engine's win-back list). */
export function winBackCsv(result: AnalysisResult, originals: Originals | null = null): string {
  const lost = result.business?.lost;
  const columns = ['rank', 'customer_id', 'segment', 'top_reasons'];
  const x = originalColumns(result, originals, columns);
  const rows: Cell[][] = [];
  (lost?.winBack ?? []).forEach((i, k) => {
    const c = customerRow(result, i);
    rows.push([k + 1, c.id, c.segment, reasonsPlain(result, i), ...x.cells(i)]);
  });
  return toCsv([...columns, ...x.header], rows);
}

/** CSV exports: scored customers and the call list. Formula-injection safe: text cells starting
 *  with = + - @ tab or CR get a leading single quote, so spreadsheets show them as text. */
import type { AnalysisResult } from '../analysis/result';
import { affordableCount, callOrder, customerRow, money } from './customers';

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: text neutralised against formulas and quoted when needed; numbers as-is. */
export function csvCell(v: string | number | boolean | null | undefined): string {
  if (v == null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  let s = v;
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows to CSV text (CRLF line ends, as RFC 4180). */
export function toCsv(header: string[], rows: (string | number | boolean | null)[][]): string {
  const lines = [header.map(csvCell).join(',')];
  for (const r of rows) lines.push(r.map(csvCell).join(','));
  return lines.join('\r\n') + '\r\n';
}

const round = (v: number | null, d: number) => (v == null || !Number.isFinite(v) ? null : Number(v.toFixed(d)));

/** Every customer with status (active / left), segment, churn probability, remaining CLV, expected value saved and
 *  top reasons. Money columns only when the result has money; customers who left have no remaining value (blank). */
export function customersCsv(result: AnalysisResult): string {
  const m = money(result);
  const rows: (string | number | boolean | null)[][] = [];
  for (let i = 0; i < result.rows; i++) {
    const c = customerRow(result, i);
    rows.push([c.id, c.status, c.segment, c.outlier, round(c.probability, 4), ...(m ? [round(c.clv, 2), round(c.expectedValueSaved, 2)] : []), c.reasons, c.status === 'active' ? c.action : '']);
  }
  return toCsv(['customer_id', 'status', 'segment', 'outlier', 'churn_probability', ...(m ? ['clv', 'expected_value_saved'] : []), 'top_reasons', 'suggested_action'], rows);
}

/** The call list: the plan's active customers (business/campaign.ts), as many as the budget pays for (or `count`),
 *  with the recommended action of their segment. Without money, ranked by churn risk with no money columns. */
export function callListCsv(result: AnalysisResult, count = affordableCount(result)): string {
  const m = money(result);
  const order = callOrder(result);
  const actions = new Map((result.business?.recommendations ?? []).map((r) => [r.segment, r.action]));
  const rows: (string | number | boolean | null)[][] = [];
  for (let k = 0; k < Math.min(count, order.length); k++) {
    const c = customerRow(result, order[k]);
    rows.push([k + 1, c.id, c.segment, round(c.probability, 4), ...(m ? [round(c.clv, 2), round(c.expectedValueSaved, 2)] : []), c.action || (actions.get(c.segment) ?? ''), c.reasons]);
  }
  return toCsv(['rank', 'customer_id', 'segment', 'churn_probability', ...(m ? ['clv', 'expected_value_saved'] : []), 'suggested_action', 'top_reasons'], rows);
}

/** Customers who already left, highest monthly revenue first (the engine's win-back list). */
export function winBackCsv(result: AnalysisResult): string {
  const lost = result.business?.lost;
  const rows: (string | number | boolean | null)[][] = [];
  (lost?.winBack ?? []).forEach((i, k) => {
    const c = customerRow(result, i);
    rows.push([k + 1, c.id, c.segment, c.reasons]);
  });
  return toCsv(['rank', 'customer_id', 'segment', 'top_reasons'], rows);
}

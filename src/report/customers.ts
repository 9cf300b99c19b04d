/** Per-customer rows (segment, churn probability, CLV, value saved, reasons) read from a result. */
import type { AnalysisResult } from '../analysis/result';
import { fmtPoints, reasonWords, yesNoColumns } from '../analysis/format';

export interface CustomerRow {
  index: number;
  id: string;
  segment: string;
  segmentId: number;
  outlier: boolean;
  /** 'active' or 'left' (already left: the churn flag records history) */
  status: 'active' | 'left';
  probability: number | null;
  clv: number | null;
  expectedValueSaved: number | null;
  reasons: string;
  /** the suggested action from the customer's own top reasons ('' when none) */
  action: string;
}

/** Top reasons of customer i as text, e.g. "Contract is Month-to-month ↑, tenure is low ↑" (↑ raises churn risk, ↓ lowers it; the
 *  tables' headers say so). */
export function reasonsOf(result: AnalysisResult, i: number): string {
  const r = result.churn?.reasons;
  if (!r || r.reasonsPerCustomer <= 0) return '';
  const out: string[] = [];
  for (let j = 0; j < r.reasonsPerCustomer; j++) {
    const f = r.reasonFeature[i * r.reasonsPerCustomer + j];
    if (f == null || f < 0 || f >= r.reasonNames.length) continue;
    const v = r.reasonValue[i * r.reasonsPerCustomer + j];
    out.push(`${reasonPhrase(r.reasonNames[f], yesNoSet(result))} ${v >= 0 ? '↑' : '↓'}`);
  }
  return out.join(', ');
}

/** The suggested action of customer i from their own reasons (business/customerActions.ts); '' when none. */
export function actionOf(result: AnalysisResult, i: number): string {
  const a = result.business?.customerActions;
  if (!a) return '';
  const k = a.index[i];
  return k >= 0 ? (a.actions[k] ?? '') : '';
}

export interface Reason {
  /** the model's name for it, e.g. "Contract=Month-to-month" or "tenure (low)" */
  name: string;
  /** signed change of the churn probability, in percentage points */
  points: number;
  /** in words, e.g. "Contract is Month-to-month — raises the churn risk by 12.3 percentage points" */
  words: string;
}

/** A reason name as a phrase: "Contract=Month-to-month" -> "Contract is Month-to-month", "tenure (low)" -> "tenure is low",
 *  a yes/no column of the result "SeniorCitizen: yes" (format/groups.ts reasonWords). */
export function reasonPhrase(name: string, yesNoCols?: ReadonlySet<string>): string {
  return reasonWords(name, yesNoCols);
}

/** The result's yes/no columns, computed once per result (reasons are phrased per row). */
const yesNoOf = new WeakMap<AnalysisResult, Set<string>>();
function yesNoSet(result: AnalysisResult): Set<string> {
  let s = yesNoOf.get(result);
  if (!s) yesNoOf.set(result, (s = yesNoColumns(result.columns ?? [])));
  return s;
}

/** Every reason of customer i, largest first, with its size and in words. */
export function reasonList(result: AnalysisResult, i: number): Reason[] {
  const r = result.churn?.reasons;
  if (!r || r.reasonsPerCustomer <= 0) return [];
  const out: Reason[] = [];
  for (let j = 0; j < r.reasonsPerCustomer; j++) {
    const f = r.reasonFeature[i * r.reasonsPerCustomer + j];
    if (f == null || f < 0 || f >= r.reasonNames.length) continue;
    const points = r.reasonValue[i * r.reasonsPerCustomer + j];
    const name = r.reasonNames[f];
    out.push({ name, points, words: `${reasonPhrase(name, yesNoSet(result))} — ${points >= 0 ? 'raises' : 'lowers'} the churn risk by ${fmtPoints(points)}` });
  }
  return out.sort((a, b) => Math.abs(b.points) - Math.abs(a.points));
}

/** Customer i's reasons as plain text for a CRM (no arrows): "Contract is Month-to-month (+12.3 percentage points); tenure is low (+8.1 percentage points)". */
export function reasonsPlain(result: AnalysisResult, i: number): string {
  return reasonList(result, i).map((x) => `${reasonPhrase(x.name, yesNoSet(result))} (${fmtPoints(x.points, true)})`).join('; ');
}

/** Row i of the customers table. */
export function customerRow(result: AnalysisResult, i: number): CustomerRow {
  const seg = result.segmentation;
  const segId = seg ? seg.labels[i] : -1;
  return {
    index: i,
    id: result.ids[i] ?? String(i + 1),
    segmentId: segId,
    segment: seg?.segments[segId]?.name ?? '',
    outlier: seg ? seg.outlier[i] === 1 : false,
    status: result.business?.active && !result.business.active[i] ? 'left' : 'active',
    probability: result.business?.probability ? result.business.probability[i] : result.churn ? result.churn.probability[i] : null,
    clv: money(result) ? finite(result.business!.clv[i]) : null,
    expectedValueSaved: money(result) ? finite(result.business!.expectedValueSaved[i]) : null,
    reasons: reasonsOf(result, i),
    action: actionOf(result, i),
  };
}

/** Whether the result has money figures (a revenue column or the user's value per customer). */
export function money(result: AnalysisResult): boolean {
  return !!result.business && result.business.money !== false;
}

const finite = (v: number) => (Number.isFinite(v) ? v : null);

/** The call order the engine chose (active customers only, business/campaign.ts); results without one fall back to churn probability. */
export function callOrder(result: AnalysisResult): Int32Array {
  const b = result.business;
  if (b?.callOrder && b.callOrder.length > 0) return b.callOrder;
  const p = result.churn?.probability;
  const order = Int32Array.from({ length: result.rows }, (_, i) => i);
  return p ? order.sort((a, c) => p[c] - p[a] || a - c) : order;
}

/** How many customers are on the call list: the engine's plan (as many as the budget pays for, while offers pay back). */
export function affordableCount(result: AnalysisResult): number {
  const plan = result.business?.plan;
  if (plan) return plan.campaign.targeted;
  return Math.min(100, result.rows);
}

/** Customer i's expected remaining months from the survival model (active customers of a table with
 *  tenure and a churn flag), counted within the next capMonths months (the longest tenure in the
 *  file; survival/curves.ts); null when there is no survival model or the customer already left. */
export function remainingLifetime(result: AnalysisResult, i: number): { months: number; capMonths: number } | null {
  const sm = result.survivalModel;
  if (!sm) return null;
  const k = sm.active.rows.indexOf(i);
  if (k < 0 || !Number.isFinite(sm.active.expectedRemaining[k])) return null;
  return { months: sm.active.expectedRemaining[k], capMonths: sm.capMonths };
}

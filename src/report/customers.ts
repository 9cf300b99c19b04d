/** Per-customer rows (segment, churn probability, CLV, value saved, reasons) read from a result. */
import type { AnalysisResult } from '../analysis/result';

export interface CustomerRow {
  index: number;
  id: string;
  segment: string;
  segmentId: number;
  outlier: boolean;
  probability: number | null;
  clv: number | null;
  expectedValueSaved: number | null;
  reasons: string;
}

/** Top reasons of customer i as text, e.g. "Contract=Month-to-month ↑, tenure ↑" (↑ raises churn risk). */
export function reasonsOf(result: AnalysisResult, i: number): string {
  const r = result.churn?.reasons;
  if (!r || r.reasonsPerCustomer <= 0) return '';
  const out: string[] = [];
  for (let j = 0; j < r.reasonsPerCustomer; j++) {
    const f = r.reasonFeature[i * r.reasonsPerCustomer + j];
    if (f == null || f < 0 || f >= r.reasonNames.length) continue;
    const v = r.reasonValue[i * r.reasonsPerCustomer + j];
    out.push(`${r.reasonNames[f]} ${v >= 0 ? '↑' : '↓'}`);
  }
  return out.join(', ');
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
    probability: result.churn ? result.churn.probability[i] : null,
    clv: result.business ? result.business.clv[i] : null,
    expectedValueSaved: result.business ? result.business.expectedValueSaved[i] : null,
    reasons: reasonsOf(result, i),
  };
}

/** Customer indices ordered by expected value saved (then churn probability), highest first. */
export function callOrder(result: AnalysisResult): Int32Array {
  const evs = result.business?.expectedValueSaved;
  const p = result.churn?.probability;
  const order = Int32Array.from({ length: result.rows }, (_, i) => i);
  const key = (i: number) => (evs ? evs[i] : p ? p[i] : 0);
  return order.sort((a, b) => key(b) - key(a) || (p ? p[b] - p[a] : 0) || a - b);
}

/** How many customers the campaign budget pays for (budget / offer cost), capped at `n`. */
export function affordableCount(result: AnalysisResult): number {
  const o = result.business?.options;
  if (!o) return Math.min(100, result.rows);
  return o.offerCost > 0 ? Math.min(result.rows, Math.floor(o.budget / o.offerCost)) : result.rows;
}

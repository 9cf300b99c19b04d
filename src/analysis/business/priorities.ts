/** The call list: customers ranked by expected value saved, with each one's top churn reasons; CSV export. */
import type { CustomerReasons } from '../churn/types';
import type { Priority } from './types';
import { fmtPoints } from '../format';

/**
 * Readable top reasons for customer i from the compact churn reasons (values are in probability
 * points, as churn/reasons.ts writes them: 12.3 -> "+12.3 percentage points", format fmtPoints); only reasons that raise the risk.
 */
export function reasonsFor(reasons: CustomerReasons | null, i: number, max = 3): string[] {
  if (!reasons || reasons.reasonsPerCustomer <= 0) return [];
  const R = reasons.reasonsPerCustomer;
  const out: { name: string; v: number }[] = [];
  for (let j = 0; j < R; j++) {
    const f = reasons.reasonFeature[i * R + j];
    const v = reasons.reasonValue[i * R + j];
    if (f < 0 || !(v > 0) || f >= reasons.reasonNames.length) continue;
    out.push({ name: reasons.reasonNames[f], v });
  }
  out.sort((a, b) => b.v - a.v);
  return out.slice(0, max).map((r) => `${r.name} (${fmtPoints(r.v, true)})`);
}

export interface PriorityInputs {
  ids: string[];
  order: ArrayLike<number>;
  p: ArrayLike<number>;
  clv: ArrayLike<number>;
  ev: ArrayLike<number>;
  labels: Int32Array;
  names: string[];
  reasons: CustomerReasons | null;
  /** used when there are no model reasons, e.g. "segment churn rate 42.7%" */
  fallbackReason: (i: number) => string[];
}

/** Top `limit` customers (default 100) by expected value saved, optionally only one segment. */
export function rankCustomers(x: PriorityInputs, limit = 100, segment?: string): Priority[] {
  const out: Priority[] = [];
  const want = segment === undefined ? -1 : x.names.indexOf(segment);
  if (segment !== undefined && want < 0) return out;
  for (let k = 0; k < x.order.length && out.length < limit; k++) {
    const i = x.order[k];
    if (want >= 0 && x.labels[i] !== want) continue;
    const r = reasonsFor(x.reasons, i);
    out.push({
      index: i,
      id: x.ids[i] ?? String(i),
      segment: x.names[x.labels[i]],
      churnProbability: x.p[i],
      clv: x.clv[i],
      expectedValueSaved: x.ev[i],
      reasons: r.length ? r : x.fallbackReason(i),
    });
  }
  return out;
}

/** Segment profiles for the advice rules: churn, tenure, price and the share metrics of rules.ts. */
import type { CustomerFrame } from '../types';
import type { Groups } from './groups';
import { SHARE_METRICS, type MetricId } from './rules';

export type Profile = Record<MetricId, number | null>;

/** Per customer 1 when they belong to a share metric's level (e.g. month-to-month); null when the column is absent. */
export function shareMembership(frame: CustomerFrame, id: MetricId): Uint8Array | null {
  const m = SHARE_METRICS.find((s) => s.id === id);
  const col = m && frame.categorical.find((c) => m.column.test(c.name));
  if (!m || !col) return null;
  const hit = col.levels.map((l) => m.level.test(l.trim()));
  if (!hit.some(Boolean)) return null;
  return Uint8Array.from(col.codes, (l) => (l >= 0 && hit[l] ? 1 : 0));
}

/** One profile per group. churn: observed flag when present, else mean probability p, else null. */
export function segmentProfiles(frame: CustomerFrame, groups: Groups, p: Float64Array | null): Profile[] {
  const k = groups.names.length;
  const n = frame.n;
  const size = new Float64Array(k), churn = new Float64Array(k), ten = new Float64Array(k), mon = new Float64Array(k);
  let churnAll = 0, monAll = 0;
  const churnOf = (i: number) => (frame.y ? (frame.y[i] ? 1 : 0) : p ? p[i] : 0);
  for (let i = 0; i < n; i++) {
    const g = groups.labels[i];
    size[g]++;
    const c = churnOf(i);
    churn[g] += c;
    churnAll += c;
    if (frame.tenure) ten[g] += frame.tenure[i];
    if (frame.monthly) { mon[g] += frame.monthly[i]; monAll += frame.monthly[i]; }
  }
  const hasChurn = !!(frame.y || p);
  const base = n > 0 ? churnAll / n : 0;
  const arpu = n > 0 ? monAll / n : 0;
  const shares = SHARE_METRICS.map((m) => {
    const col = frame.categorical.find((c) => m.column.test(c.name));
    if (!col) return null;
    const hit = col.levels.map((l) => m.level.test(l.trim()));
    if (!hit.some(Boolean)) return null;
    const cnt = new Float64Array(k);
    for (let i = 0; i < n; i++) { const l = col.codes[i]; if (l >= 0 && hit[l]) cnt[groups.labels[i]]++; }
    return cnt;
  });
  return groups.names.map((_, g) => {
    const s = size[g] || 1;
    const rate = hasChurn ? churn[g] / s : null;
    const prof = {
      churnRate: rate,
      churnVsBase: rate !== null && base > 0 ? rate / base : null,
      meanTenure: frame.tenure ? ten[g] / s : null,
      monthlyVsBase: frame.monthly && arpu > 0 ? mon[g] / s / arpu : null,
      revenueShare: frame.monthly && monAll > 0 ? mon[g] / monAll : null,
      sizeShare: n > 0 ? size[g] / n : null,
    } as Profile;
    SHARE_METRICS.forEach((m, j) => { prof[m.id] = shares[j] ? shares[j][g] / s : null; });
    return prof;
  });
}

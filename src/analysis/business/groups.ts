/** Who belongs to which group (segment or 'All customers') and each customer's churn probability. */
import type { CustomerFrame } from '../types';
import type { SegmentationResult } from '../segment/types';
import type { ChurnResult } from '../churn/types';
import { AnalysisError } from '../errors';

export interface Groups {
  names: string[];
  /** per customer: index into names */
  labels: Int32Array;
  fromSegmentation: boolean;
}

/** Segment labels when a segmentation exists, else one group 'All customers'. */
export function resolveGroups(frame: CustomerFrame, seg: SegmentationResult | null): Groups {
  if (!seg || seg.segments.length === 0)
    return { names: ['All customers'], labels: new Int32Array(frame.n), fromSegmentation: false };
  if (seg.labels.length !== frame.n)
    throw new AnalysisError('bad-input', `business: segmentation labels length ${seg.labels.length} != frame.n=${frame.n}`);
  const k = seg.segments.length;
  for (let i = 0; i < frame.n; i++) {
    const l = seg.labels[i];
    if (!(l >= 0 && l < k)) throw new AnalysisError('bad-input', `business: segment label ${l} at row ${i} not in [0, ${k})`);
  }
  return { names: seg.segments.map((s) => s.name), labels: seg.labels, fromSegmentation: true };
}

export type ProbabilitySource = 'lifetime' | 'model' | 'segment-rate' | 'base-rate' | 'none';

export interface Probabilities {
  p: Float64Array | null;
  source: ProbabilitySource;
  /** in words, shown with revenue at risk */
  note: string;
}

/** Logs: 1 - P(alive) when the lifetime stage set frame.alive; else model probabilities when present;
 *  else the observed churn rate of the customer's group; else none. */
export function resolveProbabilities(
  frame: CustomerFrame,
  groups: Groups,
  churn: ChurnResult | null,
): Probabilities {
  if (frame.alive && frame.alive.length === frame.n) {
    const p = Float64Array.from(frame.alive, (a) => (Number.isFinite(a) ? 1 - Math.min(1, Math.max(0, a)) : 0));
    const on = frame.kind === 'transactions' ? 'the whole log' : "the table's repeat purchases, recency and customer age";
    return { p, source: 'lifetime', note: `probability that each customer has stopped buying, 1 - P(alive) from the BG/NBD model fitted on ${on}` };
  }
  if (churn && churn.probability.length > 0) {
    if (churn.probability.length !== frame.n)
      throw new AnalysisError('bad-input', `business: churn probability length ${churn.probability.length} != frame.n=${frame.n}`);
    const p = new Float64Array(frame.n);
    for (let i = 0; i < frame.n; i++) {
      const v = churn.probability[i];
      p[i] = Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0;
    }
    return { p, source: 'model', note: 'churn probability of each customer from the churn model' };
  }
  if (!frame.y) return { p: null, source: 'none', note: 'no churn flag and no churn model: no churn probabilities' };
  const k = groups.names.length;
  const churned = new Float64Array(k);
  const size = new Float64Array(k);
  for (let i = 0; i < frame.n; i++) {
    size[groups.labels[i]]++;
    churned[groups.labels[i]] += frame.y[i] ? 1 : 0;
  }
  const p = new Float64Array(frame.n);
  for (let i = 0; i < frame.n; i++) {
    const g = groups.labels[i];
    p[i] = size[g] > 0 ? churned[g] / size[g] : 0;
  }
  return groups.fromSegmentation
    ? { p, source: 'segment-rate', note: "no churn model: each customer gets their segment's observed churn rate" }
    : { p, source: 'base-rate', note: 'no churn model: each customer gets the base observed churn rate' };
}

/** Observed churn rate per group (null without a target). */
export function groupChurnRates(y: Uint8Array | null, groups: Groups): (number | null)[] {
  const k = groups.names.length;
  if (!y) return new Array<number | null>(k).fill(null);
  const c = new Float64Array(k);
  const s = new Float64Array(k);
  for (let i = 0; i < y.length; i++) {
    s[groups.labels[i]]++;
    c[groups.labels[i]] += y[i] ? 1 : 0;
  }
  return Array.from(s, (sz, g) => (sz > 0 ? c[g] / sz : null));
}

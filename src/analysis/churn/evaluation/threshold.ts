/** Decision threshold: maximise expected campaign profit on out-of-fold scores, else F1. */
import { orderDesc, tieCounts } from './metrics';

export interface Economics {
  offerCost: number;
  saveRate: number;
  /** value of keeping each customer, $ (per row); null = unknown */
  value: Float64Array | null;
}

/** Threshold (contact when p >= t) and its profit; profit of contacting row i = y_i * saveRate * value_i - offerCost. */
export function profitThreshold(p: Float64Array, y: Uint8Array, e: Economics & { value: Float64Array }, o: Int32Array = orderDesc(p)): { threshold: number; profit: number } {
  let cum = 0;
  let best = 0;
  let bestT = Infinity;
  let i = 0;
  while (i < o.length) {
    let j = i;
    while (j < o.length && p[o[j]] === p[o[i]]) {
      const r = o[j];
      cum += (y[r] ? e.saveRate * e.value[r] : 0) - e.offerCost;
      j++;
    }
    if (cum > best) {
      best = cum;
      bestT = p[o[i]];
    }
    i = j;
  }
  return { threshold: bestT, profit: best };
}

/** Threshold maximising F1 (contact when p >= t); y is 0/1. */
export function f1Threshold(p: Float64Array, y: Uint8Array, o: Int32Array = orderDesc(p)): number {
  let P = 0;
  for (let i = 0; i < y.length; i++) P += y[i];
  let best = -1;
  let bestT = 0.5;
  const c = tieCounts(p, y, o); // shared with the report's other metrics on this order
  for (let b = 0; b < c.m; b++) {
    const f1 = (2 * c.tp[b]) / (c.tp[b] + c.fp[b] + P);
    if (f1 > best) {
      best = f1;
      bestT = p[o[c.start[b]]];
    }
  }
  return bestT;
}

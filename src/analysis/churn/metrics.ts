/**
 * Binary classification metrics over plain arrays: scores p (higher = more likely
 * positive) and labels y (1/0). Pure functions, no validation beyond lengths.
 */
import type { CurvePoint } from './types';
import { log } from './detmath';

/** Row indices sorted by score descending (stable by index). O(n log n) with a native numeric
 *  sort of the values and a stable counting pass, instead of a comparator sort (~10x faster on 700k). */
export function orderDesc(p: ArrayLike<number>): Int32Array {
  const n = p.length;
  const idx = new Int32Array(n);
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    v[i] = p[i] + 0; // -0 -> +0: equal scores are ties
    if (v[i] !== v[i]) {
      for (let j = 0; j < n; j++) idx[j] = j;
      return idx.sort((a, b) => p[b] - p[a] || a - b);
    }
  }
  const u = v.slice().sort();
  let m = 0;
  for (let i = 0; i < n; i++) if (i === 0 || u[i] !== u[m - 1]) u[m++] = u[i];
  // rank from the top: 0 = largest value
  const rank = new Int32Array(n);
  const start = new Int32Array(m + 1);
  for (let i = 0; i < n; i++) {
    let lo = 0;
    let hi = m - 1;
    const x = v[i];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (u[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    rank[i] = m - 1 - lo;
    start[rank[i] + 1]++;
  }
  for (let r = 0; r < m; r++) start[r + 1] += start[r];
  for (let i = 0; i < n; i++) idx[start[rank[i]]++] = i;
  return idx;
}

/** Walks scores in descending order one block of tied scores at a time, calling
 *  visit(positives in block, negatives in block) per block. */
function forEachTieBlock(p: ArrayLike<number>, y: ArrayLike<number>, o: Int32Array, visit: (pos: number, neg: number) => void): void {
  let i = 0;
  while (i < o.length) {
    let j = i;
    let bp = 0;
    let bn = 0;
    while (j < o.length && p[o[j]] === p[o[i]]) {
      if (y[o[j]]) bp++;
      else bn++;
      j++;
    }
    visit(bp, bn);
    i = j;
  }
}

/** ROC-AUC (Mann-Whitney, ties count 1/2). NaN when one class is absent. */
export function rocAuc(p: ArrayLike<number>, y: ArrayLike<number>, o: Int32Array = orderDesc(p)): number {
  let pos = 0;
  let neg = 0;
  let sum = 0; // pairs (pos ranked above neg) counted with ties as 1/2
  forEachTieBlock(p, y, o, (tp, tn) => {
    // this block's negatives rank below every positive seen so far; ties inside the block count 1/2
    sum += tn * pos + 0.5 * tp * tn;
    pos += tp;
    neg += tn;
  });
  if (pos === 0 || neg === 0) return NaN;
  return sum / (pos * neg);
}

/** Average precision (scikit-learn average_precision_score): sum over thresholds of (R_k - R_{k-1}) P_k. */
export function prAuc(p: ArrayLike<number>, y: ArrayLike<number>, o: Int32Array = orderDesc(p)): number {
  let P = 0;
  for (let i = 0; i < y.length; i++) if (y[i]) P++;
  if (P === 0) return NaN;
  let tp = 0;
  let fp = 0;
  let ap = 0;
  let prevR = 0;
  forEachTieBlock(p, y, o, (bp, bn) => {
    tp += bp;
    fp += bn;
    const r = tp / P;
    ap += (r - prevR) * (tp / (tp + fp));
    prevR = r;
  });
  return ap;
}

/** Mean squared error of probabilities. */
export function brier(p: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) s += (p[i] - y[i]) * (p[i] - y[i]);
  return s / p.length;
}

/** Mean negative log-likelihood, probabilities clipped to [1e-15, 1 - 1e-15]. */
export function logLoss(p: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const q = Math.min(1 - 1e-15, Math.max(1e-15, p[i]));
    s -= y[i] ? log(q) : log(1 - q);
  }
  return s / p.length;
}

/** Positive rate among the top ceil(frac * n) scores over the base rate (default top decile). */
export function topLift(p: ArrayLike<number>, y: ArrayLike<number>, frac = 0.1, o: Int32Array = orderDesc(p)): number {
  const m = Math.max(1, Math.ceil(frac * o.length));
  let top = 0;
  let all = 0;
  for (let i = 0; i < o.length; i++) {
    if (!y[o[i]]) continue;
    all++;
    if (i < m) top++;
  }
  return all === 0 ? NaN : top / m / (all / o.length);
}

export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
}

/** Confusion counts and rates predicting positive when p >= threshold (precision 0 when nothing is predicted). */
export function confusionAt(p: ArrayLike<number>, y: ArrayLike<number>, threshold: number): Confusion {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < p.length; i++) {
    const hit = p[i] >= threshold;
    if (y[i] && hit) tp++;
    else if (y[i]) fn++;
    else if (hit) fp++;
    else tn++;
  }
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, fp, tn, fn, precision, recall, f1, accuracy: (tp + tn) / Math.max(1, p.length) };
}

/** Keeps at most maxPoints points, evenly spaced by index, always the first and last. */
function thin(points: CurvePoint[], maxPoints: number): CurvePoint[] {
  if (points.length <= maxPoints) return points;
  const out: CurvePoint[] = [];
  for (let k = 0; k < maxPoints; k++) out.push(points[Math.round((k * (points.length - 1)) / (maxPoints - 1))]);
  return out;
}

/** ROC curve (x = false positive rate, y = true positive rate), one point per distinct score, thinned. */
export function rocCurve(p: ArrayLike<number>, y: ArrayLike<number>, maxPoints = 200, o: Int32Array = orderDesc(p)): CurvePoint[] {
  let P = 0;
  for (let i = 0; i < y.length; i++) if (y[i]) P++;
  const N = y.length - P;
  const pts: CurvePoint[] = [{ x: 0, y: 0 }];
  let tp = 0;
  let fp = 0;
  forEachTieBlock(p, y, o, (bp, bn) => {
    tp += bp;
    fp += bn;
    pts.push({ x: N ? fp / N : 0, y: P ? tp / P : 0 });
  });
  return thin(pts, maxPoints);
}

/** Precision-recall curve (x = recall, y = precision), one point per distinct score, thinned. */
export function prCurve(p: ArrayLike<number>, y: ArrayLike<number>, maxPoints = 200, o: Int32Array = orderDesc(p)): CurvePoint[] {
  let P = 0;
  for (let i = 0; i < y.length; i++) if (y[i]) P++;
  const pts: CurvePoint[] = [];
  let tp = 0;
  let fp = 0;
  forEachTieBlock(p, y, o, (bp, bn) => {
    tp += bp;
    fp += bn;
    pts.push({ x: P ? tp / P : 0, y: tp / (tp + fp) });
  });
  return thin(pts, maxPoints);
}

/** Mean and population standard deviation (numpy's default, as in scikit-learn CV reports). */
export function meanSd(v: number[]): { mean: number; sd: number } {
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const ss = v.reduce((a, b) => a + (b - mean) * (b - mean), 0);
  return { mean, sd: v.length > 0 ? Math.sqrt(ss / v.length) : 0 };
}

/**
 * Binary classification metrics over plain arrays: scores p (higher = more likely
 * positive) and labels y (1/0). Pure functions, no validation beyond lengths.
 */
import type { CurvePoint } from '../types';
import { log } from '../../math/detmath';

/** Row indices sorted by score descending (stable by index): an LSD radix sort on the scores'
 *  bits (8 bits a pass, passes where every row has the same digit skipped), which keeps equal
 *  keys in index order. -0 and +0 are ties; NaN falls back to a comparator sort. */
export function orderDesc(p: ArrayLike<number>): Int32Array {
  const n = p.length;
  let idx = new Int32Array(n);
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    v[i] = p[i] + 0; // -0 -> +0: equal scores are ties
    if (v[i] !== v[i]) {
      for (let j = 0; j < n; j++) idx[j] = j;
      return idx.sort((a, b) => p[b] - p[a] || a - b);
    }
  }
  // descending key as two unsigned words: larger value -> smaller key
  const w = new Uint32Array(v.buffer);
  let key = new Uint32Array(2 * n); // [lo, hi] per row
  const count = new Int32Array(8 * 256);
  for (let i = 0; i < n; i++) {
    const hi = w[2 * i + HI];
    const lo = w[2 * i + LO];
    const neg = hi >>> 31;
    const kh = neg ? hi : (hi ^ 0x7fffffff) >>> 0;
    const kl = neg ? lo : ~lo >>> 0;
    key[2 * i] = kl;
    key[2 * i + 1] = kh;
    count[kl & 255]++;
    count[256 + ((kl >>> 8) & 255)]++;
    count[512 + ((kl >>> 16) & 255)]++;
    count[768 + (kl >>> 24)]++;
    count[1024 + (kh & 255)]++;
    count[1280 + ((kh >>> 8) & 255)]++;
    count[1536 + ((kh >>> 16) & 255)]++;
    count[1792 + (kh >>> 24)]++;
  }
  for (let i = 0; i < n; i++) idx[i] = i;
  if (n < 2) return idx;
  // keys travel with the indices, so each pass reads them in order (big n stays in cache)
  let tmp = new Int32Array(n);
  let kt = new Uint32Array(2 * n);
  const offs = new Int32Array(256);
  for (let pass = 0; pass < 8; pass++) {
    const c = pass * 256;
    const word = pass >> 2;
    const shift = (pass & 3) * 8;
    if (count[c + ((key[word] >>> shift) & 255)] === n) continue; // one digit for all rows
    let sum = 0;
    for (let b = 0; b < 256; b++) {
      offs[b] = sum;
      sum += count[c + b];
    }
    for (let t = 0; t < n; t++) {
      const kl = key[2 * t];
      const kh = key[2 * t + 1];
      const to = offs[((word ? kh : kl) >>> shift) & 255]++;
      tmp[to] = idx[t];
      kt[2 * to] = kl;
      kt[2 * to + 1] = kh;
    }
    [idx, tmp] = [tmp, idx];
    [key, kt] = [kt, key];
  }
  return idx;
}

// word order of a double in a Uint32Array view (little-endian on every target; checked once)
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

/** Cumulative positives (tp) and negatives (fp) after each of the m tied-score blocks of order `o`. */
export interface TieCounts {
  m: number;
  tp: Int32Array;
  fp: Int32Array;
  /** position in o where each block starts */
  start: Int32Array;
}

/** Counts per order (kept while the order is; p and y unchanged meanwhile): a report reads one
 *  (p, y, o) in five metrics, and at 704,300 rows each walk was ~n random reads of p and y. */
const tieCache = new WeakMap<Int32Array, { p: ArrayLike<number>; y: ArrayLike<number>; c: TieCounts }>();

export function tieCounts(p: ArrayLike<number>, y: ArrayLike<number>, o: Int32Array): TieCounts {
  const hit = tieCache.get(o);
  if (hit && hit.p === p && hit.y === y) return hit.c;
  const n = o.length;
  const tp = new Int32Array(n);
  const fp = new Int32Array(n);
  const start = new Int32Array(n);
  let m = 0;
  let cp = 0;
  let cn = 0;
  let i = 0;
  while (i < n) {
    const v = p[o[i]];
    let j = i;
    while (j < n && p[o[j]] === v) {
      if (y[o[j]]) cp++;
      else cn++;
      j++;
    }
    tp[m] = cp;
    fp[m] = cn;
    start[m] = i;
    m++;
    i = j;
  }
  const c = { m, tp, fp, start };
  tieCache.set(o, { p, y, c });
  return c;
}

/** ROC-AUC (Mann-Whitney, ties count 1/2). NaN when one class is absent. */
export function rocAuc(p: ArrayLike<number>, y: ArrayLike<number>, o: Int32Array = orderDesc(p)): number {
  let pos = 0;
  let neg = 0;
  let sum = 0; // pairs (pos ranked above neg) counted with ties as 1/2
  const c = tieCounts(p, y, o);
  for (let b = 0; b < c.m; b++) {
    const tp = c.tp[b] - pos;
    const tn = c.fp[b] - neg;
    // this block's negatives rank below every positive seen so far; ties inside the block count 1/2
    sum += tn * pos + 0.5 * tp * tn;
    pos += tp;
    neg += tn;
  }
  if (pos === 0 || neg === 0) return NaN;
  return sum / (pos * neg);
}

/** Average precision (scikit-learn average_precision_score): sum over thresholds of (R_k - R_{k-1}) P_k. */
export function prAuc(p: ArrayLike<number>, y: ArrayLike<number>, o: Int32Array = orderDesc(p)): number {
  let P = 0;
  for (let i = 0; i < y.length; i++) if (y[i]) P++;
  if (P === 0) return NaN;
  let ap = 0;
  let prevR = 0;
  const c = tieCounts(p, y, o);
  for (let b = 0; b < c.m; b++) {
    const tp = c.tp[b];
    const r = tp / P;
    ap += (r - prevR) * (tp / (tp + c.fp[b]));
    prevR = r;
  }
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
  /** the threshold used and how many customers it flags (tp + fp) */
  threshold: number;
  flagged: number;
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
  return { tp, fp, tn, fn, precision, recall, f1, accuracy: (tp + tn) / Math.max(1, p.length), threshold, flagged: tp + fp };
}

/** At most maxPoints of `len` points, evenly spaced by index, always the first and last; only
 *  the kept ones are built (a curve over 704,300 distinct scores made 704,300 objects for 200). */
function thinned(len: number, maxPoints: number, point: (t: number) => CurvePoint): CurvePoint[] {
  if (len <= maxPoints) return Array.from({ length: len }, (_, t) => point(t));
  const out: CurvePoint[] = [];
  for (let k = 0; k < maxPoints; k++) out.push(point(Math.round((k * (len - 1)) / (maxPoints - 1))));
  return out;
}

/** ROC curve (x = false positive rate, y = true positive rate), one point per distinct score, thinned. */
export function rocCurve(p: ArrayLike<number>, y: ArrayLike<number>, maxPoints = 200, o: Int32Array = orderDesc(p)): CurvePoint[] {
  let P = 0;
  for (let i = 0; i < y.length; i++) if (y[i]) P++;
  const N = y.length - P;
  const c = tieCounts(p, y, o);
  // point 0 is the origin, point t the cumulative counts after tie block t - 1
  return thinned(c.m + 1, maxPoints, (t) => (t === 0 ? { x: 0, y: 0 } : { x: N ? c.fp[t - 1] / N : 0, y: P ? c.tp[t - 1] / P : 0 }));
}

/** Precision-recall curve (x = recall, y = precision), one point per distinct score, thinned. */
export function prCurve(p: ArrayLike<number>, y: ArrayLike<number>, maxPoints = 200, o: Int32Array = orderDesc(p)): CurvePoint[] {
  let P = 0;
  for (let i = 0; i < y.length; i++) if (y[i]) P++;
  const c = tieCounts(p, y, o);
  return thinned(c.m, maxPoints, (t) => ({ x: P ? c.tp[t] / P : 0, y: c.tp[t] / (c.tp[t] + c.fp[t]) }));
}

/** Mean and population standard deviation (numpy's default, as in scikit-learn CV reports). */
export function meanSd(v: number[]): { mean: number; sd: number } {
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const ss = v.reduce((a, b) => a + (b - mean) * (b - mean), 0);
  return { mean, sd: v.length > 0 ? Math.sqrt(ss / v.length) : 0 };
}

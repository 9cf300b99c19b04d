/** Reliability bins and Platt scaling (1-D logistic on the logit of a probability). */
import type { CalibrationBin } from '../types';
import { log, sigmoid } from '../../math/detmath';
import { mulberry32, sampleIndices } from '../../random';

/** Equal-width bins over [0, 1] (default 10): mean predicted vs observed rate; empty bins omitted. */
export function reliabilityBins(p: ArrayLike<number>, y: ArrayLike<number>, nBins = 10): CalibrationBin[] {
  const sp = new Float64Array(nBins);
  const sy = new Float64Array(nBins);
  const c = new Float64Array(nBins);
  for (let i = 0; i < p.length; i++) {
    const b = Math.min(nBins - 1, Math.max(0, Math.floor(p[i] * nBins)));
    sp[b] += p[i];
    sy[b] += y[i];
    c[b]++;
  }
  const out: CalibrationBin[] = [];
  for (let b = 0; b < nBins; b++) if (c[b] > 0) out.push({ predicted: sp[b] / c[b], observed: sy[b] / c[b], count: c[b] });
  return out;
}

const logit = (q: number) => {
  const r = Math.min(1 - 1e-9, Math.max(1e-9, q));
  return log(r / (1 - r));
};

export interface Platt {
  a: number;
  b: number;
}

/** Clipped logit of every score. */
function logits(p: ArrayLike<number>): Float64Array {
  const xs = new Float64Array(p.length);
  for (let i = 0; i < xs.length; i++) xs[i] = logit(p[i]);
  return xs;
}

// The logits of the last score arrays seen (crossFitPlatt, then fitPlattOn on the same
// out-of-fold scores): keyed by the array, and used only while its contents are unchanged.
const logitCache = new WeakMap<object, { copy: Float64Array; xs: Float64Array }>();
function cachedLogits(p: ArrayLike<number>): Float64Array {
  const hit = logitCache.get(p);
  if (hit && hit.copy.length === p.length) {
    let same = true;
    for (let i = 0; i < p.length && same; i++) same = hit.copy[i] === p[i];
    if (same) return hit.xs;
  }
  const xs = logits(p);
  logitCache.set(p, { copy: Float64Array.from(p), xs });
  return xs;
}

/** Fits p' = sigmoid(a * logit(p) + b) by Newton on the log-loss (a tiny ridge keeps it stable). */
export function fitPlatt(p: ArrayLike<number>, y: ArrayLike<number>): Platt {
  return newtonPlatt(logits(p), y, null);
}

/** Platt Newton on logits xs over the rows `rows` in that order (all rows when null). Converges
 *  in 4-5 iterations on real scores (quadratic; the last one only confirms). */
function newtonPlatt(xs: Float64Array, y: ArrayLike<number>, rows: Int32Array | null): Platt {
  const m = rows ? rows.length : xs.length;
  let a = 1;
  let b = 0;
  for (let it = 0; it < 50; it++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-6;
    let hab = 0;
    let hbb = 1e-6;
    for (let t = 0; t < m; t++) {
      const i = rows ? rows[t] : t;
      const x = xs[i];
      const q = sigmoid(a * x + b);
      const r = q - y[i];
      const w = q * (1 - q);
      ga += r * x;
      gb += r;
      haa += w * x * x;
      hab += w * x;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (!(det > 0)) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-10) break;
  }
  return { a, b };
}

/** Applies a Platt map to probabilities. */
export function applyPlatt(c: Platt, p: ArrayLike<number>): Float64Array {
  const out = new Float64Array(p.length);
  for (let i = 0; i < out.length; i++) out[i] = sigmoid(c.a * logit(p[i]) + c.b);
  return out;
}

/** Two parameters need few rows: Platt maps are fitted on at most this many scores (a seeded sample). */
export const PLATT_ROWS = 20_000;

/** A Platt map fitted on the rows `rows` of (p, y), or on a seeded sample of PLATT_ROWS of them. */
export function fitPlattOn(p: ArrayLike<number>, y: ArrayLike<number>, rows: Int32Array, seed: number): Platt {
  return plattOnLogits(cachedLogits(p), y, rows, seed);
}

/** fitPlattOn over the scores' logits `xs`. */
function plattOnLogits(xs: Float64Array, y: ArrayLike<number>, rows: Int32Array, seed: number): Platt {
  const use = rows.length > PLATT_ROWS ? pickRows(rows, sampleIndices(rows.length, PLATT_ROWS, mulberry32(seed))) : rows;
  return newtonPlatt(xs, y, use);
}

const pickRows = (rows: Int32Array, idx: Int32Array) => Int32Array.from(idx, (t) => rows[t]);

/** Cross-fitted Platt: rows of fold f are mapped by a Platt fitted on the other folds' out-of-fold scores. */
export function crossFitPlatt(oof: Float64Array, y: Uint8Array, fold: Int32Array, k: number): Float64Array {
  const n = oof.length;
  const out = new Float64Array(n);
  const xs = cachedLogits(oof);
  const other = new Int32Array(n);
  for (let f = 0; f < k; f++) {
    let m = 0;
    for (let i = 0; i < n; i++) if (fold[i] !== f) other[m++] = i;
    // the logits above, not fitPlattOn's cache check (a pass over every score per fold)
    const c = plattOnLogits(xs, y, other.subarray(0, m), 0x9a77 + f);
    for (let i = 0; i < n; i++) if (fold[i] === f) out[i] = sigmoid(c.a * xs[i] + c.b);
  }
  return out;
}

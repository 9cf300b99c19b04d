/** Reliability bins and Platt scaling (1-D logistic on the logit of a probability). */
import type { CalibrationBin } from './types';
import { log, sigmoid } from './detmath';
import { mulberry32, sampleIndices } from '../random';

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

/** Fits p' = sigmoid(a * logit(p) + b) by Newton on the log-loss (a tiny ridge keeps it stable). */
export function fitPlatt(p: ArrayLike<number>, y: ArrayLike<number>): Platt {
  const xs = Float64Array.from(p, logit);
  let a = 1;
  let b = 0;
  for (let it = 0; it < 50; it++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-6;
    let hab = 0;
    let hbb = 1e-6;
    for (let i = 0; i < xs.length; i++) {
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
  return Float64Array.from(p, (q) => sigmoid(c.a * logit(q) + c.b));
}

/** Two parameters need few rows: Platt maps are fitted on at most this many scores (a seeded sample). */
export const PLATT_ROWS = 20_000;

/** A Platt map fitted on the rows `rows` of (p, y), or on a seeded sample of PLATT_ROWS of them. */
export function fitPlattOn(p: ArrayLike<number>, y: ArrayLike<number>, rows: Int32Array, seed: number): Platt {
  const use = rows.length > PLATT_ROWS ? pickRows(rows, sampleIndices(rows.length, PLATT_ROWS, mulberry32(seed))) : rows;
  return fitPlatt(Float64Array.from(use, (r) => p[r]), Uint8Array.from(use, (r) => y[r]));
}

const pickRows = (rows: Int32Array, idx: Int32Array) => Int32Array.from(idx, (t) => rows[t]);

/** Cross-fitted Platt: rows of fold f are mapped by a Platt fitted on the other folds' out-of-fold scores. */
export function crossFitPlatt(oof: Float64Array, y: Uint8Array, fold: Int32Array, k: number): Float64Array {
  const out = new Float64Array(oof.length);
  for (let f = 0; f < k; f++) {
    const other: number[] = [];
    for (let i = 0; i < oof.length; i++) if (fold[i] !== f) other.push(i);
    const c = fitPlattOn(oof, y, Int32Array.from(other), 0x9a77 + f);
    for (let i = 0; i < oof.length; i++) if (fold[i] === f) out[i] = sigmoid(c.a * logit(oof[i]) + c.b);
  }
  return out;
}

/**
 * BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): purchases follow a
 * Poisson process with rate λ ~ Gamma(r, α) while alive; after each purchase a customer drops out
 * with probability p ~ Beta(a, b). Time is in weeks. Per customer: x repeat purchases, the last at
 * t_x weeks after the first, observed for T weeks since the first purchase.
 */
import type { BgnbdModel, BgnbdParams, RfmSummary } from './types';
import { minimizeMultiStart } from './optimize';
import { mulberry32 } from '../random';

/** Per-x tables of the terms that depend on x only: sums of logs and reciprocals up to max x. */
function xTables(r: number, a: number, b: number, maxX: number) {
  const lnR = new Float64Array(maxX + 1); // lnΓ(r+x) - lnΓ(r)
  const dR = new Float64Array(maxX + 1); // ψ(r+x) - ψ(r)
  const lnB = new Float64Array(maxX + 1); // lnΓ(b+x) - lnΓ(b) - lnΓ(a+b+x) + lnΓ(a+b)
  const dA = new Float64Array(maxX + 1); // d lnB / da
  const dB = new Float64Array(maxX + 1); // d lnB / db
  const lnBx1 = new Float64Array(maxX + 1); // ln(b + x - 1), x >= 1
  for (let k = 1; k <= maxX; k++) lnBx1[k] = Math.log(b + k - 1);
  for (let k = 0; k < maxX; k++) {
    lnR[k + 1] = lnR[k] + Math.log(r + k);
    dR[k + 1] = dR[k] + 1 / (r + k);
    lnB[k + 1] = lnB[k] + Math.log(b + k) - Math.log(a + b + k);
    dA[k + 1] = dA[k] - 1 / (a + b + k);
    dB[k + 1] = dB[k] + 1 / (b + k) - 1 / (a + b + k);
  }
  return { lnR, dR, lnB, dA, dB, lnBx1 };
}

function maxOf(x: Float64Array): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) if (x[i] > m) m = x[i];
  return m;
}

/**
 * Log-likelihood of all customers at log-parameters θ = (ln r, ln α, ln a, ln b); writes the
 * gradient with respect to θ into grad when given. Vectorised over the summary's arrays.
 */
export function bgnbdLogLik(d: RfmSummary, theta: ArrayLike<number>, grad?: Float64Array): number {
  const r = Math.exp(theta[0]);
  const al = Math.exp(theta[1]);
  const a = Math.exp(theta[2]);
  const b = Math.exp(theta[3]);
  const { x, tx, T } = d;
  const t = xTables(r, a, b, maxOf(x));
  const lnAl = Math.log(al);
  const lnA = Math.log(a);
  // ln(α + T) and ln(α + t_x) from a table when times are whole days (as summaries of logs are)
  const days = wholeDays(d);
  const lnDay = days ? Float64Array.from({ length: days.max + 1 }, (_, k) => Math.log(al + k / 7)) : null;
  let ll = 0;
  let gr = 0;
  let gal = 0;
  let ga = 0;
  let gb = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    const lT = lnDay ? lnDay[days!.T[i]] : Math.log(al + T[i]);
    const A3 = -(r + xi) * lT;
    let base = t.lnR[xi] + r * lnAl + t.lnB[xi];
    if (xi > 0) {
      const lt = lnDay ? lnDay[days!.tx[i]] : Math.log(al + tx[i]);
      const A4 = lnA - t.lnBx1[xi] - (r + xi) * lt;
      // log-sum-exp with one exp: w4 = e^(A4 - A3) / (1 + e^(A4 - A3))
      const dlt = A4 - A3;
      let w3: number;
      if (dlt > 0) {
        const e = Math.exp(-dlt);
        base += A4 + Math.log1p(e);
        w3 = e / (1 + e);
      } else {
        const e = Math.exp(dlt);
        base += A3 + Math.log1p(e);
        w3 = 1 / (1 + e);
      }
      const w4 = 1 - w3;
      if (grad) {
        gr += t.dR[xi] + lnAl - w3 * lT - w4 * lt;
        gal += r / al - w3 * (r + xi) / (al + T[i]) - w4 * (r + xi) / (al + tx[i]);
        ga += t.dA[xi] + w4 / a;
        gb += t.dB[xi] - w4 / (b + xi - 1);
      }
    } else {
      base += A3;
      if (grad) {
        gr += lnAl - lT;
        gal += r / al - r / (al + T[i]);
      }
    }
    ll += base;
  }
  if (grad) {
    grad[0] = gr * r;
    grad[1] = gal * al;
    grad[2] = ga * a;
    grad[3] = gb * b;
  }
  return ll;
}

const dayCache = new WeakMap<RfmSummary, { T: Int32Array; tx: Int32Array; max: number } | null>();

/** T and t_x in whole days (x 7) when every value is one, else null; computed once per summary. */
function wholeDays(d: RfmSummary): { T: Int32Array; tx: Int32Array; max: number } | null {
  if (dayCache.has(d)) return dayCache.get(d)!;
  const n = d.x.length;
  const T = new Int32Array(n);
  const tx = new Int32Array(n);
  let max = 0;
  let out: { T: Int32Array; tx: Int32Array; max: number } | null = { T, tx, max };
  for (let i = 0; i < n && out; i++) {
    const a = Math.round(d.T[i] * 7);
    const b = Math.round(d.tx[i] * 7);
    if (Math.abs(a - d.T[i] * 7) > 1e-6 || Math.abs(b - d.tx[i] * 7) > 1e-6 || a < 0 || b < 0 || a > 1e6) out = null;
    else {
      T[i] = a;
      tx[i] = b;
      if (a > max) max = a;
      if (b > max) max = b;
    }
  }
  if (out) out.max = max;
  dayCache.set(d, out);
  return out;
}

/** Mean negative log-likelihood (so the gradient tolerance does not depend on n) and its gradient. */
const objective = (d: RfmSummary) => (th: Float64Array, g: Float64Array) => {
  const n = d.x.length;
  const v = -bgnbdLogLik(d, th, g) / n;
  for (let i = 0; i < 4; i++) g[i] = -g[i] / n;
  return v;
};

/** Up to m customers drawn without replacement (seeded), or all of them. */
function subsample(d: RfmSummary, m: number, rng: () => number): RfmSummary {
  const n = d.x.length;
  if (n <= m) return d;
  const idx = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < m; i++) {
    const j = i + Math.floor(rng() * (n - i));
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  const pick = (v: Float64Array) => Float64Array.from(idx.subarray(0, m), (i) => v[i]);
  return { x: pick(d.x), tx: pick(d.tx), T: pick(d.T) };
}

/**
 * Fit BG/NBD by maximum likelihood: BFGS on log-parameters from `starts` seeded starts (default 4,
 * seed 42), run on a seeded sample of at most 5,000 customers; the best is then polished on all.
 */
export function fitBgnbd(d: RfmSummary, seed = 42, starts = 4): BgnbdModel {
  const n = d.x.length;
  const rng = mulberry32(seed);
  const begin: number[][] = [[0, Math.log(Math.max(1, meanOf(d.T) / 4)), 0, 0]];
  for (let s = 1; s < starts; s++) begin.push([rng() * 4 - 2, rng() * 4 - 1, rng() * 4 - 2, rng() * 4 - 2]);
  const sample = subsample(d, 5000, rng);
  let best = minimizeMultiStart(objective(sample), begin, 1e-7, 300);
  if (sample !== d) best = minimizeMultiStart(objective(d), [best.x], 1e-7, 300);
  const [r, alpha, a, b] = Array.from(best.x, Math.exp);
  return { params: { r, alpha, a, b }, logLik: -best.value * n, n, converged: best.converged, nIter: best.nIter };
}

function meanOf(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  return v.length ? s / v.length : 0;
}

/** P(alive | x, t_x, T) = 1 / (1 + [x > 0] a / (b + x - 1) ((α + T) / (α + t_x))^(r + x)). */
export function pAlive(p: BgnbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const lnRatio = Math.log(p.a / (p.b + x - 1)) + (p.r + x) * Math.log((p.alpha + T) / (p.alpha + tx));
  return 1 / (1 + Math.exp(lnRatio));
}

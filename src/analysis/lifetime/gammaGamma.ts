/**
 * Gamma-Gamma spend model (Fader & Hardie 2013): a customer's spend per purchase is Gamma(p, ν)
 * with ν ~ Gamma(q, γ), independent of how often they buy. Fitted on repeat buyers: x repeat
 * purchases with mean spend m > 0 each.
 */
import type { GammaGammaModel, GammaGammaParams } from './types';
import { minimizeMultiStart } from './optimize';
import { digamma, lnGamma } from './special';
import { mulberry32 } from '../random';

export interface SpendSummary {
  /** repeat purchases (> 0) */
  x: Float64Array;
  /** mean spend of those purchases (> 0) */
  m: Float64Array;
}

/** Per-summary constants: ln m, ln x, and each customer's index into the distinct x values. */
interface SpendPrep {
  lm: Float64Array;
  xi: Int32Array;
  ux: Float64Array;
}
const prepCache = new WeakMap<SpendSummary, SpendPrep>();
function prep(d: SpendSummary): SpendPrep {
  let p = prepCache.get(d);
  if (!p) {
    const ux = Float64Array.from(new Set(d.x)).sort();
    const at = new Map<number, number>();
    ux.forEach((v, k) => at.set(v, k));
    p = { lm: d.m.map(Math.log), xi: Int32Array.from(d.x, (v) => at.get(v)!), ux };
    prepCache.set(d, p);
  }
  return p;
}

/** Log-likelihood at θ = (ln p, ln q, ln γ); gradient with respect to θ into grad when given. */
export function gammaGammaLogLik(d: SpendSummary, theta: ArrayLike<number>, grad?: Float64Array): number {
  const p = Math.exp(theta[0]);
  const q = Math.exp(theta[1]);
  const g = Math.exp(theta[2]);
  const { lm: lms, xi, ux } = prep(d);
  // terms that depend on x only, once per distinct x
  const nx = ux.length;
  const c0 = new Float64Array(nx);
  const c1 = new Float64Array(nx);
  const c2 = new Float64Array(nx);
  for (let k = 0; k < nx; k++) {
    const x = ux[k];
    const psi = digamma(p * x + q);
    c0[k] = lnGamma(p * x + q) - lnGamma(p * x) + p * x * Math.log(x);
    c1[k] = psi - digamma(p * x) + Math.log(x);
    c2[k] = psi;
  }
  const lgq = lnGamma(q);
  const dq = digamma(q);
  const lng = Math.log(g);
  let ll = 0;
  let gp = 0;
  let gq = 0;
  let gg = 0;
  for (let i = 0; i < d.x.length; i++) {
    const x = d.x[i];
    const k = xi[i];
    const lm = lms[i];
    const den = g + d.m[i] * x;
    const lden = Math.log(den);
    ll += c0[k] - lgq + q * lng + (p * x - 1) * lm - (p * x + q) * lden;
    if (grad) {
      gp += x * (c1[k] + lm - lden);
      gq += c2[k] - dq + lng - lden;
      gg += q / g - (p * x + q) / den;
    }
  }
  if (grad) {
    grad[0] = gp * p;
    grad[1] = gq * q;
    grad[2] = gg * g;
  }
  return ll;
}

/** Fit Gamma-Gamma by maximum likelihood (BFGS on log-parameters, `starts` seeded starts, default 4, on a sample of at most 5,000; then polished on all). */
export function fitGammaGamma(d: SpendSummary, seed = 42, starts = 4): GammaGammaModel {
  const n = d.x.length;
  const rng = mulberry32(seed);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += d.m[i] / n;
  const begin: number[][] = [[0, Math.log(2), Math.log(Math.max(1e-6, mean))]];
  for (let s = 1; s < starts; s++) begin.push([rng() * 4 - 1, rng() * 3, Math.log(Math.max(1e-6, mean)) + rng() * 4 - 2]);
  const objective = (dd: SpendSummary) => (th: Float64Array, g: Float64Array) => {
    const v = -gammaGammaLogLik(dd, th, g) / dd.x.length;
    for (let i = 0; i < 3; i++) g[i] = -g[i] / dd.x.length;
    return v;
  };
  // starts on a seeded sample of at most 5,000 buyers, the best polished on all
  let sample = d;
  if (n > 5000) {
    const idx = Int32Array.from({ length: n }, (_, i) => i);
    for (let i = 0; i < 5000; i++) {
      const j = i + Math.floor(rng() * (n - i));
      [idx[i], idx[j]] = [idx[j], idx[i]];
    }
    const pick = idx.subarray(0, 5000);
    sample = { x: Float64Array.from(pick, (i) => d.x[i]), m: Float64Array.from(pick, (i) => d.m[i]) };
  }
  let best = minimizeMultiStart(objective(sample), begin, 1e-7, 300);
  if (sample !== d) best = minimizeMultiStart(objective(d), [best.x], 1e-7, 300);
  const [p, q, gamma] = Array.from(best.x, Math.exp);
  return { params: { p, q, gamma }, logLik: -best.value * n, n, converged: best.converged, nIter: best.nIter };
}

/** E[spend per purchase | x, m]: a weighted mean of the population mean pγ/(q-1) and the customer's own m (needs q > 1). */
export function expectedSpend(pr: GammaGammaParams, x: number, m: number): number {
  const { p, q, gamma } = pr;
  return (p * (gamma + x * m)) / (p * x + q - 1);
}

/** The population mean spend per purchase pγ / (q - 1); null when q <= 1 (infinite mean). */
export function populationSpend(pr: GammaGammaParams): number | null {
  return pr.q > 1 ? (pr.p * pr.gamma) / (pr.q - 1) : null;
}

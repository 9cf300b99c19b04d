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

/** Log-likelihood at θ = (ln p, ln q, ln γ); gradient with respect to θ into grad when given. */
export function gammaGammaLogLik(d: SpendSummary, theta: ArrayLike<number>, grad?: Float64Array): number {
  const p = Math.exp(theta[0]);
  const q = Math.exp(theta[1]);
  const g = Math.exp(theta[2]);
  // terms that depend on x only, computed once per distinct x
  const cache = new Map<number, [number, number, number]>();
  const lgq = lnGamma(q);
  const dq = digamma(q);
  const lng = Math.log(g);
  let ll = 0;
  let gp = 0;
  let gq = 0;
  let gg = 0;
  for (let i = 0; i < d.x.length; i++) {
    const x = d.x[i];
    const m = d.m[i];
    let c = cache.get(x);
    if (!c) {
      const psi = digamma(p * x + q);
      c = [lnGamma(p * x + q) - lnGamma(p * x) + p * x * Math.log(x), psi - digamma(p * x) + Math.log(x), psi];
      cache.set(x, c);
    }
    const lm = Math.log(m);
    const lden = Math.log(g + m * x);
    ll += c[0] - lgq + q * lng + (p * x - 1) * lm - (p * x + q) * lden;
    if (grad) {
      gp += x * (c[1] + lm - lden);
      gq += c[2] - dq + lng - lden;
      gg += q / g - (p * x + q) / (g + m * x);
    }
  }
  if (grad) {
    grad[0] = gp * p;
    grad[1] = gq * q;
    grad[2] = gg * g;
  }
  return ll;
}

/** Fit Gamma-Gamma by maximum likelihood (BFGS on log-parameters, `starts` seeded starts, default 4). */
export function fitGammaGamma(d: SpendSummary, seed = 42, starts = 4): GammaGammaModel {
  const n = d.x.length;
  const rng = mulberry32(seed);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += d.m[i] / n;
  const begin: number[][] = [[0, Math.log(2), Math.log(Math.max(1e-6, mean))]];
  for (let s = 1; s < starts; s++) begin.push([rng() * 4 - 1, rng() * 3, Math.log(Math.max(1e-6, mean)) + rng() * 4 - 2]);
  const obj = (th: Float64Array, g: Float64Array) => {
    const v = -gammaGammaLogLik(d, th, g) / n;
    for (let i = 0; i < 3; i++) g[i] = -g[i] / n;
    return v;
  };
  const best = minimizeMultiStart(obj, begin, 1e-7, 300);
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

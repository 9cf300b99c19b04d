/** Special functions the lifetime models need: log-gamma, digamma and the Gauss hypergeometric 2F1. */

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7; about 15 significant digits). */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let s = LANCZOS[0];
  for (let i = 1; i < 9; i++) s += LANCZOS[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(s);
}

/** ψ(x) = d ln Γ(x) / dx for x > 0 (recurrence up to 6, then the asymptotic series). */
export function digamma(x: number): number {
  let r = 0;
  while (x < 6) {
    r -= 1 / x;
    x += 1;
  }
  const f = 1 / (x * x);
  return r + Math.log(x) - 0.5 / x - f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f / 132))));
}

/**
 * ln 2F1(a, b; c; z) for 0 <= z < 1 and a, b, c > 0 by its power series (positive terms, so the sum
 * is stable), rescaled as it grows so that large arguments do not overflow; stops at relative 1e-14
 * or maxTerms (default 200,000).
 */
export function lnHyp2f1(a: number, b: number, c: number, z: number, maxTerms = 200_000): number {
  let term = 1;
  let sum = 1;
  let lnScale = 0;
  for (let k = 0; k < maxTerms; k++) {
    term *= (((a + k) * (b + k)) / ((c + k) * (k + 1))) * z;
    sum += term;
    if (term < 1e-14 * sum) break;
    if (sum > 1e250) {
      sum *= 1e-250;
      term *= 1e-250;
      lnScale += 250 * Math.LN10;
    }
  }
  return lnScale + Math.log(sum);
}

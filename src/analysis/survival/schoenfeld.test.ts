import { describe, expect, it } from 'vitest';
import { fitCox } from './cox';
import { checkProportionalHazards, chi2Sf1 } from './schoenfeld';
import { mulberry32 } from '../random';
import { asMatrix } from '../math/matrix';

/** n customers, x binary and z normal; monthly hazard of leaving: z acts proportionally
 *  (x exp(0.5 z)); x's effect is proportional too when `cross` is false, else it crosses over time
 *  (x = 1 leaves 4x as fast as x = 0 in the first 6 months, then 5x more slowly). Censored at 36. */
function table(n: number, seed: number, cross: boolean) {
  const rng = mulberry32(seed);
  const X = new Float64Array(n * 2);
  const time = new Float64Array(n);
  const event = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const x = rng() < 0.5 ? 1 : 0;
    const z = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
    X[i * 2] = x;
    X[i * 2 + 1] = z;
    const base = 0.04 * Math.exp(0.5 * z);
    let t = 0;
    for (; t < 36; t++) {
      const h = cross ? base * (x ? (t < 6 ? 4 : 0.2) : 1) : base * (x ? 2 : 1);
      if (rng() < 1 - Math.exp(-h)) break;
    }
    time[i] = Math.min(t + 1, 36);
    event[i] = t < 36 ? 1 : 0;
  }
  return { X, time, event };
}

describe('proportional-hazards check (scaled Schoenfeld residuals, rank of time)', () => {
  it('flags a covariate whose effect crosses over time, and not one acting proportionally', () => {
    const { X, time, event } = table(1500, 11, true);
    const m = fitCox(asMatrix(X, 2), time, event, { l2: 0.01 });
    const [x, z] = checkProportionalHazards(m, asMatrix(X, 2), time, event, ['x', 'z']);
    expect(x.column).toBe('x');
    expect(x.p).toBeLessThan(1e-6);
    expect(x.rho).toBeLessThan(-0.2); // the effect of x falls with time
    expect(z.p).toBeGreaterThan(0.01);
  });

  it('passes both covariates when hazards are proportional', () => {
    const { X, time, event } = table(1500, 11, false);
    const m = fitCox(asMatrix(X, 2), time, event, { l2: 0.01 });
    for (const t of checkProportionalHazards(m, asMatrix(X, 2), time, event, ['x', 'z'])) expect(t.p, t.column).toBeGreaterThan(0.01);
  });

  it('chi-square upper tail with 1 degree of freedom', () => {
    expect(chi2Sf1(3.841458820694124)).toBeCloseTo(0.05, 6);
    expect(chi2Sf1(6.634896601021214)).toBeCloseTo(0.01, 6);
    expect(chi2Sf1(0)).toBeCloseTo(1, 6);
  });
});

import { describe, expect, it } from 'vitest';
import { efron, fitCox, predictCoxRisk } from './cox';
import { harrellC } from './cindex';
import { conditionalSurvival } from './curves';
import { mulberry32 } from '../random';
import { asMatrix } from '../math/matrix';

// times 1,1,2,3; events 1,1,1,0; x 0,1,0,1. By hand (Efron, two tied events at t=1):
//   t=1: b - log(2 + 2e^b) - log(2 + 2e^b - (1 + e^b)/2);  t=2: 0 - log(1 + e^b)
//   => l(b) = b - log 3 - 3 log(1 + e^b), maximised where e^b / (1 + e^b) = 1/3, i.e. b = -ln 2.
const time = [1, 1, 2, 3];
const event = [1, 1, 1, 0];
const x = Float64Array.from([0, 1, 0, 1]);
const byHand = (b: number) => b - Math.log(3) - 3 * Math.log(1 + Math.exp(b));

describe('Efron partial likelihood (hand-computed, 4 rows)', () => {
  it('matches the closed form, its gradient and information', () => {
    for (const b of [0, 0.7, -1.3]) {
      const r = efron(x, 1, time, event, Float64Array.of(b));
      expect(r.ll).toBeCloseTo(byHand(b), 12);
      const p = Math.exp(b) / (1 + Math.exp(b));
      expect(r.grad[0]).toBeCloseTo(1 - 3 * p, 12);
      expect(r.info[0]).toBeCloseTo(3 * p * (1 - p), 12);
    }
    // Breslow would give -2 log 4 - log 2 = -log 32 at b = 0; Efron gives -log 24
    expect(efron(x, 1, time, event, Float64Array.of(0)).ll).toBeCloseTo(-Math.log(24), 12);
  });

  it('Newton-Raphson without penalty finds b = -ln 2 (on the raw scale)', () => {
    const m = fitCox(asMatrix(x, 1), time, event, { l2: 0 });
    expect(m.converged).toBe(true);
    expect(m.beta[0] / m.scale[0]).toBeCloseTo(-Math.LN2, 8);
    const risk = predictCoxRisk(m, asMatrix(x, 1));
    expect(risk[1] - risk[0]).toBeCloseTo(-Math.LN2, 8);
  });

  it('the ridge penalty shrinks the coefficient toward 0', () => {
    const free = fitCox(asMatrix(x, 1), time, event, { l2: 0 }).beta[0];
    const ridge = fitCox(asMatrix(x, 1), time, event, { l2: 5 }).beta[0];
    expect(Math.abs(ridge)).toBeLessThan(Math.abs(free));
    expect(Math.sign(ridge)).toBe(Math.sign(free));
  });

  it('rejects bad input with a code', () => {
    expect(() => fitCox(asMatrix(x, 1), [1, 2, 3, 4], [0, 0, 0, 0])).toThrow(expect.objectContaining({ code: 'survival/no-events' }));
    expect(() => fitCox(asMatrix(x, 1), [1, -2, 3, 4], event)).toThrow(expect.objectContaining({ code: 'survival/bad-input' }));
  });

  it('conditional survival starts at 1, never rises; the expectation is the area within the horizon, tail included', () => {
    const m = fitCox(asMatrix(x, 1), time, event, { l2: 0 });
    const { curve, expectedRemaining, tailHazard } = conditionalSurvival(m, 0, 1, 3, 3);
    expect(curve[0]).toBe(1);
    for (let k = 1; k < curve.length; k++) expect(curve[k]).toBeLessThanOrEqual(curve[k - 1]);
    // baseline (x = 0 standardised): only the event at t=2 lies after t0=1, so over months 1..3
    // the area is 1 * (2 - 1) + S(2)/S(1) * (3 - 2), S(2)/S(1) = exp(-dH0(2)); past the cap (3) the
    // hazard continues at H0(3) / 3 a month (the last 3 observed months' average) up to 1 + 3 = 4
    const dH = m.cumHazard[1] - m.cumHazard[0];
    const h = m.cumHazard[1] / 3;
    expect(tailHazard).toBeCloseTo(h, 12);
    expect(expectedRemaining).toBeCloseTo(1 + Math.exp(-dH) + (Math.exp(-dH) * (1 - Math.exp(-h))) / h, 12);
    expect(curve[3]).toBeCloseTo(Math.exp(-dH - h), 12);
  });
});

describe('Efron gradient and information with ties and several covariates', () => {
  it('match central finite differences of the log-likelihood (3 covariates, many tied times, sparse rows)', () => {
    const rng = mulberry32(5);
    const n = 40;
    const d = 3;
    const Z = Float64Array.from({ length: n * d }, (_, u) => (u % d === 0 ? (rng() < 0.5 ? 1 : 0) : rng() < 0.3 ? 0 : rng() * 2 - 1));
    const t = Array.from({ length: n }, () => 1 + Math.floor(rng() * 6)); // 6 distinct times: heavy ties
    const e = Array.from({ length: n }, () => (rng() < 0.6 ? 1 : 0));
    const b = Float64Array.of(0.4, -0.7, 0.2);
    const at = (v: Float64Array) => efron(Z, d, t, e, v);
    const r = at(b);
    const h = 1e-5;
    for (let j = 0; j < d; j++) {
      const up = Float64Array.from(b);
      const dn = Float64Array.from(b);
      up[j] += h;
      dn[j] -= h;
      expect(r.grad[j]).toBeCloseTo((at(up).ll - at(dn).ll) / (2 * h), 6);
      const gu = at(up).grad;
      const gd = at(dn).grad;
      for (let k = 0; k < d; k++) expect(r.info[k * d + j]).toBeCloseTo(-(gu[k] - gd[k]) / (2 * h), 6);
    }
  });
});

describe("Harrell's C-index (hand-computed)", () => {
  it('counts comparable pairs, ties in score as one half', () => {
    expect(harrellC([1, 2, 3, 4], [1, 1, 0, 1], [4, 3, 2, 1])).toEqual({ cIndex: 1, pairs: 5 });
    // i=0: 3 concordant; i=1 (score 1): vs score 2 discordant, vs score 1 a tie -> 3.5 / 5
    expect(harrellC([1, 2, 3, 4], [1, 1, 0, 1], [4, 1, 2, 1]).cIndex).toBeCloseTo(0.7, 12);
  });
  it('an event is comparable to a customer censored at the same time', () => {
    expect(harrellC([1, 1, 2], [1, 0, 1], [2, 1, 3])).toEqual({ cIndex: 0.5, pairs: 2 });
  });
});

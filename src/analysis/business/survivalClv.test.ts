import { describe, expect, it } from 'vitest';
import { discountedMonths, survivalClv, curveClvKpis } from './survivalClv';
import { expectedLifetime } from './clv';
import { monthlyDiscount, resolveOptions } from './options';
import { fitCox, predictCoxRisk } from '../survival/cox';
import { conditionalSurvival } from '../survival/curves';
import { mulberry32 } from '../random';
import { asMatrix } from '../math/matrix';

describe('lifetime value from each customer survival curve', () => {
  it('a geometric curve with the same hazard past it gives the average-hazard lifetime exactly', () => {
    const rm = monthlyDiscount(0.1);
    for (const h of [0.01, 0.05, 0.3]) {
      const curve = Float64Array.from({ length: 25 }, (_, m) => (1 - h) ** m);
      expect(discountedMonths(curve, -Math.log(1 - h), rm)).toBeCloseTo(expectedLifetime(h, rm)!, 10);
    }
  });

  it('a customer with a higher hazard gets a lower CLV (same tenure, same monthly charge)', () => {
    // Cox model on a seeded table where x = 1 doubles the hazard; two active customers, both 6 months in
    const rng = mulberry32(3);
    const n = 800;
    const X = new Float64Array(n);
    const time = new Float64Array(n);
    const event = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      X[i] = rng() < 0.5 ? 1 : 0;
      let t = 0;
      while (t < 48 && rng() >= 0.03 * (X[i] ? 2 : 1)) t++;
      time[i] = Math.min(t + 1, 48);
      event[i] = t < 48 ? 1 : 0;
    }
    const model = fitCox(asMatrix(X, 1), time, event);
    const eta = predictCoxRisk(model, asMatrix(Float64Array.of(0, 1), 1));
    expect(eta[1]).toBeGreaterThan(eta[0]);
    const months = 48;
    const curves = new Float64Array(2 * (months + 1));
    const tailHazard = new Float64Array(2);
    for (let k = 0; k < 2; k++) {
      const c = conditionalSurvival(model, eta[k], 6, months, 48);
      curves.set(c.curve, k * (months + 1));
      tailHazard[k] = c.tailHazard;
    }
    const s = { curves, months, active: { rows: Int32Array.of(0, 1), tailHazard } };
    const clv = survivalClv(3, [50, 50, 50], s, 0.7, 0.1);
    expect(clv[1]).toBeLessThan(clv[0]);
    expect(clv[0]).toBeGreaterThan(0);
    expect(Number.isNaN(clv[2])).toBe(true); // not an active customer of the survival model
    // the KPI: mean over the active customers, says its method and population
    const o = resolveOptions({});
    const k = curveClvKpis(clv, s, { value: 1, method: '', naive: null, formula: 'f', hazardGross: null, lifetimeMonths: 1 }, o);
    expect(k.clv.value).toBeCloseTo((clv[0] + clv[1]) / 2, 9);
    expect(k.clv.total).toBeCloseTo(clv[0] + clv[1], 9);
    expect(k.clv.basis).toBe('survival-curves');
    expect(k.clv.basisText).toBe("per active customer, from each customer's survival curve");
    expect(k.cacToClv.value).toBeCloseTo(o.cac / k.clv.value!, 12);
  });
});

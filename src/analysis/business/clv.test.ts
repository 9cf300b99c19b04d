import { describe, it, expect } from 'vitest';
import { monthlyHazard, expectedLifetime, subscriptionClv, customerHazards, customerClv, annuityMonths, HAZARD_MIN, HAZARD_MAX } from './clv';
import { monthlyDiscount } from './options';

describe('CLV: hand-computed cases', () => {
  it('monthly hazard = events / sum of tenure', () => {
    expect(monthlyHazard([10, 20, 0, 30], [1, 0, 0, 1])).toEqual({ events: 2, exposure: 60, hazard: 2 / 60 });
    expect(monthlyHazard([0, 0], [0, 0]).hazard).toBeNull(); // no exposure
    expect(monthlyHazard([0, 4], [0, 0], 1)).toEqual({ events: 0, exposure: 5, hazard: 0 });
  });

  it('expected remaining lifetime: closed form equals the series', () => {
    expect(expectedLifetime(0.1, 0)).toBeCloseTo(9, 12); // 0.9 / 0.1
    expect(expectedLifetime(0, 0)).toBeNull(); // no churn, no discount: unbounded
    expect(expectedLifetime(0, 0.01)).toBeCloseTo(100, 9); // (1/1.01) / (1 - 1/1.01)
    expect(expectedLifetime(1, 0.01)).toBe(0);
    let s = 0;
    for (let t = 1; t < 5000; t++) s += Math.pow(0.95, t) / Math.pow(1.008, t);
    expect(expectedLifetime(0.05, 0.008)).toBeCloseTo(s, 9);
    expect(annuityMonths(12, 0)).toBe(12);
    let a = 0;
    for (let t = 1; t <= 12; t++) a += 1 / Math.pow(1.01, t);
    expect(annuityMonths(12, 0.01)).toBeCloseTo(a, 12);
  });

  it('subscription CLV with censoring (h = 2 / 60), no discount', () => {
    const hz = monthlyHazard([10, 20, 0, 30], [1, 0, 0, 1]);
    const c = subscriptionClv(50, hz, 0.5, 0.7, 0);
    expect(c.lifetimeMonths).toBeCloseTo(29, 10); // (1 - 1/30) / (1/30)
    expect(c.value).toBeCloseTo(0.7 * 50 * 29, 8); // 1015
    expect(c.naive).toBeCloseTo(100, 12); // 50 / 0.5
    expect(c.hazardGross).toBeCloseTo(1500, 9); // 50 / (1/30)
    expect(c.method).toContain('$1,015');
    expect(c.method).toContain('$100');
    expect(c.method).toContain('$1,500');
  });

  it('no events (all censored): lifetime comes from discounting alone, or is unbounded', () => {
    const hz = monthlyHazard([5, 7], [0, 0]);
    const rm = monthlyDiscount(0.1);
    const c = subscriptionClv(60, hz, 0, 0.5, 0.1);
    expect(c.value).toBeCloseTo((0.5 * 60) / rm, 6);
    expect(c.naive).toBeNull();
    expect(c.hazardGross).toBeNull();
    expect(subscriptionClv(60, hz, 0, 0.5, 0).value).toBeNull();
    expect(subscriptionClv(60, { events: 0, exposure: 0, hazard: null }, null, 0.5, 0.1).value).toBeNull();
  });

  it('per customer: probability scales the base hazard, clamped', () => {
    const h = customerHazards([0.1, 0.3], 0.01);
    expect(h[0]).toBeCloseTo(0.005, 12);
    expect(h[1]).toBeCloseTo(0.015, 12);
    const c = customerHazards([0, 1], 0.5);
    expect(c[0]).toBe(HAZARD_MIN);
    expect(c[1]).toBe(HAZARD_MAX);
    expect(Array.from(customerHazards([0, 0], 0.02))).toEqual([0.02, 0.02]); // mean 0: base hazard
    const v = customerClv([100, 100], [0.1, 0.5], 1, 0);
    expect(v[0]).toBeCloseTo(900, 9); // 100 x 0.9/0.1
    expect(v[1]).toBeCloseTo(100, 9); // 100 x 0.5/0.5
  });
});

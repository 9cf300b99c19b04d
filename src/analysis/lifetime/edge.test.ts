/** Point 7 of issue 14: each awkward log gives a finding, never a crash. */
import { describe, expect, it } from 'vitest';
import { collapseLines } from './log';
import { runLifetime, LIFETIME_MIN } from './index';
import { simulateLog, DEMO_SPEND } from './synthetic';

const opts = { seed: 42, discountRate: 0.1, margin: 0.7 };
const codes = (r: { warnings: { code: string }[] }) => r.warnings.map((w) => w.code);

describe('runLifetime edge cases', () => {
  it('a log too short to fit says the minimum', () => {
    const log = collapseLines({ id: ['a', 'a', 'b'], day: [0, 3, 5], amount: [1, 2, 3] });
    const r = runLifetime(log, ['a', 'b'], opts);
    expect(r.model).toBeNull();
    const w = r.warnings.find((x) => x.code === 'lifetime-too-short')!;
    expect(w.message).toContain(`${LIFETIME_MIN.customers} customers`);
    expect(r.cohorts.cohorts.length).toBe(1);
  });

  it('customers with a single purchase only: a finding, no fit', () => {
    const n = 50;
    const log = collapseLines({ id: Array.from({ length: n }, (_, i) => `c${i}`), day: Array.from({ length: n }, (_, i) => i * 3), amount: new Array(n).fill(5) });
    const r = runLifetime(log, [], opts);
    expect(codes(r)).toEqual(expect.arrayContaining(['lifetime-single-purchase', 'lifetime-too-short']));
  });

  it('refunds and zero amounts are findings; refunds are not purchases', () => {
    const log = collapseLines({ id: ['a', 'a', 'a', 'b'], day: [0, 1, 2, 0], amount: [10, -10, 0, 5] });
    expect(log.day.length).toBe(3);
    expect(codes(log)).toEqual(['lifetime-refunds', 'lifetime-zero-amounts']);
  });

  it('no dropout in the data (a -> 0) is named as a boundary optimum', () => {
    // b huge: dropout probability ~ 0
    const lines = simulateLog({ r: 1, alpha: 5, a: 0.001, b: 1e6 }, DEMO_SPEND, { customers: 2000, weeks: 52, seed: 3 });
    const r = runLifetime(collapseLines(lines), [], opts);
    expect(r.model).not.toBeNull();
    expect(codes(r)).toContain('lifetime-no-dropout');
  });

  it('spend that grows with frequency breaks Gamma-Gamma: checked, said, fallen back', () => {
    const lines = simulateLog({ r: 1, alpha: 5, a: 0.5, b: 3 }, DEMO_SPEND, { customers: 1000, weeks: 52, seed: 4 });
    const count = new Map<string, number>();
    for (const id of Array.from(lines.id)) count.set(id, (count.get(id) ?? 0) + 1);
    const amount = Array.from(lines.id, (id) => 10 * count.get(id)!);
    const r = runLifetime(collapseLines({ ...lines, amount }), [], opts);
    expect(codes(r)).toContain('lifetime-spend-correlated');
    expect(r.spend!.method).toBe('observed-mean');
    expect(r.spend!.correlation!).toBeGreaterThan(0.3);
  });

  it('scores the given customers and puts NaN for ids not in the log', () => {
    const lines = simulateLog({ r: 1, alpha: 5, a: 0.5, b: 3 }, DEMO_SPEND, { customers: 300, weeks: 52, seed: 5 });
    const r = runLifetime(collapseLines(lines), ['C001', 'nobody'], opts);
    const c = r.customersOut!;
    expect(c.pAlive[0]).toBeGreaterThan(0);
    expect(c.pAlive[0]).toBeLessThanOrEqual(1);
    expect(c.expected3[0]).toBeLessThanOrEqual(c.expected6[0]);
    expect(c.expected6[0]).toBeLessThanOrEqual(c.expected12[0]);
    expect(c.clv[0]).toBeGreaterThan(0);
    expect(Number.isNaN(c.pAlive[1])).toBe(true);
    expect(r.backtest).not.toBeNull();
    expect(structuredClone(r).model).toEqual(r.model);
  });
});

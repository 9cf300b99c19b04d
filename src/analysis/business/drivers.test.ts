/** The driver fifths from two quickselects: the cuts and rates of the stable sort they replace. */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../random';
import type { CustomerFrame } from '../types';
import { churnDrivers, fifths, sortedFifths as bySort } from './drivers'; // bySort: the previous computation, kept for columns with NaN

describe('churn driver fifths', () => {
  it('equal the sorted order\'s cuts (bit for bit, signed zeros included) and rates, with heavy ties', () => {
    const rng = mulberry32(3);
    const cases = [
      Float64Array.from({ length: 997 }, () => rng() * 100),
      Float64Array.from({ length: 1000 }, () => Math.floor(rng() * 6)),
      Float64Array.from({ length: 503 }, () => (rng() < 0.5 ? 0 : -0) + Math.floor(rng() * 3) - 1),
      Float64Array.from({ length: 200 }, () => 7),
      Float64Array.from({ length: 400 }, (_, i) => (i % 7 === 0 ? 72 : i % 5)),
    ];
    for (const v of cases) {
      const y = Uint8Array.from(v, () => (rng() < 0.3 ? 1 : 0));
      for (const fifth of [1, Math.floor(v.length / 5), Math.floor(v.length / 2)]) {
        const got = fifths(v, y, fifth);
        const want = bySort(v, y, fifth);
        expect(got).toEqual(want);
        expect(Object.is(got.lowCut, want.lowCut) && Object.is(got.highCut, want.highCut)).toBe(true);
      }
    }
  });
});

describe('a 0/1 column as a churn driver', () => {
  it('compares its two groups in words, with their hand-counted rates (not fifths "up to 0")', () => {
    // 100 customers: IsActiveMember 1 for the first 40 (4 churned), 0 for the other 60 (30 churned)
    const n = 100;
    const active = Float64Array.from({ length: n }, (_, i) => (i < 40 ? 1 : 0));
    const y = Uint8Array.from({ length: n }, (_, i) => (i < 4 || (i >= 40 && i < 70) ? 1 : 0));
    const frame: CustomerFrame = {
      kind: 'customers', n, ids: Array.from({ length: n }, (_, i) => `c${i}`), y, targetName: 'Exited',
      tenure: null, monthly: null, total: null, recency: null, frequency: null, monetary: null,
      numeric: [{ name: 'IsActiveMember', values: active }], categorical: [],
    };
    const [d] = churnDrivers(frame);
    expect(d).toMatchObject({ column: 'IsActiveMember', high: 0.5, low: 0.1, spread: 0.4 });
    expect(d.text).toBe('IsActiveMember: 50.0% churn among the 60 customers who are not active members vs 10.0% among customers who are active members');
  });
});

describe("a purchase log's churn drivers", () => {
  it('are the features counted before the churn window, not the whole-log monthly spend that holds the window itself', () => {
    // 100 customers: the 50 who bought in the window (y = 0) have a higher whole-log monthly spend because of it
    const n = 100;
    const y = Uint8Array.from({ length: n }, (_, i) => (i < 50 ? 1 : 0));
    const orders = Float64Array.from({ length: n }, (_, i) => 1 + (i % 5));
    const frame: CustomerFrame = {
      kind: 'transactions', n, ids: Array.from({ length: n }, (_, i) => `c${i}`), y, targetName: 'No purchase in last 90 days',
      tenure: Float64Array.from({ length: n }, () => 12), monthly: Float64Array.from({ length: n }, (_, i) => (i < 50 ? 1 : 9) + (i % 7) / 10),
      total: null, recency: null, frequency: null, monetary: null,
      numeric: [{ name: 'Frequency (orders)', values: orders, unit: 'orders' }], categorical: [],
    };
    expect(churnDrivers(frame).map((d) => d.column)).toEqual(['Frequency (orders)']);
    // the same arrays in a customer table: its monthly charge is a driver
    expect(churnDrivers({ ...frame, kind: 'customers' }).map((d) => d.column)).toContain('monthly charge');
  });
});

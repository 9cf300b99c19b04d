import { describe, expect, it } from 'vitest';
import { firstByRevenue, lostCustomers, winBackWho } from './population';
import type { CustomerFrame } from '../types';

/** n customers, the first `left` of them flagged as left; monthly charges 1..n (or none). */
function frame(n: number, left: number, monthly: boolean): CustomerFrame {
  return {
    kind: 'customers', n, ids: Array.from({ length: n }, (_, i) => `c${i}`), targetName: 'Churn',
    y: Uint8Array.from({ length: n }, (_, i) => (i < left ? 1 : 0)),
    monthly: monthly ? Float64Array.from({ length: n }, (_, i) => i + 1) : null,
    tenure: null, total: null, recency: null, frequency: null, monetary: null, numeric: [], categorical: [],
  } as unknown as CustomerFrame;
}
const activeOf = (f: CustomerFrame) => Uint8Array.from(f.y!, (v) => 1 - v);

describe('winBackWho: both win-back counts in one phrase (the Customers headline, its win-back view and button)', () => {
  it('the list is the top of those who left: says which and of how many', () => {
    const f = frame(10, 6, true);
    const lost = lostCustomers(f, activeOf(f), 4)!;
    expect(lost.winBack).toEqual([5, 4, 3, 2]); // highest monthly charge first
    expect(winBackWho(lost)).toBe('the 4 highest-paying of the 6 customers who already left');
  });
  it('without a revenue column the list is in file order, and says so', () => {
    const f = frame(10, 6, false);
    expect(winBackWho(lostCustomers(f, activeOf(f), 4)!)).toBe('the first 4 (in file order) of the 6 customers who already left');
  });
  it('a list that holds everyone who left', () => {
    const f = frame(10, 3, true);
    expect(winBackWho(lostCustomers(f, activeOf(f), 4)!)).toBe('all 3 customers who already left');
    const g = frame(10, 1, true);
    expect(winBackWho(lostCustomers(g, activeOf(g), 4)!)).toBe('the one customer who already left');
  });
});

describe('firstByRevenue: the top of a sort of everyone who left, in one pass', () => {
  const bySort = (idx: number[], m: ArrayLike<number>, k: number) => [...idx].sort((a, b) => m[b] - m[a] || a - b).slice(0, k);
  it('gives the first k of the sorted order, ties by row, with -0, infinities and repeated values', () => {
    let s = 7;
    const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647);
    const m = Float64Array.from({ length: 3000 }, () => Math.round(rnd() * 40) / 4);
    m[5] = -0; m[6] = 0; m[7] = Infinity; m[8] = Infinity; m[9] = -Infinity;
    const idx = Array.from({ length: 3000 }, (_, i) => i).filter((i) => i % 3 !== 1);
    for (const k of [0, 1, 5, 100, 1999, 2000, 5000]) expect(firstByRevenue([...idx], m, k), `k=${k}`).toEqual(bySort(idx, m, k));
  });
  it('with a NaN revenue falls back to the sort', () => {
    const m = [3, Number.NaN, 5, 1, 5];
    expect(firstByRevenue([0, 1, 2, 3, 4], m, 3)).toEqual(bySort([0, 1, 2, 3, 4], m, 3));
  });
});

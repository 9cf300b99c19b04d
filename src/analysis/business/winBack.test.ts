import { describe, expect, it } from 'vitest';
import { lostCustomers, winBackWho } from './population';
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

import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../random';
import { kthSmallest, medianOfSorted, sortedFinite } from './select';

describe('kthSmallest (quickselect)', () => {
  it('equals the sorted array at every k: distinct, heavily tied, sorted, reversed and signed-zero inputs', () => {
    const rng = mulberry32(5);
    const inputs = [
      Float64Array.from({ length: 300 }, () => rng()),
      Float64Array.from({ length: 301 }, () => Math.floor(rng() * 4) / 4),
      Float64Array.from({ length: 200 }, (_, i) => i),
      Float64Array.from({ length: 200 }, (_, i) => -i),
      Float64Array.from({ length: 50 }, () => 7),
      Float64Array.from({ length: 120 }, (_, i) => [0, -0, 1, -Infinity, Infinity][i % 5]),
      Float64Array.of(3),
    ];
    for (const x of inputs) {
      const sorted = x.slice().sort();
      for (let k = 0; k < x.length; k++) expect(kthSmallest(x.slice(), k) === sorted[k], `k=${k} of ${x.length}`).toBe(true);
    }
    expect(() => kthSmallest(new Float64Array(3), 3)).toThrow(/k=3/);
  });
});

describe('sortedFinite', () => {
  it('has the bits of the comparator sort it replaces (signed zeros in input order, non-finite values dropped)', () => {
    const rng = mulberry32(11);
    const specials = [0, -0, NaN, Infinity, -Infinity, 1.5, -2];
    const inputs = [
      Float64Array.from({ length: 500 }, () => (rng() < 0.4 ? specials[Math.floor(rng() * specials.length)] : Math.round((rng() - 0.5) * 20) / 4)),
      Float64Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? -0 : i % 3 === 1 ? 0 : -1)),
      Float64Array.from({ length: 40 }, () => -0),
      Float64Array.from({ length: 30 }, () => rng()),
      new Float64Array(0),
      Float64Array.of(NaN, NaN),
    ];
    for (const x of inputs) {
      const want = Array.from(x).filter(Number.isFinite).sort((p, q) => p - q);
      const got = sortedFinite(x);
      expect(got.length).toBe(want.length);
      for (let i = 0; i < want.length; i++) expect(Object.is(got[i], want[i]), `index ${i} of ${x.length}`).toBe(true);
    }
    expect(Array.from(sortedFinite(Float64Array.of(0, -0, 3, -0)), (v) => Object.is(v, -0))).toEqual([false, true, true, false]);
  });

  it('medianOfSorted: middle value, mean of the middle two, 0 when empty', () => {
    expect(medianOfSorted(sortedFinite([5, NaN, 1, 3]))).toBe(3);
    expect(medianOfSorted(sortedFinite([4, 1, 3, 2]))).toBe(2.5);
    expect(medianOfSorted(sortedFinite([NaN]))).toBe(0);
  });
});

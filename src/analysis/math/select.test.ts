import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../random';
import { finiteOrder, kthSmallest, medianOf } from './select';

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

describe('finiteOrder', () => {
  it('gives, at every rank and in any order of asking, the bits of the comparator sort it replaces (signed zeros in input order, non-finite values dropped)', () => {
    const rng = mulberry32(11);
    const specials = [0, -0, NaN, Infinity, -Infinity, 1.5, -2];
    const inputs = [
      Float64Array.from({ length: 500 }, () => (rng() < 0.4 ? specials[Math.floor(rng() * specials.length)] : Math.round((rng() - 0.5) * 20) / 4)),
      Float64Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? -0 : i % 3 === 1 ? 0 : -1)),
      Float64Array.from({ length: 40 }, () => -0),
      Float64Array.from({ length: 30 }, () => rng()),
      Float64Array.of(NaN, 2, NaN),
    ];
    for (const x of inputs) {
      const want = Array.from(x).filter(Number.isFinite).sort((p, q) => p - q);
      const o = finiteOrder(x);
      expect(o.count).toBe(want.length);
      // deciles first (as the saved model asks), then every rank in a shuffled order
      const ranks = [...[1, 5, 9].map((q) => Math.floor((q * want.length) / 10)), ...want.map((_, i) => i).sort(() => rng() - 0.5)];
      for (const r of ranks) expect(Object.is(o.at(r), want[r]), `rank ${r} of ${want.length}`).toBe(true);
    }
    expect(finiteOrder([NaN]).count).toBe(0);
    expect(() => finiteOrder([1, 2]).at(2)).toThrow(/rank 2/);
  });

  it('medianOf: middle value, mean of the middle two, 0 when empty', () => {
    expect(medianOf(finiteOrder([5, NaN, 1, 3]))).toBe(3);
    expect(medianOf(finiteOrder([4, 1, 3, 2]))).toBe(2.5);
    expect(medianOf(finiteOrder([NaN]))).toBe(0);
  });
});

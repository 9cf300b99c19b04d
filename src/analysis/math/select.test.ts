import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../random';
import { kthSmallest } from './select';

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

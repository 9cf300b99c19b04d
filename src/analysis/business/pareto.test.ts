import { describe, expect, it } from 'vitest';
import { paretoCurve } from './pareto';

describe('paretoCurve', () => {
  it('a hand-computed curve: the top 20% of 5 customers bring 50 of 100', () => {
    const p = paretoCurve([10, 50, 0, 25, 15], 'revenue', 5);
    expect(p.top20Share).toBe(0.5);
    expect(p.customerShare).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(p.revenueShare).toEqual([0, 0.5, 0.75, 0.9, 1, 1]);
  });
  it('ranks as a sort of the values, highest first, bit for bit (blank, negative and non-finite values count 0)', () => {
    let s = 11;
    const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647);
    const rev = Array.from({ length: 5000 }, (_, i) => (i % 97 === 0 ? Number.NaN : i % 89 === 0 ? -5 : i % 83 === 0 ? -0 : i % 79 === 0 ? Infinity : Math.round(rnd() * 1e5) / 100));
    // the sort it replaced: the same cumulative sums in the same order
    const v = Float64Array.from(rev, (x) => (Number.isFinite(x) && x > 0 ? x : 0)).sort().reverse();
    const cum = new Float64Array(v.length + 1);
    for (let i = 0; i < v.length; i++) cum[i + 1] = cum[i] + v[i];
    const p = paretoCurve(rev);
    expect(p.top20Share).toBe(cum[Math.ceil(0.2 * v.length)] / cum[v.length]);
    expect(p.revenueShare).toEqual(Array.from({ length: 101 }, (_, j) => cum[Math.round((j / 100) * v.length)] / cum[v.length]));
  });
});

import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../random';
import { detectDurationProxies, ranks, spearman } from './proxies';

describe('duration-proxy detection', () => {
  it('ranks ties by their mean rank; spearman of a monotone map is 1', () => {
    expect(Array.from(ranks([3, 1, 3, 2]))).toEqual([2.5, 0, 2.5, 1]);
    expect(spearman([1, 2, 3, 4], [1, 8, 27, 64])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [5, 5, 5, 5])).toBeNaN();
  });

  it('flags total ~= tenure x monthly (and its log), keeps an unrelated column, excludes tenure itself', () => {
    const rng = mulberry32(7);
    const n = 500;
    const tenure = Float64Array.from({ length: n }, () => Math.floor(rng() * 72));
    const monthly = Float64Array.from({ length: n }, () => 20 + rng() * 100);
    const total = tenure.map((t, i) => t * monthly[i] * (0.95 + 0.1 * rng()));
    const logTotal = total.map((v) => Math.log1p(v));
    const noise = Float64Array.from({ length: n }, () => rng());
    const r = detectDurationProxies(
      [
        { name: 'tenure', values: tenure },
        { name: 'Monthly', values: monthly },
        { name: 'Total', values: total },
        { name: 'logTotal', values: logTotal },
        { name: 'noise', values: noise },
      ],
      tenure,
      monthly,
    );
    expect(r.excluded).toEqual(['tenure', 'Total', 'logTotal']);
    expect(r.warnings.map((w) => [w.code, w.column])).toEqual([
      ['survival/duration-proxy', 'Total'],
      ['survival/duration-proxy', 'logTotal'],
    ]);
  });
});

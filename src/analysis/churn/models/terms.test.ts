/** Splines and interactions for the logistic model (terms.ts, logisticTerms.ts). */
import { describe, it, expect } from 'vitest';
import { chooseTerms, expandRows, splineBasis, termValue } from './terms';
import { coefGroups, fitLogisticTerms, logisticOddsRatios } from './logisticTerms';
import { logitLogistic } from './logistic';
import { mulberry32 } from '../../random';
import { asMatrix } from '../../math/matrix';
import type { DesignGroup } from '../../features/design';

describe('restricted cubic spline basis', () => {
  const knots = [-1, 0, 0.5, 2];
  it('is zero below the first knot, smooth, and linear beyond the last', () => {
    for (const k of [0, 1]) {
      expect(splineBasis(-3, knots, k)).toBe(0);
      expect(splineBasis(-1, knots, k)).toBe(0);
      // second differences vanish beyond the last knot (linear tail)
      const f = (x: number) => splineBasis(x, knots, k);
      expect(f(5) - 2 * f(4) + f(3)).toBeCloseTo(0, 9);
      expect(f(9) - 2 * f(7) + f(5)).toBeCloseTo(0, 9);
      // but curved between the knots
      expect(Math.abs(f(1) - 2 * f(0.5) + f(0))).toBeGreaterThan(1e-3);
    }
    // hand value: k = 0, x = 1: (2^3 - 0.5^3 * 3 / 1.5 + 0) / 9
    expect(splineBasis(1, knots, 0)).toBeCloseTo((8 - 0.125 * 2) / 9, 12);
  });
});

/** n rows: x0 numeric (uniform), a 3-level and a 2-level one-hot group; churn bends with x0 and needs both levels together. */
function table(n: number, seed: number) {
  const rng = mulberry32(seed);
  const d = 6;
  const X = new Float64Array(n * d);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const x = rng() * 4 - 2;
    const a = Math.floor(rng() * 3);
    const b = rng() < 0.5 ? 1 : 0;
    X.set([x, a === 0 ? 1 : 0, a === 1 ? 1 : 0, a === 2 ? 1 : 0, b, 1 - b], i * d);
    const z = -1 + 1.5 * x * x - 1 + (a === 0 && b === 1 ? 2 : 0) + (a === 2 ? -0.5 : 0);
    y[i] = rng() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  const groups: DesignGroup[] = [
    { name: 'x', kind: 'numeric', start: 0, count: 1 },
    { name: 'A', kind: 'categorical', start: 1, count: 3 },
    { name: 'B', kind: 'categorical', start: 4, count: 2 },
  ];
  return { X: asMatrix(X, d), y, d, groups };
}

describe('chooseTerms and the expanded logistic', () => {
  const { X, y, d, groups } = table(3000, 3);

  it('chooses a spline on the many-valued column and products of the two categorical drivers, from the rows given', () => {
    const terms = chooseTerms(X, y, groups);
    const splines = terms.filter((t) => t.kind === 'spline');
    expect(splines).toHaveLength(2); // 4 knots -> 2 basis columns
    expect(splines.every((t) => t.kind === 'spline' && t.col === 0 && t.group === 0)).toBe(true);
    const products = terms.filter((t) => t.kind === 'product');
    expect(products).toHaveLength(6); // 3 x 2 levels, every pair frequent enough
    expect(termValue(products[0], X.data, 0)).toBe(X.data[products[0].kind === 'product' ? products[0].a : 0] * X.data[products[0].kind === 'product' ? products[0].b : 0]);
    expect(chooseTerms(X, y, groups, { knots: 0, interactionDrivers: 0 })).toEqual([]);
    const wide = expandRows(X, terms);
    expect(wide.data.length).toBe(X.n * (d + terms.length));
    expect(wide.d).toBe(d + terms.length);
  });

  it('fits the bend and the interaction: reasons share out the logit, odds ratios name the new terms', async () => {
    const m = await fitLogisticTerms(X, y, groups);
    expect(m.d).toBe(d);
    expect(m.coef.length).toBe(d + m.terms!.length);
    const z = logitLogistic(m, X);
    // per-group shares add up to the whole logit, for every row
    const owners = coefGroups(m, groups);
    const wide = expandRows(X, m.terms!).data;
    const D = m.coef.length;
    for (const i of [0, 1, 2, 500]) {
      const per = new Float64Array(groups.length);
      for (let j = 0; j < D; j++) for (const o of owners[j]) per[o.group] += (o.share * m.coef[j] * (wide[i * D + j] - m.mean[j])) / m.sd[j];
      expect(m.intercept + per.reduce((a, b) => a + b, 0)).toBeCloseTo(z[i], 10);
    }
    // the logit sums the same terms in the same order as over the expanded matrix: the same bits
    let differ = 0;
    for (let i = 0; i < X.n; i++) {
      let zi = m.intercept;
      for (let j = 0; j < D; j++) zi += m.coef[j] * ((wide[i * D + j] - m.mean[j]) / m.sd[j]);
      differ += +(zi !== z[i]);
    }
    expect(differ).toBe(0);
    const names = ['x', 'A=a0', 'A=a1', 'A=a2', 'B=1', 'B=0'];
    const or = new Map(logisticOddsRatios(m, names, groups).map((o) => [o.feature, o.oddsRatio]));
    expect(or.get('A=a0 × B=1')).toBeGreaterThan(2); // the true interaction: e^2 on the logit scale
    expect([...or.keys()]).toContain('x (65th vs 35th percentile)');
    expect([...or.keys()].some((k) => k === 'x (per 1 SD)')).toBe(false);
  });
});

import { describe, it, expect } from 'vitest';
import { brier, confusionAt, logLoss, meanSd, orderDesc, prAuc, prCurve, rocAuc, rocCurve, topLift } from './metrics';
import { f1Threshold, profitThreshold } from './threshold';
import { applyPlatt, fitPlatt, reliabilityBins } from './calibration';
import { solveSpd } from '../../math/linalg';
import { splitFold, stratifiedFolds } from './folds';
import { mulberry32 } from '../../random';

// scores with a tie between a positive and a negative at 0.8
const p = Float64Array.from([0.9, 0.8, 0.8, 0.3]);
const y = Uint8Array.from([1, 0, 1, 0]);

describe('metrics on hand-computed cases', () => {
  it('ROC-AUC counts ties as 1/2', () => {
    // pairs: 0.9>0.8 1, 0.9>0.3 1, 0.8=0.8 0.5, 0.8>0.3 1 -> 3.5/4
    expect(rocAuc(p, y)).toBeCloseTo(0.875, 12);
    expect(rocAuc([0.1, 0.2], [1, 0])).toBe(0);
    expect(rocAuc([0.5, 0.5, 0.5], [1, 0, 1])).toBe(0.5);
    expect(rocAuc([0.1, 0.2], [1, 1])).toBeNaN();
  });
  it('PR-AUC is average precision (scikit-learn)', () => {
    // R 0->0.5 at P 1, R 0.5->1 at P 2/3
    expect(prAuc(p, y)).toBeCloseTo(0.5 + 0.5 * (2 / 3), 12);
  });
  it('Brier and log loss', () => {
    expect(brier(p, y)).toBeCloseTo((0.01 + 0.64 + 0.04 + 0.09) / 4, 12);
    expect(logLoss(p, y)).toBeCloseTo(-(Math.log(0.9) + Math.log(0.2) + Math.log(0.8) + Math.log(0.7)) / 4, 12);
    expect(Number.isFinite(logLoss([0, 1], [1, 0]))).toBe(true);
  });
  it('top-decile lift', () => {
    const s = Float64Array.from({ length: 10 }, (_, i) => 1 - i / 10);
    const t = Uint8Array.from([1, 0, 0, 1, 0, 0, 1, 0, 0, 0]);
    expect(topLift(s, t)).toBeCloseTo(1 / 0.3, 12);
    expect(topLift(s, t, 0.5)).toBeCloseTo(2 / 5 / 0.3, 12);
  });
  it('confusion at a threshold', () => {
    const c = confusionAt(p, y, 0.8);
    expect([c.tp, c.fp, c.tn, c.fn]).toEqual([2, 1, 1, 0]);
    expect(c.precision).toBeCloseTo(2 / 3, 12);
    expect(c.recall).toBe(1);
    expect(c.f1).toBeCloseTo(0.8, 12);
    expect(c.accuracy).toBe(0.75);
    expect(confusionAt(p, y, 2).precision).toBe(0);
  });
  it('curves', () => {
    expect(rocCurve(p, y)).toEqual([{ x: 0, y: 0 }, { x: 0, y: 0.5 }, { x: 0.5, y: 1 }, { x: 1, y: 1 }]);
    expect(prCurve(p, y)[1]).toEqual({ x: 1, y: 2 / 3 });
    const big = Float64Array.from({ length: 5000 }, (_, i) => i);
    const yb = Uint8Array.from(big, (i) => i % 2);
    const rc = rocCurve(big, yb);
    expect(rc.length).toBe(200);
    expect(rc[0]).toEqual({ x: 0, y: 0 });
    expect(rc[199]).toEqual({ x: 1, y: 1 });
  });
  it('orderDesc: descending, ties (and -0, +0) in index order, NaN handled', () => {
    const rng = mulberry32(11);
    const ref = (v: ArrayLike<number>) => Int32Array.from({ length: v.length }, (_, i) => i).sort((a, b) => (v[b] + 0) - (v[a] + 0) || a - b);
    expect(Array.from(orderDesc([0, -0, 2, -0, 0, -3, Infinity, -Infinity, 5e-324, -5e-324]))).toEqual([6, 2, 8, 0, 1, 3, 4, 9, 5, 7]);
    for (const make of [() => rng(), () => Math.floor(rng() * 7) - 3, () => (rng() - 0.5) * 1e9, () => (rng() < 0.5 ? -1 : 1) * rng() ** 40]) {
      const v = Float64Array.from({ length: 3000 }, make);
      expect(Array.from(orderDesc(v))).toEqual(Array.from(ref(v)));
    }
    expect(Array.from(orderDesc([]))).toEqual([]);
    expect(Array.from(orderDesc([1, NaN, 2]))).toHaveLength(3);
  });
  it('mean and population sd', () => {
    expect(meanSd([1, 3])).toEqual({ mean: 2, sd: 1 });
  });
});

describe('thresholds', () => {
  it('max F1', () => expect(f1Threshold(p, y)).toBe(0.8));
  it('max profit: contacting row i earns y_i * save * value - cost', () => {
    const r = profitThreshold(p, y, { offerCost: 10, saveRate: 0.5, value: Float64Array.from([100, 100, 100, 100]) });
    // 0.9: +40; 0.8 block: -10 + 40 -> 70; 0.3: -10 -> 60
    expect(r).toEqual({ threshold: 0.8, profit: 70 });
    const never = profitThreshold(p, y, { offerCost: 1000, saveRate: 0.5, value: Float64Array.from([1, 1, 1, 1]) });
    expect(never.profit).toBe(0);
  });
});

describe('calibration', () => {
  it('reliability bins', () => {
    const b = reliabilityBins([0.05, 0.15, 0.12, 0.95], [0, 1, 0, 1], 10);
    expect(b).toEqual([
      { predicted: 0.05, observed: 0, count: 1 },
      { predicted: (0.15 + 0.12) / 2, observed: 0.5, count: 2 },
      { predicted: 0.95, observed: 1, count: 1 },
    ]);
  });
  it('Platt scaling repairs overconfident scores', () => {
    const rng = mulberry32(3);
    const n = 4000;
    const truth = Float64Array.from({ length: n }, () => rng());
    const yy = Uint8Array.from(truth, (q) => (rng() < q ? 1 : 0));
    // overconfident: logit doubled
    const over = truth.map((q) => 1 / (1 + ((1 - q) / q) ** 2));
    const c = fitPlatt(over, yy);
    expect(c.a).toBeCloseTo(0.5, 1);
    expect(brier(applyPlatt(c, over), yy)).toBeLessThan(brier(over, yy));
  });
});

describe('helpers', () => {
  it('Cholesky solve', () => {
    const x = solveSpd(Float64Array.from([4, 2, 2, 3]), Float64Array.from([2, 1]), 2);
    expect(x[0]).toBeCloseTo(0.5, 12);
    expect(x[1]).toBeCloseTo(0, 12);
  });
  it('stratified folds keep the class ratio and are seeded', () => {
    const yy = Uint8Array.from({ length: 103 }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const f = stratifiedFolds(yy, 5, 42);
    expect(stratifiedFolds(yy, 5, 42)).toEqual(f);
    expect(stratifiedFolds(yy, 5, 43)).not.toEqual(f);
    for (let k = 0; k < 5; k++) {
      const { train, test } = splitFold(f, k);
      expect(train.length + test.length).toBe(103);
      expect([20, 21]).toContain(test.length);
      const pos = test.reduce((a, r) => a + yy[r], 0);
      expect([5, 6]).toContain(pos);
    }
  });
});

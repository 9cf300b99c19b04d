import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { censoringAt, censoringSurvival, cumulativeDynamicAuc } from './tdauc';

describe('cumulative/dynamic AUC (hand-checked)', () => {
  const none = { time: [1, 2, 3, 4], event: [1, 1, 1, 1] }; // no censoring in training: every weight is 1
  it('is 1 for a perfect ranking, 0 for the reverse, ties count one half', () => {
    const test = { time: [1, 2, 3, 4], event: [1, 1, 1, 1] };
    expect(cumulativeDynamicAuc(none, test, [4, 3, 2, 1], [2])).toEqual([1]);
    expect(cumulativeDynamicAuc(none, test, [1, 2, 3, 4], [2])).toEqual([0]);
    // cases rows 0, 1 (left by month 2), controls rows 2, 3: pairs 1, 1, 0.5 (tie), 1 -> 3.5 / 4
    expect(cumulativeDynamicAuc(none, test, [2, 1, 1, 0], [2])[0]).toBeCloseTo(0.875, 12);
  });
  it('weights each case by 1 / G(its time), G the censoring curve of the training rows', () => {
    // training censoring curve: 1 until month 2, then 1 - 1/(3 - 1) = 0.5 (one censored among the 2 left after the event at 2)
    const train = { time: [1, 2, 2, 3], event: [1, 0, 1, 1] };
    const g = censoringSurvival(train.time, train.event);
    expect(Array.from(g.prob)).toEqual([1, 0.5, 0.5]);
    expect([censoringAt(g, 0.5), censoringAt(g, 1), censoringAt(g, 2.5)]).toEqual([1, 1, 0.5]);
    // horizon 2: cases row 0 (weight 1, above 1 of 2 controls) and row 1 (weight 2, above both): (0.5 + 2) / 3
    const test = { time: [1, 2, 3, 5], event: [1, 1, 0, 0] };
    expect(cumulativeDynamicAuc(train, test, [1, 3, 2, 0], [2])[0]).toBeCloseTo(2.5 / 3, 12);
    // no case by month 0.5, no control after month 5: not defined
    expect(cumulativeDynamicAuc(train, test, [1, 3, 2, 0], [0.5, 5]).every(Number.isNaN)).toBe(true);
  });
});

describe('cumulative/dynamic AUC against scikit-survival (numpy restatement, scripts/reference/td_auc.py)', () => {
  const ref = JSON.parse(readFileSync(new URL('./fixtures/tdauc-reference.json', import.meta.url), 'utf8')) as {
    train: { time: number[]; event: number[] }; test: { time: number[]; event: number[]; risk: number[] };
    horizons: number[]; auc: number[]; censoring: { times: number[]; prob: number[] };
  };
  it('same censoring curve and the same AUC at 3, 6, 12 and 24 (tied times and scores)', () => {
    const g = censoringSurvival(ref.train.time, ref.train.event);
    expect(Array.from(g.times)).toEqual(ref.censoring.times);
    g.prob.forEach((p, k) => expect(p).toBeCloseTo(ref.censoring.prob[k], 12));
    const auc = cumulativeDynamicAuc(ref.train, ref.test, ref.test.risk, ref.horizons);
    auc.forEach((a, k) => expect(a).toBeCloseTo(ref.auc[k], 12));
  });
});

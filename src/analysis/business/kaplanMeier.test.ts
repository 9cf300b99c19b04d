import { describe, it, expect } from 'vitest';
import { kaplanMeier, kaplanMeierGroups, survivalAt, medianLifetime, conditionalSurvival } from './kaplanMeier';

describe('kaplanMeier: hand-computed cases', () => {
  it('ties and censoring', () => {
    // t=1: 7 at risk, 1 event -> 6/7; t=2: 6 at risk, 1 event + 1 censored -> 5/7;
    // t=3: 4 at risk, 1 event -> 15/28; t=4: 3 at risk, 1 event + 1 censored -> 5/14; t=5: 1 censored
    const c = kaplanMeier([1, 2, 2, 3, 4, 4, 5], [1, 1, 0, 1, 0, 1, 0]);
    expect(c.times).toEqual([0, 1, 2, 3, 4, 5]);
    const want = [1, 6 / 7, 5 / 7, 15 / 28, 5 / 14, 5 / 14];
    c.survival.forEach((s, i) => expect(s).toBeCloseTo(want[i], 12));
    expect(c.atRisk).toEqual([7, 7, 6, 4, 3, 1]);
    expect(c.events).toEqual([0, 1, 1, 1, 1, 0]);
    expect(medianLifetime(c)).toBe(4);
    expect(survivalAt(c, 2.5)).toBeCloseTo(5 / 7, 12);
    expect(survivalAt(c, 0.5)).toBe(1);
    expect(survivalAt(c, 6)).toBeNull(); // past follow-up with S > 0
    expect(conditionalSurvival(c, 2, 4)).toBeCloseTo(5 / 14 / (5 / 7), 12);
    expect(conditionalSurvival(c, 4, 2)).toBeNull();
  });

  it('all censored (no events): S = 1, median not reached', () => {
    const c = kaplanMeier([3, 5, 5], [0, 0, 0]);
    expect(c.survival.every((s) => s === 1)).toBe(true);
    expect(c.times).toEqual([0, 3, 5]);
    expect(medianLifetime(c)).toBeNull();
    expect(survivalAt(c, 5)).toBe(1);
    expect(conditionalSurvival(c, 3, 5)).toBe(1);
  });

  it('all events: S reaches 0 at the end; past the longest tenure it is unknown', () => {
    const c = kaplanMeier([1, 2, 3], [1, 1, 1]);
    [2 / 3, 1 / 3, 0].forEach((w, i) => expect(c.survival[i + 1]).toBeCloseTo(w, 12));
    expect(c.survival[3]).toBe(0);
    expect(medianLifetime(c)).toBe(2);
    expect(survivalAt(c, 3)).toBe(0);
    expect(survivalAt(c, 10)).toBeNull(); // past the longest observed tenure: not enough history
    expect(conditionalSurvival(c, 3, 5)).toBeNull(); // S(3) = 0
  });

  it('tenure 0: an event at 0 drops S at 0; a censoring at 0 only leaves the risk set', () => {
    const a = kaplanMeier([0, 0, 1, 2], [1, 0, 1, 0]);
    expect(a.times).toEqual([0, 1, 2]);
    expect(a.survival).toEqual([3 / 4, 3 / 8, 3 / 8]);
    expect(a.atRisk).toEqual([4, 2, 1]);
    const b = kaplanMeier([0, 2], [0, 1]);
    expect(b.survival).toEqual([1, 0]);
    expect(b.atRisk).toEqual([2, 1]);
  });

  it('groups share one sort and equal per-group fits; -1 is left out', () => {
    const t = [1, 2, 2, 3, 4, 4, 5, 9, 1, 3];
    const e = [1, 1, 0, 1, 0, 1, 0, 1, 0, 1];
    const g = [0, 0, 0, 0, 0, 0, 0, -1, 1, 1];
    const [c0, c1] = kaplanMeierGroups(t, e, g, 2);
    expect(c0).toEqual(kaplanMeier(t.slice(0, 7), e.slice(0, 7)));
    expect(c1).toEqual(kaplanMeier([1, 3], [0, 1]));
    expect(c0.n + c1.n).toBe(9);
  });

  it('median at exactly 0.5 (float products) is found', () => {
    // S(1) = 9/10; at 2: 9 at risk, 4 events -> S(2) = 9/10 x 5/9 = 0.5 up to rounding
    const t = [1, 2, 2, 2, 2, 2, 3, 3, 3, 3];
    const e = [1, 1, 1, 1, 1, 0, 0, 0, 0, 0];
    const c = kaplanMeier(t, e);
    expect(c.survival[2]).toBeCloseTo(0.5, 12);
    expect(medianLifetime(c)).toBe(2);
  });

  it('empty group and bad input', () => {
    const [c] = kaplanMeierGroups([1], [1], [-1], 1);
    expect(c.n).toBe(0);
    expect(c.survival).toEqual([1]);
    expect(() => kaplanMeier([1, -2], [0, 1])).toThrow(expect.objectContaining({ code: 'bad-input' }));
    expect(() => kaplanMeier([1, NaN], [0, 1])).toThrow(expect.objectContaining({ code: 'bad-input' }));
    expect(() => kaplanMeier([1], [0, 1])).toThrow(expect.objectContaining({ code: 'bad-input' }));
  });
});

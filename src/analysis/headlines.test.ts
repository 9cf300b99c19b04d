import { describe, expect, it } from 'vitest';
import { CONTACT_SHARE, headlines, reachAt, setActual } from './headlines';
import { fixtureResult } from './testing/resultFixture';

describe('reachAt: share of churners among the riskiest customers', () => {
  it('hand case: top 20% of 10 holds 1 of the 3 churners', () => {
    const s = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05];
    const y = [1, 0, 1, 0, 0, 1, 0, 0, 0, 0];
    expect(reachAt(s, y)).toEqual({ contacted: 2, positives: 3, reached: 1, reach: 1 / 3 });
    expect(reachAt(s, y, 0.5)).toEqual({ contacted: 5, positives: 3, reached: 2, reach: 2 / 3 });
  });
  it('ties keep row order; no churners gives a null reach', () => {
    expect(reachAt([0.5, 0.5], [0, 1], 0.5).reached).toBe(0);
    expect(reachAt([0.5, 0.5], [1, 0], 0.5).reached).toBe(1);
    expect(reachAt([0.3, 0.2], [0, 0]).reach).toBeNull();
  });
  it('equals a comparator sort (score descending, ties by row order) on tied scores, at every share', () => {
    const reference = (scores: number[], y: number[], share: number) => {
      const order = scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
      const contacted = Math.round(scores.length * share);
      return order.slice(0, contacted).filter((i) => y[i] === 1).length;
    };
    let seed = 7;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const scores = Array.from({ length: 501 }, () => Math.round(rand() * 20) / 20);
    const y = scores.map(() => (rand() < 0.3 ? 1 : 0));
    for (const share of [0, 0.01, 0.2, 0.37, 0.5, 1]) expect(reachAt(scores, y, share).reached).toBe(reference(scores, y, share));
  });
  it('equals the comparator sort on 20,000 scores with ties, and with NaN scores', () => {
    const reference = (scores: number[], y: number[], share: number) => {
      const order = scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
      return order.slice(0, Math.round(scores.length * share)).filter((i) => y[i] === 1).length;
    };
    let seed = 11;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const scores = Array.from({ length: 20_000 }, () => Math.round(rand() * 300) / 300);
    const y = scores.map((s) => (rand() < s ? 1 : 0));
    for (const share of [0.001, 0.2, 0.5, 0.999]) expect(reachAt(Float64Array.from(scores), y, share).reached).toBe(reference(scores, y, share));
    // NaN scores (never produced by the models) keep the native sort's answer (NaN sorts last and is never taken)
    const withNaN = [0.2, NaN, 0.9, 0.1, 0.5];
    expect(reachAt(withNaN, [0, 1, 1, 0, 0], 0.4)).toEqual({ contacted: 2, positives: 2, reached: 1, reach: 0.5 });
  });
});

describe('the churn headline reads the reach the worker computed (setActual)', () => {
  it('setActual carries reachAt at the contact share; the headline is the same read or computed', () => {
    const r = fixtureResult();
    const y = Uint8Array.from([0, 1, 0, 1, 0, 1]);
    setActual(r.churn!, y);
    expect(r.churn!.actual).toBe(y);
    expect(r.churn!.contactReach).toEqual({ share: CONTACT_SHARE, ...reachAt(r.churn!.oof, y) });
    const carried = headlines(r).churn;
    const computed = headlines({ ...r, churn: { ...r.churn!, contactReach: undefined } }).churn;
    expect(carried).toBe(computed);
    expect(carried).toMatch(/^Contacting the riskiest 20% \(1 of 6 customers\) reaches/);
  });
  it('the carried reach is what the sentence shows (not recomputed); another share is recomputed; no labels, none', () => {
    const r = fixtureResult();
    setActual(r.churn!, Uint8Array.from([0, 1, 0, 1, 0, 1]));
    const marked = { ...r.churn!.contactReach!, positives: 999 };
    expect(headlines({ ...r, churn: { ...r.churn!, contactReach: marked } }).churn).toMatch(/of the 999 customers/);
    expect(headlines({ ...r, churn: { ...r.churn!, contactReach: { ...marked, share: 0.5 } } }).churn).toMatch(/of the 3 customers/);
    setActual(r.churn!, null);
    expect(r.churn!.actual).toBeUndefined();
    expect(r.churn!.contactReach).toBeUndefined();
  });
});

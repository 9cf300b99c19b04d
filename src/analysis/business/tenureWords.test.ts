import { describe, expect, it } from 'vitest';
import type { CustomerFrame } from '../types';
import { buildSurvival } from './survival';
import { conditionalWords, halfLeftCell, halfLeftWords, isWholeYears, spanWords } from './tenureWords';
import { buildInsights } from './insights';

/** 10 customers: tenure 0 (2, one left), 1 (4, two left), 2 (4, none left), in `unit` (converted to months as prepare.ts does). */
function frame(unit: 'years' | 'months'): CustomerFrame {
  const raw = [0, 0, 1, 1, 1, 1, 2, 2, 2, 2];
  const left = [1, 0, 1, 1, 0, 0, 0, 0, 0, 0];
  const f = unit === 'years' ? 12 : 1;
  return {
    kind: 'customers', n: 10, ids: raw.map((_, i) => `c${i}`), y: Uint8Array.from(left), targetName: 'Exited',
    tenure: Float64Array.from(raw, (t) => t * f), tenureName: 'Tenure', tenureUnit: unit,
    monthly: null, total: null, recency: null, frequency: null, monetary: null,
    numeric: [], categorical: [{ name: 'Geography', levels: ['France', 'Spain'], codes: Int32Array.from(raw, (_, i) => i % 2) }],
  };
}
const groups = { names: ['All customers'], labels: new Int32Array(10), fromSegmentation: false };

describe('retention of a purchase log', () => {
  it('reads months until leaving (frame.survivalMonths: a customer who left leaves at their last purchase), not tenure to the end of the log', () => {
    // 4 customers all first seen 14 months before the end: two never bought again (left at 0), one left at month 4, one still buys
    const f: CustomerFrame = {
      kind: 'transactions', n: 4, ids: ['a', 'b', 'c', 'd'], y: Uint8Array.from([1, 1, 1, 0]), targetName: 'No purchase in last 90 days',
      tenure: Float64Array.from([14, 14, 14, 14]), survivalMonths: Float64Array.from([0, 0, 4, 14]),
      monthly: null, total: null, recency: null, frequency: null, monetary: null, numeric: [], categorical: [],
    };
    const groups = { names: ['All customers'], labels: new Int32Array(4), fromSegmentation: false };
    const s = buildSurvival(f, groups, undefined, []);
    expect(s.curves[0].times).toEqual([0, 4, 14]);
    expect(s.curves[0].survival).toEqual([0.5, 0.25, 0.25]);
    expect(s.curves[0].medianLifetime).toBe(0);
    const kpis = { clv: { value: null, naive: null }, top20RevenueShare: { value: null } };
    const x = { frame: f, kpis, population: { label: 'customers', active: 1 }, drivers: [], groups, revenue: null, lost: null, plan: null, churn: null, curves: s.curves, conditional: s.conditional, years: s.years } as unknown as Parameters<typeof buildInsights>[0];
    const texts = buildInsights(x, {} as Parameters<typeof buildInsights>[1]).map((i) => i.text).filter((t) => /still here/.test(t));
    expect(texts[0]).toBe('25.0% of customers are still here 12 months after joining; half have left in their first month.');
  });
});

describe('retention in the unit of the tenure column', () => {
  it('reads whole-year tenure (a bank Tenure 0..10) as "after k years": a churn at Tenure k happened during year k + 1', () => {
    const s = buildSurvival(frame('years'), groups, undefined, []);
    expect(s.years).toBe(true);
    const all = s.curves[0];
    // KM on completed years: 10 at risk at 0, 1 left during year 1 -> 0.9; 8 at risk, 2 left during year 2 -> 0.675
    expect(all.at).toEqual({ m6: null, m12: 0.9, m24: 0.675 });
    expect(all.times).toEqual([0, 12, 24, 36]);
    expect(all.survival).toEqual([1, 0.9, 0.675, 0.675]);
    expect(s.conditional[0]).toEqual({ from: 12, to: 24, probability: 0.75 });
    expect(s.conditional.map((c) => [c.from, c.to])).toEqual([[12, 24], [24, 36]]);
    expect(conditionalWords(s.conditional[0], '75.0%', true)).toBe('Of customers already 1 year in, 75.0% are still here after 2 years.');
  });

  it('leaves month tenure as it was (the Telco reading)', () => {
    const s = buildSurvival(frame('months'), groups, undefined, []);
    expect(s.years).toBe(false);
    // the same values read as months 0..2: no shift, and nothing known past month 2
    expect(s.curves[0].times).toEqual([0, 1, 2]);
    expect(s.curves[0].survival).toEqual([0.9, 0.675, 0.675]);
    expect(s.curves[0].at).toEqual({ m6: null, m12: null, m24: null });
    expect(s.conditional).toEqual([]);
    expect(conditionalWords({ from: 14, to: 20 }, '80.0%', false)).toBe('Of customers already at 14 months, 80.0% are still here at 20.');
  });

  it('says spans and the median lifetime in years only for whole-year files', () => {
    expect([spanWords(12, true), spanWords(24, true), spanWords(18, true), spanWords(12, false)]).toEqual(['1 year', '2 years', '18 months', '12 months']);
    expect([halfLeftWords(120, true), halfLeftWords(30, false)]).toEqual(['within 10 years', 'by month 30']);
    // more than half leave at once (a purchase log's one-time buyers): not "by month 0"
    expect([halfLeftWords(0, false), halfLeftWords(0, true), halfLeftCell(0, false), halfLeftCell(30, false), halfLeftCell(120, true)])
      .toEqual(['in their first month', 'in their first month', 'their first month', 'month 30', 'within 10 years']);
    expect(isWholeYears(Float64Array.from([0, 12, 120]), 'years')).toBe(true);
    expect(isWholeYears(Float64Array.from([0, 18]), 'years')).toBe(false); // 1.5 years: not counted in whole years
    expect(isWholeYears(Float64Array.from([0, 12]), 'months')).toBe(false);
  });

  it('writes the retention insights of a whole-year file in years', () => {
    const f = frame('years');
    const s = buildSurvival(f, groups, ['Geography'], []);
    const kpis = { clv: { value: null, naive: null }, top20RevenueShare: { value: null } };
    const x = { frame: f, kpis, population: { label: 'customers', active: 10 }, drivers: [], groups, revenue: null, lost: null, plan: null, churn: null, curves: s.curves, conditional: s.conditional, years: s.years } as unknown as Parameters<typeof buildInsights>[0];
    const texts = buildInsights(x, {} as Parameters<typeof buildInsights>[1]).map((i) => i.text).filter((t) => /still here/.test(t));
    // France keeps fewer after 2 years than Spain after 1: no "Only ... against ..." between them, the base instead
    expect(s.curves.filter((c) => c.by === 'Geography').map((c) => [c.group, c.at.m12, Number(c.at.m24!.toFixed(12))])).toEqual([['France', 0.8, 0.6], ['Spain', 1, 0.75]]);
    expect(texts[0]).toBe('90.0% of customers are still here 1 year after joining; more than half are still customers at the end of the history.');
    expect(texts[1]).toBe('Of customers already 1 year in, 75.0% are still here after 2 years.');
  });
});

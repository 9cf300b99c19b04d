/** Cohort grid and revenue movements on a hand-made log with known answers. */
import { describe, expect, it } from 'vitest';
import { collapseLines } from './log';
import { cohortGrid, revenueMovements } from './cohorts';
import { gapWindow } from './gapWindow';

const day = (s: string) => Date.parse(s) / 86_400_000;
// A: Jan, Feb, Apr; B: Jan only; C: Feb, Mar (twice in March, one day); log ends 2024-04-30
const log = collapseLines({
  id: ['A', 'A', 'A', 'B', 'C', 'C', 'C'],
  day: ['2024-01-05', '2024-02-10', '2024-04-30', '2024-01-20', '2024-02-01', '2024-03-03', '2024-03-03'].map(day),
  amount: [10, 20, 5, 40, 30, 10, 5],
});

describe('cohortGrid', () => {
  const g = cohortGrid(log);
  it('counts buyers per acquisition month and month since the first purchase', () => {
    expect(g.cohorts).toEqual(['2024-01', '2024-02']);
    expect(g.size).toEqual([2, 1]);
    expect(g.buyers[0]).toEqual([2, 1, 0, 1]);
    expect(g.share[0]).toEqual([1, 0.5, 0, 0.5]);
    expect(g.revenue[0]).toEqual([50, 20, 0, 5]);
    expect(g.revenueShare[1].slice(0, 2)).toEqual([1, 0.5]);
  });
  it('says "not observed" (null), never 0, beyond the end of the log', () => {
    expect(g.share[1]).toEqual([1, 1, 0, null]);
  });
  it('leaves a partial last month unobserved', () => {
    const short = collapseLines({ id: ['A', 'A'], day: [day('2024-01-05'), day('2024-02-10')], amount: [1, 1] });
    expect(cohortGrid(short).share[0]).toEqual([1, null]);
  });
});

describe('revenueMovements', () => {
  it('splits each month into new, expansion, contraction, churned and reactivated', () => {
    const m = revenueMovements(log);
    expect(m.map((r) => r.month)).toEqual(['2024-01', '2024-02', '2024-03', '2024-04']);
    expect(m[1]).toMatchObject({ revenue: 50, new: 30, expansion: 10, churned: -40, contraction: 0, reactivated: 0 });
    // Feb -> Mar: A churned (-20), C contracted 30 -> 15
    expect(m[2]).toMatchObject({ revenue: 15, new: 0, churned: -20, contraction: -15 });
    expect(m[2].nrr).toBeCloseTo(15 / 50);
    expect(m[2].quickRatio).toBe(0);
    // Mar -> Apr: A reactivated (5), C churned (-15)
    expect(m[3]).toMatchObject({ reactivated: 5, churned: -15 });
    expect(m[3].quickRatio).toBeCloseTo(5 / 15);
    expect(m[0].nrr).toBeNull();
  });
});

describe('gapWindow', () => {
  it('takes the 90% gap rounded up to a week, 90 days with too few gaps', () => {
    expect(gapWindow(log).days).toBe(90);
    const many = collapseLines({
      id: Array.from({ length: 100 }, (_, i) => `c${i % 10}`),
      day: Array.from({ length: 100 }, (_, i) => Math.floor(i / 10) * 20 + (i % 10)),
      amount: new Array(100).fill(1),
    });
    const w = gapWindow(many);
    expect(w.gaps).toBe(90);
    expect(w.days).toBe(21);
  });
});

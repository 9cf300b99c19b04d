/** An invoice log with about one year of history: its cohort grid and chart say "not enough
 *  history" (null) beyond the log's end, never 0%; and the corpus's cohort check catches a 0 there. */
import { describe, expect, it } from 'vitest';
import { invoiceLog } from './markup';
import { cohortProblems } from './cohortCheck';
import { collapseLines } from '../../src/analysis/lifetime/log';
import { cohortGrid } from '../../src/analysis/lifetime/cohorts';
import { cohortFigure } from '../../src/charts/lifetime';

const rows = invoiceLog(undefined, 120, 365).slice(1);
const log = collapseLines({ id: rows.map((r) => r[0]), day: rows.map((r) => Date.parse(r[1]) / 86_400_000), amount: rows.map((r) => Number(r[3])) });
const g = cohortGrid(log);

describe('one year of history', () => {
  it('spans 12 months, and every cell past the log is null, never 0', () => {
    const days = rows.map((r) => Date.parse(r[1]) / 86_400_000);
    const span = Math.max(...days) - Math.min(...days);
    expect(span > 330 && span < 366).toBe(true);
    expect(g.offsets.length).toBeLessThanOrEqual(13);
    expect(cohortProblems(g.cohorts, g.share)).toEqual([]);
    // the first cohort (January 2011): 12 months observed, January 2012 only partly covered: null
    expect(g.share[0].slice(0, 12).every((v) => v !== null)).toBe(true);
    expect(g.share[0][12]).toBeNull();
    // the last cohort (August 2011): months 0-4 observed, the rest null, not 0%
    const last = g.share[g.share.length - 1];
    expect(g.cohorts[g.cohorts.length - 1]).toBe('2011-08');
    expect([last.slice(0, 5).every((v) => v !== null), last.slice(5).every((v) => v === null)]).toEqual([true, true]);
  });
  it('the chart keeps those cells blank and says why on its axis', () => {
    const f = cohortFigure(g, 'share', 'USD');
    const z = (f.data[0] as { z: (number | null)[][] }).z;
    expect(cohortProblems(g.cohorts, z, 1)).toEqual([]);
    expect(z.flat().filter((v) => v === null).length).toBeGreaterThan(20);
    expect(JSON.stringify(f.layout)).toContain('not enough history');
  });
  it('the check finds a 0 where history is missing', () => {
    const bad = g.share.map((r) => r.map((v) => v ?? 0));
    expect(cohortProblems(g.cohorts, bad).length).toBeGreaterThan(0);
  });
});

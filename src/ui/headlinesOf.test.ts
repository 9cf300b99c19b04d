import { describe, expect, it } from 'vitest';
import { headlinesOf } from './headlinesOf';
import { headlines } from '../analysis/headlines';
import type { AnalysisResult } from '../analysis/result';

// the smallest result the lines read: no models, no segments, no lifetime (each line says so)
const bare = (rows: number) => ({ rows, inputRows: rows, warnings: [], churn: null, business: null, segmentation: null, lifetime: null, model: null }) as unknown as AnalysisResult;

describe('headlinesOf: the dashboard lines, once per result object', () => {
  it('gives headlines(result), computed once for the same object and again for a replaced one', () => {
    const r = bare(12);
    const lines = headlinesOf(r);
    expect(lines).toEqual(headlines(r));
    expect(lines.data).toBe('12 customers were analysed from 12 rows; the data needed no fixes.');
    expect(headlinesOf(r)).toBe(lines);
    // a refined result is a new object (results are replaced, never mutated): its own lines
    const next = { ...r, rows: 11 };
    expect(headlinesOf(next)).not.toBe(lines);
    expect(headlinesOf(next).data).toBe('11 customers were analysed from 12 rows; the data needed no fixes.');
  });
});

import { describe, expect, it } from 'vitest';
import { analysisSummary } from './analysisSummary';
import type { AnalysisResult } from './result';

describe('analysisSummary', () => {
  it('drops per-customer columns and keeps summary arrays whose length happens to equal the customers', () => {
    const n = 3;
    const result = {
      rows: n,
      ids: ['a', 'b', 'c'],
      churn: { probability: new Float64Array([0.1, 0.2, 0.3]), curve: new Float64Array([0.5, 0.25]) },
      // a cohort grid of three acquisition months for three customers, with a month beyond the log
      lifetime: { cohorts: { share: [[1, 0.5, null], [1, 0.25, null], [1, null, null]] }, movements: [{ month: '2024-01' }, { month: '2024-02' }, { month: '2024-03' }] },
      columns: ['x', 'y', 'z'],
      business: null,
    } as unknown as AnalysisResult;
    const out = analysisSummary(result) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(out.ids).toBeUndefined();
    expect(out.churn.probability).toBeUndefined();
    expect(out.churn.curve).toEqual([0.5, 0.25]);
    expect(out.lifetime.cohorts.share).toEqual([[1, 0.5, null], [1, 0.25, null], [1, null, null]]);
    expect(out.lifetime.movements).toHaveLength(3);
    expect(out.columns).toEqual(['x', 'y', 'z']);
    const full = analysisSummary(result, true) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(full.ids).toEqual(['a', 'b', 'c']);
    expect(full.churn.probability).toEqual([0.1, 0.2, 0.3]);
  });
});

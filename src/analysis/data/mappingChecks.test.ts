import { describe, expect, it } from 'vitest';
import type { ColumnInfo } from '../types';
import { checkMapping, targetProfile } from './mappingChecks';
import { parseCsv } from './parse';
import { inspectTable, prepareFrame, summarize } from './prepare';

const col = (c: Partial<ColumnInfo> & { name: string }): ColumnInfo => ({ type: 'categorical', missing: 0, unique: 2, ...c });

describe('targetProfile', () => {
  it('reads the churn rate and which value means left', () => {
    const t = targetProfile(col({ name: 'Churn', values: [{ value: 'No', count: 5174 }, { value: 'Yes', count: 1869 }] }))!;
    expect(t.positive).toBe('Yes');
    expect(t.negative).toBe('No');
    expect(t.rate).toBeCloseTo(1869 / 7043, 12);
    expect(t.strays).toEqual([]);
  });
});

describe('checkMapping', () => {
  it('blocks a continuous column as the churn flag, naming the problem', () => {
    const c = col({ name: 'Balance', type: 'numeric', unique: 6382, min: 0, max: 250898.09 });
    const [p] = checkMapping([c], 'customers', { target: 'Balance' });
    expect(p).toMatchObject({ code: 'target-continuous', blocking: true });
    expect(p.message).toContain('exactly two kinds of value');
    expect(p.message).toContain('6,382 different values');
  });
  it('states a few stray values and blocks many', () => {
    const few = col({ name: 'Left', unique: 3, values: [{ value: 'No', count: 900 }, { value: 'Yes', count: 97 }, { value: 'maybe', count: 3 }] });
    expect(checkMapping([few], 'customers', { target: 'Left' })).toMatchObject([{ code: 'target-strays', blocking: false }]);
    const many = col({ name: 'Left', unique: 3, values: [{ value: 'No', count: 600 }, { value: 'Yes', count: 300 }, { value: 'maybe', count: 100 }] });
    expect(checkMapping([many], 'customers', { target: 'Left' })).toMatchObject([{ code: 'target-many-values', blocking: true }]);
  });
  it('blocks negative tenure', () => {
    const t = col({ name: 'Months', type: 'numeric', unique: 80, min: -3, max: 72 });
    expect(checkMapping([t], 'customers', { tenure: 'Months' })).toMatchObject([{ code: 'tenure-negative', blocking: true }]);
  });
});

describe('summary profile and the engine guard', () => {
  const csv = ['id,Balance,Churn,Months,Note', ...Array.from({ length: 40 }, (_, i) => `c${i},${(i * 17.31).toFixed(2)},${i % 3 === 0 ? 'Yes' : 'No'},${i - 2},n${i % 4}`)].join('\n');
  const load = async () => {
    const parsed = await parseCsv(csv, 'x.csv');
    if (!parsed.ok) throw new Error(parsed.message);
    return inspectTable(parsed.table);
  };
  it('lists few values with counts and numeric ranges', async () => {
    const ins = await load();
    const cols = new Map(summarize(ins).columns.map((c) => [c.name, c]));
    expect(cols.get('Churn')!.values).toEqual([{ value: 'No', count: 26 }, { value: 'Yes', count: 14 }]);
    expect(cols.get('Months')).toMatchObject({ min: -2, max: 37 });
  });
  it('analyze refuses a continuous churn flag and negative tenure with the same words', async () => {
    const ins = await load();
    const r = prepareFrame(ins, { roles: { target: 'Balance', tenure: null } });
    expect(r).toMatchObject({ ok: false, code: 'mapping-invalid' });
    expect(!r.ok && r.message).toContain('exactly two kinds of value');
    const t = prepareFrame(ins, { roles: { target: 'Churn', tenure: 'Months' } });
    expect(!t.ok && t.message).toContain('Tenure cannot be negative');
  });
  it('ignored columns leave the analysis and are listed as set to Ignore', async () => {
    const ins = await load();
    const r = prepareFrame(ins, { roles: { target: 'Churn', tenure: null }, ignore: ['Note'] });
    if (!r.ok) throw new Error(r.message);
    expect(r.frame.categorical.map((c) => c.name)).not.toContain('Note');
    expect(r.columns.find((c) => c.name === 'Note')?.excluded).toBe('set to Ignore in the mapping step');
  });
});

describe('checkMapping: RFM summaries for the lifetime models', () => {
  const cols = ['frequency', 'recency', 'T', 'Churn'].map((name) => col({ name, type: 'numeric', unique: 20 }));
  const codes = (cs: ReturnType<typeof checkMapping>) => cs.map((c) => `${c.code}:${c.blocking}`);
  it('asks for customer age T: blocking without a churn flag, stated with one', () => {
    expect(codes(checkMapping(cols, 'customers', { repeats: 'frequency', recency: 'recency' }))).toEqual(['rfm-no-age:true']);
    expect(codes(checkMapping(cols, 'customers', { repeats: 'frequency', recency: 'recency', target: null }))).toEqual(['rfm-no-age:true']);
  });
  it('asks for the time unit until one is known', () => {
    const roles = { repeats: 'frequency', recency: 'recency', age: 'T' };
    expect(codes(checkMapping(cols, 'customers', roles, { unit: null }))).toEqual(['rfm-unit-unknown:true']);
    expect(checkMapping(cols, 'customers', roles, { unit: 'days' })).toEqual([]);
  });
});

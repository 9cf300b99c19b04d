/**
 * Customer tables that carry an RFM summary (issue 14, point 1): the CDNOW calibration summary is
 * built at test time from ../shared/data/cdnow through the engine's own log aggregation, read back as
 * a customer table (roles, unit, checks) and fitted on the table path; the published parameters hold
 * to three significant digits, in weeks and in days. Skips, saying so, without ../shared.
 */
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../data/parse';
import { inspectTable, prepareFrame, summarize as summarizeTable } from '../data/prepare';
import type { AnalysisOptions, CustomerFrame } from '../types';
import { runLifetimeTable } from './table';
import { cdnowSummaryCsv, haveCdnow, loadCdnow } from '../testing/cdnow';

const have = haveCdnow();
if (!have) console.warn('table.test: ../shared/data/cdnow is missing; the CDNOW customer-table tests are skipped');
const sig3 = (v: number) => Number(v.toPrecision(3));
const opts = { seed: 42, discountRate: 0.1, margin: 0.7 };

async function prepare(csv: string, o: Partial<AnalysisOptions> = {}) {
  const p = await parseCsv(csv, 't.csv');
  if (!p.ok) throw new Error(p.message);
  const ins = inspectTable(p.table);
  return { ins, summary: summarizeTable(ins), prep: prepareFrame(ins, o) };
}
const frameOf = (r: Awaited<ReturnType<typeof prepare>>): CustomerFrame => {
  if (!r.prep.ok) throw new Error(r.prep.message);
  return r.prep.frame;
};

describe.skipIf(!have)('CDNOW calibration summary as a customer table', () => {
  const log = have ? loadCdnow() : null!;

  it('weeks (lifetimes names): roles and unit detected; r, alpha, a, b, LL and p, q, gamma as published', async () => {
    const r = await prepare(cdnowSummaryCsv('weeks', log));
    expect(r.ins.kind).toBe('customers');
    expect(r.ins.roles).toMatchObject({ repeats: 'frequency', recency: 'recency', age: 'T', avgSpend: 'monetary_value' });
    expect(r.summary.rfm).toMatchObject({ unit: 'weeks', spendTotal: false });
    const frame = frameOf(r);
    expect(frame.n).toBe(2357);
    expect(frame.y).toBeNull();
    const lt = runLifetimeTable(frame.rfm!, frame.ids, opts);
    expect(lt.source).toBe('table');
    const m = lt.model!;
    expect(m.converged).toBe(true);
    expect([sig3(m.params.r), sig3(m.params.alpha), sig3(m.params.a), sig3(m.params.b)]).toEqual([0.243, 4.41, 0.793, 2.43]);
    expect(m.logLik).toBeCloseTo(-9582.4, 1);
    const g = lt.spend!.model!;
    expect(lt.spend!.method).toBe('gamma-gamma');
    expect(g.n).toBe(946);
    expect([sig3(g.params.p), sig3(g.params.q), sig3(g.params.gamma)]).toEqual([6.25, 3.74, 15.4]);
    expect(lt.backtest).toBeNull();
    expect(lt.noBacktest).toMatch(/no later period to hold out/);
    const c = lt.customersOut!;
    for (let i = 0; i < frame.n; i++) {
      expect(c.pAlive[i]).toBeGreaterThan(0);
      expect(c.pAlive[i]).toBeLessThanOrEqual(1);
      expect(c.expected3[i]).toBeLessThanOrEqual(c.expected6[i]);
      expect(c.expected6[i]).toBeLessThanOrEqual(c.expected12[i]);
    }
  });

  it('days (CRM names): the same parameters after conversion to weeks (alpha is a rate per week)', async () => {
    const r = await prepare(cdnowSummaryCsv('days', log));
    expect(r.ins.roles).toMatchObject({ id: 'Customer ID', repeats: 'Repeat orders', recency: 'Days between first and last order', age: 'Days since first order', avgSpend: 'Avg order value' });
    expect(r.summary.rfm?.unit).toBe('days');
    const frame = frameOf(r);
    const m = runLifetimeTable(frame.rfm!, frame.ids, opts).model!;
    expect([sig3(m.params.r), sig3(m.params.alpha), sig3(m.params.a), sig3(m.params.b)]).toEqual([0.243, 4.41, 0.793, 2.43]);
    expect(m.logLik).toBeCloseTo(-9582.4, 1);
  });

  it('a total spend column is divided by the repeat purchases, and the convention is stated', async () => {
    const rows = cdnowSummaryCsv('weeks', log).trim().split('\n').slice(1).map((l) => l.split(','));
    const csv = ['customer_id,frequency,recency,T,total_repeat_spend', ...rows.map(([id, x, tx, T, m]) => [id, x, tx, T, Number(x) * Number(m)].join(','))].join('\n');
    const r = await prepare(csv);
    expect(r.summary.rfm?.spendTotal).toBe(true);
    const frame = frameOf(r);
    expect(r.prep.ok && r.prep.warnings.find((w) => w.code === 'rfm-spend-total')?.message).toMatch(/total ÷ "frequency".*first purchase is not counted/);
    const g = runLifetimeTable(frame.rfm!, frame.ids, opts).spend!.model!;
    expect([sig3(g.params.p), sig3(g.params.q), sig3(g.params.gamma)]).toEqual([6.25, 3.74, 15.4]);
  });
});

describe('customer-table RFM edge cases', () => {
  const head = 'id,frequency,recency,T,monetary_value';
  const good = Array.from({ length: 40 }, (_, i) => `c${i},${i % 4},${i % 4 === 0 ? 0 : 10 + (i % 7)},${30 + (i % 5)},${20 + i}`);

  it('rows that break the rules are set aside, counted per rule; the accounting rule holds', async () => {
    const bad = ['b1,-1,0,30,5', 'b2,2,40,30,5', 'b3,1.5,3,30,5', 'b4,0,5,30,0', 'b5,,3,30,5', 'b6,2,3,30,-4'];
    const r = await prepare([head, ...good, ...bad].join('\n'), { rfmUnit: 'weeks' });
    expect(r.prep.ok).toBe(true);
    if (!r.prep.ok) return;
    const w = new Map(r.prep.warnings.map((x) => [x.code, x]));
    expect(w.get('rfm-negative')).toMatchObject({ count: 2, dropped: 2, examples: [41, 46] });
    expect(w.get('rfm-recency-over-age')).toMatchObject({ count: 1, dropped: 1 });
    expect(w.get('rfm-fraction')).toMatchObject({ count: 1, dropped: 1 });
    expect(w.get('rfm-recency-without-repeat')).toMatchObject({ count: 1, dropped: 1 });
    expect(w.get('rfm-blank')).toMatchObject({ count: 1, dropped: 1 });
    const dropped = r.prep.warnings.reduce((s, x) => s + (x.dropped ?? 0), 0);
    expect(r.prep.frame.n + dropped).toBe(46);
  });

  it('all frequency 0: a finding that says why nothing is fitted, never a crash', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `c${i},0,0,${30 + i},0`);
    const frame = frameOf(await prepare([head, ...rows].join('\n'), { rfmUnit: 'weeks' }));
    const lt = runLifetimeTable(frame.rfm!, frame.ids, opts);
    expect(lt.model).toBeNull();
    const codes = lt.warnings.map((x) => x.code);
    expect(codes).toEqual(['lifetime-single-purchase', 'lifetime-too-short']);
    expect(lt.warnings[1].message).toMatch(/table is too small.*0 repeat buyer/);
  });

  it('no unit in the names and values that could be any unit: the user is asked', async () => {
    const r = await prepare([head, ...good].join('\n'));
    expect(r.summary.rfm).toMatchObject({ unit: null });
    expect(r.prep).toMatchObject({ ok: false, code: 'rfm-unit-unknown' });
    expect(!r.prep.ok && r.prep.message).toMatch(/days, weeks or months/);
    const months = frameOf(await prepare([head, ...good].join('\n'), { rfmUnit: 'months' }));
    expect(months.rfm!.T[0]).toBeCloseTo((30 * 52) / 12, 10);
  });

  it('missing customer age T: asked (no churn flag) or stated (with a churn flag)', async () => {
    const noT = ['id,frequency,recency', ...good.map((l) => l.split(',').slice(0, 3).join(','))].join('\n');
    const r = await prepare(noT, { roles: { repeats: 'frequency', recency: 'recency' } });
    expect(r.ins.roles.repeats).toBe('frequency');
    expect(r.prep).toMatchObject({ ok: false });
    expect(!r.prep.ok && r.prep.message).toMatch(/each customer's age/);
    const withFlag = ['id,frequency,recency,Churn', ...good.map((l, i) => `${l.split(',').slice(0, 3).join(',')},${i % 3 ? 'No' : 'Yes'}`)].join('\n');
    const f = await prepare(withFlag, { roles: { repeats: 'frequency', recency: 'recency' } });
    expect(f.prep.ok).toBe(true);
    expect(f.prep.ok && f.prep.warnings.map((x) => x.code)).toContain('rfm-no-age');
    expect(frameOf(f).rfm ?? null).toBeNull();
  });

  it('a churn table with a "Recency" column but no customer age is not read as an RFM summary', async () => {
    const csv = ['id,Recency,Frequency,Churn', ...Array.from({ length: 10 }, (_, i) => `c${i},${i * 3},${i},${i % 2 ? 'Yes' : 'No'}`)].join('\n');
    const r = await prepare(csv);
    expect(r.ins.roles.recency).toBeUndefined();
    expect(r.summary.rfm).toBeUndefined();
  });
});

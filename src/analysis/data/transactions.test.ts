import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseCsv } from './parse';
import { inspectTable, prepareFrame } from './prepare';

const text = readFileSync(new URL('./fixtures/transactions.csv', import.meta.url), 'utf8');

describe('transaction log -> one row per customer with R, F, M', async () => {
  const parsed = await parseCsv(text, 'invoices.csv');
  if (!parsed.ok) throw new Error(parsed.message);
  const ins = inspectTable(parsed.table);
  const prep = prepareFrame(ins, {});
  if (!prep.ok) throw new Error(prep.message);
  const f = prep.frame;
  const at = (id: string) => f.ids.indexOf(id);

  it('is detected as a transaction log with its roles', () => {
    expect(ins.kind).toBe('transactions');
    expect(ins.roles).toMatchObject({ id: 'CustomerID', date: 'InvoiceDate', quantity: 'Quantity', price: 'UnitPrice', invoice: 'InvoiceNo' });
  });
  it('aggregates to six customers, dropping the line without a customer id', () => {
    expect(f.n).toBe(6);
    expect([...f.ids].sort()).toEqual(['12583', '13047', '14688', '15311', '16098', '17850']);
    expect(prep.warnings.find((w) => w.code === 'placeholder-ids')).toMatchObject({ count: 1, examples: [10] });
  });
  it('nets cancellations into monetary but not into frequency', () => {
    const i = at('17850');
    expect(f.frequency![i]).toBe(3);
    expect(f.monetary![i]).toBeCloseTo(15.3 + 20.34 + 11.1 - 3.7 + 17.4, 9);
    expect(prep.warnings.find((w) => w.code === 'cancellations')!.count).toBe(1);
  });
  it('computes recency in days from the day after the last date', () => {
    expect(f.recency![at('17850')]).toBeCloseTo(1, 9);
    expect(f.recency![at('12583')]).toBeCloseTo(146 + (8 * 60 + 15) / 1440, 9);
    expect(f.monetary![at('12583')]).toBeCloseTo(180, 9);
    expect(f.frequency![at('16098')]).toBe(2);
  });
  it('derives churn from a 90-day hold-out window, with model features from before it only', () => {
    const y = Object.fromEntries(f.ids.map((id, i) => [id, f.y![i]]));
    expect(y).toEqual({ '17850': 0, '13047': 0, '12583': 1, '14688': 0, '15311': 0, '16098': 1 });
    expect(prep.warnings.some((w) => w.code === 'derived-target')).toBe(true);
    const preF = f.numeric.find((c) => c.name === 'Frequency (orders)')!.values;
    expect(preF[at('17850')]).toBe(2); // the July invoice is after the cutoff
    expect(preF[at('15311')]).toBe(1);
  });
  it('counts a customer who left as leaving at their last purchase, one who bought since up to the end of the log (retention curves)', () => {
    const s = f.survivalMonths!;
    expect(s[at('12583')]).toBeCloseTo(59 / 30.4375, 9); // 8 Jan to 8 Mar, left
    expect(s[at('16098')]).toBeCloseTo((86 * 1440 + 24 * 60 - 3) / 1440 / 30.4375, 9); // 15 Jan 09:37 to 12 Apr 09:34, left
    expect(s[at('17850')]).toBe(f.tenure![at('17850')]); // bought after the cutoff: censored at the end of the log
    expect(s[at('12583')]).toBeLessThan(f.tenure![at('12583')]);
  });
});

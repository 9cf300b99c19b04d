/** Column units in sentences: driver cuts and averages say months, the currency or days, never a bare number when the mapping knows the unit. */
import { describe, expect, it } from 'vitest';
import type { CustomerFrame } from '../types';
import { columnUnit, fmtWithUnit } from '../features/columnUnits';
import { churnDrivers } from './drivers';

const n = 100;
const seq = (f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i));
function frame(): CustomerFrame {
  const tenureYears = seq((i) => i / 10);
  const charges = seq((i) => 20 + i * 0.75);
  const total = seq((i) => i * 40.5);
  return {
    kind: 'customers', n, ids: Array.from({ length: n }, (_, i) => `c${i}`),
    y: Uint8Array.from({ length: n }, (_, i) => (i < 30 ? 1 : 0)), targetName: 'Churn',
    tenure: tenureYears.map((v) => v * 12), tenureName: 'years_with_us', tenureUnit: 'years',
    monthly: charges, total, recency: null, frequency: null, monetary: null,
    numeric: [
      { name: 'years_with_us', values: tenureYears },
      { name: 'charges', values: charges },
      { name: 'spend', values: total },
      { name: 'Recency (days)', values: seq((i) => i) },
      { name: 'score', values: seq((i) => i / 100) },
    ],
    categorical: [],
  };
}

describe('column units', () => {
  it('from the mapping: tenure (raw unit and months), money roles, a derived unit, none', () => {
    const f = frame();
    expect(f.numeric.map((c) => columnUnit(f, c))).toEqual(['years', 'money', 'money', 'days', null]);
    expect(columnUnit(f, { name: 'tenure', values: f.tenure! })).toBe('months');
    expect(columnUnit(f, { name: 'Monetary', values: seq(() => 1), unit: 'money' })).toBe('money');
    expect(fmtWithUnit(84.85, 'money', 'EUR')).toBe('€85'); // a sentence's amount: whole units from 10 up (format/money.ts fmtMoneyText)
    expect(fmtWithUnit(4.5, 'money', 'EUR')).toBe('€4.50');
    expect(fmtWithUnit(3044.4, 'money', 'USD')).toBe('$3,044');
    expect(fmtWithUnit(1, 'days', 'USD')).toBe('1 day');
    expect(fmtWithUnit(35.43, 'months', 'USD')).toBe('35.4 months');
    expect(fmtWithUnit(0.347, null, 'USD')).toBe('0.35');
  });

  it('a column named for an amount is money; counts and scores are not', () => {
    const f = frame();
    const unit = (name: string) => columnUnit(f, { name, values: seq((i) => i) });
    expect(['Balance', 'EstimatedSalary', 'annual_income', 'Total Revenue', 'late_fees'].map(unit)).toEqual(['money', 'money', 'money', 'money', 'money']);
    expect(['NumOfProducts', 'CreditScore', 'Age', 'balance_checks', 'PriceTier'].map(unit)).toEqual([null, null, null, null, null]);
  });

  it('driver cuts name their unit: months for tenure, the currency for charges', () => {
    const texts = churnDrivers(frame(), 10, 'EUR').map((d) => d.text);
    expect(texts).toContain('years_with_us in months: 100.0% churn in the lowest fifth (up to 22.8 months) vs 0.0% in the highest fifth (96 months and up)');
    expect(texts).toContain('charges: 100.0% churn in the lowest fifth (up to €34) vs 0.0% in the highest fifth (€80 and up)'); // the file's own name for the monthly charge
    expect(texts.find((t) => t.startsWith('spend:'))).toMatch(/\(up to €770\) vs .*\(€3,240 and up\)$/);
    expect(texts.find((t) => t.startsWith('Recency (days):'))).toMatch(/\(up to 19 days\)/);
    expect(texts.find((t) => t.startsWith('score:'))).toMatch(/\(up to 0\.19\)/);
  });
});

/** Segment descriptions speak of tenure in the file's own unit: years on a bank file, months otherwise. */
import { describe, it, expect } from 'vitest';
import { nameSegments, strongestTraits } from './naming';
import type { SegmentStats } from './profiles';

// tenure means are in months after conversion: 22 and 57 months are 1.8 and 4.8 years
const stats = (tenure: number, z: number): SegmentStats => ({
  size: 10, share: 0.5, revenueShare: 0.5, churnRate: 0.3,
  means: { tenure }, baseMeans: { tenure: 57 }, roleZ: { tenure: z }, topDifferences: [],
});

describe('segment description, tenure unit', () => {
  it('a year file says tenure in years, to one decimal', () => {
    const [short] = nameSegments([stats(22, -1.2), stats(92, 1.2)], 'customers', 0.2, 'USD', 'years');
    expect(short.description).toBe('Short tenure (1.8 vs 4.8 years on average), 30% churn vs 20% overall.');
  });
  it('whole years read without a decimal', () => {
    const [s] = nameSegments([stats(24, -1), stats(90, 1)], 'customers', 0.2, 'USD', 'years');
    expect(s.description).toMatch(/^Short tenure \(2 vs 4\.8 years on average\)/);
  });
  it('a month file (and one with no unit given) says months, as before', () => {
    for (const unit of ['months', undefined] as const) {
      const [short] = nameSegments([stats(22, -1.2), stats(92, 1.2)], 'customers', 0.2, 'USD', unit);
      expect(short.description).toBe('Short tenure (22 vs 57 months on average), 30% churn vs 20% overall.');
    }
  });
});

describe('segment names beyond the labels', () => {
  // the bank file of e2e/bank.spec.ts: five segments, two of which no label fits
  const seg = (tenureZ: number, churnRate: number, means: Record<string, number>): SegmentStats => ({
    size: 300, share: 0.2, revenueShare: 0.2, churnRate,
    means: { tenure: 60 + 20 * tenureZ, ...means }, baseMeans: { tenure: 60, Balance: 81_000, EstimatedSalary: 102_000, CreditScore: 606 }, roleZ: { tenure: tenureZ }, topDifferences: [],
  });
  it('take the column they differ most on that no other segment is named by, not "Loyal 2"', () => {
    const names = nameSegments(
      [
        seg(-0.2, 0.18, { Balance: 21_000, EstimatedSalary: 151_000, CreditScore: 616 }),
        seg(-1.2, 0.29, { Balance: 133_000, EstimatedSalary: 86_000, CreditScore: 652 }),
        seg(1.3, 0.17, { Balance: 139_000, EstimatedSalary: 117_000, CreditScore: 607 }),
        seg(0.3, 0.19, { Balance: 27_000, EstimatedSalary: 44_000, CreditScore: 547 }),
        seg(0, 0.53, { Balance: 88_000, EstimatedSalary: 104_000, CreditScore: 603 }),
      ],
      'customers', 0.25, 'EUR', 'years',
    ).map((n) => n.name);
    expect(names).toEqual(['Low Balance', 'New', 'Loyal', 'Low Estimated Salary', 'At-Risk']);
    expect(new Set(names).size).toBe(5);
  });
  it('say a trait in words: column names split and title-cased, role columns by what they measure', () => {
    const st = (means: Record<string, number>, baseMeans: Record<string, number>) => strongestTraits({ means, baseMeans });
    expect(st({ num_of_products: 3 }, { num_of_products: 1.5 })).toEqual(['High Num of Products']);
    expect(st({ CLVBand: 1 }, { CLVBand: 2 })).toEqual(['Low CLV Band']);
    expect(st({ monthly: 90, tenure: 10 }, { monthly: 60, tenure: 30 })).toEqual(['Low Tenure', 'High Monthly Spend']);
  });
  it('"Loyal" needs a long tenure, not low churn alone; a segment no role sets apart is described by the column that does', () => {
    // the bank screenshot: average tenure, low churn, a low balance
    const [a, b] = nameSegments(
      [seg(0.02, 0.16, { Balance: 18_914, EstimatedSalary: 105_352, CreditScore: 598 }), seg(0.0, 0.48, { Balance: 86_933, EstimatedSalary: 99_479, CreditScore: 607 })],
      'customers', 0.24, 'EUR', 'years',
    );
    expect(a.name).toBe('Low Balance');
    expect(a.description).toBe('Mid tenure (5 vs 5 years on average), low balance (18,914 vs 81,000 on average), 16% churn vs 24% overall.');
    expect(b.name).toBe('At-Risk');
  });
  it('fall back to a numbered label when every trait is taken', () => {
    const same = { Balance: 20_000, EstimatedSalary: 102_000, CreditScore: 606 };
    const names = nameSegments([seg(1.3, 0.1, same), seg(1.2, 0.1, same), seg(1.1, 0.1, same)], 'customers', 0.25).map((n) => n.name);
    expect(new Set(names).size).toBe(3);
    expect(names).toContain('Low Balance');
  });
});

/** Segment descriptions speak of tenure in the file's own unit: years on a bank file, months otherwise. */
import { describe, it, expect } from 'vitest';
import { nameSegments } from './naming';
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

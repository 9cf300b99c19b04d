/** A transaction log aggregated to R, F, M per customer gets RFM segments from the same machinery. */
import { describe, it, expect } from 'vitest';
import { runSegmentation } from './index';
import { rfmCustomers, RFM_GROUPS, smallCustomers } from '../testing/frames';
import { nameSegments } from './naming';
import { profileSegments, profileUnits } from './profiles';

describe('RFM segments from a transaction log', () => {
  const frame = rfmCustomers(3);
  const per = 25;
  it('finds the four groups, names them Champions / At-Risk / Dormant / New', async () => {
    const r = await runSegmentation(frame, { seed: 1 });
    expect(r.features).toEqual(['log1p(recency)', 'log1p(frequency)', 'log1p(monetary)']);
    expect(r.k).toBe(4);
    expect(r.silhouette).toBeGreaterThan(0.6);
    const groupNames = Object.keys(RFM_GROUPS).map((_, g) => {
      const ids = new Set(Array.from(r.labels.subarray(g * per, (g + 1) * per)));
      expect(ids.size).toBe(1); // each group lands in one segment
      return r.segments[[...ids][0]].name;
    });
    expect(groupNames).toEqual(['Champions', 'At-Risk', 'Dormant', 'New']);
    for (const s of r.segments) expect(s.churnRate).toBeNull();
    // revenue share falls back to monetary; champions carry the most
    const champ = r.segments.find((s) => s.name === 'Champions')!;
    expect(champ.revenueShare).toBeGreaterThan(0.5);
    expect(champ.description).toMatch(/^Recent purchases \([\d.,]+ vs [\d.,]+ days on average\), frequent orders \([\d.,]+ vs [\d.,]+ orders on average\), high spend \(\$[\d.,]+ vs \$[\d.,]+ on average\)/);
  });
});

describe("a log's profile columns", () => {
  it('list its total spend once (monetary: "Spend, whole log"), not again as the total role', () => {
    const f = rfmCustomers(3);
    const withTotal = { ...f, total: Float64Array.from(f.monetary!) }; // data/transactions.ts sets both to the spend
    expect(Object.keys(profileUnits(withTotal))).not.toContain('total');
    expect(Object.keys(profileUnits(withTotal))).toContain('monetary');
    expect(Object.keys(profileUnits({ ...withTotal, kind: 'customers' }))).toContain('total'); // a table's total is its own column
  });
  it("list a tenure counted in years once: the role (in months), not the file's own column again", () => {
    const f = rfmCustomers(3);
    const years = Float64Array.from(f.monetary!, (_, i) => i % 11);
    const table = { ...f, kind: 'customers' as const, tenure: years.map((y) => y * 12), tenureName: 'Tenure', tenureUnit: 'years' as const, numeric: [{ name: 'Tenure', values: years }, { name: 'Age', values: years.map((y) => 30 + y) }] };
    const keys = Object.keys(profileSegments(table, new Int32Array(table.n), 1)[0].means);
    expect(keys).toContain('tenure');
    expect(keys).toContain('Age');
    expect(keys).not.toContain('Tenure');
  });
});

describe('naming', () => {
  it('labels are unique and numbered beyond the label list', () => {
    const f = smallCustomers(4, 10);
    const labels = Int32Array.from({ length: f.n }, (_, i) => i % 10);
    const stats = profileSegments(f, labels, 10);
    const names = nameSegments(stats, 'customers', 0.25).map((s) => s.name);
    expect(new Set(names).size).toBe(10);
    expect(names.some((nm) => / \d$/.test(nm))).toBe(true);
  });
  it('customers: loyal long-tenure low-churn group is Loyal, high spenders High-Value', async () => {
    const f = smallCustomers(8);
    const r = await runSegmentation(f, { seed: 3, k: 3 });
    const nameOf = (row: number) => r.segments[r.labels[row]].name;
    expect(nameOf(45)).toBe('Loyal');
    expect(nameOf(75)).toBe('High-Value');
    const loyal = r.segments[r.labels[45]];
    expect(loyal.profile.topDifferences[0]).toMatchObject({ column: 'Contract', level: 'Two year' });
  });
});

describe('profile units', () => {
  it('say what each averaged column is in: months, money, a 0/1 column as a share, none when unknown', () => {
    const f = smallCustomers(2);
    const senior = Float64Array.from({ length: f.n }, (_, i) => i % 4 === 0 ? 1 : 0);
    const odd = Float64Array.from({ length: f.n }, (_, i) => i % 3);
    const frame = { ...f, numeric: [...f.numeric, { name: 'SeniorCitizen', values: senior }, { name: 'constructor', values: odd }] };
    const units = profileUnits(frame);
    // Spend is the monthly array itself: listed once, as "monthly"
    expect({ ...units }).toEqual({ tenure: 'months', monthly: 'money', total: 'money', SeniorCitizen: 'share' });
    expect(Object.getPrototypeOf(units)).toBeNull(); // keyed by column names
    expect(Object.keys(units)).toEqual(Object.keys(profileSegments(frame, new Int32Array(frame.n), 1)[0].means).filter((k) => k !== 'constructor'));
  });
});

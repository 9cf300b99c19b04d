import { describe, expect, it } from 'vitest';
import { featureColumn, featureLabel } from './featureColumns';

describe('featureColumn / featureLabel: a segmentation feature by the column it reads', () => {
  const roles = { id: 'customerID', tenure: 'tenure', monthly: 'MonthlyCharges', total: 'TotalCharges' };
  it('customer tables: role keys become the user column names; other names stay', () => {
    expect(['tenure', 'monthly', 'total', 'SeniorCitizen'].map((f) => featureColumn(f, 'customers', roles))).toEqual(['tenure', 'MonthlyCharges', 'TotalCharges', 'SeniorCitizen']);
    expect(featureColumn('log1p(monthly)', 'customers', roles)).toBe('log1p(MonthlyCharges)');
    expect(featureColumn('monthly', 'customers', {})).toBe('monthly'); // no such role: as stored
  });
  it('transaction logs: the per-customer table columns a log model reads', () => {
    expect(featureColumn('log1p(recency)', 'transactions', {})).toBe('log1p(Recency, whole log (days))');
    expect(featureLabel('log1p(monetary)', { kind: 'transactions', roles: {} })).toBe('Spend, whole log');
    expect(featureLabel('frequency', { kind: 'transactions', roles: {} })).toBe('Orders, whole log');
    // a log's role keys no column holds (the profile heat-map's): in words, not "tenure" / "monthly"
    expect(['tenure', 'monthly'].map((f) => featureLabel(f, { kind: 'transactions', roles: {} }))).toEqual(['Months since first purchase', 'Spend per month']);
  });
  it('labels drop the log scale and say when tenure was converted to months', () => {
    expect(featureLabel('log1p(total)', { kind: 'customers', roles })).toBe('TotalCharges');
    expect(featureLabel('tenure', { kind: 'customers', roles: { tenure: 'tenure_years' }, tenureUnit: 'years' })).toBe('tenure_years in months');
    expect(featureLabel('tenure', { kind: 'customers', roles, tenureUnit: 'months' })).toBe('tenure');
  });
});

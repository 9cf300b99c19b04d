import { describe, expect, it } from 'vitest';
import { IGNORE, FEATURE, FEATURE_LABEL, featureLabel, mappingChoices, setUse, useOf, usesOf, type Mapping } from './roles';

const mapping = (): Mapping => ({ kind: 'customers', roles: { id: 'customerID', target: 'Churn', tenure: 'tenure' }, types: {}, ignore: [], saveRecipe: true });

describe('setUse', () => {
  it('moving the churn flag sets the former flag to Ignore and says so', () => {
    const m = mapping();
    const msg = setUse(m, 'Partner', 'target');
    expect(m.roles.target).toBe('Partner');
    expect(useOf(m, 'Churn')).toBe(IGNORE);
    expect(msg).toContain('"Churn" was the churned? (churn flag)');
    expect(useOf(m, 'tenure')).toBe('tenure'); // untouched
  });
  it('Ignore and back to Feature touch no other column and say nothing', () => {
    const m = mapping();
    expect(setUse(m, 'gender', IGNORE)).toBeNull();
    expect(m.ignore).toEqual(['gender']);
    expect(setUse(m, 'gender', FEATURE)).toBeNull();
    expect(m.ignore).toEqual([]);
    expect(setUse(m, 'tenure', IGNORE)).toBeNull();
    expect(m.roles.tenure).toBeNull();
    expect(m.ignore).toEqual(['tenure']);
  });
  it('taking another role from a column makes that column a Feature', () => {
    const m = mapping();
    expect(setUse(m, 'Months', 'tenure')).toContain('"tenure" was the tenure; it is now set to Feature');
    expect(useOf(m, 'tenure')).toBe(FEATURE);
  });
});

describe('featureLabel', () => {
  it('says what the analysis does with a column left as a feature: identifiers, personal details, free text and dates are not used', () => {
    expect(featureLabel('id')).toBe('Not used: identifier');
    expect(featureLabel('personal')).toBe('Not used: personal detail');
    expect(featureLabel('text')).toBe('Not used: free text');
    expect(featureLabel('date')).toBe('Not used: date');
    for (const t of ['numeric', 'categorical', 'boolean', undefined] as const) expect(featureLabel(t)).toBe(FEATURE_LABEL);
    // a transaction log's features are each customer's purchases: a column without a role is not one
    for (const t of ['numeric', 'categorical', 'boolean', undefined] as const) expect(featureLabel(t, 'transactions')).toBe('Not used: detail of a purchase line');
    expect(featureLabel('id', 'transactions')).toBe('Not used: identifier');
  });
  it('a Customer ID role taken from an identifier column says it is now not used, not a Feature', () => {
    const m = mapping();
    const typeOf = (c: string) => (c === 'customerID' || c === 'CustomerId' ? 'id' as const : 'numeric' as const);
    expect(setUse(m, 'CustomerId', 'id', typeOf)).toContain('"customerID" was the customer id; it is now set to Not used: identifier.');
    expect(useOf(m, 'customerID')).toBe(FEATURE);
  });
});

describe('usesOf', () => {
  it('says for every column what useOf says: a role over Ignore, the first role listed, Feature when absent', () => {
    const m: Mapping = { kind: 'customers', roles: { id: 'customerID', target: 'Churn', tenure: 'tenure', monthly: null, total: 'Churn' }, types: {}, ignore: ['gender', 'Churn', 'x'], saveRecipe: false };
    const uses = usesOf(m);
    for (const col of ['customerID', 'Churn', 'tenure', 'gender', 'x', 'Partner', 'null', '']) expect(uses.get(col) ?? FEATURE).toBe(useOf(m, col));
    expect(uses.get('Churn')).toBe('target');
    expect(uses.get('gender')).toBe(IGNORE);
    expect(uses.has('Partner')).toBe(false);
  });
});

describe('mappingChoices', () => {
  it('passes the flag meaning, a value per customer (only without a monthly column) and chosen segment columns', () => {
    const base: Mapping = { kind: 'customers', roles: { id: 'id', target: 'Exited', tenure: 'tenure' }, types: {}, ignore: [], saveRecipe: false };
    expect(mappingChoices(base)).toEqual({});
    expect(mappingChoices({ ...base, flagMeaning: 'will-leave', valuePerCustomer: 40, segmentFeatures: ['Age', 'Balance'] }))
      .toEqual({ flagMeaning: 'will-leave', valuePerCustomer: 40, segmentFeatures: ['Age', 'Balance'] });
    expect(mappingChoices({ ...base, roles: { ...base.roles, monthly: 'Fee' }, valuePerCustomer: 40 })).toEqual({});
    expect(mappingChoices({ ...base, valuePerCustomer: -3 })).toEqual({});
  });
});

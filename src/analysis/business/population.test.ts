/** The population note names where the churn flag comes from: the file's column, or for a log the engine's rule. */
import { describe, expect, it } from 'vitest';
import type { CustomerFrame } from '../types';
import { describePopulation } from './population';

const frame = (kind: CustomerFrame['kind'], targetName: string): CustomerFrame => ({
  kind, n: 4, ids: ['a', 'b', 'c', 'd'], y: Uint8Array.from([1, 1, 1, 0]), targetName,
  tenure: null, monthly: null, total: null, recency: null, frequency: null, monetary: null, numeric: [], categorical: [], flagMeaning: 'left',
});

describe('describePopulation', () => {
  it('a table says "the Churn column", a log says "the rule"', () => {
    const active = Uint8Array.from([0, 0, 0, 1]);
    expect(describePopulation(frame('customers', 'Churn'), active).note).toBe('The Churn column marks 3 customers who have already left, so plans, revenue at risk and lifetime value cover the other 1, the active customers.');
    expect(describePopulation(frame('transactions', 'No purchase in last 196 days'), active).note).toMatch(/^The rule “No purchase in last 196 days” marks 3 customers who have already left/);
  });
});

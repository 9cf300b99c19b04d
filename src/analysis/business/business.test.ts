/** runBusiness on small synthetic frames: transactions (RFM CLV), options validation, call-list filter. */
import { describe, it, expect } from 'vitest';
import { runBusiness, DEFAULT_BUSINESS_OPTIONS, rankCustomers } from './index';
import type { CustomerFrame } from '../types';

function txFrame(y: Uint8Array | null): CustomerFrame {
  // 3 customers: invoices 2, 4, 1; spend 100, 400, 50; months first->last purchase 1, 3, 0
  const tenure = Float64Array.from([1, 3, 0]);
  const monetary = Float64Array.from([100, 400, 50]);
  return {
    kind: 'transactions', n: 3, ids: ['a', 'b', 'c'], y, targetName: y ? 'churned' : null,
    tenure, monthly: Float64Array.from([100, 400 / 3, 50]), total: monetary,
    recency: Float64Array.from([10, 5, 200]), frequency: Float64Array.from([2, 4, 1]), monetary,
    numeric: [], categorical: [],
  };
}

describe('runBusiness on transaction logs', () => {
  it('RFM CLV without a churn flag: AOV x frequency x mean observed lifespan', () => {
    const r = runBusiness(txFrame(null), null, null, { discountRate: 0 });
    // AOV = 550 / 7 invoices; frequency = 7 invoices / (1 + 3 + 1) months = 1.4; lifespan = mean(1, 3, 0) = 4/3
    expect(r.kpis.purchaseFrequency.value).toBeCloseTo(1.4, 12);
    expect(r.kpis.clv.value).toBeCloseTo(0.7 * (550 / 7) * 1.4 * (4 / 3), 9); // 102.67
    expect(r.kpis.clv.method).toMatch(/RFM-based CLV/);
    expect(r.kpis.clv.method).toContain('$103');
    expect(r.kpis.churnRate.value).toBeNull();
    expect(r.revenue).toBeNull();
    expect(r.survival).toEqual([]);
    expect(r.clv[1]).toBeCloseTo(0.7 * (400 / 3) * (4 / 3), 9);
  });

  it('RFM CLV with a churn flag: lifetime from the hazard (each customer >= 1 month of exposure)', () => {
    const r = runBusiness(txFrame(Uint8Array.from([0, 1, 0])), null, null, { discountRate: 0 });
    // h = 1 event / 5 months = 0.2, L = 0.8 / 0.2 = 4 months
    expect(r.kpis.monthlyHazard.value).toBeCloseTo(0.2, 12);
    expect(r.kpis.clv.value).toBeCloseTo(0.7 * 110 * 4, 9); // 308
    // no churn model: everyone gets the base rate 1/3, so each customer's hazard is the base 0.2
    expect(r.clv[0]).toBeCloseTo(0.7 * 100 * 4, 9);
    // customer 1 already left (the flag records history): at risk over customers 0 and 2 only
    expect(r.revenue!.atRiskMonthly).toBeCloseTo((100 + 50) / 3, 9);
    expect(r.expectedValueSaved[0]).toBeCloseTo((1 / 3) * 280 * 0.3 - 50, 9);
    expect(r.clv[1]).toBeNaN();
    expect(r.lost!.monthlyRevenue).toBeCloseTo(400 / 3, 9);
  });
});

describe('runBusiness inputs', () => {
  it('defaults are the stated ones; bad options and mismatched inputs throw with a code', () => {
    expect(DEFAULT_BUSINESS_OPTIONS).toEqual({ offerCost: 50, saveRate: 0.3, budget: 10000, cac: 300, margin: 0.7, discountRate: 0.1, currency: 'USD' });
    expect(runBusiness(txFrame(null), null, null).options).toEqual(DEFAULT_BUSINESS_OPTIONS);
    expect(() => runBusiness(txFrame(null), null, null, { saveRate: 1.5 })).toThrow(expect.objectContaining({ code: 'bad-option' }));
    expect(() => runBusiness(txFrame(null), null, null, { offerCost: NaN })).toThrow(/offerCost=NaN/);
    expect(() => runBusiness(txFrame(null), null, null, { currency: 'EURO' })).toThrow(/currency=EURO must be an ISO 4217 code/);
    expect(() => runBusiness({ ...txFrame(null), ids: ['a'] }, null, null)).toThrow(expect.objectContaining({ code: 'bad-input' }));
  });

  it('call list filters by segment, in rank order', () => {
    const order = Uint32Array.from([2, 0, 3, 1]);
    const x = {
      ids: ['a', 'b', 'c', 'd'], order, p: [0.5, 0.1, 0.9, 0.4], clv: [100, 100, 100, 100], ev: [10, -5, 20, 5],
      labels: Int32Array.from([0, 1, 0, 1]), names: ['A', 'B'], reasons: null, fallbackReason: () => ['x'],
    };
    expect(rankCustomers(x, 10, 'B').map((p) => p.id)).toEqual(['d', 'b']);
    expect(rankCustomers(x, 2).map((p) => p.id)).toEqual(['c', 'a']);
    expect(rankCustomers(x, 10, 'nope')).toEqual([]);
  });
});

/** The campaign rule by hand: ranking of active customers, the plan the budget buys, the verdict and input checks. */
import { describe, expect, it } from 'vitest';
import { checkCampaignInputs, planCampaign, planLabel, rankForCampaign } from './campaign';
import { mulberry32 } from '../random';

describe('campaign plan', () => {
  it('hand-computed profit curve, best point and budget point; customers who left are never ranked', () => {
    // stake = p * clv: [0.5*100=50, 0.1*1000=100, 0.9*10=9, (left) 0.99*5000]
    const ranked = rankForCampaign([0.5, 0.1, 0.9, 0.99], [100, 1000, 10, 5000], [1, 1, 1, 0]);
    expect(Array.from(ranked.order)).toEqual([1, 0, 2]);
    const plan = planCampaign(ranked, { offerCost: 10, saveRate: 0.5, budget: 1000, cac: 0 });
    // profit(t): t=1: 50-10=40; t=2: 75-20=55; t=3: 79.5-30=49.5
    expect(plan.curve.map((p) => p.profit)).toEqual([0, 40, 55, 49.5]);
    expect(plan.population).toBe(3);
    expect(plan.best.targeted).toBe(2);
    expect(plan.campaign.targeted).toBe(2); // the budget affords 3, but the third offer loses money
    expect(plan.campaign.customersSaved).toBeCloseTo(0.5 * (0.1 + 0.5));
    expect(plan.costPerSave).toBeCloseTo(20 / 0.3);
    expect(plan.valuePerSave).toBeCloseTo(75 / 0.3);
    expect(plan.recommended).toBe(true);
    expect(plan.verdict).toContain('of 3 active customers');
    const tight = planCampaign(ranked, { offerCost: 10, saveRate: 0.5, budget: 15, cac: 0 });
    expect(tight.affordable).toBe(1);
    expect(tight.campaign.targeted).toBe(1);
  });

  it('without money: top churn risk first, as many as the budget pays for, no profit claimed', () => {
    const ranked = rankForCampaign([0.2, 0.9, 0.5, 0.7], null, [1, 1, 1, 0]);
    expect(Array.from(ranked.order)).toEqual([1, 2, 0]);
    expect(ranked.stake).toBeNull();
    const plan = planCampaign(ranked, { offerCost: 50, saveRate: 0.3, budget: 100, cac: 300 });
    expect(plan.money).toBe(false);
    expect(plan.campaign.targeted).toBe(2);
    expect(plan.campaign.customersSaved).toBeCloseTo(0.3 * 1.4);
    expect(plan.curve).toEqual([]);
    expect(plan.verdict).toMatch(/cannot say whether it pays back/);
    expect(planLabel(plan)).toBe('Payback unknown.'); // not "Recommended." (it was, while the verdict said it cannot tell)
    expect(planLabel({ money: true, recommended: true })).toBe('Recommended.');
    expect(planLabel({ money: true, recommended: false })).toBe('Not recommended.');
  });

  it('a plan that loses money is not recommended, and says so', () => {
    const ranked = rankForCampaign([0.1, 0.05], [100, 100], [1, 1]);
    const plan = planCampaign(ranked, { offerCost: 50, saveRate: 0.3, budget: 1000, cac: 300 });
    expect(plan.campaign.targeted).toBe(0);
    expect(plan.recommended).toBe(false);
    expect(plan.verdict).toMatch(/loses money/);
    const none = planCampaign(ranked, { offerCost: 50, saveRate: 0.3, budget: 20, cac: 300 });
    expect(none.verdict).toMatch(/pays for no offer/);
  });

  it('checks inputs field by field: negative or empty cost, save rate outside 0-100%, zero budget', () => {
    const ok = checkCampaignInputs({ offerCost: 50, saveRate: 30, budget: 10000, cac: 300 });
    expect(ok).toEqual({ ok: true, inputs: { offerCost: 50, saveRate: 0.3, budget: 10000, cac: 300, currency: 'USD' } });
    const bad = checkCampaignInputs({ offerCost: -5, saveRate: 130, budget: 0, cac: '' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.offerCost).toMatch(/0 or more/);
    expect(bad.errors.saveRate).toMatch(/0 to 100%/);
    expect(bad.errors.budget).toMatch(/\$0 pays for no offer/);
    expect(bad.errors.cac).toBeDefined();
    const empty = checkCampaignInputs({ offerCost: null, saveRate: undefined, budget: 'x', cac: 0 });
    expect(empty.ok || Object.keys(empty.errors).sort()).toEqual(['budget', 'offerCost', 'saveRate']);
  });
});

describe('rankForCampaign', () => {
  it('orders as the comparator sort it replaced: stake descending, ties by index, non-finite stakes as 0, signed zeros tied', () => {
    const rng = mulberry32(9);
    const n = 2000;
    const p = Float64Array.from({ length: n }, () => Math.floor(rng() * 20) / 20);
    const value = Float64Array.from({ length: n }, (_, i) => (i % 97 === 0 ? NaN : i % 89 === 0 ? -0 : Math.floor(rng() * 5) * 10));
    const active = Uint8Array.from({ length: n }, () => (rng() < 0.8 ? 1 : 0));
    for (const val of [value, null]) {
      const key = Float64Array.from(p, (x, i) => (Number.isFinite(val ? x * val[i] : x) ? (val ? x * val[i] : x) : 0));
      const want = Array.from({ length: n }, (_, i) => i).filter((i) => active[i]).sort((a, b) => key[b] - key[a] || a - b);
      const got = rankForCampaign(p, val, active);
      expect(Array.from(got.order)).toEqual(want);
      expect(Array.from(got.p)).toEqual(want.map((i) => p[i]));
      if (val) expect(Array.from(got.stake!)).toEqual(want.map((i) => key[i]));
      else expect(got.stake).toBeNull();
    }
  });
});

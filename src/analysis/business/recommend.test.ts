/** Rules are data: matching, audiences and the numbers behind each piece of advice. */
import { describe, it, expect } from 'vitest';
import { matchRule, recommend, recommendationBadge, RECOMMENDATION_GROUPS, RECOMMENDATION_NUMBERS } from './recommend';
import { RULES, type RetentionRule } from './rules';
import type { Profile } from './profile';
import { DEFAULT_BUSINESS_OPTIONS } from './options';

const empty = (): Profile => ({
  churnRate: null, churnVsBase: null, meanTenure: null, monthlyVsBase: null, revenueShare: null, sizeShare: null,
  shareMonthToMonth: null, shareElectronicCheck: null, shareFiber: null, shareNoTechSupport: null, shareLongContract: null,
});

describe('rules', () => {
  it('first matching rule wins; null metrics never match; the last rule catches all', () => {
    expect(matchRule({ ...empty(), churnRate: 0.48, shareMonthToMonth: 0.82 }).id).toBe('contract-upgrade');
    expect(matchRule({ ...empty(), churnRate: 0.48 }).id).toBe('targeted');
    expect(matchRule({ ...empty(), churnVsBase: 0.2 }).id).toBe('low-touch');
    // dear and churning: tech support bundled only where the file sells it (a tech support column), else a benefit in general words
    const dear = { ...empty(), churnRate: 0.4, churnVsBase: 1.5, monthlyVsBase: 1.3 };
    expect(matchRule({ ...dear, shareNoTechSupport: 0.3 }).id).toBe('price-bundle');
    expect(matchRule(dear).id).toBe('price-value');
    expect(RULES.find((r) => r.id === 'price-value')!.action).not.toMatch(/tech support|security/i);
    expect(matchRule(empty()).id).toBe(RULES[RULES.length - 1].id);
    expect(RULES[RULES.length - 1].when).toEqual([]);
    const custom: RetentionRule[] = [{ id: 'only', when: [], action: 'x {segment}', mention: [] }];
    expect(matchRule({ ...empty(), churnRate: 0.9 }, custom).id).toBe('only');
  });

  it('audience, cost, return and net from per-customer values; a dear offer yields "no paid offer"', () => {
    // one segment, 4 customers; audience = month-to-month customers 0, 1, 3
    const p = Float64Array.from([0.5, 0.2, 0.9, 0.4]);
    const clv = Float64Array.from([1000, 1000, 1000, 100]);
    const o = { ...DEFAULT_BUSINESS_OPTIONS }; // offer $50, save rate 0.3
    const ev = Float64Array.from(p, (pi, i) => pi * clv[i] * o.saveRate - o.offerCost); // 100, 10, 220, -38
    const groups = { names: ['S'], labels: new Int32Array(4), fromSegmentation: true };
    const profile = { ...empty(), churnRate: 0.5, churnVsBase: 1.9, shareMonthToMonth: 0.75 };
    const membership = () => Uint8Array.from([1, 1, 0, 1]);
    const base = { groups, profiles: [profile], baseChurn: 0.265, p, clv, ev, monthly: [10, 20, 30, 40], membership, campaign: [2, 0] };
    const [r] = recommend(base, o);
    expect(r.rule).toBe('contract-upgrade');
    // the offers are the plan's: customers 2 and 0 are on the call list (one list for every segment)
    expect(r.targeted).toBe(2);
    expect(r.recommended).toBe(true);
    expect(r.cost).toBe(100);
    expect(r.expectedReturn).toBeCloseTo(0.9 * 1000 * 0.3 + 0.5 * 1000 * 0.3, 12); // 420
    expect(r.net).toBeCloseTo(320, 12);
    expect(r.numbers.revenueAtRiskMonthly).toBeCloseTo(5 + 4 + 27 + 16, 12);
    expect(r.numbers.audience).toBe(3);
    expect(r.numbers.onCallList).toBe(2);
    expect(r.numbers.audienceOnCallList).toBe(1); // customer 2 is not month-to-month
    expect(r.numbers.costPerSave).toBeCloseTo(100 / (1.4 * 0.3), 9);
    expect(r.rationale).toContain('$420');
    expect(r.rationale).toContain('on the call list your $10,000 budget pays for, 1 of these on month-to-month contracts:');
    // customers who already left are never counted
    const [a] = recommend({ ...base, active: Uint8Array.from([1, 1, 0, 1]), campaign: [0] }, o);
    expect(a.customers).toBe(3);
    expect(a.numbers.revenueAtRiskMonthly).toBeCloseTo(5 + 4 + 16, 12);
    // offers that cost more than they keep: not recommended, in words
    const [bad] = recommend({ ...base, campaign: [3] }, o); // 0.4 x 100 x 0.3 = 12 kept for $50
    expect(bad.recommended).toBe(false);
    expect(bad.action).toMatch(/^Not recommended in S/);
    const dear = { ...o, offerCost: 500 };
    const evDear = Float64Array.from(p, (pi, i) => pi * clv[i] * o.saveRate - 500);
    const [d] = recommend({ ...base, ev: evDear, campaign: [] }, dear);
    expect(d.targeted).toBe(0);
    expect(d.cost).toBe(0);
    expect(d.action).toMatch(/^No paid offer in S for now: none of its customers is on the call list this budget pays for\. If the offer gets cheaper, works better or the budget grows: [a-z]/);
    expect(d.rationale).toContain('$500 per offer');
    // advice to hold back (low-touch) with nobody on the list is what it says: it stands as written
    const lowTouch = RULES.find((r) => r.id === 'low-touch')!;
    const [held] = recommend({ ...base, ev: evDear, campaign: [] }, dear, [{ ...lowTouch, when: [] }]);
    expect(held.action).toBe('Keep S low-touch: no broad retention spend; offer only to those the call list flags');
    expect(held.rationale).toContain('None of its active customers is on the call list');
    const $ = (v: number) => `$${v}`;
    expect(recommendationBadge(held, $)).toEqual({ text: 'no offers · net $0', warn: false });
    expect(recommendationBadge(bad, $)).toEqual({ text: `not recommended · net $${bad.net}`, warn: true });
    expect(recommendationBadge({ targeted: 3, recommended: true, net: 120 }, $)).toEqual({ text: 'net $120', warn: false });
    expect(bad.action).toMatch(/^Not recommended in S at these terms: the offers cost more than they keep\. If the offer gets cheaper or works better: [a-z]/);
  });

  it('without a value per customer (no revenue column): the call list stands, in customers, with the payback unknown', () => {
    const p = Float64Array.from([0.5, 0.2, 0.9, 0.4]);
    const o = { ...DEFAULT_BUSINESS_OPTIONS };
    const groups = { names: ['S'], labels: new Int32Array(4), fromSegmentation: true };
    const profile = { ...empty(), churnRate: 0.5, churnVsBase: 1.9 };
    const base = { groups, profiles: [profile], baseChurn: 0.265, p, clv: new Float64Array(4), ev: new Float64Array(4).fill(NaN), monthly: null, membership: () => null, campaign: [2, 0] };
    const [r] = recommend(base, o);
    expect(r.valueKnown).toBe(false);
    const [targeted] = recommend(base, o, [{ ...RULES.find((x) => /highest expected value saved/.test(x.action))!, when: [] }]);
    expect(targeted.action).toMatch(/to the customers with the highest churn risk$/); // the call list's order without values
    expect(r.recommended).toBe(true); // as the plan says: contact them, payback unknown
    expect(r.cost).toBe(100);
    expect(r.numbers.expectedLeavers).toBeCloseTo(2, 12); // 0.5 + 0.2 + 0.9 + 0.4
    expect(r.numbers.expectedCustomersSaved).toBeCloseTo((0.9 + 0.5) * 0.3, 12);
    for (const k of ['revenueAtRiskMonthly', 'expectedReturn', 'net', 'valuePerSave']) expect(r.numbers).not.toHaveProperty(k);
    expect(r.rationale).toBe('S: ' + r.rationale.slice(3, r.rationale.indexOf(';')) + '; 4 active customers, about 2 of them expected to leave. 2 of them are on the call list your $10,000 budget pays for: cost $100, about 0.42 kept at a 30% save rate. Payback unknown: the file has no revenue column to value a kept customer.');
    expect(r.rationale).not.toMatch(/\$0|net/);
    expect(recommendationBadge(r, (v) => `$${v}`)).toEqual({ text: '2 offers · payback unknown', warn: false });
    const [none] = recommend({ ...base, campaign: [] }, o);
    expect(none.recommended).toBe(false);
    expect(none.rationale).toContain('None of its active customers is on the call list: the budget reaches customers at higher churn risk first.');
    expect(recommendationBadge(none, (v) => `$${v}`)).toEqual({ text: 'no offers', warn: false });
  });

  it('every number behind a piece of advice has a plain label, never its key', () => {
    // a profile with every metric present, so recommend() writes every key it can
    const full = Object.fromEntries(Object.keys(empty()).map((m) => [m, 0.5])) as Profile;
    const p = Float64Array.from([0.5, 0.6]);
    const groups = { names: ['S'], labels: new Int32Array(2), fromSegmentation: true };
    const [r] = recommend({ groups, profiles: [full], baseChurn: 0.3, p, clv: Float64Array.from([900, 900]), ev: Float64Array.from([80, 110]), monthly: [50, 60], membership: () => Uint8Array.from([1, 0]), campaign: [1] }, DEFAULT_BUSINESS_OPTIONS);
    const keys = Object.keys(r.numbers);
    expect(keys.length).toBe(15 + Object.keys(empty()).length);
    const unlabelled = keys.filter((k) => !RECOMMENDATION_NUMBERS.get(k)?.label);
    expect(unlabelled).toEqual([]);
    // labels are sentences a manager reads: no camelCase key, no two alike
    const labels = keys.map((k) => RECOMMENDATION_NUMBERS.get(k)!.label);
    expect(labels.filter((l) => /[a-z][A-Z]/.test(l))).toEqual([]);
    expect(new Set(labels).size).toBe(labels.length);
    expect(RECOMMENDATION_NUMBERS.get('shareMonthToMonth')?.label).toBe('Share on month-to-month contracts');
    // each number sits under a heading that names whom it counts
    const headed = new Set(RECOMMENDATION_GROUPS.map((g) => g.id));
    expect(keys.filter((k) => !headed.has(RECOMMENDATION_NUMBERS.get(k)!.group))).toEqual([]);
    expect(RECOMMENDATION_NUMBERS.get('churnRate')?.group).toBe('profile'); // over all the segment's customers
    expect(RECOMMENDATION_NUMBERS.get('activeCustomers')?.group).toBe('plan');
  });
});

/** The business layer on the real Telco file (7,043 customers), with fake segment/churn inputs.
 *  Not split: the cases share one Telco frame and one business result, built once in beforeAll. */
import { it, expect, beforeAll } from 'vitest';
import { runBusiness } from './index';
import { lostKpiNote } from './population';
import { countingKm, fakeSegmentation, fakeChurn } from '../testing/fakeResults';
import { telcoFrame } from '../testing/telco';
import type { CustomerFrame } from '../types';
import type { BusinessResult } from './types';
import { TELCO_REL, describeWithShared } from '../testing/shared';

let frame: CustomerFrame;
let base: BusinessResult;

describeWithShared(TELCO_REL, 'business on Telco', () => {
  beforeAll(async () => {
    frame = await telcoFrame();
    base = runBusiness(frame, fakeSegmentation(frame, 'Contract'), fakeChurn(frame));
  });

  it('churn rate 26.54%, ARPU 64.76, with formulas', () => {
    expect(frame.n).toBe(7043);
    expect(base.kpis.churnRate.value).toBeCloseTo(0.2654, 4);
    expect(base.kpis.retentionRate.value).toBeCloseTo(0.7346, 4);
    expect(base.kpis.arpu.value).toBeCloseTo(64.76, 2);
    expect(base.kpis.churnRate.formula).toContain('1,869 / 7,043');
    expect(base.kpis.period).toMatch(/snapshot/i);
    expect(base.kpis.purchaseFrequency.value).toBe(1);
  });

  it('CLV: naive $244 vs hazard-based ~$7,900 gross; the value used matches its formula', () => {
    const k = base.kpis.clv;
    expect(k.naive).toBeCloseTo(64.7617 / 0.26537, 0); // 244.04
    let events = 0, exposure = 0, arpu = 0;
    for (let i = 0; i < frame.n; i++) { events += frame.y![i]; exposure += frame.tenure![i]; arpu += frame.monthly![i] / frame.n; }
    const h = events / exposure; // 1,869 / 227,990
    expect(k.hazardGross).toBeCloseTo(arpu / h, 6);
    expect(Math.round(k.hazardGross!)).toBe(7900);
    const rm = Math.pow(1.1, 1 / 12) - 1;
    let L = 0;
    for (let t = 1; t < 3000; t++) L += Math.pow((1 - h) / (1 + rm), t);
    expect(k.value).toBeCloseTo(0.7 * arpu * L, 4);
    expect(k.method).toContain('$244');
    expect(k.method).toContain('$7,900');
    expect(k.method).toContain(`$${Math.round(k.value!).toLocaleString('en-US')}`);
    expect(base.kpis.cacToClv.value).toBeCloseTo(300 / k.value!, 12);
    expect(base.kpis.top20RevenueShare.value).toBeGreaterThan(0.2);
    expect(base.kpis.top20RevenueShare.value).toBeLessThan(0.8);
  });

  it('KM retention at 12 months for Month-to-month within 0.01 of a counting implementation; medians per contract', () => {
    const contract = frame.categorical.find((c) => c.name === 'Contract')!;
    const curves = base.survival.filter((c) => c.by === 'Contract');
    expect(curves.map((c) => c.group).sort()).toEqual(['Month-to-month', 'One year', 'Two year']);
    for (const c of curves) {
      const level = contract.levels.indexOf(c.group);
      const tn: number[] = [], ch: boolean[] = [];
      for (let i = 0; i < frame.n; i++) if (contract.codes[i] === level) { tn.push(frame.tenure![i]); ch.push(frame.y![i] === 1); }
      expect(c.n).toBe(tn.length);
      expect(Math.abs(c.at.m12! - countingKm(tn, ch, 12))).toBeLessThan(0.01);
      expect(Math.abs(c.at.m24! - countingKm(tn, ch, 24))).toBeLessThan(1e-9);
      // median: the first month the counting curve is <= 0.5, or not reached
      let med: number | null = null;
      for (let m = 0; m <= 72 && med === null; m++) if (countingKm(tn, ch, m) <= 0.5) med = m;
      expect(c.medianLifetime).toBe(med);
      console.log(`median lifetime ${c.group}: ${c.medianLifetime ?? 'not reached'}; S(12) ${c.at.m12!.toFixed(4)}`);
    }
    const m2m = curves.find((c) => c.group === 'Month-to-month')!;
    expect(m2m.at.m12).toBeCloseTo(0.7031, 3); // pinned from the counting implementation
    expect(m2m.medianLifetime).not.toBeNull();
    // conditional retention: S(20)/S(14) on the whole base
    const all = base.survival.find((c) => c.by === 'all')!;
    const c1420 = base.conditionalRetention.find((c) => c.from === 14 && c.to === 20)!;
    const tAll = Array.from(frame.tenure!), yAll = Array.from(frame.y!, (v) => v === 1);
    expect(c1420.probability).toBeCloseTo(countingKm(tAll, yAll, 20) / countingKm(tAll, yAll, 14), 9);
    expect(all.n).toBe(7043);
    expect(base.survival.filter((c) => c.by === 'segment')).toHaveLength(3);
  });

  it('revenue at risk by segment sums to the total, which is sum p x monthly', () => {
    const r = base.revenue!;
    const churn = fakeChurn(frame);
    // over the 5,174 active customers only: Churn = Yes customers already left
    let want = 0, nActive = 0;
    for (let i = 0; i < frame.n; i++) if (!frame.y![i]) { want += churn.probability[i] * frame.monthly![i]; nActive++; }
    expect(nActive).toBe(5174);
    expect(base.population.active).toBe(5174);
    expect(base.population.label).toBe('of 5,174 active customers');
    expect(r.atRiskMonthly).toBeCloseTo(want, 6);
    expect(r.atRiskAnnual).toBeCloseTo(12 * want, 6);
    const sum = r.bySegment.reduce((a, s) => a + s.atRiskMonthly, 0);
    expect(Math.abs(sum - r.atRiskMonthly)).toBeLessThan(1e-6 * r.atRiskMonthly);
    expect(r.bySegment.reduce((a, s) => a + s.customers, 0)).toBe(5174);
    // best cut-off is the max of the profit curve, and every customer before it has positive EV
    const maxProfit = Math.max(...r.profitCurve.map((p) => p.profit));
    expect(r.bestProfit).toBeCloseTo(maxProfit, 6);
    let positive = 0;
    for (let i = 0; i < frame.n; i++) if (base.active[i] && base.expectedValueSaved[i] > 0) positive++;
    for (let i = 0; i < frame.n; i++) if (!base.active[i]) expect(base.expectedValueSaved[i]).toBeNaN();
    expect(r.bestTargetCount).toBe(positive);
    expect(r.campaign.targeted).toBe(Math.min(200, positive)); // $10,000 / $50
    expect(r.campaign.cost).toBe(r.campaign.targeted * 50);
  });

  it('active vs lost: 1,869 customers left with $139,131 a month; call list and win-back list are disjoint, no Churn = Yes on the call list', () => {
    const lost = base.lost!;
    expect(lost.customers).toBe(1869);
    expect(lost.monthlyRevenue).toBeCloseTo(139130.85, 2);
    expect(lost.summary).toContain('$139,131 of monthly revenue'); // whole dollars, as every amount from 100 up (format/money.ts)
    expect(lost.summary).toContain('1,869 of 7,043');
    expect(lost.differences.length).toBeGreaterThan(0);
    const calls = Array.from(base.callOrder.subarray(0, base.plan!.campaign.targeted));
    expect(calls).toHaveLength(200);
    for (const i of calls) expect(frame.y![i]).toBe(0);
    for (const q of base.priorities) expect(frame.y![q.index]).toBe(0);
    expect(base.callOrder.length).toBe(5174);
    const winBack = new Set(lost.winBack);
    expect(winBack.size).toBe(100);
    for (const i of winBack) expect(frame.y![i]).toBe(1);
    for (const i of base.callOrder) expect(winBack.has(i)).toBe(false);
    // win-back is ordered by monthly revenue
    for (let j = 1; j < lost.winBack.length; j++) expect(frame.monthly![lost.winBack[j]]).toBeLessThanOrEqual(frame.monthly![lost.winBack[j - 1]]);
    expect(base.insights.find((i) => i.kind === 'lost')!.text).toContain('$139,131');
    expect(lostKpiNote(lost, frame.n, 'USD')).toBe('26.5% of all 7,043 customers · $139,131 a month left with them'); // the page's and the report's note
    expect(lost.differences.find((d) => d.feature === 'tenure')?.text).toMatch(/^tenure: average \d+(\.\d)? months among those who left vs \d+(\.\d)? months among active customers$/); // its unit
  });

  it('one plan within the budget: recommendations sum to the plan cost <= budget, and the what-if is apart', () => {
    const plan = base.plan!;
    const total = base.recommendations.reduce((a, r) => a + r.cost, 0);
    expect(total).toBe(plan.campaign.cost);
    expect(total).toBeLessThanOrEqual(base.options.budget);
    expect(base.recommendations.reduce((a, r) => a + r.targeted, 0)).toBe(plan.campaign.targeted);
    expect(plan.recommended).toBe(true);
    expect(plan.verdict).toContain('of 5,174 active customers');
    expect(plan.best.targeted).toBeGreaterThan(plan.campaign.targeted);
    expect(base.insights.find((i) => i.kind === 'what-if')!.text).toMatch(/^What-if, not the plan/);
    // one with offers is not told "no paid offer"; advice to hold back (low-touch) stands as written with nobody on the list
    for (const r of base.recommendations) expect(/^No paid offer/.test(r.action)).toBe(r.targeted === 0 && !['low-touch', 'loyal-value'].includes(r.rule));
    // bigger budgets never exceed themselves
    for (const budget of [500, 3000, 25000]) {
      const b = runBusiness(frame, fakeSegmentation(frame, 'Contract'), fakeChurn(frame), { budget });
      expect(b.recommendations.reduce((a, r) => a + r.cost, 0)).toBeLessThanOrEqual(budget);
    }
    // a dear offer: no plan is recommended, in words
    const dear = runBusiness(frame, fakeSegmentation(frame, 'Contract'), fakeChurn(frame), { offerCost: 5000 });
    expect(dear.plan!.recommended).toBe(false);
    expect(dear.plan!.verdict).toMatch(/loses money/);
    expect(dear.recommendations.every((r) => !r.recommended)).toBe(true);
  });

  it('a flag that means "will leave": everyone is active, so the call list may hold flagged customers', () => {
    const will = runBusiness({ ...frame, flagMeaning: 'will-leave' }, fakeSegmentation(frame, 'Contract'), fakeChurn(frame));
    expect(will.population.active).toBe(7043);
    expect(will.lost).toBeNull();
    const calls = Array.from(will.callOrder.subarray(0, will.plan!.campaign.targeted));
    expect(calls.some((i) => frame.y![i] === 1)).toBe(true);
    expect(will.revenue!.atRiskMonthly).toBeGreaterThan(base.revenue!.atRiskMonthly);
  });

  it('without money: the call list ranks active customers by churn risk and no money figure is made', () => {
    const noMoney = runBusiness({ ...frame, monthly: null, total: null }, fakeSegmentation(frame, 'Contract'), fakeChurn(frame));
    expect(noMoney.money).toBe(false);
    expect(noMoney.revenue).toBeNull();
    const p = fakeChurn(frame).probability;
    const order = noMoney.callOrder;
    for (let j = 1; j < order.length; j++) expect(p[order[j]]).toBeLessThanOrEqual(p[order[j - 1]]);
    expect(noMoney.plan!.campaign.targeted).toBe(200);
    expect(noMoney.plan!.money).toBe(false);
    expect(noMoney.priorities[0].churnProbability).toBe(p[order[0]]);
    expect(noMoney.warnings.map((w) => w.code)).toContain('business-no-money');
  });

  it('drivers with direction in business terms: contract 42.7% vs 2.8%, tenure by fifths', () => {
    const contract = base.drivers.find((d) => d.column === 'Contract')!;
    expect(contract.text).toBe('Contract: 42.7% churn among the 3,875 customers on month-to-month contracts vs 2.8% among customers on two year contracts');
    expect(contract.high).toBeCloseTo(1655 / 3875, 9);
    expect(contract.low).toBeCloseTo(48 / 1695, 9);
    const tenure = base.drivers.find((d) => d.column === 'tenure')!;
    expect(tenure.highLabel).toMatch(/^the lowest fifth \(up to \d+ months\)$/); // the cut in the column's unit
    expect(tenure.high).toBeGreaterThan(0.4);
    expect(tenure.low).toBeLessThan(0.1);
    for (let j = 1; j < base.drivers.length; j++) expect(base.drivers[j].spread).toBeLessThanOrEqual(base.drivers[j - 1].spread);
    expect(base.insights.find((i) => i.kind === 'driver')!.text).toMatch(/^Among all 7,043 customers in the file, churn moves most with .*% churn .* vs [^()]*\([^()]*\)\.$/); // one parenthesis, not two
  });

  it('a suggested action per customer from their own top reasons, not the segment sentence', () => {
    const a = base.customerActions!;
    const contract = frame.categorical.find((c) => c.name === 'Contract')!;
    const m2m = contract.levels.indexOf('Month-to-month');
    const actionOf = (i: number) => (a.index[i] >= 0 ? a.actions[a.index[i]] : '');
    // fake reasons: month-to-month (+15) outranks tenure < 12 (+10)
    for (let i = 0; i < frame.n; i++) {
      if (contract.codes[i] === m2m) expect(actionOf(i)).toBe('Offer a discounted 12-month contract');
      else if (frame.tenure![i] < 12) expect(actionOf(i)).toBe('Personal call (tenure < 12 months)');
      else expect(a.index[i]).toBe(-1);
    }
    // within one segment the actions differ by customer when their reasons do
    const oneYear = contract.levels.indexOf('One year');
    const inSeg = new Set<string>();
    for (let i = 0; i < frame.n; i++) if (contract.codes[i] === oneYear) inSeg.add(actionOf(i));
    expect(inSeg.size).toBe(2);
  });

  it('call list: top 100 by expected value saved with readable reasons (its CSV: report/csv.ts callListCsv, tested there)', () => {
    const p = base.priorities;
    expect(p).toHaveLength(100);
    for (let j = 1; j < p.length; j++) expect(p[j].expectedValueSaved).toBeLessThanOrEqual(p[j - 1].expectedValueSaved);
    const top = p[0];
    expect(top.expectedValueSaved).toBeCloseTo(top.churnProbability * top.clv * 0.3 - 50, 9);
    expect(top.reasons[0]).toMatch(/^Contract=Month-to-month \(\+15\.0 percentage points\)$/);
  });

  it('recommendations and insights carry numbers and change with offer cost, save rate and CAC', () => {
    expect(base.recommendations).toHaveLength(3);
    const m2m = base.recommendations.find((r) => r.segment === 'Month-to-month')!;
    expect(m2m.rule).toBe('contract-upgrade');
    expect(m2m.numbers.churnRate).toBeCloseTo(0.4271, 4);
    expect(m2m.net).toBeCloseTo(m2m.expectedReturn - m2m.cost, 6);
    expect(m2m.rationale).toContain('42.7% churn');
    expect(base.insights.length).toBeGreaterThanOrEqual(5);
    expect(base.insights.length).toBeLessThanOrEqual(9);
    for (const ins of base.insights) expect(Number.isFinite(ins.value)).toBe(true);
    const kinds = base.insights.map((i) => i.kind);
    expect(kinds).toEqual(expect.arrayContaining(['driver', 'largest-segment', 'campaign', 'lost', 'at-risk', 'clv-cac']));

    const text = (r: BusinessResult) => JSON.stringify([r.recommendations.map((x) => [x.action, x.rationale, x.cost, x.net]), r.insights]);
    for (const change of [{ offerCost: 120 }, { saveRate: 0.5 }, { cac: 900 }]) {
      const other = runBusiness(frame, fakeSegmentation(frame, 'Contract'), fakeChurn(frame), change);
      expect(text(other)).not.toBe(text(base));
    }
    const dear = runBusiness(frame, fakeSegmentation(frame, 'Contract'), fakeChurn(frame), { offerCost: 120 });
    const m2mDear = dear.recommendations.find((r) => r.segment === 'Month-to-month')!;
    expect(m2mDear.targeted).toBeLessThanOrEqual(m2m.targeted);
    expect(dear.plan!.campaign.targeted).toBeLessThan(base.plan!.campaign.targeted);
    const cac = runBusiness(frame, fakeSegmentation(frame, 'Contract'), fakeChurn(frame), { cac: 900 });
    expect(cac.recommendations[0].numbers.cac).toBe(900);
    expect(cac.insights.find((i) => i.kind === 'clv-cac')!.value).toBeCloseTo(base.kpis.clv.value! / 900, 9);
    console.log(base.insights.map((i) => i.text).join('\n'));
  });

  it('degrades: no segmentation, no churn model, no target', () => {
    const plain = runBusiness(frame, null, null);
    expect(plain.revenue!.bySegment.map((s) => s.segment)).toEqual(['All customers']);
    // no model: every active customer gets the base churn rate
    let activeMonthly = 0;
    for (let i = 0; i < frame.n; i++) if (!frame.y![i]) activeMonthly += frame.monthly![i];
    expect(plain.revenue!.atRiskMonthly).toBeCloseTo((1869 / 7043) * activeMonthly, 3);
    expect(plain.warnings.map((w) => w.code)).toContain('business-no-churn-model');
    expect(plain.survival.filter((c) => c.by === 'Contract')).toHaveLength(3);
    const noTarget = runBusiness({ ...frame, y: null, targetName: null }, null, null);
    expect(noTarget.kpis.churnRate.value).toBeNull();
    expect(noTarget.kpis.clv.value).toBeNull();
    expect(noTarget.survival).toEqual([]);
    expect(noTarget.revenue).toBeNull();
    expect(noTarget.kpis.arpu.value).toBeCloseTo(64.76, 2);
    expect(noTarget.insights.length).toBeGreaterThan(0);
    expect(structuredClone(base).kpis.clv.value).toBe(base.kpis.clv.value);
  });

  it('plain words: the population note and the insights carry no analyst jargon, and keep their numbers', () => {
    const words = [base.population.note, ...base.insights.map((i) => i.text)];
    for (const t of words) expect(t).not.toMatch(/records history|naive|ARPU|Kaplan|hazard|censor|median lifetime/i);
    expect(base.population.note).toBe('The Churn column marks 1,869 customers who have already left, so plans, revenue at risk and lifetime value cover the other 5,174, the active customers.');
    const clv = base.insights.find((i) => i.kind === 'clv-cac')!.text;
    expect(clv).toContain(`monthly revenue ÷ churn rate) would say $${Math.round(base.kpis.clv.naive!)}`);
    const will = runBusiness({ ...frame, flagMeaning: 'will-leave' }, null, null);
    expect(will.population.note).toBe('The Churn column marks who is expected to leave soon: all 7,043 customers are still with you and every plan covers them.');
  });

  it('without a Contract column, picks the column with the widest churn spread (<= 6 levels)', () => {
    const noContract = { ...frame, categorical: frame.categorical.filter((c) => c.name !== 'Contract') };
    const r = runBusiness(noContract, null, null);
    const by = [...new Set(r.survival.map((c) => c.by))];
    expect(by).toHaveLength(2);
    console.log('picked', by[1]);
    const chosen = runBusiness(frame, null, null, {}, ['PaymentMethod', 'nope']);
    expect(chosen.survival.filter((c) => c.by === 'PaymentMethod')).toHaveLength(4);
    expect(chosen.warnings.map((w) => w.code)).toContain('survival-column-missing');
  });

  it('scales to 70k customers (x10 Telco): active counts multiply', () => {
    const K = 10, n = frame.n * K;
    const rep = <T extends Float64Array | Int32Array | Int16Array | Int8Array | Uint8Array>(a: T): T => {
      const out = new (a.constructor as new (n: number) => T)(n);
      for (let k = 0; k < K; k++) out.set(a, k * frame.n);
      return out;
    };
    const big: CustomerFrame = {
      ...frame, n, ids: Array.from({ length: n }, (_, i) => `c${i}`), y: rep(frame.y!), tenure: rep(frame.tenure!),
      monthly: rep(frame.monthly!), total: rep(frame.total!),
      categorical: frame.categorical.map((c) => ({ ...c, codes: rep(c.codes) })),
    };
    const seg = fakeSegmentation(big, 'Contract');
    const churn = fakeChurn(big);
    // Speed is measured by `npm run bench`, not asserted here (unit tests assert no wall-clock times).
    const r = runBusiness(big, seg, churn, { offerCost: 40 });
    expect(r.revenue!.bySegment.reduce((a, s) => a + s.customers, 0)).toBe(5174 * K);
  });
});

/**
 * Revenue impact over active customers: monthly revenue at risk (sum of p_i x monthly_i), by
 * segment; expected value saved EV_i = p_i x CLV_i x saveRate - offerCost; the profit curve and
 * the campaign the budget buys come from campaign.ts (one rule).
 */
import type { BusinessOptions } from '../types';
import type { RevenueImpact } from './types';
import type { Groups } from './groups';
import type { Pareto } from './pareto';
import type { CampaignPlan } from './campaign';
import { fmtInt as count, fmtMoney } from '../format';

/** Expected value saved per customer: p x CLV x saveRate - offerCost. */
export function expectedValueSaved(p: ArrayLike<number>, clv: ArrayLike<number>, o: BusinessOptions): Float64Array {
  const out = new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) out[i] = p[i] * clv[i] * o.saveRate - o.offerCost;
  return out;
}

export interface RevenueInputs {
  p: Float64Array;
  monthly: ArrayLike<number>;
  active: Uint8Array;
  plan: CampaignPlan;
  /** active customers in call order (campaign.ts rankForCampaign) */
  order: Int32Array;
  groups: Groups;
  churnRates: (number | null)[];
  pareto: Pareto;
  probabilityNote: string;
  /** "of 5,174 active customers" */
  population: string;
}

/** Revenue at risk over active customers, by segment (sums to the total); the profit curve and the budgeted campaign come from the plan. */
export function revenueImpact(x: RevenueInputs, o: BusinessOptions): RevenueImpact {
  const k = x.groups.names.length;
  const risk = new Float64Array(k);
  const rev = new Float64Array(k);
  const size = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < x.p.length; i++) {
    if (!x.active[i]) continue;
    const g = x.groups.labels[i];
    const r = x.p[i] * x.monthly[i];
    risk[g] += r;
    rev[g] += x.monthly[i];
    size[g]++;
    total += r;
  }
  const bySegment = x.groups.names.map((segment, g) => ({
    segment, atRiskMonthly: risk[g], customers: size[g], monthlyRevenue: rev[g], churnRate: x.churnRates[g],
  }));
  const { plan } = x;
  const c = plan.campaign;
  let monthlySaved = 0;
  for (let j = 0; j < c.targeted; j++) monthlySaved += o.saveRate * x.p[x.order[j]] * x.monthly[x.order[j]];
  return {
    atRiskMonthly: total,
    atRiskAnnual: total * 12,
    bySegment,
    profitCurve: plan.curve,
    bestTargetCount: plan.best.targeted,
    bestProfit: plan.best.profit,
    campaign: {
      targeted: c.targeted,
      cost: c.cost,
      expectedSaved: c.saved,
      net: c.profit,
      expectedCustomersSaved: c.customersSaved,
      expectedMonthlyRevenueSaved: monthlySaved,
      rule:
        `Active customers ranked by expected value saved (p x CLV x ${o.saveRate} - ${fmtMoney(o.offerCost, o.currency)}); the budget ` +
        `${fmtMoney(o.budget, o.currency)} buys ${o.offerCost > 0 ? count(plan.affordable) : 'unlimited'} offers, and targeting stops at ` +
        `${count(plan.best.targeted)} where the next offer would lose money: ${count(c.targeted)} customers targeted.`,
    },
    pareto: { customerShare: x.pareto.customerShare, revenueShare: x.pareto.revenueShare, top20Share: x.pareto.top20Share, basis: x.pareto.basis, customers: x.pareto.customers },
    population: x.population,
    probabilitySource: x.probabilityNote,
  };
}

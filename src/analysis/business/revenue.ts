/**
 * Revenue impact: monthly revenue at risk (sum of p_i x monthly_i), by segment; the profit
 * curve over how many customers to target, ranked by expected value saved
 * EV_i = p_i x CLV_i x saveRate - offerCost; and the campaign the budget buys.
 */
import type { BusinessOptions } from '../types';
import type { ProfitPoint, RevenueImpact } from './types';
import type { Groups } from './groups';
import type { Pareto } from './pareto';
import { count, money } from './format';

/** Expected value saved per customer: p x CLV x saveRate - offerCost. */
export function expectedValueSaved(p: ArrayLike<number>, clv: ArrayLike<number>, o: BusinessOptions): Float64Array {
  const out = new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) out[i] = p[i] * clv[i] * o.saveRate - o.offerCost;
  return out;
}

/** Customer indices by expected value saved, best first (ties by index, so the order is stable). */
export function rankByValue(ev: Float64Array): Uint32Array {
  const order = new Uint32Array(ev.length);
  for (let i = 0; i < ev.length; i++) order[i] = i;
  return order.sort((a, b) => ev[b] - ev[a] || a - b);
}

/** Profit after targeting the top k of `order`, for every k, thinned to about `points` points (the best k always kept). */
export function profitCurve(order: Uint32Array, p: ArrayLike<number>, clv: ArrayLike<number>, o: BusinessOptions, points = 200) {
  const n = order.length;
  const saved = new Float64Array(n + 1);
  for (let k = 0; k < n; k++) {
    const i = order[k];
    saved[k + 1] = saved[k] + p[i] * clv[i] * o.saveRate;
  }
  let bestK = 0;
  let bestProfit = 0;
  for (let k = 1; k <= n; k++) {
    const profit = saved[k] - k * o.offerCost;
    if (profit > bestProfit) { bestProfit = profit; bestK = k; }
  }
  const ks = new Set<number>([0, n, bestK]);
  const step = Math.max(1, Math.ceil(n / points));
  for (let k = 0; k <= n; k += step) ks.add(k);
  const curve: ProfitPoint[] = [...ks].sort((a, b) => a - b).map((k) => ({
    targeted: k,
    cost: k * o.offerCost,
    saved: saved[k],
    profit: saved[k] - k * o.offerCost,
  }));
  return { curve, bestK, bestProfit, saved };
}

export interface RevenueInputs {
  p: Float64Array;
  monthly: ArrayLike<number>;
  clv: Float64Array;
  ev: Float64Array;
  order: Uint32Array;
  groups: Groups;
  churnRates: (number | null)[];
  pareto: Pareto;
  probabilityNote: string;
}

/** Revenue at risk, by segment (sums to the total), profit curve and the budgeted campaign. */
export function revenueImpact(x: RevenueInputs, o: BusinessOptions): RevenueImpact {
  const k = x.groups.names.length;
  const risk = new Float64Array(k);
  const rev = new Float64Array(k);
  const size = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < x.p.length; i++) {
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
  const { curve, bestK, bestProfit, saved } = profitCurve(x.order, x.p, x.clv, o);
  const affordable = o.offerCost > 0 ? Math.floor(o.budget / o.offerCost) : x.p.length;
  const targeted = Math.min(affordable, bestK);
  let customersSaved = 0, monthlySaved = 0;
  for (let j = 0; j < targeted; j++) {
    const i = x.order[j];
    customersSaved += x.p[i] * o.saveRate;
    monthlySaved += x.p[i] * x.monthly[i] * o.saveRate;
  }
  const cost = targeted * o.offerCost;
  return {
    atRiskMonthly: total,
    atRiskAnnual: total * 12,
    bySegment,
    profitCurve: curve,
    bestTargetCount: bestK,
    bestProfit,
    campaign: {
      targeted,
      cost,
      expectedSaved: saved[targeted],
      net: saved[targeted] - cost,
      expectedCustomersSaved: customersSaved,
      expectedMonthlyRevenueSaved: monthlySaved,
      rule:
        `Customers ranked by expected value saved (p x CLV x ${o.saveRate} - ${money(o.offerCost)}); the budget ` +
        `${money(o.budget)} buys ${o.offerCost > 0 ? count(affordable) : 'unlimited'} offers, and targeting stops at ` +
        `${count(bestK)} where the next offer would lose money: ${count(targeted)} customers targeted.`,
    },
    pareto: { customerShare: x.pareto.customerShare, revenueShare: x.pareto.revenueShare },
    probabilitySource: x.probabilityNote,
  };
}

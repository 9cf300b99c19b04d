/**
 * Automated insights: up to 8 plain sentences, most important first, each carrying the number
 * it states (value) and a kind the UI can key on. Built only from numbers already in the result.
 */
import type { BusinessOptions, CustomerFrame } from '../types';
import type { ChurnResult } from '../churn/types';
import type { Insight, Kpis, RevenueImpact, SurvivalCurve } from './types';
import type { Groups } from './groups';
import { count, money, money2, months, pct } from './format';

export interface InsightInputs {
  frame: CustomerFrame;
  kpis: Kpis;
  revenue: RevenueImpact | null;
  groups: Groups;
  churn: ChurnResult | null;
  curves: SurvivalCurve[];
  conditional: { from: number; to: number; probability: number }[];
  p: Float64Array | null;
}

/** The strongest churn driver: top importance of the best model, else the widest churn-rate spread across a column's levels. */
function driver(x: InsightInputs): Insight | null {
  const best = x.churn?.models.find((m) => m.name === x.churn?.best) ?? x.churn?.models[0];
  const top = best?.importance.slice().sort((a, b) => Math.abs(b.value) - Math.abs(a.value))[0];
  if (best && top)
    return { kind: 'driver', value: top.value, text: `The strongest churn driver is ${top.feature} (importance ${top.value.toFixed(3)} in the ${best.label} model).` };
  const y = x.frame.y;
  if (!y) return null;
  let out: Insight | null = null;
  for (const c of x.frame.categorical) {
    if (c.levels.length < 2 || c.levels.length > 12) continue;
    const s = new Float64Array(c.levels.length), d = new Float64Array(c.levels.length);
    for (let i = 0; i < y.length; i++) if (c.codes[i] >= 0) { s[c.codes[i]]++; d[c.codes[i]] += y[i] ? 1 : 0; }
    let lo = -1, hi = -1;
    for (let l = 0; l < s.length; l++) {
      if (s[l] < Math.max(10, 0.01 * y.length)) continue;
      if (lo < 0 || d[l] / s[l] < d[lo] / s[lo]) lo = l;
      if (hi < 0 || d[l] / s[l] > d[hi] / s[hi]) hi = l;
    }
    if (lo < 0 || lo === hi) continue;
    const spread = d[hi] / s[hi] - d[lo] / s[lo];
    if (!out || spread > out.value)
      out = { kind: 'driver', value: spread, text: `Churn varies most with ${c.name}: ${pct(d[hi] / s[hi])} for ${c.levels[hi]} versus ${pct(d[lo] / s[lo])} for ${c.levels[lo]} (a ${pct(spread)} spread).` };
  }
  return out;
}

/** Up to 8 insights; every sentence quotes its value. */
export function buildInsights(x: InsightInputs, o: BusinessOptions): Insight[] {
  const out: Insight[] = [];
  const { kpis, revenue, groups, frame } = x;
  if (revenue) {
    const totalMonthly = revenue.bySegment.reduce((a, s) => a + s.monthlyRevenue, 0);
    out.push({ kind: 'at-risk', value: revenue.atRiskMonthly, text: `${money(revenue.atRiskMonthly)} of monthly revenue (${money(revenue.atRiskAnnual)} a year) is at risk: ${pct(totalMonthly > 0 ? revenue.atRiskMonthly / totalMonthly : 0)} of all monthly revenue, weighting each customer's charge by their churn probability.` });
  }
  const d = driver(x);
  if (d) out.push(d);
  if (revenue && groups.names.length > 1) {
    const totalMonthly = revenue.bySegment.reduce((a, s) => a + s.monthlyRevenue, 0);
    const top = revenue.bySegment.slice().sort((a, b) => b.monthlyRevenue - a.monthlyRevenue)[0];
    const share = totalMonthly > 0 ? top.monthlyRevenue / totalMonthly : 0;
    out.push({ kind: 'largest-segment', value: share, text: `${top.segment} brings the most revenue: ${money(top.monthlyRevenue)} a month, ${pct(share)} of the total, from ${pct(top.customers / frame.n)} of customers.` });
    // cheapest revenue to save: offer dollars per dollar of monthly revenue kept, offering to the whole segment
    let bestSeg = '', bestCost = Infinity;
    for (const s of revenue.bySegment) {
      const keptPerOffer = s.customers > 0 ? (s.atRiskMonthly / s.customers) * o.saveRate : 0;
      const c = keptPerOffer > 0 ? o.offerCost / keptPerOffer : Infinity;
      if (c < bestCost) { bestCost = c; bestSeg = s.segment; }
    }
    if (Number.isFinite(bestCost))
      out.push({ kind: 'cheapest-save', value: bestCost, text: `Revenue is cheapest to save in ${bestSeg}: at ${money(o.offerCost)} per offer and a ${pct(o.saveRate, 0)} save rate, each $1 of monthly revenue kept costs ${money2(bestCost)} in offers.` });
  }
  if (revenue && revenue.bestTargetCount > 0)
    out.push({ kind: 'campaign', value: revenue.bestProfit, text: `Targeting the top ${count(revenue.bestTargetCount)} customers on the call list maximises expected profit at ${money(revenue.bestProfit)}; your ${money(o.budget)} budget reaches ${count(revenue.campaign.targeted)} of them for an expected net ${money(revenue.campaign.net)}.` });
  else if (revenue)
    out.push({ kind: 'campaign', value: 0, text: `At ${money(o.offerCost)} per offer and a ${pct(o.saveRate, 0)} save rate no customer's expected value saved covers the offer: a campaign would lose money.` });
  const clv = kpis.clv.value;
  if (clv !== null && clv > 0)
    out.push({ kind: 'clv-cac', value: clv / Math.max(o.cac, 1e-9), text: `A customer is worth ${money(clv)} over their expected remaining lifetime (margin ${pct(o.margin, 0)}, discounted at ${pct(o.discountRate, 0)} a year), ${o.cac > 0 ? `${(clv / o.cac).toFixed(1)}x the ${money(o.cac)} acquisition cost` : 'with no acquisition cost entered'}${kpis.clv.naive !== null ? `; the naive ARPU / churn-rate shortcut would say ${money(kpis.clv.naive)}` : ''}.` });
  const top20 = kpis.top20RevenueShare.value;
  if (top20 !== null)
    out.push({ kind: 'pareto', value: top20, text: `The top 20% of customers bring ${pct(top20)} of revenue, ${top20 >= 0.8 ? 'at or above' : 'below'} the 80/20 rule.` });
  const byCol = x.curves.filter((c) => c.by !== 'all' && c.by !== 'segment');
  if (byCol.length >= 2) {
    const worst = byCol.slice().sort((a, b) => (a.at.m12 ?? 1) - (b.at.m12 ?? 1))[0];
    const bestC = byCol.slice().sort((a, b) => (b.at.m24 ?? 0) - (a.at.m24 ?? 0))[0];
    if (worst.at.m12 !== null && bestC.at.m24 !== null)
      out.push({ kind: 'retention', value: worst.at.m12, text: `Only ${pct(worst.at.m12)} of ${worst.by} = ${worst.group} customers are still here after 12 months (median lifetime ${months(worst.medianLifetime)}), against ${pct(bestC.at.m24)} of ${bestC.group} customers after 24.` });
  } else {
    const base = x.curves.find((c) => c.by === 'all');
    if (base && base.at.m12 !== null)
      out.push({ kind: 'retention', value: base.at.m12, text: `${pct(base.at.m12)} of customers are still here 12 months after joining (Kaplan-Meier), median lifetime ${months(base.medianLifetime)}.` });
  }
  const cond = x.conditional.find((c) => c.from === 14 && c.to === 20) ?? x.conditional[0];
  if (cond)
    out.push({ kind: 'conditional', value: cond.probability, text: `Of customers already at ${cond.from} months, ${pct(cond.probability)} are still here at ${cond.to}.` });
  return out.slice(0, 8);
}

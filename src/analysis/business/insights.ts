/**
 * Automated insights: up to 9 plain sentences, most important first, each carrying the number
 * it states (value) and a kind the UI can key on. Built only from numbers already in the result.
 */
import type { BusinessOptions, CustomerFrame } from '../types';
import type { ChurnResult } from '../churn/types';
import type { Driver, Insight, Kpis, LostCustomers, Population, RevenueImpact, SurvivalCurve } from './types';
import type { CampaignPlan } from './campaign';
import type { Groups } from './groups';
import { paretoPopulation, type Pareto } from './pareto';
import { conditionalWords, halfLeftWords, spanWords } from './tenureWords';
import { customersIn, fmtInt as count, fmtMoneyText, fmtPct as pct } from '../format';

export interface InsightInputs {
  frame: CustomerFrame;
  kpis: Kpis;
  /** the top-20% curve: its basis and the customers it covers (pareto.ts) */
  pareto: Pareto;
  revenue: RevenueImpact | null;
  plan: CampaignPlan | null;
  population: Population;
  lost: LostCustomers | null;
  drivers: Driver[];
  groups: Groups;
  churn: ChurnResult | null;
  curves: SurvivalCurve[];
  conditional: { from: number; to: number; probability: number }[];
  /** tenure in whole years: retention sentences speak of years (tenureWords.ts) */
  years?: boolean;
  p: Float64Array | null;
}

/** The strongest churn driver: top importance of the best model, else the widest churn-rate spread across a column's levels. */
function driver(x: InsightInputs): Insight | null {
  const best = x.churn?.models.find((m) => m.name === x.churn?.best) ?? x.churn?.models[0];
  const top = best?.importance.slice().sort((a, b) => Math.abs(b.value) - Math.abs(a.value))[0];
  if (best && top)
    return { kind: 'driver', value: top.value, text: `The churn model leans most on ${top.feature} to tell customers who leave from those who stay (its unitless weight is under "For analysts" on the Churn tab).` };
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
      out = { kind: 'driver', value: spread, text: `Churn varies most with ${c.name}: ${pct(d[hi] / s[hi])} among ${customersIn(c.name, c.levels[hi])} versus ${pct(d[lo] / s[lo])} among ${customersIn(c.name, c.levels[lo])} (a ${pct(spread)} spread).` };
  }
  return out;
}

/** Up to 9 insights; every sentence quotes its value and names its population. */
export function buildInsights(x: InsightInputs, o: BusinessOptions): Insight[] {
  const money = (v: number) => fmtMoneyText(v, o.currency); // sentences (format/money.ts)
  const out: Insight[] = [];
  const { kpis, revenue, groups } = x;
  const pop = x.population.label;
  const among = `among the ${count(x.population.active)} active customers`;
  if (revenue) {
    const totalMonthly = revenue.bySegment.reduce((a, s) => a + s.monthlyRevenue, 0);
    out.push({ kind: 'at-risk', value: revenue.atRiskMonthly, text: `${money(revenue.atRiskMonthly)} of monthly revenue (${money(revenue.atRiskAnnual)} a year) is at risk ${among}: ${pct(totalMonthly > 0 ? revenue.atRiskMonthly / totalMonthly : 0)} of their monthly revenue, weighting each customer's charge by their churn probability.` });
  }
  if (x.lost) out.push({ kind: 'lost', value: x.lost.customers, text: x.lost.summary + (x.lost.differences[0] ? ` Largest difference: ${x.lost.differences[0].text}.` : '') });
  // the strongest driver with its direction, from the data; the model's unitless importance only when there is none
  const top = x.drivers[0];
  const d = top ? { kind: 'driver', value: top.spread, text: `Among all ${count(x.frame.n)} customers in the file, churn moves most with ${top.text}.` } : driver(x);
  if (d) out.push(d);
  if (revenue && groups.names.length > 1) {
    const totalMonthly = revenue.bySegment.reduce((a, s) => a + s.monthlyRevenue, 0);
    const top = revenue.bySegment.slice().sort((a, b) => b.monthlyRevenue - a.monthlyRevenue)[0];
    const share = totalMonthly > 0 ? top.monthlyRevenue / totalMonthly : 0;
    const nActive = Math.max(1, x.population.active);
    out.push({ kind: 'largest-segment', value: share, text: `${top.segment} brings the most revenue ${among}: ${money(top.monthlyRevenue)} a month, ${pct(share)} of their total, from ${pct(top.customers / nActive)} of them.` });
  }
  if (x.plan) {
    out.push({ kind: 'campaign', value: x.plan.campaign.profit, text: `The plan: ${x.plan.verdict}` });
    if (x.plan.money && x.plan.best.targeted > x.plan.campaign.targeted)
      out.push({ kind: 'what-if', value: x.plan.best.profit, text: `What-if, not the plan: with an unlimited budget, contacting the top ${count(x.plan.best.targeted)} ${pop} would maximise expected profit at ${money(x.plan.best.profit)} (cost ${money(x.plan.best.cost)}).` });
  }
  const clv = kpis.clv.value;
  if (clv !== null && clv > 0)
    out.push({ kind: 'clv-cac', value: clv / Math.max(o.cac, 1e-9), text: `A customer is worth ${money(clv)} over their expected remaining lifetime (margin ${pct(o.margin, 0)}, discounted at ${pct(o.discountRate, 0)} a year), ${o.cac > 0 ? `${(clv / o.cac).toFixed(1)}x the ${money(o.cac)} acquisition cost` : 'with no acquisition cost entered'}${kpis.clv.naive !== null ? `; the quick rule of thumb (monthly revenue ÷ churn rate) would say ${money(kpis.clv.naive)}, because it counts everyone who ever left as leaving within one month` : ''}.` });
  const top20 = kpis.top20RevenueShare.value;
  if (top20 !== null) {
    const { who, basis } = paretoPopulation(x.pareto);
    out.push({ kind: 'pareto', value: top20, text: `The top 20% of ${who} bring ${pct(top20)} of their ${basis}, ${top20 >= 0.8 ? 'at or above' : 'below'} the 80/20 rule.` });
  }
  const years = x.years === true;
  const byCol = x.curves.filter((c) => c.by !== 'all' && c.by !== 'segment');
  const worst = byCol.slice().sort((a, b) => (a.at.m12 ?? 1) - (b.at.m12 ?? 1))[0];
  // the best is another group that keeps more customers at 24 than the worst does at 12 (else "only" would mislead)
  const bestC = byCol.filter((c) => c !== worst).sort((a, b) => (b.at.m24 ?? 0) - (a.at.m24 ?? 0))[0];
  const base = x.curves.find((c) => c.by === 'all');
  if (worst && worst.at.m12 !== null && bestC && bestC.at.m24 !== null && bestC.at.m24 > worst.at.m12)
    out.push({ kind: 'retention', value: worst.at.m12, text: `Only ${pct(worst.at.m12)} of ${customersIn(worst.by, worst.group)} are still here after ${spanWords(12, years)}${worst.medianLifetime !== null ? ` (half have left ${halfLeftWords(worst.medianLifetime, years)})` : ''}, against ${pct(bestC.at.m24)} of ${customersIn(bestC.by, bestC.group)} after ${spanWords(24, years)}.` });
  else if (base && base.at.m12 !== null)
    out.push({ kind: 'retention', value: base.at.m12, text: `${pct(base.at.m12)} of customers are still here ${spanWords(12, years)} after joining${base.medianLifetime !== null ? `; half have left ${halfLeftWords(base.medianLifetime, years)}` : '; more than half are still customers at the end of the history'}.` });
  const cond = x.conditional.find((c) => c.from === 14 && c.to === 20) ?? x.conditional[0];
  if (cond) out.push({ kind: 'conditional', value: cond.probability, text: conditionalWords(cond, pct(cond.probability), years) });
  return out.slice(0, 9);
}

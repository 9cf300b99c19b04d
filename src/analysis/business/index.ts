/**
 * The business layer (issue 5): KPIs, retention curves, CLV, revenue at risk, the call list,
 * advice per segment and automated insights, from a CustomerFrame and the optional segmentation
 * and churn results. Synchronous and pure, cheap enough to re-run on every input change.
 */
import type { BusinessOptions, CustomerFrame, Warning } from '../types';
import type { SegmentationResult } from '../segment/types';
import type { ChurnResult } from '../churn/types';
import type { BusinessResult, RevenueImpact, Priority, Recommendation } from './types';
import { AnalysisError } from '../errors';
import { resolveOptions } from './options';
import { resolveGroups, resolveProbabilities, groupChurnRates } from './groups';
import { computeKpis } from './kpis';
import { buildSurvival } from './survival';
import { customerClv, customerHazards } from './clv';
import { curveClvKpis, survivalClv, type SurvivalCurves } from './survivalClv';
import { expectedValueSaved, revenueImpact } from './revenue';
import { planCampaign, rankForCampaign, type CampaignPlan } from './campaign';
import { activeMask, describePopulation, lostCustomers } from './population';
import { customerActions } from './customerActions';
import { churnDrivers } from './drivers';
import { rankCustomers } from './priorities';
import { segmentProfiles, shareMembership } from './profile';
import { recommend } from './recommend';
import { buildInsights } from './insights';
import { fmtPct as pct } from '../format';

export { DEFAULT_BUSINESS_OPTIONS, resolveOptions } from './options';
export { kaplanMeier, kaplanMeierGroups, survivalAt, medianLifetime, conditionalSurvival } from './kaplanMeier';
export { monthlyHazard, expectedLifetime, subscriptionClv, customerHazards, customerClv } from './clv';
export { rankCustomers, reasonsFor } from './priorities';
export { RULES } from './rules';
export { planCampaign, rankForCampaign, checkCampaignInputs } from './campaign';
export { flagMeaningFromName, activeMask } from './population';
export type * from './types';

function checkFrame(f: CustomerFrame): void {
  const arrays: [string, ArrayLike<number> | null][] = [
    ['y', f.y], ['tenure', f.tenure], ['monthly', f.monthly], ['total', f.total],
    ['recency', f.recency], ['frequency', f.frequency], ['monetary', f.monetary],
  ];
  for (const [name, a] of arrays)
    if (a && a.length !== f.n) throw new AnalysisError('bad-input', `business: frame.${name} length ${a.length} != n=${f.n}`);
  if (f.ids.length !== f.n) throw new AnalysisError('bad-input', `business: frame.ids length ${f.ids.length} != n=${f.n}`);
}

/**
 * runBusiness(frame, seg, churn, options, survivalBy, survival) -> BusinessResult.
 * options default to DEFAULT_BUSINESS_OPTIONS; survivalBy: categorical columns for retention
 * curves (default: a 'Contract'-like column, else the one with the widest churn-rate spread);
 * survival: the Cox model's curves per active customer, which then give the lifetime values.
 */
export function runBusiness(
  frame: CustomerFrame,
  seg: SegmentationResult | null,
  churn: ChurnResult | null,
  options?: Partial<BusinessOptions>,
  survivalBy?: string[],
  survival: SurvivalCurves | null = null,
): BusinessResult {
  const o = resolveOptions(options);
  checkFrame(frame);
  const warnings: Warning[] = [];
  const groups = resolveGroups(frame, seg);
  const probs = resolveProbabilities(frame, groups, churn);
  if (probs.source === 'segment-rate' || probs.source === 'base-rate')
    warnings.push({ code: 'business-no-churn-model', message: `Revenue at risk and the call list use observed churn rates: ${probs.note}.`, count: 1 });
  if (!frame.y) warnings.push({ code: 'business-no-target', message: 'No churn flag: churn rate, retention, hazard-based CLV and retention curves are not available.', count: 1 });
  if (!frame.monthly) warnings.push({ code: 'business-no-revenue', message: 'No monthly revenue column and no value per customer given: ARPU, CLV and revenue at risk are not available.', count: 1 });

  const active = activeMask(frame);
  const population = describePopulation(frame, active);
  const lost = lostCustomers(frame, active, 100, o.currency);
  const bundle = computeKpis(frame, o);
  const surv = buildSurvival(frame, groups, survivalBy, warnings);
  const churnRates = groupChurnRates(frame.y, groups);

  // per-customer remaining CLV: from each active customer's survival curve when the Cox model ran;
  // else the customer's relative risk scales the base hazard; else the base lifetime.
  // Customers who already left have no remaining value (NaN: shown as "left", never as $0).
  const n = frame.n;
  let clv: Float64Array = new Float64Array(n);
  const h = bundle.baseClv.hazard;
  if (frame.lifetimeClv && !frame.y) {
    // an RFM customer table without a churn flag: the lifetime models' discounted 12-month value (lifetime/index.ts)
    clv = Float64Array.from(frame.lifetimeClv, (v) => (Number.isFinite(v) ? v : 0));
    warnings.push({ code: 'clv-from-lifetime', count: n, message: "No churn flag: each customer's value at stake is the lifetime models' discounted value of their expected purchases in the next 12 months (as in the Lifetime tab)." });
  } else if (frame.monthly && survival && frame.kind === 'customers') {
    clv = survivalClv(n, frame.monthly, survival, o.margin, o.discountRate);
    Object.assign(bundle.kpis, curveClvKpis(clv, survival, bundle.kpis.clv, o));
  } else if (frame.monthly && h !== null && probs.p) {
    clv = customerClv(frame.monthly, customerHazards(probs.p, h), o.margin, o.discountRate);
  } else if (frame.monthly && bundle.baseClv.lifetimeMonths !== null) {
    const L = bundle.baseClv.lifetimeMonths;
    for (let i = 0; i < n; i++) clv[i] = o.margin * frame.monthly[i] * L;
  }
  for (let i = 0; i < n; i++) if (!active[i]) clv[i] = NaN;

  let revenue: RevenueImpact | null = null;
  let priorities: Priority[] = [];
  let recommendations: Recommendation[] = [];
  let plan: CampaignPlan | null = null;
  let callOrder: Int32Array = new Int32Array(0);
  let ev: Float64Array = new Float64Array(n).fill(NaN);
  const money = frame.monthly !== null;
  if (probs.p) {
    const p = probs.p;
    if (money) ev = expectedValueSaved(p, clv, o);
    const ranked = rankForCampaign(p, money ? clv : null, active);
    plan = planCampaign(ranked, o);
    callOrder = ranked.order;
    priorities = rankCustomers({
      ids: frame.ids, order: callOrder, p, clv, ev, labels: groups.labels, names: groups.names,
      reasons: churn?.reasons ?? null,
      fallbackReason: (i) => {
        const r = churnRates[groups.labels[i]];
        return r === null ? [] : [`${groups.names[groups.labels[i]]} churn rate ${pct(r)}`];
      },
    });
  }
  if (probs.p && plan) {
    const p = probs.p;
    if (frame.monthly) revenue = revenueImpact({ p, monthly: frame.monthly, active, plan, order: callOrder, groups, churnRates, pareto: bundle.pareto, probabilityNote: probs.note, population: population.label }, o);
    else warnings.push({ code: 'business-no-money', message: 'No monthly value per customer: the call list ranks active customers by churn risk, and money figures (revenue at risk, lifetime value, value saved) are not shown.', count: 1 });
    const profiles = segmentProfiles(frame, groups, p);
    recommendations = recommend({
      groups, profiles, baseChurn: bundle.kpis.churnRate.value, p, clv, ev, monthly: frame.monthly, active,
      membership: (id) => shareMembership(frame, id),
      campaign: callOrder.subarray(0, plan.campaign.targeted),
    }, o);
  } else {
    warnings.push({ code: 'business-no-revenue-at-risk', message: 'Revenue at risk, the call list and retention advice need churn probabilities.', count: 1 });
  }
  const drivers = churnDrivers(frame, 6, o.currency);
  const insights = buildInsights({ drivers, frame, kpis: bundle.kpis, pareto: bundle.pareto, revenue, plan, population, lost, groups, churn, curves: surv.curves, conditional: surv.conditional, years: surv.years, p: probs.p }, o);
  return {
    options: o,
    population,
    active,
    probability: probs.p,
    money,
    plan,
    callOrder,
    lost,
    customerActions: customerActions(churn?.reasons ?? null, n, new Set(frame.numeric.filter((f) => f.values.every((v) => v === 0 || v === 1)).map((f) => f.name))),
    kpis: bundle.kpis,
    survival: surv.curves,
    segmentSurvivalNote: seg && seg.features.some((f) => /(^|\()tenure\)?$/.test(f) || (frame.tenure !== null && f === 'tenure'))
      ? 'Segments are built on tenure, so retention by segment is partly circular: compare retention by another column below.'
      : null,
    conditionalRetention: surv.conditional,
    ...(surv.years ? { retentionInYears: true as const } : {}),
    revenue,
    priorities,
    recommendations,
    insights,
    drivers,
    clv,
    expectedValueSaved: ev,
    warnings,
  };
}

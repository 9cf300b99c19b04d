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
import { expectedValueSaved, rankByValue, revenueImpact } from './revenue';
import { rankCustomers } from './priorities';
import { segmentProfiles, shareMembership } from './profile';
import { recommend } from './recommend';
import { buildInsights } from './insights';
import { pct } from './format';

export { DEFAULT_BUSINESS_OPTIONS, resolveOptions } from './options';
export { kaplanMeier, kaplanMeierGroups, survivalAt, medianLifetime, conditionalSurvival } from './km';
export { monthlyHazard, expectedLifetime, subscriptionClv, customerHazards, customerClv } from './clv';
export { rankCustomers, prioritiesToCsv, reasonsFor } from './priorities';
export { RULES } from './rules';
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
 * runBusiness(frame, seg, churn, options, survivalBy) -> BusinessResult.
 * options default to DEFAULT_BUSINESS_OPTIONS; survivalBy: categorical columns for retention
 * curves (default: a 'Contract'-like column, else the one with the widest churn-rate spread).
 */
export function runBusiness(
  frame: CustomerFrame,
  seg: SegmentationResult | null,
  churn: ChurnResult | null,
  options?: Partial<BusinessOptions>,
  survivalBy?: string[],
): BusinessResult {
  const o = resolveOptions(options);
  checkFrame(frame);
  const warnings: Warning[] = [];
  const groups = resolveGroups(frame, seg);
  const probs = resolveProbabilities(frame, groups, churn);
  if (probs.source === 'segment-rate' || probs.source === 'base-rate')
    warnings.push({ code: 'business-no-churn-model', message: `Revenue at risk and the call list use observed churn rates: ${probs.note}.`, count: 1 });
  if (!frame.y) warnings.push({ code: 'business-no-target', message: 'No churn flag: churn rate, retention, hazard-based CLV and retention curves are not available.', count: 1 });
  if (!frame.monthly) warnings.push({ code: 'business-no-revenue', message: 'No monthly revenue column: ARPU, CLV and revenue at risk are not available.', count: 1 });

  const bundle = computeKpis(frame, o);
  const surv = buildSurvival(frame, groups, survivalBy, warnings);
  const churnRates = groupChurnRates(frame.y, groups);

  // per-customer CLV: the customer's relative risk scales the base hazard; else the base lifetime
  const n = frame.n;
  let clv: Float64Array = new Float64Array(n);
  const h = bundle.baseClv.hazard;
  if (frame.monthly && h !== null && probs.p) {
    clv = customerClv(frame.monthly, customerHazards(probs.p, h), o.margin, o.discountRate);
  } else if (frame.monthly && bundle.baseClv.lifetimeMonths !== null) {
    const L = bundle.baseClv.lifetimeMonths;
    for (let i = 0; i < n; i++) clv[i] = o.margin * frame.monthly[i] * L;
  }

  let revenue: RevenueImpact | null = null;
  let priorities: Priority[] = [];
  let recommendations: Recommendation[] = [];
  let ev: Float64Array = new Float64Array(n);
  if (probs.p && frame.monthly) {
    const p = probs.p;
    ev = expectedValueSaved(p, clv, o);
    const order = rankByValue(ev);
    revenue = revenueImpact({ p, monthly: frame.monthly, clv, ev, order, groups, churnRates, pareto: bundle.pareto, probabilityNote: probs.note }, o);
    priorities = rankCustomers({
      ids: frame.ids, order, p, clv, ev, labels: groups.labels, names: groups.names,
      reasons: churn?.reasons ?? null,
      fallbackReason: (i) => {
        const r = churnRates[groups.labels[i]];
        return r === null ? [] : [`${groups.names[groups.labels[i]]} churn rate ${pct(r)}`];
      },
    });
    const profiles = segmentProfiles(frame, groups, p);
    recommendations = recommend({
      groups, profiles, baseChurn: bundle.kpis.churnRate.value, p, clv, ev, monthly: frame.monthly,
      membership: (id) => shareMembership(frame, id),
      campaign: order.subarray(0, revenue.campaign.targeted),
    }, o);
  } else {
    warnings.push({ code: 'business-no-revenue-at-risk', message: 'Revenue at risk, the call list and retention advice need churn probabilities and monthly revenue.', count: 1 });
  }
  const insights = buildInsights({ frame, kpis: bundle.kpis, revenue, groups, churn, curves: surv.curves, conditional: surv.conditional, p: probs.p }, o);
  return {
    options: o,
    kpis: bundle.kpis,
    survival: surv.curves,
    conditionalRetention: surv.conditional,
    revenue,
    priorities,
    recommendations,
    insights,
    clv,
    expectedValueSaved: ev,
    warnings,
  };
}

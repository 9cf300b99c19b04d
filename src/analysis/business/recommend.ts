/**
 * Retention advice per segment: the first rule of rules.ts whose conditions the segment's profile
 * meets, with the numbers it rests on. The offer goes to the segment's customers in the rule's audience
 * (e.g. month-to-month) whose expected value saved (p x CLV x saveRate - offerCost) is positive, so cost, return and net move with
 * the offer cost and save rate, and the cost per kept customer is compared with the CAC.
 */
import type { BusinessOptions } from '../types';
import type { Recommendation } from './types';
import type { Groups } from './groups';
import type { Profile } from './profile';
import { RULES, SHARE_METRICS, type MetricId, type RetentionRule } from './rules';
import { count, money, pct } from './format';

/** The first rule whose conditions all hold (the last rule has none, so one always matches). */
export function matchRule(profile: Profile, rules: RetentionRule[] = RULES): RetentionRule {
  for (const r of rules) {
    const ok = r.when.every((c) => {
      const v = profile[c.metric];
      return v !== null && (c.op === '>=' ? v >= c.value : v <= c.value);
    });
    if (ok) return r;
  }
  return rules[rules.length - 1];
}

/** "48.0% churn", "82.0% month-to-month", "1.3x the average monthly charge"... */
export function describeMetric(id: MetricId, v: number, baseChurn: number | null): string {
  const share = SHARE_METRICS.find((m) => m.id === id);
  if (share) return `${pct(v, 0)} ${share.label}`;
  switch (id) {
    case 'churnRate': return `${pct(v, 1)} churn${baseChurn !== null ? ` (base ${pct(baseChurn, 1)})` : ''}`;
    case 'churnVsBase': return `${v.toFixed(1)}x the base churn rate`;
    case 'meanTenure': return `${v.toFixed(0)} months average tenure`;
    case 'monthlyVsBase': return `${v.toFixed(2)}x the average monthly charge`;
    case 'revenueShare': return `${pct(v, 0)} of monthly revenue`;
    case 'sizeShare': return `${pct(v, 0)} of customers`;
    default: return `${id} ${v}`;
  }
}

export interface RecommendInputs {
  groups: Groups;
  profiles: Profile[];
  baseChurn: number | null;
  p: Float64Array;
  clv: Float64Array;
  ev: Float64Array;
  monthly: ArrayLike<number>;
  /** per customer membership of a share metric's level (rule audiences); null = column absent */
  membership: (id: MetricId) => Uint8Array | null;
  /** customers in the budgeted campaign (indices), to say how many of them are in each segment */
  campaign: ArrayLike<number>;
}

/** One recommendation per segment, numbers included. */
export function recommend(x: RecommendInputs, o: BusinessOptions, rules: RetentionRule[] = RULES): Recommendation[] {
  const k = x.groups.names.length;
  const chosen = x.profiles.map((prof) => matchRule(prof, rules));
  const audience = chosen.map((r) => (r.audience ? x.membership(r.audience) : null));
  const size = new Float64Array(k), risk = new Float64Array(k), targeted = new Float64Array(k), inAudience = new Float64Array(k);
  const ret = new Float64Array(k), saves = new Float64Array(k), best = new Float64Array(k).fill(-Infinity);
  const inCampaign = new Float64Array(k);
  for (let j = 0; j < x.campaign.length; j++) inCampaign[x.groups.labels[x.campaign[j]]]++;
  for (let i = 0; i < x.p.length; i++) {
    const g = x.groups.labels[i];
    size[g]++;
    risk[g] += x.p[i] * x.monthly[i];
    const aud = audience[g];
    if (aud && !aud[i]) continue;
    inAudience[g]++;
    best[g] = Math.max(best[g], x.ev[i]);
    if (x.ev[i] > 0) {
      targeted[g]++;
      ret[g] += x.p[i] * x.clv[i] * o.saveRate;
      saves[g] += x.p[i] * o.saveRate;
    }
  }
  return x.groups.names.map((name, g) => {
    const prof = x.profiles[g];
    const rule = chosen[g];
    const cost = targeted[g] * o.offerCost;
    const net = ret[g] - cost;
    const costPerSave = saves[g] > 0 ? cost / saves[g] : 0;
    const facts = rule.mention
      .filter((m) => prof[m] !== null)
      .map((m) => describeMetric(m, prof[m] as number, x.baseChurn));
    const who = audience[g] ? `${SHARE_METRICS.find((m) => m.id === rule.audience)!.label} customers` : 'customers';
    let action = rule.action.replace(/\{segment\}/g, name);
    let rationale = `${name}: ${facts.join(', ')}; ${count(size[g])} customers, ${money(risk[g])} monthly revenue at risk.`;
    if (targeted[g] > 0) {
      rationale +=
        ` Offer it to the ${count(targeted[g])} ${who} here for whom churn probability x CLV x ${pct(o.saveRate, 0)} save rate` +
        ` exceeds the ${money(o.offerCost)} offer: cost ${money(cost)}, expected return ${money(ret[g])} of lifetime value,` +
        ` net ${money(net)}. Each kept customer costs ${money(costPerSave)}, ` +
        (costPerSave <= o.cac ? 'less' : 'more') + ` than the ${money(o.cac)} it costs to acquire a new one.` +
        ` Your ${money(o.budget)} budget reaches ${count(inCampaign[g])} customers of this segment on the call list.`;
    } else {
      action = `No paid offer in ${name} for now: ${action.charAt(0).toLowerCase()}${action.slice(1)} only if the offer gets cheaper or works better`;
      rationale +=
        ` At ${money(o.offerCost)} per offer and a ${pct(o.saveRate, 0)} save rate no ${who.replace(/ customers$/, '')} customer here pays back` +
        (Number.isFinite(best[g]) ? ` (best expected value saved ${money(best[g])})` : '') +
        `; replacing a lost customer costs ${money(o.cac)} (CAC).`;
    }
    const numbers: Record<string, number> = {
      customers: size[g],
      revenueAtRiskMonthly: risk[g],
      audience: inAudience[g],
      targeted: targeted[g],
      cost,
      expectedReturn: ret[g],
      net,
      expectedCustomersSaved: saves[g],
      costPerSave,
      inBudgetCampaign: inCampaign[g],
      offerCost: o.offerCost,
      saveRate: o.saveRate,
      budget: o.budget,
      cac: o.cac,
    };
    for (const [m, v] of Object.entries(prof)) if (v !== null) numbers[m] = v;
    return { segment: name, rule: rule.id, action, rationale, customers: size[g], targeted: targeted[g], cost, expectedReturn: ret[g], net, numbers };
  });
}

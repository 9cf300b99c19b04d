/**
 * Retention advice per segment: the first rule of rules.ts whose conditions the segment's profile
 * meets, with the numbers it rests on. The offers are the plan's (campaign.ts): the segment's active customers
 * on the call list, so the segments' costs add up to the plan's cost within the budget and no segment is told
 * to spend while another sentence says not to. A segment whose offers cost more than they keep is not recommended.
 * Without a value per customer (a bank table with no revenue column) the advice and the call list still stand, with
 * the customers expected to leave and to be kept instead of money, and the payback said to be unknown (valueKnown false).
 */
import type { BusinessOptions } from '../types';
import type { Recommendation } from './types';
import type { Groups } from './groups';
import type { Profile } from './profile';
import { RULES, SHARE_METRICS, type MetricId, type RetentionRule } from './rules';
import { fmtInt as count, fmtMoneyText, fmtPct as pct, fmtValue } from '../format';

/** How a number behind a piece of advice reads: a count, money, a share (0..1), a ratio ("1.7x"), months, or a plain number. */
export type RecommendationUnit = 'count' | 'money' | 'share' | 'times' | 'months' | 'number';

/** Whom a number counts: the plan's active customers, your settings, or the segment's profile (all its customers). */
export type RecommendationGroup = 'plan' | 'settings' | 'profile';

/** The groups' headings, in the order the page shows them; each names its population once for its numbers. */
export const RECOMMENDATION_GROUPS: readonly { id: RecommendationGroup; heading: string }[] = [
  { id: 'plan', heading: 'The plan in this segment (active customers)' },
  { id: 'profile', heading: 'The segment (all its customers, including those who left)' },
  { id: 'settings', heading: 'Your settings' },
];

type NumberInfo = { label: string; unit: RecommendationUnit; group: RecommendationGroup };
const plan = (label: string, unit: RecommendationUnit): NumberInfo => ({ label, unit, group: 'plan' });
const profile = (label: string, unit: RecommendationUnit): NumberInfo => ({ label, unit, group: 'profile' });
const setting = (label: string, unit: RecommendationUnit): NumberInfo => ({ label, unit, group: 'settings' });

/** Every key of a recommendation's `numbers` (recommend() below, the profile's metrics of profile.ts) as the page names it, with
 *  its unit and group (whom it counts): "The numbers behind this" shows these labels, never the keys (recommend.test: every key has one). */
export const RECOMMENDATION_NUMBERS: ReadonlyMap<string, NumberInfo> = new Map([
  ['activeCustomers', plan('Active customers in the segment', 'count')],
  ['revenueAtRiskMonthly', plan('Monthly revenue at risk', 'money')],
  ['audience', plan('Customers the advice is for', 'count')],
  ['onCallList', plan('On the call list', 'count')],
  ['audienceOnCallList', plan('On the call list and the advice is for them', 'count')],
  ['cost', plan('Cost of the offers', 'money')],
  ['expectedReturn', plan('Expected lifetime value kept', 'money')],
  ['net', plan('Net: value kept minus cost', 'money')],
  ['expectedCustomersSaved', plan('Customers the offers are expected to keep', 'number')],
  ['expectedLeavers', plan('Customers expected to leave (sum of churn risks)', 'number')],
  ['costPerSave', plan('Offer cost per customer kept', 'money')],
  ['valuePerSave', plan('Lifetime value of each customer kept', 'money')],
  ['offerCost', setting('Cost of one offer', 'money')],
  ['saveRate', setting('Share of contacted customers an offer keeps', 'share')],
  ['budget', setting('Budget', 'money')],
  ['cac', setting('Cost of winning a new customer', 'money')],
  ['churnRate', profile('Churn rate', 'share')],
  ['churnVsBase', profile('Churn rate compared with all customers', 'times')],
  ['meanTenure', profile('Average tenure', 'months')],
  ['monthlyVsBase', profile('Monthly charge compared with the average customer', 'times')],
  ['revenueShare', profile("Share of all customers' monthly revenue", 'share')],
  ['sizeShare', profile('Share of all customers', 'share')],
  ...SHARE_METRICS.map((m) => [m.id, profile(`Share ${m.label}`, 'share')] as const),
]);

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

/** "48.0% churn", "82% on month-to-month contracts", "1.3x the average monthly charge"... */
export function describeMetric(id: MetricId, v: number, baseChurn: number | null): string {
  const share = SHARE_METRICS.find((m) => m.id === id);
  if (share) return `${pct(v, 0)} ${share.label}`;
  switch (id) {
    case 'churnRate': return `${pct(v, 1)} churn${baseChurn !== null ? ` (vs ${pct(baseChurn, 1)} overall)` : ''}`;
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
  /** null: no value per customer (no revenue column): counts instead of money, payback unknown */
  monthly: ArrayLike<number> | null;
  /** per customer 1 = still active (absent = everyone) */
  active?: Uint8Array;
  /** per customer membership of a share metric's level (rule audiences); null = column absent */
  membership: (id: MetricId) => Uint8Array | null;
  /** the plan's customers (indices; campaign.ts): every segment's offers come from this one list */
  campaign: ArrayLike<number>;
}

/** Rules whose advice is to spend little: a segment of theirs with nobody on the call list is
 *  doing what the advice says, so the advice stands as written (no "no paid offer for now"). */
const HOLDS_BACK = new Set(['loyal-value', 'low-touch']);
/** An action as the rest of a sentence: "Offer ..." -> "offer ...". */
const lower = (action: string) => action.charAt(0).toLowerCase() + action.slice(1);
/** An expected number of customers in words: whole from 1 up ("about 32"), else as it is ("about 0.42"). */
const about = (v: number) => (v >= 1 ? count(Math.round(v)) : fmtValue(v));

/** A recommendation card's corner: its net, 'not recommended' when its offers cost more than they
 *  keep, 'no offers' (not a warning) when nobody in the segment is on the call list. */
export function recommendationBadge(r: Pick<Recommendation, 'targeted' | 'recommended' | 'net' | 'valueKnown'>, money: (v: number) => string): { text: string; warn: boolean } {
  if (r.valueKnown === false) return { text: r.targeted === 0 ? 'no offers' : `${count(r.targeted)} ${r.targeted === 1 ? 'offer' : 'offers'} · payback unknown`, warn: false };
  if (r.targeted === 0) return { text: `no offers · net ${money(r.net)}`, warn: false };
  if (r.recommended === false) return { text: `not recommended · net ${money(r.net)}`, warn: true };
  return { text: `net ${money(r.net)}`, warn: r.net < 0 };
}

/** One recommendation per segment; the segments' offers are the plan's customers, so their costs sum to the plan's cost (<= budget). */
export function recommend(x: RecommendInputs, o: BusinessOptions, rules: RetentionRule[] = RULES): Recommendation[] {
  const money = (v: number) => fmtMoneyText(v, o.currency); // sentences (format/money.ts)
  const monthly = x.monthly;
  const k = x.groups.names.length;
  const chosen = x.profiles.map((prof) => matchRule(prof, rules));
  const audience = chosen.map((r) => (r.audience ? x.membership(r.audience) : null));
  const size = new Float64Array(k), risk = new Float64Array(k), inAudience = new Float64Array(k), best = new Float64Array(k).fill(-Infinity);
  const targeted = new Float64Array(k), audTargeted = new Float64Array(k), ret = new Float64Array(k), saves = new Float64Array(k);
  for (let i = 0; i < x.p.length; i++) {
    if (x.active && !x.active[i]) continue;
    const g = x.groups.labels[i];
    size[g]++;
    risk[g] += monthly ? x.p[i] * monthly[i] : x.p[i]; // money at risk, or customers expected to leave
    const aud = audience[g];
    if (aud && !aud[i]) continue;
    inAudience[g]++;
    best[g] = Math.max(best[g], x.ev[i]);
  }
  for (let j = 0; j < x.campaign.length; j++) {
    const i = x.campaign[j];
    const g = x.groups.labels[i];
    targeted[g]++;
    if (!audience[g] || audience[g]![i]) audTargeted[g]++;
    ret[g] += x.p[i] * x.clv[i] * o.saveRate;
    saves[g] += x.p[i] * o.saveRate;
  }
  return x.groups.names.map((name, g) => {
    const prof = x.profiles[g];
    const rule = chosen[g];
    const cost = targeted[g] * o.offerCost;
    const net = ret[g] - cost;
    const costPerSave = saves[g] > 0 ? cost / saves[g] : 0;
    const valuePerSave = saves[g] > 0 ? ret[g] / saves[g] : 0;
    // without a value per customer the plan's call list stands (payback unknown), as the plan says
    const recommended = targeted[g] > 0 && (!monthly || (net > 0 && costPerSave <= valuePerSave));
    const facts = rule.mention
      .filter((m) => prof[m] !== null)
      .map((m) => describeMetric(m, prof[m] as number, x.baseChurn));
    const audLabel = audience[g] ? SHARE_METRICS.find((m) => m.id === rule.audience)!.label : null;
    // without a value per customer the call list ranks by churn risk (campaign.ts rankForCampaign): the action says so
    let action = rule.action.replace(/\{segment\}/g, name);
    if (!monthly) action = action.replace('highest expected value saved', 'highest churn risk');
    let rationale = `${name}: ${facts.join(', ')}; ${count(size[g])} active customers, ${monthly ? `${money(risk[g])} monthly revenue at risk` : `about ${about(risk[g])} of them expected to leave`}.`;
    if (targeted[g] > 0 && !monthly) {
      rationale +=
        ` ${count(targeted[g])} of them are on the call list your ${money(o.budget)} budget pays for` +
        (audLabel ? `, ${count(audTargeted[g])} of these ${audLabel}` : '') +
        `: cost ${money(cost)}, about ${about(saves[g])} kept at a ${pct(o.saveRate, 0)} save rate. Payback unknown: the file has no revenue column to value a kept customer.`;
    } else if (targeted[g] > 0) {
      rationale +=
        ` ${count(targeted[g])} of them are on the call list your ${money(o.budget)} budget pays for` +
        (audLabel ? `, ${count(audTargeted[g])} of these ${audLabel}` : '') +
        `: cost ${money(cost)}, expected return ${money(ret[g])} of lifetime value, net ${money(net)}.` +
        ` Each kept customer costs ${money(costPerSave)} in offers and is worth ${money(valuePerSave)}` +
        (o.cac > 0 ? `; acquiring a new one costs ${money(o.cac)}.` : '.');
      if (!recommended) {
        action = `Not recommended in ${name} at these terms: the offers cost more than they keep. If the offer gets cheaper or works better: ${lower(action)}`;
        rationale += ` The offers here cost more than the value they are expected to keep.`;
      }
    } else if (!HOLDS_BACK.has(rule.id)) {
      action = `No paid offer in ${name} for now: none of its customers is on the call list this budget pays for. If the offer gets cheaper, works better or the budget grows: ${lower(action)}`;
    }
    if (targeted[g] === 0 && !monthly) {
      rationale += ` None of its active customers is on the call list: the budget reaches customers at higher churn risk first.`;
    } else if (targeted[g] === 0) {
      rationale +=
        ` None of its active customers is on the call list: at ${money(o.offerCost)} per offer and a ${pct(o.saveRate, 0)} save rate, within a ${money(o.budget)} budget,` +
        (Number.isFinite(best[g]) ? ` the best expected value saved here is ${money(best[g])}` : ' no customer here qualifies') +
        `; replacing a lost customer costs ${money(o.cac)} (CAC).`;
    }
    const numbers: Record<string, number> = {
      activeCustomers: size[g],
      revenueAtRiskMonthly: risk[g],
      audience: inAudience[g],
      onCallList: targeted[g],
      audienceOnCallList: audTargeted[g],
      cost,
      expectedReturn: ret[g],
      net,
      expectedCustomersSaved: saves[g],
      costPerSave,
      valuePerSave,
      offerCost: o.offerCost,
      saveRate: o.saveRate,
      budget: o.budget,
      cac: o.cac,
    };
    if (!monthly) {
      for (const m of ['revenueAtRiskMonthly', 'expectedReturn', 'net', 'valuePerSave']) delete numbers[m];
      numbers.expectedLeavers = risk[g];
    }
    for (const [m, v] of Object.entries(prof)) if (v !== null) numbers[m] = v;
    return { segment: name, rule: rule.id, recommended, action, rationale, customers: size[g], targeted: targeted[g], cost, expectedReturn: ret[g], net, numbers, ...(monthly ? {} : { valueKnown: false as const }) };
  });
}

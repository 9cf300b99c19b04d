/**
 * Retention advice as data: each rule is a list of conditions on a segment's profile and the
 * action to take when all hold. The first matching rule (in this order) gives a segment its
 * advice; the last rule has no conditions, so every segment gets one. The numbers behind the
 * advice (customers, cost, expected return, net) are computed in recommend.ts, never written here.
 */

/** Segment profile metrics a rule can test; null (column absent) makes a condition false. */
export type MetricId =
  | 'churnRate'
  | 'churnVsBase'
  | 'meanTenure'
  | 'monthlyVsBase'
  | 'revenueShare'
  | 'sizeShare'
  | 'shareMonthToMonth'
  | 'shareElectronicCheck'
  | 'shareFiber'
  | 'shareNoTechSupport'
  | 'shareLongContract';

/** Share metrics: share of the segment whose column (matched by name) has a matching level. */
export const SHARE_METRICS: { id: MetricId; column: RegExp; level: RegExp; label: string }[] = [
  { id: 'shareMonthToMonth', column: /contract/i, level: /month.?to.?month|monthly/i, label: 'on month-to-month contracts' },
  { id: 'shareLongContract', column: /contract/i, level: /one year|two year|1 year|2 year|annual/i, label: 'on 1- or 2-year contracts' },
  { id: 'shareElectronicCheck', column: /payment/i, level: /electronic/i, label: 'paying by electronic check' },
  { id: 'shareFiber', column: /internet/i, level: /fib/i, label: 'on fiber internet' },
  { id: 'shareNoTechSupport', column: /tech.?support/i, level: /^no$/i, label: 'without tech support' },
];

export interface RuleCondition {
  metric: MetricId;
  op: '>=' | '<=';
  value: number;
}

export interface RetentionRule {
  id: string;
  when: RuleCondition[];
  /** what to offer, to whom; {segment} is replaced by the segment name */
  action: string;
  /** profile metrics quoted in the rationale, in this order */
  mention: MetricId[];
  /** who in the segment gets the offer: customers of this share metric's level (e.g. month-to-month);
   *  absent = everyone in the segment. Either way only customers whose expected value saved is positive. */
  audience?: MetricId;
}

export const RULES: RetentionRule[] = [
  {
    id: 'contract-upgrade',
    when: [{ metric: 'churnRate', op: '>=', value: 0.3 }, { metric: 'shareMonthToMonth', op: '>=', value: 0.6 }],
    action: 'Offer the month-to-month customers in {segment} a discounted 12-month contract (e.g. one month free)',
    mention: ['churnRate', 'shareMonthToMonth', 'shareElectronicCheck'],
    audience: 'shareMonthToMonth',
  },
  {
    id: 'autopay',
    when: [{ metric: 'churnVsBase', op: '>=', value: 1.2 }, { metric: 'shareElectronicCheck', op: '>=', value: 0.45 }],
    action: 'Move electronic-check payers in {segment} to automatic card or bank payment with a one-off bill credit',
    mention: ['churnRate', 'shareElectronicCheck', 'shareMonthToMonth'],
    audience: 'shareElectronicCheck',
  },
  {
    id: 'onboarding',
    when: [{ metric: 'meanTenure', op: '<=', value: 12 }, { metric: 'churnVsBase', op: '>=', value: 1 }],
    action: 'Run a first-year onboarding programme for {segment}: welcome call, setup help, check-in at months 1, 3 and 6',
    mention: ['churnRate', 'meanTenure', 'shareMonthToMonth'],
  },
  {
    // a telecom-style file (a tech support column): bundle the add-on it sells
    id: 'price-bundle',
    when: [{ metric: 'monthlyVsBase', op: '>=', value: 1.15 }, { metric: 'churnVsBase', op: '>=', value: 1.2 }, { metric: 'shareNoTechSupport', op: '>=', value: 0 }],
    action: 'Review price versus value for {segment}: bundle tech support or security free for 3 months instead of a price cut',
    mention: ['churnRate', 'monthlyVsBase', 'shareFiber', 'shareNoTechSupport'],
  },
  {
    // any other file (a bank, a shop, a subscription): no add-on named that the business may not sell
    id: 'price-value',
    when: [{ metric: 'monthlyVsBase', op: '>=', value: 1.15 }, { metric: 'churnVsBase', op: '>=', value: 1.2 }],
    action: 'Review price versus value for {segment}: add a benefit they use for 3 months (a fee waived, a better rate, a service included) instead of a price cut',
    mention: ['churnRate', 'monthlyVsBase', 'meanTenure'],
  },
  {
    id: 'support-bundle',
    when: [{ metric: 'shareNoTechSupport', op: '>=', value: 0.6 }, { metric: 'churnVsBase', op: '>=', value: 1.2 }],
    action: 'Add free tech support for 3 months to at-risk customers in {segment}',
    mention: ['churnRate', 'shareNoTechSupport'],
    audience: 'shareNoTechSupport',
  },
  {
    id: 'loyal-value',
    when: [{ metric: 'monthlyVsBase', op: '>=', value: 1.1 }, { metric: 'churnVsBase', op: '<=', value: 0.7 }],
    action: 'Protect {segment} with loyalty perks and upgrades, not discounts; offer only to those the call list flags',
    mention: ['churnRate', 'monthlyVsBase', 'meanTenure', 'shareLongContract'],
  },
  {
    id: 'low-touch',
    when: [{ metric: 'churnVsBase', op: '<=', value: 0.6 }],
    action: 'Keep {segment} low-touch: no broad retention spend; offer only to those the call list flags',
    mention: ['churnRate', 'meanTenure', 'shareLongContract'],
  },
  {
    id: 'targeted',
    when: [],
    action: 'Make a targeted retention offer in {segment} to the customers with the highest expected value saved',
    mention: ['churnRate', 'meanTenure', 'monthlyVsBase'],
  },
];

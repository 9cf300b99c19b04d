/** Result contract of the business layer (issue 5). Plain data only. */
import type { BusinessOptions, FlagMeaning } from '../types';
import type { CampaignPlan } from './campaign';

export interface Kpi {
  value: number | null;
  /** formula in words shown to the user */
  formula: string;
}

export interface Kpis {
  churnRate: Kpi;
  retentionRate: Kpi;
  arpu: Kpi;
  clv: {
    value: number | null;
    method: string;
    naive: number | null;
    formula: string;
    /** ARPU / monthly hazard: undiscounted, before margin (the like-for-like of the naive figure) */
    hazardGross: number | null;
    /** expected remaining months used (discounted) */
    lifetimeMonths: number | null;
    /** which method gave the value: each active customer's survival curve (issue 15) or one average hazard */
    basis?: 'survival-curves' | 'average-hazard';
    /** the method in a few words, for the KPI's note */
    basisText?: string;
    /** whom the value counts */
    population?: string;
    /** sum over that population (survival curves only) */
    total?: number;
  };
  purchaseFrequency: Kpi;
  cacToClv: Kpi;
  top20RevenueShare: Kpi;
  /** churn events / customer-months of tenure */
  monthlyHazard: Kpi;
  /** what period the churn/retention rates cover, in words */
  period: string;
}

export interface SurvivalCurve {
  group: string;
  /** by: 'all' | 'segment' | column name */
  by: string;
  times: number[];
  survival: number[];
  atRisk: number[];
  medianLifetime: number | null;
  /** null past the longest observed tenure (not enough history) */
  at: { m6: number | null; m12: number | null; m24: number | null };
  n: number;
  /** the longest observed tenure: the curve says nothing beyond it */
  observedUntil?: number;
}

export interface ProfitPoint {
  targeted: number;
  cost: number;
  saved: number;
  profit: number;
}

export interface RevenueImpact {
  atRiskMonthly: number;
  atRiskAnnual: number;
  bySegment: { segment: string; atRiskMonthly: number; customers: number; monthlyRevenue: number; churnRate: number | null }[];
  profitCurve: ProfitPoint[];
  bestTargetCount: number;
  bestProfit: number;
  /** with the user's budget: customers affordable, expected saved revenue, net */
  campaign: {
    targeted: number;
    cost: number;
    expectedSaved: number;
    net: number;
    /** expected customers kept: sum of p x save rate over the targeted */
    expectedCustomersSaved: number;
    /** expected monthly revenue kept: sum of p x monthly x save rate */
    expectedMonthlyRevenueSaved: number;
    /** how the campaign was chosen, in words */
    rule: string;
  };
  /** where the churn probabilities come from, in words */
  probabilitySource: string;
  /** Pareto curve: cumulative share of revenue by cumulative share of customers */
  pareto: import('./pareto').Pareto;
  /** whom at-risk figures count, e.g. "of 5,174 active customers" */
  population: string;
}

export interface Priority {
  index: number;
  id: string;
  segment: string;
  churnProbability: number;
  clv: number;
  expectedValueSaved: number;
  reasons: string[];
}

export interface Recommendation {
  segment: string;
  /** id of the rule in business/rules.ts that produced the advice */
  rule: string;
  /** the segment's customers on the plan's call list (the offers sent) */
  targeted: number;
  /** false when the segment gets no offer or its offers cost more than they keep */
  recommended: boolean;
  action: string;
  rationale: string;
  customers: number;
  cost: number;
  expectedReturn: number;
  net: number;
  /** the numbers the advice rests on */
  numbers: Record<string, number>;
  /** false: no value per customer (no revenue column): expectedReturn and net are not known (shown as unknown);
   *  absent: known (older saves too) */
  valueKnown?: false;
}

/** A churn driver with direction, in words (business/drivers.ts). */
export interface Driver {
  column: string;
  kind: 'categorical' | 'numeric';
  /** churn rate of the riskier level / fifth, and of the safer one */
  high: number;
  low: number;
  spread: number;
  highLabel: string;
  lowLabel: string;
  text: string;
}

export interface Insight {
  text: string;
  value: number;
  kind: string;
}

/** Who the forward-looking numbers cover (business/population.ts). */
export interface Population {
  /** null when the table has no churn flag */
  flagMeaning: FlagMeaning | null;
  /** true when the meaning was guessed from the column name, not chosen by the user */
  flagMeaningGuessed: boolean;
  customers: number;
  active: number;
  lost: number;
  /** "of 5,174 active customers": the population every forward-looking number names */
  label: string;
  /** what the flag means and what that implies, in words */
  note: string;
}

/** Customers who already left, reported apart from the active ones. */
export interface LostCustomers {
  customers: number;
  /** share of all customers in the file */
  share: number;
  /** monthly revenue that left with them; null without a revenue column */
  monthlyRevenue: number | null;
  summary: string;
  /** how they differ from active customers, largest difference first */
  differences: { feature: string; lost: number; active: number; kind: 'mean' | 'share'; effect: number; text: string }[];
  /** win-back list: indices of lost customers, highest monthly revenue first (at most 100) */
  winBack: number[];
}

export interface BusinessResult {
  options: BusinessOptions;
  population: Population;
  /** per customer: 1 = still active (forward-looking numbers cover only these) */
  active: Uint8Array;
  /** per customer: the churn probability every business figure used (model, else observed rate); null when none */
  probability: Float64Array | null;
  /** whether money figures exist (a revenue column or the user's value per customer) */
  money: boolean;
  /** the one plan within the budget: call list, simulator defaults, recommendations and insights use it */
  plan: CampaignPlan | null;
  /** active customers in call order (plan.campaign.targeted first ones are the call list) */
  callOrder: Int32Array;
  lost: LostCustomers | null;
  /** a suggested action per customer from their own top reasons (customerActions.ts); null without reasons */
  customerActions: import('./customerActions').CustomerActions | null;
  kpis: Kpis;
  survival: SurvivalCurve[];
  /** set when segments are defined by tenure: retention by segment then compares tenure with itself */
  segmentSurvivalNote: string | null;
  /** "of customers already at 14 months, X% are still here at 20" (months; whole years when retentionInYears) */
  conditionalRetention: { from: number; to: number; probability: number }[];
  /** tenure counts whole years (a bank's Tenure 0..10): curves, marks and sentences read in years (tenureWords.ts); absent = months */
  retentionInYears?: true;
  revenue: RevenueImpact | null;
  /** top 100 by expected value saved */
  priorities: Priority[];
  recommendations: Recommendation[];
  insights: Insight[];
  /** churn drivers with direction, observed over all customers in the file, strongest first */
  drivers: Driver[];
  /** per customer: remaining CLV and expected value saved (NaN for customers who already left) */
  clv: Float64Array;
  expectedValueSaved: Float64Array;
  warnings: import('../types').Warning[];
}

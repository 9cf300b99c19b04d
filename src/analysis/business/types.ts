/** Result contract of the business layer (issue 5). Plain data only. */
import type { BusinessOptions } from '../types';

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
  at: { m6: number | null; m12: number | null; m24: number | null };
  n: number;
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
  pareto: { customerShare: number[]; revenueShare: number[] };
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
  /** customers in the segment the offer goes to (expected value saved > 0) */
  targeted: number;
  action: string;
  rationale: string;
  customers: number;
  cost: number;
  expectedReturn: number;
  net: number;
  /** the numbers the advice rests on */
  numbers: Record<string, number>;
}

export interface Insight {
  text: string;
  value: number;
  kind: string;
}

export interface BusinessResult {
  options: BusinessOptions;
  kpis: Kpis;
  survival: SurvivalCurve[];
  /** "of customers already at 14 months, X% are still here at 20" */
  conditionalRetention: { from: number; to: number; probability: number }[];
  revenue: RevenueImpact | null;
  /** top 100 by expected value saved */
  priorities: Priority[];
  recommendations: Recommendation[];
  insights: Insight[];
  /** per customer: CLV and expected value saved */
  clv: Float64Array;
  expectedValueSaved: Float64Array;
  warnings: import('../types').Warning[];
}

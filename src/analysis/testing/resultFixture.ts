/** Test-only: a small hand-made AnalysisResult for the charts, report, store and e2e tests (not shipped). */
import type { AnalysisResult } from '../result';
import { planCampaign, rankForCampaign } from '../business/campaign';

export function fixtureResult(): AnalysisResult {
  const ids = ['C1', '=HYPERLINK("x")', 'C3', '<script>alert(1)</script>', 'C5', 'C6'];
  const n = ids.length;
  const active = Uint8Array.from([1, 0, 1, 1, 1, 0]);
  const probability = Float64Array.from([0.1, 0.8, 0.05, 0.6, 0.2, 0.9]);
  const ranked = rankForCampaign(probability, Float64Array.from([3000, NaN, 2500, 900, 2800, NaN]), active);
  const profile = (m: number) => ({ means: { tenure: m, MonthlyCharges: 50 + m }, baseMeans: { tenure: 20, MonthlyCharges: 70 }, topDifferences: [] });
  return {
    type: 'retention-studio/analysis', version: 1, createdAt: '2024-03-01T10:00:00.000Z', fileName: 'telco <test>.csv',
    rows: n, inputRows: n, kind: 'customers', roles: { id: 'customerID', target: 'Churn' }, columns: [],
    warnings: [{ code: 'blank-cells', message: '2 blank TotalCharges imputed', count: 2, column: 'TotalCharges' }],
    backend: 'typescript+wasm', timingsMs: { parse: 12, segment: 340 }, options: { seed: 42 }, ids, currency: 'USD',
    segmentation: {
      k: 2, silhouette: 0.31, features: ['tenure', 'MonthlyCharges'],
      kSweep: [
        { k: 2, inertia: 100, silhouette: 0.31, daviesBouldin: 1.1 },
        { k: 3, inertia: 70, silhouette: 0.28, daviesBouldin: 1.2 },
        { k: 4, inertia: 60, silhouette: 0.22, daviesBouldin: 1.4 },
      ],
      segments: [
        { id: 0, name: 'Loyal <b>Big</b>', description: 'long tenure', size: 3, share: 0.5, revenueShare: 0.6, churnRate: 0, profile: profile(40) },
        { id: 1, name: 'New & risky', description: 'short tenure', size: 3, share: 0.5, revenueShare: 0.4, churnRate: 2 / 3, profile: profile(5) },
      ],
      outliers: 1, dbscan: { eps: 0.5, minPts: 5, method: 'k-distance' }, silhouetteSample: null, method: 'silhouette', elbowK: 3,
      labels: Int32Array.from([0, 1, 0, 1, 0, 1]), outlier: Uint8Array.from([0, 0, 0, 0, 0, 1]),
      pca: { x: Float32Array.from([1, -1, 2, -2, 1.5, -3]), y: Float32Array.from([0, 1, 0, 1, 0, 2]), index: Int32Array.from([0, 1, 2, 3, 4, 5]), explained: [0.5, 0.2] },
      warnings: [],
    },
    churn: {
      target: 'Churn', positiveRate: 2 / 6, folds: 5,
      models: [
        {
          name: 'logistic', label: 'Logistic regression', cvRocAuc: { mean: 0.84, sd: 0.01, folds: [0.84] }, prAuc: 0.65, precision: 0.6, recall: 0.7,
          f1: 0.65, accuracy: 0.8, brier: 0.13, logLoss: 0.41, topDecileLift: 2.9, threshold: 0.5,
          importance: [{ feature: 'tenure', value: 0.5 }, { feature: 'Contract=Month-to-month', value: 0.8 }],
          roc: [{ x: 0, y: 0 }, { x: 0.2, y: 0.7 }, { x: 1, y: 1 }], pr: [{ x: 0, y: 1 }, { x: 1, y: 0.33 }], fitMs: 120,
        },
      ],
      best: 'logistic', calibration: [{ predicted: 0.1, observed: 0.05, count: 3 }, { predicted: 0.7, observed: 0.66, count: 3 }],
      oddsRatios: [], probability: Float64Array.from([0.1, 0.8, 0.05, 0.6, 0.2, 0.9]), oof: Float64Array.from([0.12, 0.75, 0.1, 0.4, 0.3, 0.85]),
      reasons: { reasonsPerCustomer: 2, reasonNames: ['Contract=Month-to-month', 'tenure'], reasonFeature: Int16Array.from([0, 1, 0, -1, 1, -1, 0, 1, 1, 0, 0, 1]), reasonValue: Float32Array.from([0.1, -0.05, 0.2, 0, -0.1, 0, 0.1, 0.1, 0.05, 0.02, 0.3, 0.1]) },
      warnings: [],
    },
    business: {
      options: { offerCost: 50, saveRate: 0.3, budget: 200, cac: 300, margin: 0.7, discountRate: 0.1, currency: 'USD' },
      kpis: {
        churnRate: { value: 2 / 6, formula: 'churners / customers' }, retentionRate: { value: 4 / 6, formula: '1 - churn' },
        arpu: { value: 64.76, formula: 'mean monthly' }, clv: { value: 2100, method: 'km', naive: 1800, formula: 'x', hazardGross: 2500, lifetimeMonths: 30 },
        purchaseFrequency: { value: null, formula: '' }, cacToClv: { value: 7, formula: '' }, top20RevenueShare: { value: 0.31, formula: '' }, monthlyHazard: { value: 0.02, formula: '' }, period: 'over the observed history',
      },
      survival: [
        { group: 'All', by: 'all', times: [0, 10, 20], survival: [1, 0.8, 0.7], atRisk: [6, 4, 2], medianLifetime: null, at: { m6: 0.9, m12: 0.8, m24: null }, n: 6 },
        { group: 'Loyal <b>Big</b>', by: 'segment', times: [0, 10, 20], survival: [1, 0.95, 0.9], atRisk: [3, 3, 2], medianLifetime: null, at: { m6: 1, m12: 0.95, m24: null }, n: 3 },
        { group: 'New & risky', by: 'segment', times: [0, 10, 20], survival: [1, 0.6, 0.4], atRisk: [3, 1, 1], medianLifetime: 15, at: { m6: 0.8, m12: 0.6, m24: null }, n: 3 },
        { group: 'Month-to-month', by: 'Contract', times: [0, 10], survival: [1, 0.5], atRisk: [3, 1], medianLifetime: 10, at: { m6: 0.7, m12: null, m24: null }, n: 3 },
      ],
      conditionalRetention: [],
      segmentSurvivalNote: null,
      drivers: [],
      revenue: {
        atRiskMonthly: 1234.5, atRiskAnnual: 14814, bySegment: [{ segment: 'Loyal <b>Big</b>', atRiskMonthly: 200, customers: 3, monthlyRevenue: 300, churnRate: 0 }, { segment: 'New & risky', atRiskMonthly: 1034.5, customers: 3, monthlyRevenue: 200, churnRate: 0.67 }],
        profitCurve: [], bestTargetCount: 2, bestProfit: 100, campaign: { targeted: 4, cost: 200, expectedSaved: 300, net: 100, expectedCustomersSaved: 0.5, expectedMonthlyRevenueSaved: 40, rule: 'r' },
        probabilitySource: 'model',
        pareto: { customerShare: [0, 0.2, 0.5, 1], revenueShare: [0, 0.31, 0.7, 1], top20Share: 0.31 },
        population: 'of 4 active customers',
      },
      priorities: [],
      recommendations: [{ segment: 'New & risky', action: '=cmd|offer annual contract', rationale: 'high churn', rule: 'r1', recommended: true, targeted: 3, customers: 3, cost: 150, expectedReturn: 600, net: 450, numbers: {} }],
      insights: [{ text: 'Month-to-month customers churn 3x more <i>often</i>.', value: 3, kind: 'contract' }],
      clv: Float64Array.from([3000, NaN, 2500, 900, 2800, NaN]), expectedValueSaved: Float64Array.from([90, NaN, 37, 160, 168, NaN]),
      warnings: [],
      // customers 2 and 6 (indices 1, 5) already left; the plan is the engine's rule over the other four
      population: { flagMeaning: 'left', flagMeaningGuessed: true, customers: 6, active: 4, lost: 2, label: 'of 4 active customers', note: 'Churn records history.' },
      active, probability, money: true, callOrder: ranked.order,
      customerActions: null,
      plan: planCampaign(ranked, { offerCost: 50, saveRate: 0.3, budget: 200, cac: 300 }),
      lost: { customers: 2, share: 2 / 6, monthlyRevenue: 150.5, summary: '2 of 6 customers (33.3%) already left, taking $151 of monthly revenue with them.', differences: [], winBack: [5, 1] },
    },
  };
}

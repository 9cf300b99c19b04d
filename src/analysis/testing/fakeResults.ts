/**
 * Test-only stand-ins for the business tests (never imported by the engine): a segmentation by one
 * categorical column, a churn result from a fixed score, and an independent counting Kaplan-Meier.
 */
import type { CustomerFrame } from '../types';
import type { SegmentationResult, Segment } from '../segment/types';
import type { ChurnResult } from '../churn/types';

/** Fake segmentation: one segment per level of a categorical column (e.g. Contract). */
export function fakeSegmentation(frame: CustomerFrame, column: string): SegmentationResult {
  const col = frame.categorical.find((c) => c.name === column);
  if (!col) throw new Error(`no column ${column}`);
  const segments: Segment[] = col.levels.map((name, id) => ({
    id, name, description: '', size: 0, share: 0, revenueShare: 0, churnRate: null,
    profile: { means: {}, baseMeans: {}, topDifferences: [] },
  }));
  return {
    k: segments.length, silhouette: 0, features: [], kSweep: [], segments, outliers: 0,
    dbscan: { eps: 0, minPts: 0, method: '' }, silhouetteSample: null, method: 'test: by column', elbowK: 0,
    labels: Int32Array.from(col.codes), outlier: new Uint8Array(frame.n),
    pca: { x: new Float32Array(0), y: new Float32Array(0), index: new Int32Array(0), explained: [0, 0] }, warnings: [],
  };
}

/** Fake churn result: p = logistic of a simple score; reasons name the contract and tenure. */
export function fakeChurn(frame: CustomerFrame): ChurnResult {
  const contract = frame.categorical.find((c) => /contract/i.test(c.name))!;
  const m2m = contract.levels.findIndex((l) => /month/i.test(l));
  const n = frame.n;
  const probability = new Float64Array(n);
  const R = 2;
  const reasonFeature = new Int16Array(n * R).fill(-1);
  const reasonValue = new Float32Array(n * R);
  for (let i = 0; i < n; i++) {
    const isM2m = contract.codes[i] === m2m ? 1 : 0;
    const t = frame.tenure![i];
    probability[i] = 1 / (1 + Math.exp(-(-1.2 + 1.5 * isM2m - 0.04 * t + 0.01 * (frame.monthly![i] - 65))));
    if (isM2m) { reasonFeature[i * R] = 0; reasonValue[i * R] = 15; }
    if (t < 12) { reasonFeature[i * R + 1] = 1; reasonValue[i * R + 1] = 10; }
  }
  return {
    target: 'Churn', positiveRate: 0.2654, folds: 5,
    models: [{ name: 'logistic', label: 'Logistic regression', cvRocAuc: { mean: 0, sd: 0, folds: [] }, prAuc: 0, precision: 0, recall: 0, f1: 0, accuracy: 0, brier: 0, logLoss: 0, topDecileLift: 0, threshold: 0.5, importance: [{ feature: 'Contract=Month-to-month', value: 0.4 }, { feature: 'tenure', value: 0.3 }], roc: [], pr: [], fitMs: 0 }],
    best: 'logistic', calibration: [], oddsRatios: [], probability, oof: probability,
    reasons: { reasonsPerCustomer: R, reasonNames: ['Contract=Month-to-month', 'tenure < 12 months'], reasonFeature, reasonValue },
    warnings: [],
  };
}

/** Independent KM: for each month 0..T count who is at risk (tenure >= m) and who churned at m. */
export function countingKm(tenure: number[], churned: boolean[], T: number): number {
  let s = 1;
  for (let m = 0; m <= T; m++) {
    let atRisk = 0, died = 0;
    for (let i = 0; i < tenure.length; i++) {
      if (tenure[i] >= m) atRisk++;
      if (tenure[i] === m && churned[i]) died++;
    }
    if (atRisk > 0) s *= 1 - died / atRisk;
  }
  return s;
}

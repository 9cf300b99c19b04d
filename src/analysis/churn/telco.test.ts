/** The real Telco file: out-of-fold ROC-AUC targets against scikit-learn (../shared/reference). */
import { beforeAll, it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { runChurn } from './index';
import { telcoFrame } from '../testing/telco';
import { mulberry32, shuffleInPlace } from '../random';
import type { Progress } from '../types';
import { TELCO_REL, describeWithShared, sharedPath } from '../testing/shared';
import { readFileSync } from 'node:fs';

beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
});

describeWithShared(TELCO_REL, 'churn on Telco (5-fold stratified CV, seed 42)', () => {
  it('logistic and gbdt reach the scikit-learn references', async () => {
    const frame = await telcoFrame();
    const events: Progress[] = [];
    const r = await runChurn(frame, { seed: 42, models: ['logistic', 'gbdt'] }, (p) => events.push(p));
    const m = Object.fromEntries(r.models.map((x) => [x.name, x]));
    // scikit-learn (../shared/reference): LogisticRegression 0.8452, XGBoost 0.8436, tuned XGBoost 0.8475; issue 15's
    // 3x5 reference: logistic + interactions 0.8494, + splines 0.8497. Ours (splines + top-2 interactions): 0.8490
    const ref = JSON.parse(readFileSync(sharedPath('reference/telco-sklearn.json'), 'utf8')).models;
    expect(m.logistic.cvRocAuc.mean).toBeGreaterThanOrEqual(0.849);
    expect(m.logistic.cvRocAuc.mean).toBeGreaterThan(ref.LogisticRegression.cv_roc_auc_mean + 0.003);
    expect(m.gbdt.cvRocAuc.mean).toBeGreaterThanOrEqual(ref.XGBoost.cv_roc_auc_mean);
    const best = r.models.find((x) => x.name === r.best)!;
    expect(best.cvRocAuc.mean).toBeGreaterThanOrEqual(0.85);
    expect(Math.max(...r.models.map((x) => x.cvRocAuc.mean))).toBe(best.cvRocAuc.mean);
    expect(r.target).toBe('Churn');
    expect(r.positiveRate).toBeCloseTo(1869 / 7043, 10);
    expect(r.folds).toBe(5);
    for (const x of r.models) {
      expect(x.cvRocAuc.folds).toHaveLength(5);
      expect(x.prAuc).toBeGreaterThan(0.6); // sklearn LR split: 0.6313
      expect(x.f1).toBeGreaterThan(0.6);
      expect(x.brier).toBeLessThan(0.145);
      expect(x.topDecileLift).toBeGreaterThan(2.5);
      expect(x.roc.length).toBeLessThanOrEqual(200);
      expect(x.pr.length).toBeLessThanOrEqual(200);
      // contract type and tenure dominate churn on Telco
      expect(x.importance.slice(0, 4).map((i) => i.feature)).toEqual(expect.arrayContaining(['tenure']));
    }
    expect(r.probability).toHaveLength(7043);
    expect(r.oof).toHaveLength(7043);
    expect(r.calibration.reduce((a, b) => a + b.count, 0)).toBe(7043);
    const or = Object.fromEntries(r.oddsRatios.map((o) => [o.feature, o.oddsRatio]));
    expect(or['Contract=Month-to-month']).toBeGreaterThan(1);
    expect(or['Contract=Two year']).toBeLessThan(1);
    // tenure has a spline: one odds ratio between two training quantiles (longer tenure, lower odds), no per-SD one
    expect(or['tenure (65th vs 35th percentile)']).toBeLessThan(1);
    expect(or['tenure (per 1 SD)']).toBeUndefined();
    expect(Object.keys(or).some((k) => k.includes(' × '))).toBe(true);
    // reasons: 3 per customer, readable names, signed probability points
    const { reasonFeature, reasonValue, reasonNames, reasonsPerCustomer } = r.reasons;
    expect(reasonsPerCustomer).toBe(3);
    expect(reasonFeature).toHaveLength(3 * 7043);
    expect(reasonNames).toContain('Contract=Month-to-month');
    expect(reasonNames).toContain('tenure (low)');
    expect(Math.abs(reasonValue[0])).toBeGreaterThanOrEqual(Math.abs(reasonValue[1]));
    expect(events.filter((e) => /fold \d\/5/.test(e.detail ?? ''))).toHaveLength(10);
    expect(events.at(-1)!.fraction).toBe(1);
    expect(events.every((e) => e.stage === 'churn')).toBe(true);
  });

  it('no leakage: a shuffled target gives out-of-fold ROC-AUC near 0.5', async () => {
    const frame = await telcoFrame();
    const y = shuffleInPlace(frame.y!.slice(), mulberry32(7));
    const r = await runChurn({ ...frame, y }, { seed: 42, models: ['logistic', 'gbdt'] });
    for (const m of r.models) expect(Math.abs(m.cvRocAuc.mean - 0.5)).toBeLessThan(0.05);
  });
});

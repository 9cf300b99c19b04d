/** Decision-path reasons: leaf value = root value + path contributions; on Telco the trees name the known drivers. */
import { beforeAll, describe, it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { fitForest, predictForest } from '../models/forest';
import { fitGbdt, logitGbdt } from '../models/gbdt';
import { addPathContributions, forestGroupPoints, gbdtGroupPoints, rootSum } from './pathReasons';
import { sigmoid } from '../../math/detmath';
import { runChurn } from '../index';
import { synthChurn } from '../../testing/synthetic';
import { telcoFrame } from '../../testing/telco';
import { pathReasons } from '../jobs/assemble';
import { TELCO_REL, describeWithShared } from '../../testing/shared';
import { asMatrix } from '../../math/matrix';

beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
});

const synth = synthChurn;

describe('path contributions', () => {
  const d = 6;
  const train = synth(1200, d, 1);
  const test = synth(300, d, 2);
  // columns 0 | 1 | 2..3 | 4..5 as four groups
  const groupOf = Int32Array.from([0, 1, 2, 2, 3, 3]);
  const G = 4;
  const n = test.y.length;

  // depth 6: walked as complete trees; 12: on the node lists
  it.each([6, 12])('forest of depth %i: mean leaf probability = mean root value + contributions / trees', async (maxDepth) => {
    const m = await fitForest(asMatrix(train.X, d), train.y, { seed: 3, nTrees: 15, maxDepth, minLeaf: 3 });
    const p = predictForest(m, asMatrix(test.X, d));
    const c = new Float64Array(n * G);
    addPathContributions(m.trees, test.X, d, groupOf, G, c);
    const T = m.trees.roots.length;
    const pts = forestGroupPoints(m, asMatrix(test.X, d), groupOf, G, 'saabas');
    for (let i = 0; i < n; i++) {
      let s = rootSum(m.trees);
      let q = 0;
      for (let t = 0; t < G; t++) {
        s += c[i * G + t];
        q += pts[i * G + t];
      }
      expect(s / T).toBeCloseTo(p[i], 12);
      expect(rootSum(m.trees) / T + q / 100).toBeCloseTo(p[i], 12);
    }
    // the driver x0 carries the largest mean |contribution|
    const mean = new Float64Array(G);
    for (let i = 0; i < n; i++) for (let t = 0; t < G; t++) mean[t] += Math.abs(pts[i * G + t]) / n;
    expect(mean[0]).toBe(Math.max(...mean));
  });

  it('gbdt: logit = base + root values + contributions (log-odds); points follow the logistic conversion', async () => {
    const m = await fitGbdt(asMatrix(train.X, d), train.y, { seed: 5, nTrees: 60 });
    const z = logitGbdt(m, asMatrix(test.X, d));
    const c = new Float64Array(n * G);
    addPathContributions(m.trees, test.X, d, groupOf, G, c);
    const pts = gbdtGroupPoints(m, asMatrix(test.X, d), groupOf, G, 'saabas');
    for (let i = 0; i < n; i++) {
      let s = m.base + rootSum(m.trees);
      for (let t = 0; t < G; t++) s += c[i * G + t];
      expect(s).toBeCloseTo(z[i], 10);
      const p = sigmoid(z[i]);
      for (let t = 0; t < G; t++) expect(pts[i * G + t]).toBeCloseTo(100 * (p - sigmoid(z[i] - c[i * G + t])), 8);
    }
  });
});

describe('ensemble reasons', () => {
  it('averages the members\' points per customer and group, then keeps the top R named ones', () => {
    const names = Int16Array.from([0, 2, 3, 0, -1, 4]); // 2 customers x 3 groups
    const a = { groups: 3, points: Float32Array.from([1, -4, 0.5, 2, 9, 0.01]), names, reasonNames: ['a', 'b', 'c', 'd', 'e'], method: 'treeshap' as const };
    const b = { ...a, points: Float32Array.from([3, -2, 0.5, 2, 9, 0.05]) };
    const r = pathReasons([a, b], 2, 3);
    expect(Array.from(r.reasonFeature)).toEqual([2, 0, 3, 0, -1, -1]);
    expect(Array.from(r.reasonValue)).toEqual([-3, 2, 0.5, 2, 0, 0]);
  });
});

describeWithShared(TELCO_REL, 'Telco reasons from the scoring models', () => {
  it('the ensemble of trees gives its own reasons, naming the known drivers for the riskiest customers', async () => {
    const frame = await telcoFrame();
    // tree models only: with splines and interactions the logistic model joins the best average on Telco
    const r = await runChurn(frame, { seed: 42, models: ['gbdt', 'forest'] });
    // a tree model (or the average of GBDT and the forest) scores Telco
    expect(['gbdt', 'forest', 'ensemble']).toContain(r.best);
    if (r.best === 'ensemble') expect(r.models.find((m) => m.name === 'ensemble')!.label).not.toMatch(/logistic/i);
    expect(r.warnings.map((w) => w.code)).not.toContain('churn/reasons-logistic');
    // the GBDT's reasons are TreeSHAP; the forest's stay on the path walk at this size (over TREESHAP_MAX_WORK), said in a warning
    const label = r.models.find((m) => m.name === r.best)!.label;
    const forestScores = r.best === 'forest' || (r.best === 'ensemble' && /forest/i.test(label));
    expect(r.warnings.some((w) => w.code === 'churn/reasons-saabas' && /Random forest/.test(w.message))).toBe(forestScores);
    const { reasonFeature, reasonValue, reasonNames, reasonsPerCustomer: R } = r.reasons;
    expect(R).toBe(3);
    const order = Array.from(r.probability.keys()).sort((a, b) => r.probability[b] - r.probability[a]).slice(0, 100);
    const known = new Set(['Contract=Month-to-month', 'tenure (low)', 'InternetService=Fiber optic']);
    let hits = 0;
    for (const i of order) {
      expect(reasonFeature[i * R]).toBeGreaterThanOrEqual(0);
      // the riskiest customers' reasons push churn up
      expect(reasonValue[i * R]).toBeGreaterThan(0);
      expect(Math.abs(reasonValue[i * R])).toBeGreaterThanOrEqual(Math.abs(reasonValue[i * R + 1]));
      const top = [0, 1, 2].map((j) => reasonNames[reasonFeature[i * R + j]] ?? '');
      if (known.has(top[0])) hits++;
      expect(top.some((x) => known.has(x))).toBe(true);
    }

    expect(hits).toBeGreaterThanOrEqual(90);
  });
});

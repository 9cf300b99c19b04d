/** Real Telco file (../shared/data/telco) against scikit-learn's reference numbers
 *  (../shared/reference/telco-sklearn.json, kmeans.i_std_tenure_MC_TC and dbscan_set_i). */
import { it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { fitKMeans } from './kmeans';
import { lloydTs } from './lloydTs';
import { lloydTf } from './lloydTf';
import { kmeansPlusPlus } from './kmeansInit';
import { silhouetteScores } from './silhouette';
import { daviesBouldin } from './daviesBouldin';
import { dbscanOutliers } from './dbscan';
import { fromColumns, standardize, type Matrix } from '../math/matrix';
import { runSegmentation } from './index';
import { telcoFrame } from '../testing/telco';
import { mulberry32 } from '../random';
import type { CustomerFrame } from '../types';
import { TELCO_REL, describeWithShared, hasShared, sharedPath } from '../testing/shared';

const refPath = sharedPath('reference/telco-sklearn.json');
const ref = hasShared(TELCO_REL) ? JSON.parse(readFileSync(refPath, 'utf8')) : null;

describeWithShared(TELCO_REL, 'Telco (real file) vs scikit-learn', () => {
  let frame: CustomerFrame;
  let Z: Matrix;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    frame = await telcoFrame();
    Z = standardize(fromColumns([frame.tenure!, frame.monthly!, frame.total!])).Z;
  });

  it('k=4 on standardized [tenure, MonthlyCharges, TotalCharges]: inertia within 1%, silhouette within 0.01', async () => {
    const r = ref.kmeans.i_std_tenure_MC_TC;
    expect(frame.n).toBe(7043);
    const m = await fitKMeans(Z, { k: 4, seed: 42 });
    const refInertia = r.inertia[r.k.indexOf(4)]; // 4148.483
    expect(Math.abs(m.inertia - refInertia) / refInertia).toBeLessThan(0.01);
    const sil = silhouetteScores(Z, [m.labels]);
    expect(sil.sample).toBeNull();
    expect(Math.abs(sil.scores[0] - r.silhouette[r.k.indexOf(4)])).toBeLessThan(0.01); // 0.4722
    expect(Math.abs(daviesBouldin(Z, m.labels, 4) - r.davies_bouldin[r.k.indexOf(4)])).toBeLessThan(0.01);
    const sizes = Array.from({ length: 4 }, (_, c) => m.labels.filter((l) => l === c).length).sort((a, b) => b - a);
    sizes.forEach((s, i) => expect(Math.abs(s - r.sizes[2][i])).toBeLessThanOrEqual(10));
  });

  it('TS and tfjs kernels agree on Telco from the same k-means++ centres', async () => {
    const init = kmeansPlusPlus(Z, 4, mulberry32(1));
    const a = lloydTs(Z, init, 4, 300, 1e-4);
    const before = tf.memory().numTensors;
    const b = await lloydTf(Z, init, 4, 300, 1e-4);
    expect(tf.memory().numTensors).toBe(before);
    expect(Math.abs(a.inertia - b.inertia) / a.inertia).toBeLessThan(1e-3);
    expect(b.nIter).toBe(a.nIter);
  });

  it('DBSCAN noise at the reference eps matches scikit-learn exactly', () => {
    const d = ref.dbscan_set_i;
    for (const run of d.runs) {
      expect(dbscanOutliers(Z, { eps: run.eps, minPts: d.min_samples }).count).toBe(run.noise_points);
    }
  });

  it('defaults: K in 3..6, silhouette >= 0.45, churn per segment, named and profiled', async () => {
    const r = await runSegmentation(frame, { seed: 42 });
    expect(r.k).toBeGreaterThanOrEqual(3);
    expect(r.k).toBeLessThanOrEqual(6);
    expect(r.silhouette).toBeGreaterThanOrEqual(0.45);
    expect(r.elbowK).toBe(ref.kmeans.i_std_tenure_MC_TC.best_k_by_elbow);
    expect(Math.abs(r.dbscan.eps - ref.dbscan_set_i.knee_eps)).toBeLessThan(0.001);
    expect(Math.abs(r.outliers - 137)).toBeLessThanOrEqual(5);
    for (const s of r.segments) {
      expect(s.churnRate).not.toBeNull();
      expect(s.description).toMatch(/% churn vs 27% overall\.$/);
      // each figure in its unit: tenure in months, spend in dollars
      expect(s.description).toMatch(/tenure \(\d+ vs \d+ months on average\), .* monthly spend \(\$[\d,]+ vs \$65 on average\)/);
    }
    // overall churn recovered from the segments
    const churners = r.segments.reduce((s, g) => s + g.churnRate! * g.size, 0);
    expect(churners).toBeCloseTo(1869, 6);
    // the short-tenure, high-charge segment has the highest churn and is called At-Risk
    const worst = r.segments.reduce((a, b) => (b.churnRate! > a.churnRate! ? b : a));
    expect(worst.name).toBe('At-Risk');
    expect(worst.profile.means.tenure).toBeLessThan(worst.profile.baseMeans.tenure);
    const contract = worst.profile.topDifferences.find((d) => d.column === 'Contract');
    expect(contract?.level).toBe('Month-to-month');
    expect(contract!.segmentShare).toBeGreaterThan(contract!.baseShare);
  });
});

/**
 * Segmentation stage (issue 3): runSegmentation(frame, opts, onProgress) -> SegmentationResult.
 * Standardised behavioural features -> K sweep (k-means++, 10 restarts) -> K by a stated
 * rule -> segments relabelled by size (largest first) -> DBSCAN outliers -> profiles,
 * business names, 2-D PCA. Plain data in, plain data out.
 */
import { yieldToEvents } from '../yieldToEvents';
import * as tf from '@tensorflow/tfjs';
import type { CustomerFrame, OnProgress, Warning } from '../types';
import type { CurrencyCode } from '../format';
import type { SegmentationResult, Segment } from './types';
import { AnalysisError } from '../errors';
import { checkMatrix, standardize } from '../math/matrix';
import { buildFeatureMatrix, defaultFeatures } from './features';
import { chooseKernel, type KMeansKernel } from './kmeans';
import { runKSweep } from './sweep';
import { chooseK, kneedleDecreasing } from './chooseK';
import { dbscanOutliers } from './dbscan';
import { profileSegments, profileUnits } from './profiles';
import { nameSegments } from './naming';
import { pca2 } from './pca';
import { relabelBySize } from './relabel';
import { currentBackend } from '../tensor/backend';

export { fitKMeans, predictKMeans, chooseKernel } from './kmeans';
export type { KMeansModel, KMeansParams, KMeansKernel } from './kmeans';
export { silhouetteScores } from './silhouette';
export { daviesBouldin } from './daviesBouldin';
export { dbscanOutliers } from './dbscan';
export { chooseK, kneedleDecreasing } from './chooseK';
export { pca2 } from './pca';

export interface SegmentationOptions {
  seed: number;
  /** fixed K (2..n); default chosen by chooseK */
  k?: number;
  /** K range swept (default [2, 8], clipped to n - 1) */
  kRange?: [number, number];
  /** columns to cluster on (see features.ts); default by frame kind */
  features?: string[];
  /** Lloyd kernel; default 'auto' = chooseKernel(current tfjs backend) */
  kernel?: 'auto' | KMeansKernel;
  /** DBSCAN overrides (default minPts 6, eps from the k-distance knee) */
  dbscan?: { eps?: number; minPts?: number };
  /** the currency segment descriptions write money in (default USD) */
  currency?: CurrencyCode;
  /** size limits of the exact paths (defaults: silhouette 20,000, DBSCAN 20,000, k-means restarts 100,000) */
  limits?: { silhouetteExact?: number; dbscanExact?: number; restartSampleAbove?: number };
}

/** Runs the whole segmentation stage; throws AnalysisError (segment/...) on unusable input. */
export async function runSegmentation(
  frame: CustomerFrame,
  opts: SegmentationOptions,
  onProgress?: OnProgress,
): Promise<SegmentationResult> {
  const n = frame.n;
  if (!(n >= 3)) {
    throw new AnalysisError('segment/too-few-rows', `segmentation: n=${n} customers, at least 3 are needed`);
  }
  const warnings: Warning[] = [];
  const names = opts.features && opts.features.length > 0 ? opts.features : defaultFeatures(frame);
  const built = buildFeatureMatrix(frame, names);
  warnings.push(...built.warnings);
  checkMatrix(built.X, 'segment');
  const { Z, constant, mean, sd } = standardize(built.X);
  if (constant.length > 0) {
    warnings.push({
      code: 'segment/constant-feature',
      message: `constant clustering feature(s) ${constant.map((j) => names[j]).join(', ')} carry no information`,
      count: constant.length,
    });
  }
  const ks = sweepKs(n, opts);
  // tensor/backend.ts only picks webgl/webgpu on a real GPU; read without initialising tfjs
  const backend = currentBackend()?.name ?? (tf.engine() as unknown as { backendName?: string | null }).backendName ?? 'cpu';
  const kernel = opts.kernel && opts.kernel !== 'auto' ? opts.kernel : chooseKernel(backend, n, Z.d, ks[ks.length - 1]);
  const sweep = await runKSweep(Z, ks, {
    seed: opts.seed,
    kernel,
    onProgress,
    silhouetteExactLimit: opts.limits?.silhouetteExact,
    restartSampleAbove: opts.limits?.restartSampleAbove,
  });
  warnings.push(...sweep.warnings);
  const elbowK = ks[kneedleDecreasing(ks, sweep.entries.map((e) => e.inertia))];
  const picked = opts.k !== undefined ? { k: opts.k, method: `K=${opts.k} set by the user` } : chooseK(sweep.entries, elbowK);
  if (sweep.restartSample !== null) {
    picked.method += `; k-means restarts ran on a seeded ${sweep.restartSample.toLocaleString('en-US')}-row sample, the best centres refined by Lloyd on all ${n.toLocaleString('en-US')} rows`;
  }
  if (sweep.silhouetteSample !== null) {
    picked.method += `; silhouettes on a seeded ${sweep.silhouetteSample.toLocaleString('en-US')}-row sample`;
  }
  const at = ks.indexOf(picked.k);
  const model = sweep.models[at];
  const { labels, k, order } = relabelBySize(model.labels, model.k);
  const centers = new Float64Array(k * Z.d);
  order.forEach((c, i) => centers.set(model.centers.subarray(c * Z.d, (c + 1) * Z.d), i * Z.d));
  const fitted = { features: built.names, mean, sd: sd.map((s) => (s > 0 ? s : 1)), centers };

  onProgress?.({ stage: 'segmentation', fraction: 0.85, detail: 'outliers' });
  await yieldToEvents();
  const db = dbscanOutliers(Z, { seed: opts.seed, exactLimit: opts.limits?.dbscanExact, ...opts.dbscan });
  onProgress?.({ stage: 'segmentation', fraction: 0.95, detail: 'profiles' });
  const stats = profileSegments(frame, labels, k);
  let baseChurn: number | null = null;
  if (frame.y) {
    let s = 0;
    for (let i = 0; i < n; i++) s += frame.y[i];
    baseChurn = s / n;
  }
  const named = nameSegments(stats, frame.kind, baseChurn, opts.currency, frame.tenureUnit);
  const segments: Segment[] = stats.map((s, id) => ({
    id,
    name: named[id].name,
    description: named[id].description,
    size: s.size,
    share: s.share,
    revenueShare: s.revenueShare,
    churnRate: s.churnRate,
    profile: { means: s.means, baseMeans: s.baseMeans, topDifferences: s.topDifferences },
  }));
  await yieldToEvents();
  const pca = pca2(Z, opts.seed);
  onProgress?.({ stage: 'segmentation', fraction: 1, detail: `k=${k}` });
  return {
    fitted,
    k,
    silhouette: sweep.entries[at].silhouette,
    features: built.names,
    kSweep: sweep.entries,
    segments,
    outliers: db.count,
    dbscan: { eps: db.eps, minPts: db.minPts, method: db.method },
    silhouetteSample: sweep.silhouetteSample,
    method: picked.method,
    elbowK,
    labels,
    outlier: db.outlier,
    pca,
    warnings,
    units: profileUnits(frame),
  };
}

/** Ascending K list: kRange (default [2, 8]) clipped to n - 1, plus a user K. */
function sweepKs(n: number, opts: SegmentationOptions): number[] {
  const [lo, hi] = opts.kRange ?? [2, 8];
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < 2 || hi < lo) {
    throw new AnalysisError('segment/bad-k-range', `segmentation: kRange=[${lo}, ${hi}] must be integers with 2 <= lo <= hi`);
  }
  if (opts.k !== undefined && (!Number.isInteger(opts.k) || opts.k < 2 || opts.k > n)) {
    throw new AnalysisError('segment/bad-k', `segmentation: k=${opts.k} must be an integer in 2..n_customers=${n}`);
  }
  const ks: number[] = [];
  for (let k = lo; k <= Math.min(hi, n - 1); k++) ks.push(k);
  if (opts.k !== undefined && !ks.includes(opts.k)) ks.push(opts.k);
  if (ks.length === 0) ks.push(Math.min(lo, n - 1));
  return ks.sort((a, b) => a - b);
}

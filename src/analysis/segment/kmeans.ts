/**
 * k-means estimator: fitKMeans(X, params) -> KMeansModel (plain data), predictKMeans.
 * k-means++ seeding, nInit seeded restarts keeping the lowest inertia, Lloyd to a
 * tolerance, empty-cluster re-seeding; Lloyd runs on the TypeScript or the tfjs kernel.
 */
import type { Warning } from '../types';
import { AnalysisError } from '../errors';
import { mulberry32, sampleIndices } from '../random';
import { checkMatrix, columnStats, takeRows, type Matrix } from '../math/matrix';
import { kmeansPlusPlus } from './kmeansInit';
import { assignTs, lloydRecords, lloydTs, type LloydResult } from './lloydTs';
import { lloydTf } from './lloydTf';

export type KMeansKernel = 'ts' | 'tf';

export interface KMeansParams {
  k: number;
  /** restarts, each from its own k-means++ draw (default 10; 1 when init is given) */
  nInit?: number;
  /** Lloyd iterations per restart (default 300) */
  maxIter?: number;
  /** relative tolerance on the squared centre shift, times the mean column variance (default 1e-4, as scikit-learn) */
  tol?: number;
  seed?: number;
  /** 'ts' = plain TypeScript (default), 'tf' = tfjs on the current backend */
  kernel?: KMeansKernel;
  /** explicit initial centres, k x d row-major (skips k-means++) */
  init?: Float64Array;
  /** large n: when n exceeds this, the nInit restarts run on a seeded sample of this many
   *  rows and the best centres are refined by Lloyd on all rows (default: never) */
  restartSample?: number;
}

export interface KMeansModel {
  version: 1;
  k: number;
  d: number;
  /** k x d, row-major */
  centers: Float64Array;
  /** per training row: cluster index 0..k-1 */
  labels: Int32Array;
  /** sum of squared distances to the nearest centre */
  inertia: number;
  /** Lloyd iterations of the kept restart */
  nIter: number;
  converged: boolean;
  params: Required<Omit<KMeansParams, 'init' | 'restartSample'>> & { restartSample: number | null };
  warnings: Warning[];
}

/** Validates X and k; throws AnalysisError with codes kmeans/empty|ragged|non-finite|bad-k|k-too-large. */
export function checkKMeansInput(X: Matrix, p: KMeansParams): void {
  checkMatrix(X, 'kmeans');
  if (!Number.isInteger(p.k) || p.k < 1) {
    throw new AnalysisError('kmeans/bad-k', `kmeans: k=${p.k} must be an integer >= 1`);
  }
  if (p.k > X.n) {
    throw new AnalysisError('kmeans/k-too-large', `kmeans: k=${p.k} must be <= n_samples=${X.n}`);
  }
  if (p.init && p.init.length !== p.k * X.d) {
    throw new AnalysisError('kmeans/bad-init', `kmeans: init has ${p.init.length} values, expected k*d=${p.k * X.d}`);
  }
}

/** Fits k-means; defaults nInit 10, maxIter 300, tol 1e-4, seed 0, kernel 'ts'. */
export async function fitKMeans(X: Matrix, params: KMeansParams): Promise<KMeansModel> {
  checkKMeansInput(X, params);
  const p = {
    k: params.k,
    nInit: params.init ? 1 : (params.nInit ?? 10),
    maxIter: params.maxIter ?? 300,
    tol: params.tol ?? 1e-4,
    seed: params.seed ?? 0,
    kernel: params.kernel ?? 'ts',
    restartSample: params.restartSample ?? null,
  };
  if (!params.init && p.restartSample !== null && X.n > p.restartSample && p.restartSample >= p.k) {
    // restarts on a seeded sample, then one full-data Lloyd run from the best sample centres
    const idx = sampleIndices(X.n, p.restartSample, mulberry32(p.seed ^ 0x5eed));
    const onSample = await fitKMeans(takeRows(X, idx), { ...params, restartSample: undefined });
    const full = await fitKMeans(X, { ...params, init: onSample.centers, restartSample: undefined });
    return { ...full, params: p, warnings: [...onSample.warnings.filter((w) => w.code !== 'kmeans/not-converged'), ...full.warnings] };
  }
  const { sd } = columnStats(X);
  let meanVar = 0;
  for (let j = 0; j < X.d; j++) meanVar += (sd[j] * sd[j]) / X.d;
  const tolAbs = meanVar * p.tol;
  const rng = mulberry32(p.seed);
  let best: LloydResult | null = null;
  let relocated = 0;
  // the TS kernel's row records, shared by the restarts (each run's first pass resets the bounds)
  const records = p.kernel === 'ts' ? lloydRecords(X) : undefined;
  for (let r = 0; r < p.nInit; r++) {
    const init = params.init ? params.init.slice() : kmeansPlusPlus(X, p.k, rng);
    const res = p.kernel === 'tf' ? await lloydTf(X, init, p.k, p.maxIter, tolAbs) : lloydTs(X, init, p.k, p.maxIter, tolAbs, records);
    relocated += res.relocated;
    if (!best || res.inertia < best.inertia) best = res;
  }
  const b = best as LloydResult;
  const warnings: Warning[] = [];
  if (!b.converged) {
    warnings.push({
      code: 'kmeans/not-converged',
      message: `k-means (k=${p.k}) stopped after ${b.nIter} iterations without converging`,
      count: 1,
    });
  }
  if (relocated > 0) {
    warnings.push({
      code: 'kmeans/empty-cluster',
      message: `k-means (k=${p.k}) re-seeded ${relocated} empty cluster(s) from the farthest points`,
      count: relocated,
    });
  }
  const sizes = new Int32Array(p.k);
  for (let i = 0; i < X.n; i++) sizes[b.labels[i]]++;
  const emptyAtEnd = sizes.filter((s) => s === 0).length;
  if (emptyAtEnd > 0) {
    warnings.push({
      code: 'kmeans/fewer-distinct-clusters',
      message: `k-means found only ${p.k - emptyAtEnd} distinct clusters for k=${p.k} (too few distinct points)`,
      count: emptyAtEnd,
    });
  }
  return {
    version: 1,
    k: p.k,
    d: X.d,
    centers: b.centers,
    labels: b.labels,
    inertia: b.inertia,
    nIter: b.nIter,
    converged: b.converged,
    params: p,
    warnings,
  };
}

/** Nearest-centre labels for new rows X (same d as the model). */
export function predictKMeans(model: KMeansModel, X: Matrix): Int32Array {
  checkMatrix(X, 'kmeans');
  if (X.d !== model.d) {
    throw new AnalysisError('kmeans/bad-shape', `kmeans: X has ${X.d} columns, the model was fitted on ${model.d}`);
  }
  const labels = new Int32Array(X.n).fill(-1);
  assignTs(X, model.centers, model.k, labels, new Float64Array(X.n));
  return labels;
}

/**
 * Which Lloyd kernel to use on a tfjs backend. Measured (STACK-NOTES, headless Chromium,
 * 2 cores, 7,043 x 30, k=4, 50 it): plain TS 70-104 ms, tfjs wasm 90-172 ms, tfjs cpu
 * 401-566 ms, webgl on SwiftShader 586-891 ms; at 704,300 rows TS 7.2 s vs wasm 8.4 s,
 * cpu 41 s, webgl-SwiftShader 64 s. Measured again in Node here (tfjs cpu, real Telco
 * standardized 7,043 x 3, k=4, the same k-means++ start, 12 iterations to convergence):
 * TS 8.5 ms vs tfjs 490 ms. So TS wins on cpu and wasm. On a real GPU (webgl/webgpu not software-emulated) the
 * tensor kernel pays off once the per-iteration work n*k*d is large enough to cover the
 * per-iteration read-back; below ~1e6 multiply-adds TS is faster everywhere.
 */
export function chooseKernel(
  backend: string,
  n: number,
  d: number,
  k: number,
  softwareRenderer = false,
): KMeansKernel {
  if (backend !== 'webgl' && backend !== 'webgpu') return 'ts';
  if (softwareRenderer) return 'ts';
  return n * d * k >= 1e6 ? 'tf' : 'ts';
}

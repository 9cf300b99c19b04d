/**
 * Random forest of probability trees: bootstrap rows, sqrt(d) features tried per node,
 * leaves hold the positive rate (the shared histogram tree with g = -y, h = 1, lambda = 0).
 */
import { mulberry32 } from '../random';
import { binMatrix, fitBinEdges } from './binning';
import { addTreeSums, growTree, TreeBuffer, type TreeArrays } from './tree';
import { checkX, checkXy } from './validate';

export interface ForestParams {
  nTrees: number;
  maxDepth: number;
  /** minimum rows per leaf */
  minLeaf: number;
  /** features tried per node as a fraction of d (default sqrt(d)/d when 0) */
  maxFeatures: number;
  maxBins: number;
  /** bootstrap draws per tree as a fraction of n (scikit-learn max_samples; 1 = classic bootstrap) */
  sampleFraction: number;
  seed: number;
}
export const FOREST_DEFAULTS: ForestParams = { nTrees: 40, maxDepth: 7, minLeaf: 10, maxFeatures: 0, maxBins: 64, sampleFraction: 0.5, seed: 0 };

export interface ForestModel {
  kind: 'forest';
  d: number;
  trees: TreeArrays;
  params: ForestParams;
  version: 1;
}

/** Fits on X (n x d row-major), y (0/1). Defaults: 40 trees of depth 7 on half-size bootstraps, >= 10 rows per leaf (Telco 5-fold AUC 0.8469 vs 0.8470 for 80 trees of depth 8, about half the cost). */
export async function fitForest(X: Float64Array, y: Uint8Array, d: number, params: Partial<ForestParams> = {}): Promise<ForestModel> {
  const p = { ...FOREST_DEFAULTS, ...params };
  const n = checkXy('forest', X, y, d);
  const rng = mulberry32(p.seed);
  const edges = fitBinEdges(X, d, p.maxBins);
  const data = { binned: binMatrix(X, d, edges), n, d, edges };
  const frac = p.maxFeatures > 0 ? p.maxFeatures : Math.sqrt(d) / d;
  const tp = { maxDepth: p.maxDepth, minChildWeight: p.minLeaf, lambda: 0, colsampleByNode: frac };
  const buf = new TreeBuffer();
  // a bootstrap sample as per-row counts: g = -y * count, h = count (leaf = positive rate)
  const cnt = new Int32Array(n);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  for (let t = 0; t < p.nTrees; t++) {
    cnt.fill(0);
    const draws = Math.max(1, Math.round(p.sampleFraction * n));
    for (let k = 0; k < draws; k++) cnt[Math.floor(rng() * n)]++;
    let m = 0;
    for (let i = 0; i < n; i++) if (cnt[i] > 0) m++;
    const rows = new Int32Array(m);
    m = 0;
    for (let i = 0; i < n; i++)
      if (cnt[i] > 0) {
        rows[m++] = i;
        g[i] = -y[i] * cnt[i];
        h[i] = cnt[i];
      }
    growTree(data, rows, g, h, tp, rng, buf, 1);
  }
  return { kind: 'forest', d, trees: buf.freeze(), params: p, version: 1 };
}

/** Churn probability per row of X n x d: mean of the trees' leaf positive rates. */
export function predictForest(model: ForestModel, X: Float64Array): Float64Array {
  const n = checkX('forest', X, model.d);
  const out = new Float64Array(n);
  addTreeSums(model.trees, X, model.d, out);
  const m = model.trees.roots.length;
  for (let i = 0; i < n; i++) out[i] /= m;
  return out;
}

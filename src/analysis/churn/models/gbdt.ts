/**
 * Gradient-boosted decision trees for binary log-loss (the XGBoost row): histogram bins
 * fitted on the training rows, depth-limited second-order trees, shrinkage, row and
 * column subsampling, and early stopping on a seeded stratified holdout of the training
 * rows. By default the early-stopped ensemble is kept (as XGBoost does with an eval set);
 * with refit: true it is refit on all training rows with a proportionally larger tree count.
 * Not split: fit, the boosting loop and prediction share the GbdtModel layout; the growers and
 * binning already live in trees/.
 */
import { mulberry32 } from '../../random';
import { binRows, fitBinEdges } from '../trees/binning';
import { stratifiedHoldout } from '../evaluation/folds';
import { takeSample, type Matrix } from '../../math/matrix';
import { log, sigmoid, softplus } from '../../math/detmath';
import { BoostingGrower } from '../trees/boostingGrower';
import { addTreeSumsMissing, hasNaN } from '../trees/missingTrees';
import { addTreeSums, TreeBuffer, type TreeArrays } from '../trees/treeStorage';
import { addCompleteSums, completeTrees } from '../trees/completeTrees';
import { checkX, checkXy } from './validate';

export interface GbdtParams {
  /** upper bound on trees (early stopping picks fewer) */
  nTrees: number;
  learningRate: number;
  maxDepth: number;
  /** row fraction per tree */
  subsample: number;
  /** feature fraction per node */
  colsample: number;
  lambda: number;
  minChildWeight: number;
  maxBins: number;
  /** holdout fraction for early stopping (0 = no early stopping, use nTrees) */
  validationFraction: number;
  /** stop after this many trees without a better holdout log-loss */
  patience: number;
  /** after early stopping, refit on all training rows with the chosen tree count (false: keep the early-stopped ensemble) */
  refit: boolean;
  seed: number;
}
export const GBDT_DEFAULTS: GbdtParams = {
  nTrees: 250,
  learningRate: 0.1,
  maxDepth: 3,
  subsample: 0.8,
  colsample: 0.8,
  lambda: 1,
  minChildWeight: 1,
  maxBins: 64,
  validationFraction: 0.15,
  patience: 10,
  refit: false,
  seed: 0,
};

export interface GbdtModel {
  kind: 'gbdt';
  d: number;
  /** base logit (training base rate) */
  base: number;
  trees: TreeArrays;
  nTrees: number;
  /** best tree count on the early-stopping holdout (= nTrees before the refit scaling) */
  bestIter: number;
  params: GbdtParams;
  version: 1;
}

/** Training rows binned (edges fitted on them) and, for early stopping, holdout rows binned with the same edges. */
export interface Binned {
  d: number;
  edges: ReturnType<typeof fitBinEdges>;
  bins: Uint8Array;
  y: Uint8Array;
  val?: { bins: Uint8Array; y: Uint8Array };
}

/** Bins training rows X (n x d) and optional holdout rows once, for several boosting runs (the search, gbdtSearch.ts). */
export function binFor(X: Float64Array, y: Uint8Array, d: number, maxBins: number, val?: { X: Float64Array; y: Uint8Array }): Binned {
  const edges = fitBinEdges(X, d, maxBins);
  return { d, edges, bins: binRows(X, d, edges), y, ...(val ? { val: { bins: binRows(val.X, d, edges), y: val.y } } : {}) };
}

/** Boosts nTrees trees (fewer with early stopping on b.val): the trees, the best tree count and its holdout log-loss (mean; Infinity without holdout). */
export function boost(b: Binned, p: GbdtParams, nTrees: number) {
  const { d, edges, bins, y } = b;
  const val = b.val;
  const n = y.length;
  const rng = mulberry32(p.seed);
  const grower = new BoostingGrower({ bins, n, d, edges }, { maxDepth: p.maxDepth, minChildWeight: p.minChildWeight, lambda: p.lambda, colsampleByNode: p.colsample });
  let pos = 0;
  for (let i = 0; i < n; i++) pos += y[i];
  const base = log((pos + 0.5) / (n - pos + 0.5));
  const F = new Float64Array(n).fill(base);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const rows = new Int32Array(n);
  const rest = new Int32Array(n);
  const buf = new TreeBuffer();
  const nv = val ? val.y.length : 0;
  const vbins = val ? val.bins : new Uint8Array(0);
  const Fv = new Float64Array(nv).fill(base);
  let best = Infinity;
  let bestIter = nTrees;
  /** holdout logits at the best tree count */
  const bestFv = new Float64Array(nv);
  // each loop over the rows is a function of its own: V8 compiled boost(), one long call per fit,
  // over again for each inner loop it entered on the stack (bench/deopts.ts)
  for (let t = 0; t < nTrees; t++) {
    // Bernoulli row subsample (seeded); gradients only for the rows drawn
    let m = subsampleRows(rows, rest, n, p.subsample, rng);
    const r = n - m;
    const none = m === 0;
    if (none) rows[m++] = Math.floor(rng() * n);
    logLossGradients(rows, m, F, y, g, h);
    grower.grow(rows, m, g, h, rng, buf, p.learningRate);
    if (none) grower.addLast(bins, null, n, F);
    else {
      // the grown rows by their leaves, the others through the tree
      grower.addLastGrown(rows, F);
      grower.addLast(bins, rest, r, F);
    }
    if (val) {
      grower.addLast(vbins, null, nv, Fv);
      const ll = logLossSum(Fv, val.y);
      if (ll < best - 1e-9) {
        best = ll;
        bestIter = t + 1;
        bestFv.set(Fv);
      }
      else if (t + 1 - bestIter >= p.patience) break;
    }
  }
  return { base, trees: buf.freeze(), bestIter, valLoss: val ? best / nv : Infinity, valLogits: bestFv };
}

/** rows[0..m) = the rows drawn (each with probability `subsample`, all when >= 1; seeded rng), rest[0..n-m) the others; returns m. */
function subsampleRows(rows: Int32Array, rest: Int32Array, n: number, subsample: number, rng: () => number): number {
  let m = 0;
  let r = 0;
  for (let i = 0; i < n; i++) {
    if (subsample >= 1 || rng() < subsample) rows[m++] = i;
    else rest[r++] = i;
  }
  return m;
}

/** Log-loss gradient g and hessian h at logits F for the rows rows[0..m). */
function logLossGradients(rows: Int32Array, m: number, F: Float64Array, y: Uint8Array, g: Float64Array, h: Float64Array): void {
  for (let k = 0; k < m; k++) {
    const i = rows[k];
    const q = sigmoid(F[i]);
    g[i] = q - y[i];
    h[i] = Math.max(q * (1 - q), 1e-16);
  }
}

/** Summed log-loss of logits z against labels y. */
function logLossSum(z: Float64Array, y: Uint8Array): number {
  let ll = 0;
  for (let i = 0; i < z.length; i++) ll += softplus(z[i]) - y[i] * z[i];
  return ll;
}

/** Fits on X (n x d row-major; NaN = missing, each split learns where missing values go), y (0/1). Defaults: GBDT_DEFAULTS (depth 3, lr 0.1, <= 250 trees, early stopping on 15%, the early-stopped ensemble is kept). */
export async function fitGbdt(X: Matrix, y: Uint8Array, params: Partial<GbdtParams> = {}): Promise<GbdtModel> {
  const p = { ...GBDT_DEFAULTS, ...params };
  checkXy('gbdt', X, y, true, true);
  const d = X.d;
  let nTrees = p.nTrees;
  let bestIter = p.nTrees;
  if (p.validationFraction > 0) {
    const { fit, val } = stratifiedHoldout(y, p.validationFraction, p.seed + 1);
    const tr = takeSample(X, y, fit);
    const va = takeSample(X, y, val);
    const es = boost(binFor(tr.X.data, tr.y, d, p.maxBins, { X: va.X.data, y: va.y }), p, p.nTrees);
    bestIter = es.bestIter;
    if (!p.refit) return earlyStopped(es, d, p);
    // all training rows now: slightly more trees for the larger sample
    nTrees = Math.max(1, Math.round(bestIter / (1 - p.validationFraction)));
  }
  const { base, trees } = boost(binFor(X.data, y, d, p.maxBins), p, nTrees);
  return { kind: 'gbdt', d, base, trees, nTrees, bestIter, params: p, version: 1 };
}

/** The model of an early-stopped boosting run: its first bestIter trees. */
export function earlyStopped(es: ReturnType<typeof boost>, d: number, p: GbdtParams): GbdtModel {
  return { kind: 'gbdt', d, base: es.base, trees: firstTrees(es.trees, es.bestIter), nTrees: es.bestIter, bestIter: es.bestIter, params: p, version: 1 };
}

/** The first m trees of a frozen ensemble (nodes of tree t follow its root contiguously). */
function firstTrees(t: TreeArrays, m: number): TreeArrays {
  if (m >= t.roots.length) return t;
  const end = t.roots[m];
  return {
    feature: t.feature.slice(0, end),
    threshold: t.threshold.slice(0, end),
    left: t.left.slice(0, end),
    right: t.right.slice(0, end),
    value: t.value.slice(0, end),
    cover: t.cover.slice(0, end),
    missingRight: t.missingRight.slice(0, end),
    roots: t.roots.slice(0, m),
  };
}

/** Logit per row of X n x d (NaN = missing: each split sends it the way it learned). */
export function logitGbdt(model: GbdtModel, Xm: Matrix): Float64Array {
  const n = checkX('gbdt', Xm, model.d, true);
  const X = Xm.data;
  const out = new Float64Array(n).fill(model.base);
  if (hasNaN(X)) {
    addTreeSumsMissing(model.trees, X, model.d, out);
    return out;
  }
  const full = completeTrees(model.trees, model.params.maxDepth);
  if (full) addCompleteSums(full, X, model.d, out);
  else addTreeSums(model.trees, X, model.d, out);
  return out;
}

/** Churn probability per row of X n x d. */
export function predictGbdt(model: GbdtModel, X: Matrix): Float64Array {
  return logitGbdt(model, X).map(sigmoid);
}

/**
 * Hyperparameter search for the GBDT by successive halving (issue 15 point 4), on the training
 * rows it is given only: in cross-validation those are one outer training fold, so the search
 * never sees the outer test fold. The rows are split once (seeded, stratified) into an inner fit
 * and an inner validation part, the same split as the GBDT's early stopping.
 * Successive halving: every configuration (depth x learning rate x minimum leaf weight) boosts a
 * few trees; within each depth the best 1/eta by validation log-loss go on to a larger budget; the
 * last rung runs each depth's survivor to the tree cap with early stopping, where it beat every
 * shallower survivor by more than a standard error before. Budgets are in shrinkage units
 * (trees x learning rate), so a small learning rate is not judged on fewer effective steps.
 * Halving within each depth keeps shallow models in the race: with few trees a deep model always
 * looks better. The depth is then chosen by the one-standard-error rule
 * (Breiman et al. 1984; scikit-learn's "refit" callable example): the shallowest depth whose
 * validation log-loss is within one standard error (of the paired per-row differences) of the
 * best, since a few hundred validation rows cannot tell close depths apart.
 */
import { takeSample, type Matrix } from '../../math/matrix';
import { softplus } from '../../math/detmath';
import { stratifiedHoldout } from '../evaluation/folds';
import { binFor, boost, earlyStopped, GBDT_DEFAULTS, type GbdtModel, type GbdtParams } from './gbdt';
import { checkXy } from './validate';

export interface GbdtSearchSpace {
  maxDepth: number[];
  learningRate: number[];
  minChildWeight: number[];
  /** trees x learning rate per rung before the last (the last runs to nTrees with early stopping) */
  rungs: number[];
  /** each rung keeps the best 1/eta of each depth's configurations (at least one) */
  eta: number;
}
export const GBDT_SEARCH: GbdtSearchSpace = { maxDepth: [2, 3, 4, 5, 6], learningRate: [0.1, 0.2], minChildWeight: [1, 10], rungs: [0.5, 1.5], eta: 2 };

/** One configuration's last run: its settings, the rung it reached, the trees it boosted there and its best validation log-loss. */
export interface GbdtTrial {
  maxDepth: number;
  learningRate: number;
  minChildWeight: number;
  rung: number;
  trees: number;
  valLoss: number;
}

export interface GbdtSearchResult {
  /** the chosen configuration's early-stopped model (as fitGbdt with those settings returns it) */
  model: GbdtModel;
  trials: GbdtTrial[];
  /** trees boosted in all rungs (the search's cost; a plain fit boosts about model.bestIter + patience) */
  treesBoosted: number;
}

/** Searches the space on (X n x d, y 0/1; NaN = missing) and returns the chosen configuration's model. */
export function searchGbdt(X: Matrix, y: Uint8Array, params: Partial<GbdtParams> = {}, space: GbdtSearchSpace = GBDT_SEARCH): GbdtSearchResult {
  const p0 = { ...GBDT_DEFAULTS, ...params };
  checkXy('gbdt', X, y, true, true);
  const d = X.d;
  const { fit, val } = stratifiedHoldout(y, p0.validationFraction, p0.seed + 1);
  const tr = takeSample(X, y, fit);
  const va = takeSample(X, y, val);
  const binned = binFor(tr.X.data, tr.y, d, p0.maxBins, { X: va.X.data, y: va.y });
  const trials: GbdtTrial[] = [];
  let treesBoosted = 0;
  const vy = va.y;
  const rowLoss = (z: Float64Array) => Float64Array.from(z, (v, i) => softplus(v) - vy[i] * v);
  const run = (p: GbdtParams, r: number) => {
    const trees = r === space.rungs.length ? p.nTrees : Math.min(p.nTrees, Math.max(1, Math.round(space.rungs[r] / p.learningRate)));
    const es = boost(binned, p, trees);
    treesBoosted += Math.min(trees, es.bestIter + p.patience);
    return { p, es, trial: { maxDepth: p.maxDepth, learningRate: p.learningRate, minChildWeight: p.minChildWeight, rung: r, trees, valLoss: es.valLoss } };
  };
  type Run = ReturnType<typeof run>;
  // rungs before the last, within each depth
  const depths = [...space.maxDepth].sort((a, b) => a - b);
  let best: Run[] = depths.map((maxDepth) => {
    let alive: GbdtParams[] = [];
    for (const minChildWeight of space.minChildWeight) for (const learningRate of space.learningRate) alive.push({ ...p0, maxDepth, minChildWeight, learningRate });
    let runs: Run[] = [];
    for (let r = 0; r < space.rungs.length; r++) {
      runs = alive.map((p) => run(p, r)).sort((a, b) => a.es.valLoss - b.es.valLoss); // stable: ties keep the space's order
      const keep = Math.max(1, Math.floor(runs.length / space.eta));
      trials.push(...runs.slice(keep).map((x) => x.trial));
      alive = runs.slice(0, keep).map((x) => x.p);
    }
    return runs[0];
  });
  // A deeper model fits faster, so on few trees it looks better than it will end: a depth goes on
  // to the last rung only if it is better, by more than a standard error, than every shallower one.
  const early = best.map((b) => rowLoss(b.es.valLogits));
  const go = best.filter((b, k) => k === 0 || best.slice(0, k).every((s, j) => b.es.valLoss < s.es.valLoss - pairedSe(early[k], early[j])));
  trials.push(...best.filter((b) => !go.includes(b)).map((b) => b.trial));
  best = go.map((b) => run(b.p, space.rungs.length));
  trials.push(...best.map((b) => b.trial));
  // the depth by the one-standard-error rule on the per-row validation losses
  const losses = best.map((f) => rowLoss(f.es.valLogits));
  const top = best.reduce((b, f, i) => (f.es.valLoss < best[b].es.valLoss ? i : b), 0);
  const chosen = best[best.findIndex((f, i) => i === top || f.es.valLoss <= best[top].es.valLoss + pairedSe(losses[i], losses[top]))];
  return { model: earlyStopped(chosen.es, d, chosen.p), trials, treesBoosted };
}

/** Standard error of the mean of a - b (paired per-row differences). */
function pairedSe(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  if (n < 2) return 0;
  let m = 0;
  for (let i = 0; i < n; i++) m += a[i] - b[i];
  m /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (a[i] - b[i] - m) ** 2;
  return Math.sqrt(v / (n - 1) / n);
}

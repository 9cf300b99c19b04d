/**
 * Model-agnostic permutation importance on held-out rows: the drop in ROC-AUC when one
 * source column (all its one-hot columns together) is shuffled across rows.
 */
import type { DesignGroup } from '../features/design';
import { shuffleInPlace } from '../random';
import { rocAuc } from './metrics';

/** AUC drop per group on X (n x d row-major) with labels y; one seeded shuffle per group. */
export function permutationImportance(
  predict: (X: Float64Array) => Float64Array,
  X: Float64Array,
  y: Uint8Array,
  d: number,
  groups: DesignGroup[],
  rng: () => number,
  /** predict(X) when already known */
  pX?: Float64Array,
): Float64Array {
  const n = y.length;
  const base = rocAuc(pX ?? predict(X), y);
  const out = new Float64Array(groups.length);
  const Xp = new Float64Array(X.length);
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  groups.forEach((g, t) => {
    Xp.set(X);
    shuffleInPlace(perm, rng);
    for (let i = 0; i < n; i++)
      for (let c = g.start; c < g.start + g.count; c++) Xp[i * d + c] = X[perm[i] * d + c];
    out[t] = base - rocAuc(predict(Xp), y);
  });
  return out;
}

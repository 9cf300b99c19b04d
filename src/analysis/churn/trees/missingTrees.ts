/**
 * Tree traversal when some inputs are missing (NaN): at node k a present value goes left when
 * x <= threshold, a missing one the way the GBDT learned for that split (TreeArrays.missingRight).
 * The fast complete-tree layouts compare x > threshold, which sends NaN left, so inputs with NaN
 * take this walk instead.
 */
import type { TreeArrays } from './treeStorage';

/** Whether X holds a missing value (NaN). */
export function hasNaN(X: Float64Array): boolean {
  for (let q = 0; q < X.length; q++) if (X[q] !== X[q]) return true;
  return false;
}

/** Child of internal node k for value x: right when x > threshold, or x is missing and missing values go right there. */
export function childOf(t: TreeArrays, k: number, x: number): number {
  return x > t.threshold[k] || (x !== x && t.missingRight[k] === 1) ? t.right[k] : t.left[k];
}

/** out[i] += the sum over trees, in order, of row i's leaf value (X n x d row-major, NaN = missing). */
export function addTreeSumsMissing(t: TreeArrays, X: Float64Array, d: number, out: Float64Array): void {
  const { feature, roots, value } = t;
  for (let i = 0; i < out.length; i++) {
    const base = i * d;
    let s = out[i];
    for (let r = 0; r < roots.length; r++) {
      let k = roots[r];
      while (feature[k] >= 0) k = childOf(t, k, X[base + feature[k]]);
      s += value[k];
    }
    out[i] = s;
  }
}

/**
 * Tree storage shared by the tree models (flat node lists, plain data): the growers' parameters,
 * the node lists while training (TreeBuffer) and when frozen (TreeArrays), and the plain walk.
 */

export interface TreeParams {
  maxDepth: number;
  /** minimum hessian sum per child (gbdt: XGBoost min_child_weight; forest: min samples per leaf) */
  minChildWeight: number;
  lambda: number;
  /** fraction of features tried at each node (1 = all) */
  colsampleByNode: number;
}

/** Flat storage of many trees: node k is a leaf when feature[k] < 0; roots[t] is tree t's root. */
export interface TreeArrays {
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  /** training weight that reached node k (GBDT: hessian sum; forest: bootstrap count), for TreeSHAP's path weights */
  cover: Float64Array;
  /** per node: 1 when a missing value (NaN) goes right at the split, 0 left (learned by the GBDT; the forest sees no NaN) */
  missingRight: Uint8Array;
  roots: Int32Array;
}

/** Growable node lists while training; freeze() gives TreeArrays. */
export class TreeBuffer {
  feature: number[] = [];
  threshold: number[] = [];
  left: number[] = [];
  right: number[] = [];
  value: number[] = [];
  cover: number[] = [];
  missingRight: number[] = [];
  roots: number[] = [];
  freeze(): TreeArrays {
    return {
      feature: Int32Array.from(this.feature),
      threshold: Float64Array.from(this.threshold),
      left: Int32Array.from(this.left),
      right: Int32Array.from(this.right),
      value: Float64Array.from(this.value),
      cover: Float64Array.from(this.cover),
      missingRight: Uint8Array.from(this.missingRight),
      roots: Int32Array.from(this.roots),
    };
  }
}

/** Adds the sum over all trees of their leaf values to out[i], for each row i of X (n x d row-major).
 *  Row by row (the row stays in cache while every tree reads it), trees in order, so the sums are
 *  the same bits as tree by tree. */
export function addTreeSums(t: TreeArrays, X: Float64Array, d: number, out: Float64Array): void {
  const { feature, threshold, left, right, value, roots } = t;
  const n = out.length;
  const R = roots.length;
  for (let i = 0; i < n; i++) {
    const base = i * d;
    let s = out[i];
    for (let r = 0; r < R; r++) {
      let k = roots[r];
      let f = feature[k];
      while (f >= 0) {
        k = X[base + f] <= threshold[k] ? left[k] : right[k];
        f = feature[k];
      }
      s += value[k];
    }
    out[i] = s;
  }
}

/** Draws the node's candidate features: a partial Fisher-Yates shuffle puts nTry of feats[0..d) first
 *  (nothing to draw when every feature is tried); both growers call it, so one seed draws the same. */
export function drawFeatures(feats: Int32Array, nTry: number, d: number, rng: () => number): void {
  if (nTry >= d) return;
  for (let t = 0; t < nTry; t++) {
    const q = t + Math.floor(rng() * (d - t));
    const x = feats[t];
    feats[t] = feats[q];
    feats[q] = x;
  }
}

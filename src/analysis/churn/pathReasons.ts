/**
 * Per-customer attributions of tree models from their decision paths (Saabas / the
 * "treeinterpreter" method): walking a tree from its root to the row's leaf, each split's
 * change in node value (child minus parent) is credited to the split feature's source
 * column (design group), so a tree's leaf value = its root value + the sum of its
 * contributions. One extra tree walk per row, the cost of a prediction.
 */
import type { Design } from '../features/design';
import { sigmoid } from './detmath';
import type { ForestModel } from './forest';
import type { GbdtModel } from './gbdt';
import type { TreeArrays } from './tree';

/** Design group index per design column. */
export function groupOfColumns(design: Design): Int32Array {
  const out = new Int32Array(design.d);
  design.groups.forEach((g, t) => out.fill(t, g.start, g.start + g.count));
  return out;
}

/** Sum of the trees' root values (the contributions' baseline). */
export function rootSum(t: TreeArrays): number {
  let s = 0;
  for (let r = 0; r < t.roots.length; r++) s += t.value[t.roots[r]];
  return s;
}

/**
 * out[i * G + groupOf[f]] += child value - parent value for every split on feature f on row
 * i's path through every tree (X n x d row-major; left when x <= threshold, as predictions).
 */
export function addPathContributions(t: TreeArrays, X: Float64Array, d: number, groupOf: Int32Array, G: number, out: Float64Array): void {
  const { feature, threshold, left, right, value, roots } = t;
  const n = out.length / G;
  for (let i = 0; i < n; i++) {
    const base = i * d;
    const o = i * G;
    for (let r = 0; r < roots.length; r++) {
      let k = roots[r];
      let f = feature[k];
      while (f >= 0) {
        const c = X[base + f] <= threshold[k] ? left[k] : right[k];
        out[o + groupOf[f]] += value[c] - value[k];
        k = c;
        f = feature[k];
      }
    }
  }
}

/** Forest: per row and group, the path contributions averaged over trees, in probability points (n x G). */
export function forestGroupPoints(model: ForestModel, X: Float64Array, groupOf: Int32Array, G: number): Float64Array {
  const out = new Float64Array((X.length / model.d) * G);
  addPathContributions(model.trees, X, model.d, groupOf, G, out);
  const s = 100 / model.trees.roots.length;
  for (let q = 0; q < out.length; q++) out[q] *= s;
  return out;
}

/**
 * GBDT: per row and group, the path contributions c summed over trees (log-odds), converted to
 * probability points as the logistic reasons are: 100 * (p - sigmoid(z - c)), where z is the
 * row's logit (base + root values + all contributions) and p = sigmoid(z) (n x G).
 */
export function gbdtGroupPoints(model: GbdtModel, X: Float64Array, groupOf: Int32Array, G: number): Float64Array {
  const n = X.length / model.d;
  const out = new Float64Array(n * G);
  addPathContributions(model.trees, X, model.d, groupOf, G, out);
  const z0 = model.base + rootSum(model.trees);
  for (let i = 0; i < n; i++) {
    const o = i * G;
    let z = z0;
    for (let t = 0; t < G; t++) z += out[o + t];
    const p = sigmoid(z);
    for (let t = 0; t < G; t++) out[o + t] = 100 * (p - sigmoid(z - out[o + t]));
  }
  return out;
}

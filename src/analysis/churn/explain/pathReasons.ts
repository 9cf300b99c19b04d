/**
 * Per-customer attributions of tree models. Reasons use exact TreeSHAP (treeShap.ts, the
 * default method); the decision-path walk below (Saabas / the "treeinterpreter" method, which
 * favours splits near the root) is kept for comparison: walking a tree from its root to the row's leaf, each split's
 * change in node value (child minus parent) is credited to the split feature's source
 * column (design group), so a tree's leaf value = its root value + the sum of its
 * contributions. One extra tree walk per row, the cost of a prediction.
 */
import type { Design } from '../../features/design';
import type { Matrix } from '../../math/matrix';
import { sigmoid } from '../../math/detmath';
import type { ForestModel } from '../models/forest';
import type { GbdtModel } from '../models/gbdt';
import type { TreeArrays } from '../trees/treeStorage';
import { addTreeShap } from './treeShap';
import { hasNaN } from '../trees/missingTrees';

/** How tree attributions are computed: exact TreeSHAP (default) or the Saabas path walk. */
export type TreeAttribution = 'treeshap' | 'saabas';

/** out += per row and group attributions of the trees; returns the baseline (expected value for TreeSHAP, root values for Saabas). */
function addAttributions(t: TreeArrays, X: Float64Array, d: number, groupOf: Int32Array, G: number, out: Float64Array, method: TreeAttribution): number {
  if (method === 'treeshap') return addTreeShap(t, X, d, groupOf, G, out);
  addPathContributions(t, X, d, groupOf, G, out);
  return rootSum(t);
}

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

/** Deepest path (splits) of the trees. */
function maxDepth(t: TreeArrays): number {
  let D = 0;
  const stack: number[] = [];
  for (let r = 0; r < t.roots.length; r++) {
    stack.push(t.roots[r], 0);
    while (stack.length) {
      const depth = stack.pop()!;
      const k = stack.pop()!;
      if (t.feature[k] < 0) D = Math.max(D, depth);
      else stack.push(t.left[k], depth + 1, t.right[k], depth + 1);
    }
  }
  return D;
}

/** Trees at most this deep are walked as complete trees (fixed depth, four rows at a time). */
const COMPLETE_MAX_DEPTH = 10;

/**
 * out[i * G + groupOf[f]] += child value - parent value for every split on feature f on row
 * i's path through every tree (X n x d row-major; left when x <= threshold, as predictions).
 * Trees are walked in order, so each group's sum is the same bits however the trees are laid out.
 */
export function addPathContributions(t: TreeArrays, X: Float64Array, d: number, groupOf: Int32Array, G: number, out: Float64Array): void {
  const D = maxDepth(t);
  // the complete layout sends NaN left; inputs with missing values take the node walk, which follows missingRight
  if (D <= COMPLETE_MAX_DEPTH && !hasNaN(X)) completePaths(t, D, X, d, groupOf, G, out);
  else nodePaths(t, X, d, groupOf, G, out);
}

/** The walk on the node lists: the step is +(x > threshold) (or x missing where missing values go right), a flag, not a branch. */
function nodePaths(t: TreeArrays, X: Float64Array, d: number, groupOf: Int32Array, G: number, out: Float64Array): void {
  const { feature, threshold, left, right, value, roots, missingRight } = t;
  // children of node k at kids[2k] (left), kids[2k + 1] (right); step[c] = value[c] - value[parent of c]
  const m = feature.length;
  const kids = new Int32Array(2 * m);
  const step = new Float64Array(m);
  const group = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    if (feature[k] < 0) continue;
    kids[2 * k] = left[k];
    kids[2 * k + 1] = right[k];
    step[left[k]] = value[left[k]] - value[k];
    step[right[k]] = value[right[k]] - value[k];
    group[k] = groupOf[feature[k]];
  }
  const n = out.length / G;
  for (let i = 0; i < n; i++) {
    const base = i * d;
    const o = i * G;
    for (let r = 0; r < roots.length; r++) {
      let k = roots[r];
      let f = feature[k];
      while (f >= 0) {
        const x = X[base + f];
        const c = kids[2 * k + (+(x > threshold[k]) | (missingRight[k] & +(x !== x)))];
        out[o + group[k]] += step[c];
        k = c;
        f = feature[k];
      }
    }
  }
}

/**
 * The walk on complete trees of depth D in heap order (children of k: 2k + 1, 2k + 2): below an
 * early leaf, pass-through nodes (threshold +Infinity, always left; X is finite) whose steps are
 * 0, which adds nothing (x + 0 = x). Four rows at a time so their descents overlap.
 */
function completePaths(t: TreeArrays, D: number, X: Float64Array, d: number, groupOf: Int32Array, G: number, out: Float64Array): void {
  const T = t.roots.length;
  const I = (1 << D) - 1;
  const N = 2 * I + 1;
  const feature = new Int32Array(T * I);
  const threshold = new Float64Array(T * I).fill(Infinity);
  const group = new Int32Array(T * I);
  const step = new Float64Array(T * N);
  for (let r = 0; r < T; r++) {
    const stack: number[] = [t.roots[r], 0];
    while (stack.length) {
      const j = stack.pop()!;
      const k = stack.pop()!;
      const f = t.feature[k];
      if (f < 0) continue;
      feature[r * I + j] = f;
      threshold[r * I + j] = t.threshold[k];
      group[r * I + j] = groupOf[f];
      step[r * N + 2 * j + 1] = t.value[t.left[k]] - t.value[k];
      step[r * N + 2 * j + 2] = t.value[t.right[k]] - t.value[k];
      stack.push(t.left[k], 2 * j + 1, t.right[k], 2 * j + 2);
    }
  }
  const n = out.length / G;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const b0 = i * d;
    const b1 = b0 + d;
    const b2 = b1 + d;
    const b3 = b2 + d;
    const o0 = i * G;
    const o1 = o0 + G;
    const o2 = o1 + G;
    const o3 = o2 + G;
    for (let r = 0; r < T; r++) {
      const a = r * I;
      const s = r * N;
      let k0 = 0;
      let k1 = 0;
      let k2 = 0;
      let k3 = 0;
      for (let l = 0; l < D; l++) {
        const c0 = 2 * k0 + 1 + +(X[b0 + feature[a + k0]] > threshold[a + k0]);
        const c1 = 2 * k1 + 1 + +(X[b1 + feature[a + k1]] > threshold[a + k1]);
        const c2 = 2 * k2 + 1 + +(X[b2 + feature[a + k2]] > threshold[a + k2]);
        const c3 = 2 * k3 + 1 + +(X[b3 + feature[a + k3]] > threshold[a + k3]);
        out[o0 + group[a + k0]] += step[s + c0];
        out[o1 + group[a + k1]] += step[s + c1];
        out[o2 + group[a + k2]] += step[s + c2];
        out[o3 + group[a + k3]] += step[s + c3];
        k0 = c0;
        k1 = c1;
        k2 = c2;
        k3 = c3;
      }
    }
  }
  for (; i < n; i++) {
    const b = i * d;
    const o = i * G;
    for (let r = 0; r < T; r++) {
      const a = r * I;
      const s = r * N;
      let k = 0;
      for (let l = 0; l < D; l++) {
        const c = 2 * k + 1 + +(X[b + feature[a + k]] > threshold[a + k]);
        out[o + group[a + k]] += step[s + c];
        k = c;
      }
    }
  }
}

/** Forest: per row and group, the attributions (default TreeSHAP) averaged over trees, in probability points (n x G). */
export function forestGroupPoints(model: ForestModel, X: Matrix, groupOf: Int32Array, G: number, method: TreeAttribution = 'treeshap'): Float64Array {
  const out = new Float64Array(X.n * G);
  addAttributions(model.trees, X.data, model.d, groupOf, G, out, method);
  const s = 100 / model.trees.roots.length;
  for (let q = 0; q < out.length; q++) out[q] *= s;
  return out;
}

/**
 * GBDT: per row and group, the attributions c (default TreeSHAP) summed over trees (log-odds),
 * converted to probability points as the logistic reasons are: 100 * (p - sigmoid(z - c)), where z
 * is the row's logit (base + baseline + all contributions) and p = sigmoid(z) (n x G).
 */
export function gbdtGroupPoints(model: GbdtModel, X: Matrix, groupOf: Int32Array, G: number, method: TreeAttribution = 'treeshap'): Float64Array {
  const n = X.n;
  const out = new Float64Array(n * G);
  const z0 = model.base + addAttributions(model.trees, X.data, model.d, groupOf, G, out, method);
  for (let i = 0; i < n; i++) {
    const o = i * G;
    let z = z0;
    for (let t = 0; t < G; t++) z += out[o + t];
    const p = sigmoid(z);
    for (let t = 0; t < G; t++) out[o + t] = 100 * (p - sigmoid(z - out[o + t]));
  }
  return out;
}

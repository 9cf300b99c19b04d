/**
 * Histogram regression trees over binned features, grown depth-first with second-order
 * (gradient g, hessian h) gains as in XGBoost: leaf = -G / (H + lambda). Shared by the
 * gradient-boosted and random-forest models. Trees are flat typed arrays (plain data).
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
  roots: Int32Array;
}

/** Growable node lists while training; freeze() gives TreeArrays. */
export class TreeBuffer {
  feature: number[] = [];
  threshold: number[] = [];
  left: number[] = [];
  right: number[] = [];
  value: number[] = [];
  roots: number[] = [];
  freeze(): TreeArrays {
    return {
      feature: Int32Array.from(this.feature),
      threshold: Float64Array.from(this.threshold),
      left: Int32Array.from(this.left),
      right: Int32Array.from(this.right),
      value: Float64Array.from(this.value),
      roots: Int32Array.from(this.roots),
    };
  }
}

export interface BinnedData {
  /** column-major bins, binned[j * n + i] */
  binned: Uint8Array;
  n: number;
  d: number;
  edges: Float64Array[];
}

/** Grows one tree on local rows `rows` and appends it to buf (leaf values times `scale`); returns its root. */
export function growTree(
  data: BinnedData,
  rows: Int32Array,
  g: Float64Array,
  h: Float64Array,
  p: TreeParams,
  rng: () => number,
  buf: TreeBuffer,
  scale: number,
): number {
  const { binned, n, d, edges } = data;
  const hg = new Float64Array(257);
  const hh = new Float64Array(257);
  const feats = new Int32Array(d);
  for (let j = 0; j < d; j++) feats[j] = j;
  const nTry = Math.max(1, Math.round(p.colsampleByNode * d));

  const grow = (rows: Int32Array, depth: number): number => {
    let G = 0;
    let H = 0;
    for (let k = 0; k < rows.length; k++) {
      G += g[rows[k]];
      H += h[rows[k]];
    }
    const node = buf.feature.length;
    buf.feature.push(-1);
    buf.threshold.push(0);
    buf.left.push(-1);
    buf.right.push(-1);
    buf.value.push((-G / (H + p.lambda)) * scale);
    if (depth >= p.maxDepth || H < 2 * p.minChildWeight) return node;
    if (nTry < d)
      for (let t = 0; t < nTry; t++) {
        const s = t + Math.floor(rng() * (d - t));
        const tmp = feats[t];
        feats[t] = feats[s];
        feats[s] = tmp;
      }
    const parent = (G * G) / (H + p.lambda);
    let bestGain = 1e-12;
    let bestF = -1;
    let bestB = -1;
    for (let t = 0; t < nTry; t++) {
      const f = feats[t];
      const nb = edges[f].length + 1;
      if (nb < 2) continue;
      hg.fill(0, 0, nb);
      hh.fill(0, 0, nb);
      const base = f * n;
      for (let k = 0; k < rows.length; k++) {
        const i = rows[k];
        const b = binned[base + i];
        hg[b] += g[i];
        hh[b] += h[i];
      }
      let GL = 0;
      let HL = 0;
      for (let b = 0; b < nb - 1; b++) {
        GL += hg[b];
        HL += hh[b];
        const HR = H - HL;
        if (HL < p.minChildWeight) continue;
        if (HR < p.minChildWeight) break;
        const GR = G - GL;
        const gain = (GL * GL) / (HL + p.lambda) + (GR * GR) / (HR + p.lambda) - parent;
        if (gain > bestGain) {
          bestGain = gain;
          bestF = f;
          bestB = b;
        }
      }
    }
    if (bestF < 0) return node;
    let nl = 0;
    const base = bestF * n;
    for (let k = 0; k < rows.length; k++) if (binned[base + rows[k]] <= bestB) nl++;
    const L = new Int32Array(nl);
    const R = new Int32Array(rows.length - nl);
    let a = 0;
    let c = 0;
    for (let k = 0; k < rows.length; k++) {
      const i = rows[k];
      if (binned[base + i] <= bestB) L[a++] = i;
      else R[c++] = i;
    }
    buf.feature[node] = bestF;
    buf.threshold[node] = edges[bestF][bestB];
    const l = grow(L, depth + 1);
    const r = grow(R, depth + 1);
    buf.left[node] = l;
    buf.right[node] = r;
    return node;
  };
  const root = grow(rows, 0);
  buf.roots.push(root);
  return root;
}

/** Leaf value of the tree rooted at `root` for row i of X (n x d row-major): left when x <= threshold. */
export function treeValue(t: TreeArrays | TreeBuffer, root: number, X: Float64Array, d: number, i: number): number {
  let k = root;
  while (t.feature[k] >= 0) k = X[i * d + t.feature[k]] <= t.threshold[k] ? t.left[k] : t.right[k];
  return t.value[k];
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

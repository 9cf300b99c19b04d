/**
 * Exact path-dependent TreeSHAP (Lundberg, Erion & Lee 2018, "Consistent individualized feature
 * attribution for tree ensembles"), with the players being design groups (source columns): a
 * group's splits on a leaf's path are merged, as the algorithm merges repeated features.
 *
 * Per leaf l with unique groups U on its path, z_g = product of the cover fractions of g's splits
 * (the share of training weight going that way) and o_g = 1 when the row satisfies all of g's
 * splits, the leaf's part of E[f(x) | x_Q] is v_l * prod_{g in Q} o_g * prod_{g not in Q} z_g, and
 * its Shapley value for g in U is
 *   v_l (o_g - z_g) sum_{Q subset U \ g} |Q|! (|U| - |Q| - 1)! / |U|! prod_{Q} o * prod_{U \ g \ Q} z.
 * It depends on the row only through which path groups fail (a bit mask), so a leaf's values are
 * tabulated once per mask (as Fast TreeSHAP v2, Yang 2021) and a row costs one pass over the
 * tree's nodes to find each leaf's mask plus one table lookup per leaf and group: O(leaves x depth)
 * per tree, against O(depth) for the Saabas walk. Leaves with too many masks are computed per row.
 * Not split: the Shapley weights, the per-tree mask tables and the per-row fallback are one
 * algorithm over the same path state.
 */
import type { TreeArrays } from '../trees/treeStorage';

/** A leaf's table is built when it has at most 2^this masks (and the tree's tables stay under TABLE_MAX). */
const TABLE_BITS = 12;
/** Doubles of tables per tree at most (8 MB). */
const TABLE_MAX = 1 << 20;

/** One tree prepared for TreeSHAP: internal nodes in preorder (local ids), leaves with their path groups. */
interface ShapTree {
  /** per internal node q: feature, threshold, failure bit of its group on the path, local ids of itself and its children */
  feat: Int32Array;
  thr: Float64Array;
  /** 1 where a missing value (NaN) goes right */
  mr: Int32Array;
  bit: Int32Array;
  self: Int32Array;
  kidL: Int32Array;
  kidR: Int32Array;
  nodes: number;
  /** per leaf: local node id, value, path groups in leafGroup[gStart[l] .. gStart[l + 1]) with their z, table offset (-1: per row) */
  leafNode: Int32Array;
  leafValue: Float64Array;
  gStart: Int32Array;
  leafGroup: Int32Array;
  leafZ: Float64Array;
  tabOff: Int32Array;
  tab: Float64Array;
  /** cover-weighted mean leaf value (the tree's expected value) */
  expected: number;
}

/** w[m][q] = q! (m - q - 1)! / m!, the Shapley weight of a coalition of q among m players for one player. */
const weights: Float64Array[] = [];
function shapleyWeights(m: number): Float64Array {
  for (let k = weights.length; k <= m; k++) {
    const w = new Float64Array(Math.max(k, 1));
    // w[0] = 1/k, w[q] = w[q - 1] * q / (k - q)
    if (k > 0) w[0] = 1 / k;
    for (let q = 1; q < k; q++) w[q] = (w[q - 1] * q) / (k - q);
    weights.push(w);
  }
  return weights[m];
}

/**
 * phi[p] (p < m) = the leaf's Shapley value for path group p when the groups in `fail` (bit p set)
 * are not satisfied by the row; e (m + 1) and e2 (m) are scratch.
 */
export function leafShap(v: number, z: Float64Array, zo: number, m: number, fail: number, phi: Float64Array, po: number, e: Float64Array, e2: Float64Array): void {
  const w = shapleyWeights(m);
  // elementary symmetric polynomials of z over the satisfied groups S, and the product over the failed ones
  let s = 0;
  let cf = 1;
  e[0] = 1;
  for (let p = 0; p < m; p++) {
    const zp = z[zo + p];
    if (fail & (1 << p)) cf *= zp;
    else {
      s++;
      e[s] = 0;
      for (let k = s; k >= 1; k--) e[k] += zp * e[k - 1];
    }
  }
  // failed groups all get -v * C_F * sum_q w(q) e_{s - q}(S)
  let b = 0;
  for (let q = 0; q <= s; q++) b += w[q] * e[s - q];
  const failed = -v * cf * b;
  for (let p = 0; p < m; p++) {
    if (fail & (1 << p)) {
      phi[po + p] = failed;
      continue;
    }
    // a satisfied group: S without p (divide z_p out of the polynomial; stable as 0 <= z_p <= 1)
    const zp = z[zo + p];
    e2[0] = 1;
    for (let k = 1; k < s; k++) e2[k] = e[k] - zp * e2[k - 1];
    let a = 0;
    for (let q = 0; q < s; q++) a += w[q] * e2[s - 1 - q];
    phi[po + p] = v * (1 - zp) * cf * a;
  }
}

/** Prepares tree r of t for TreeSHAP (groups from groupOf per feature); `rows` sizes the tables (none are worth more masks than rows). */
function prepare(t: TreeArrays, r: number, groupOf: Int32Array, rows: number): ShapTree {
  const feat: number[] = [];
  const thr: number[] = [];
  const mr: number[] = [];
  const bit: number[] = [];
  const self: number[] = [];
  const kidL: number[] = [];
  const kidR: number[] = [];
  const leafNode: number[] = [];
  const leafValue: number[] = [];
  const gStart: number[] = [0];
  const leafGroup: number[] = [];
  const leafZ: number[] = [];
  let nodes = 0;
  let expected = 0;
  const cover = t.cover;
  // depth-first with the path's unique groups and their z
  const walk = (k: number, groups: number[], z: number[], w: number): number => {
    const id = nodes++;
    const f = t.feature[k];
    if (f < 0) {
      leafNode.push(id);
      leafValue.push(t.value[k]);
      leafGroup.push(...groups);
      leafZ.push(...z);
      gStart.push(leafGroup.length);
      expected += w * t.value[k];
      return id;
    }
    const g = groupOf[f];
    let p = groups.indexOf(g);
    if (p < 0) p = groups.length;
    if (p >= 31) throw new Error(`treeShap: a path with more than 31 distinct groups (tree ${r}) is not supported`);
    const q = feat.length;
    feat.push(f);
    thr.push(t.threshold[k]);
    mr.push(t.missingRight[k]);
    bit.push(1 << p);
    self.push(id);
    kidL.push(-1);
    kidR.push(-1);
    const c = cover[k];
    for (const [side, child] of [[0, t.left[k]], [1, t.right[k]]] as const) {
      const frac = c > 0 ? cover[child] / c : 0.5;
      const gs = groups.slice();
      const zs = z.slice();
      if (p < gs.length) zs[p] *= frac;
      else {
        gs.push(g);
        zs.push(frac);
      }
      const cid = walk(child, gs, zs, w * frac);
      if (side === 0) kidL[q] = cid;
      else kidR[q] = cid;
    }
    return id;
  };
  walk(t.roots[r], [], [], 1);
  const L = leafNode.length;
  const tabOff = new Int32Array(L).fill(-1);
  let size = 0;
  for (let l = 0; l < L; l++) {
    const m = gStart[l + 1] - gStart[l];
    const masks = 2 ** m;
    if (m <= TABLE_BITS && masks <= rows && size + masks * m <= TABLE_MAX) {
      tabOff[l] = size;
      size += masks * m;
    }
  }
  const tab = new Float64Array(size);
  const zArr = Float64Array.from(leafZ);
  const e = new Float64Array(33);
  const e2 = new Float64Array(33);
  for (let l = 0; l < L; l++) {
    if (tabOff[l] < 0) continue;
    const m = gStart[l + 1] - gStart[l];
    for (let mask = 0; mask < 2 ** m; mask++) leafShap(leafValue[l], zArr, gStart[l], m, mask, tab, tabOff[l] + mask * m, e, e2);
  }
  return {
    feat: Int32Array.from(feat), thr: Float64Array.from(thr), mr: Int32Array.from(mr), bit: Int32Array.from(bit), self: Int32Array.from(self),
    kidL: Int32Array.from(kidL), kidR: Int32Array.from(kidR), nodes,
    leafNode: Int32Array.from(leafNode), leafValue: Float64Array.from(leafValue), gStart: Int32Array.from(gStart),
    leafGroup: Int32Array.from(leafGroup), leafZ: zArr, tabOff, tab, expected,
  };
}

/** Rows processed together per tree (their node masks and group sums stay in cache). */
const BLOCK = 128;

/**
 * out[i * G + g] += the TreeSHAP value of group g for row i, summed over the trees in order (X n x d
 * row-major; a split sends x <= threshold left, as predictions do, and a missing x (NaN) the way it learned); returns the sum of the trees'
 * expected values, so for every row: returned value + sum_g out = sum of the trees' leaf values.
 */
export function addTreeShap(t: TreeArrays, X: Float64Array, d: number, groupOf: Int32Array, G: number, out: Float64Array): number {
  const n = out.length / G;
  let expected = 0;
  const phi = new Float64Array(32);
  const e = new Float64Array(33);
  const e2 = new Float64Array(33);
  // per block: group sums group-major (acc[g * B + r]), node masks node-major (mask[node * B + r])
  const acc = new Float64Array(G * BLOCK);
  for (let r = 0; r < t.roots.length; r++) {
    const s = prepare(t, r, groupOf, n);
    expected += s.expected;
    const { feat, thr, mr, bit, self, kidL, kidR, leafNode, leafValue, gStart, leafGroup, leafZ, tabOff, tab } = s;
    const nI = feat.length;
    const L = leafNode.length;
    const mask = new Int32Array(s.nodes * BLOCK);
    for (let i0 = 0; i0 < n; i0 += BLOCK) {
      const B = Math.min(BLOCK, n - i0);
      // each node's failed-group mask from its parent's (preorder: parents first); the root's stays 0
      for (let q = 0; q < nI; q++) {
        const f = feat[q];
        const th = thr[q];
        const mq = mr[q];
        const b = bit[q];
        const ms = self[q] * BLOCK;
        const ml = kidL[q] * BLOCK;
        const mR = kidR[q] * BLOCK;
        for (let u = 0, x = (i0 * d) + f; u < B; u++, x += d) {
          const v = X[x];
          const right = +(v > th) | (mq & +(v !== v));
          const mk = mask[ms + u];
          mask[ml + u] = mk | (right * b);
          mask[mR + u] = mk | ((1 - right) * b);
        }
      }
      acc.fill(0);
      for (let l = 0; l < L; l++) {
        const g0 = gStart[l];
        const m = gStart[l + 1] - g0;
        if (m === 0) continue;
        const mo = leafNode[l] * BLOCK;
        const t0 = tabOff[l];
        if (t0 >= 0)
          for (let p = 0; p < m; p++) {
            const a = leafGroup[g0 + p] * BLOCK;
            const tp = t0 + p;
            for (let u = 0; u < B; u++) acc[a + u] += tab[tp + mask[mo + u] * m];
          }
        else
          for (let u = 0; u < B; u++) {
            leafShap(leafValue[l], leafZ, g0, m, mask[mo + u], phi, 0, e, e2);
            for (let p = 0; p < m; p++) acc[leafGroup[g0 + p] * BLOCK + u] += phi[p];
          }
      }
      for (let g = 0; g < G; g++) for (let u = 0; u < B; u++) out[(i0 + u) * G + g] += acc[g * BLOCK + u];
    }
  }
  return expected;
}

/** Work of TreeSHAP per row: leaf-group terms summed over the trees' leaves (Saabas: about one step per split on a path). */
export function treeShapWork(t: TreeArrays, groupOf: Int32Array): number {
  let work = 0;
  const walk = (k: number, groups: number[]) => {
    const f = t.feature[k];
    if (f < 0) {
      work += groups.length;
      return;
    }
    const g = groupOf[f];
    const next = groups.includes(g) ? groups : [...groups, g];
    walk(t.left[k], next);
    walk(t.right[k], next);
  };
  for (let r = 0; r < t.roots.length; r++) walk(t.roots[r], []);
  return work;
}

/** Rows x treeShapWork up to which reasons use TreeSHAP (Telco, 7,043 rows: the GBDT's 1.0e7 ~0.15 s; the
 *  forest's 1.3e8 ~1.3 s CPU, so its reasons stay on the path walk there). */
export const TREESHAP_MAX_WORK = 40_000_000;

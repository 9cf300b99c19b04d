/** TreeSHAP: exact Shapley values of the path-dependent expectation; contributions + expected value = model output. */
import { describe, it, expect } from 'vitest';
import { fitForest, predictForest } from '../models/forest';
import { fitGbdt, logitGbdt } from '../models/gbdt';
import { addTreeShap } from './treeShap';
import { forestGroupPoints, gbdtGroupPoints } from './pathReasons';
import { sigmoid } from '../../math/detmath';
import { synthChurn } from '../../testing/synthetic';
import type { TreeArrays } from '../trees/treeStorage';
import { asMatrix } from '../../math/matrix';

const d = 6;
const train = synthChurn(1500, d, 1);
const test = synthChurn(200, d, 2);
const n = test.y.length;
const perColumn = Int32Array.from({ length: d }, (_, j) => j);
// columns 0 | 1 | 2..3 | 4..5 as four groups
const grouped = Int32Array.from([0, 1, 2, 2, 3, 3]);

/** E[tree sum | the groups in Q known] for row i, by the path-dependent rule (known: follow x; unknown: cover-weighted). */
function condExpect(t: TreeArrays, x: Float64Array, groupOf: Int32Array, Q: number): number {
  const rec = (k: number): number => {
    const f = t.feature[k];
    if (f < 0) return t.value[k];
    if (Q & (1 << groupOf[f])) return rec(x[f] <= t.threshold[k] ? t.left[k] : t.right[k]);
    const l = t.left[k];
    const r = t.right[k];
    return (t.cover[l] * rec(l) + t.cover[r] * rec(r)) / t.cover[k];
  };
  let s = 0;
  for (let r = 0; r < t.roots.length; r++) s += rec(t.roots[r]);
  return s;
}

/** Shapley values over G players by enumerating all coalitions. */
function bruteShapley(t: TreeArrays, x: Float64Array, groupOf: Int32Array, G: number): Float64Array {
  const fact = (k: number): number => (k <= 1 ? 1 : k * fact(k - 1));
  const v = Array.from({ length: 1 << G }, (_, Q) => condExpect(t, x, groupOf, Q));
  const phi = new Float64Array(G);
  for (let g = 0; g < G; g++)
    for (let Q = 0; Q < 1 << G; Q++) {
      if (Q & (1 << g)) continue;
      let q = 0;
      for (let b = Q; b; b &= b - 1) q++;
      phi[g] += ((fact(q) * fact(G - q - 1)) / fact(G)) * (v[Q | (1 << g)] - v[Q]);
    }
  return phi;
}

describe('TreeSHAP', () => {
  it.each([
    ['per column', perColumn, d],
    ['per group', grouped, 4],
  ])('equals the Shapley values by enumeration of coalitions (%s, GBDT depth 4, forest depth 5)', async (_, groupOf, G) => {
    const gb = await fitGbdt(asMatrix(train.X, d), train.y, { seed: 3, nTrees: 12, maxDepth: 4, validationFraction: 0 });
    const fo = await fitForest(asMatrix(train.X, d), train.y, { seed: 4, nTrees: 5, maxDepth: 5, minLeaf: 5 });
    for (const t of [gb.trees, fo.trees]) {
      const m = 25;
      const X = test.X.subarray(0, m * d);
      const out = new Float64Array(m * G);
      const ev = addTreeShap(t, X, d, groupOf, G, out);
      expect(ev).toBeCloseTo(condExpect(t, X, groupOf, 0), 10);
      for (let i = 0; i < m; i++) {
        const ref = bruteShapley(t, X.subarray(i * d, i * d + d), groupOf, G);
        for (let g = 0; g < G; g++) expect(Math.abs(out[i * G + g] - ref[g])).toBeLessThan(1e-10);
      }
    }
  });

  it.each([3, 6])('identity at depth %i: GBDT contributions + expected value = log-odds, forest = probability (1e-9)', async (maxDepth) => {
    const gb = await fitGbdt(asMatrix(train.X, d), train.y, { seed: 5, nTrees: 80, maxDepth, validationFraction: 0 });
    const fo = await fitForest(asMatrix(train.X, d), train.y, { seed: 6, nTrees: 20, maxDepth, minLeaf: 3 });
    const z = logitGbdt(gb, asMatrix(test.X, d));
    const p = predictForest(fo, asMatrix(test.X, d));
    const T = fo.trees.roots.length;
    for (const groupOf of [perColumn, grouped]) {
      const G = Math.max(...groupOf) + 1;
      const cg = new Float64Array(n * G);
      const eg = gb.base + addTreeShap(gb.trees, test.X, d, groupOf, G, cg);
      const cf = new Float64Array(n * G);
      const ef = addTreeShap(fo.trees, test.X, d, groupOf, G, cf) / T;
      for (let i = 0; i < n; i++) {
        let sg = eg;
        let sf = ef;
        for (let g = 0; g < G; g++) {
          sg += cg[i * G + g];
          sf += cf[i * G + g] / T;
        }
        expect(Math.abs(sg - z[i])).toBeLessThan(1e-9);
        expect(Math.abs(sf - p[i])).toBeLessThan(1e-9);
      }
    }
    // probability points: forest points sum to 100 x (p - expected value); GBDT points are the logistic conversion
    const pf = forestGroupPoints(fo, asMatrix(test.X, d), grouped, 4);
    const pg = gbdtGroupPoints(gb, asMatrix(test.X, d), grouped, 4);
    const cg = new Float64Array(n * 4);
    addTreeShap(gb.trees, test.X, d, grouped, 4, cg);
    for (let i = 0; i < n; i++) {
      const q = pf[i * 4] + pf[i * 4 + 1] + pf[i * 4 + 2] + pf[i * 4 + 3];
      expect(Math.abs(ef(fo) + q / 100 - p[i])).toBeLessThan(1e-9);
      const pz = sigmoid(z[i]);
      for (let g = 0; g < 4; g++) expect(pg[i * 4 + g]).toBeCloseTo(100 * (pz - sigmoid(z[i] - cg[i * 4 + g])), 8);
    }
  });

  it('tabulated leaves (many rows) and per-row leaves (few rows) give the same values', async () => {
    const fo = await fitForest(asMatrix(train.X, d), train.y, { seed: 7, nTrees: 10, maxDepth: 8, minLeaf: 2 });
    const all = new Float64Array(n * d);
    addTreeShap(fo.trees, test.X, d, perColumn, d, all);
    for (const i of [0, 7, 150]) {
      const one = new Float64Array(d);
      addTreeShap(fo.trees, test.X.subarray(i * d, i * d + d), d, perColumn, d, one);
      for (let j = 0; j < d; j++) expect(Math.abs(one[j] - all[i * d + j])).toBeLessThan(1e-12);
    }
  });

  it('the driver x0 gets the largest mean |value|; a column no tree splits on gets exactly 0', async () => {
    const gb = await fitGbdt(asMatrix(train.X, d), train.y, { seed: 8, nTrees: 60, maxDepth: 3, colsample: 1 });
    const used = new Set(Array.from(gb.trees.feature).filter((f) => f >= 0));
    const out = new Float64Array(n * d);
    addTreeShap(gb.trees, test.X, d, perColumn, d, out);
    const mean = new Float64Array(d);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += Math.abs(out[i * d + j]) / n;
    expect(mean[0]).toBe(Math.max(...mean));
    for (let j = 0; j < d; j++) if (!used.has(j)) expect(mean[j]).toBe(0);
  });
});

/** The forest's expected value (mean over trees of the cover-weighted mean leaf). */
function ef(fo: { trees: TreeArrays }): number {
  return addTreeShap(fo.trees, new Float64Array(0), 1, new Int32Array(1), 1, new Float64Array(0)) / fo.trees.roots.length;
}

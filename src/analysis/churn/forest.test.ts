/** Random forest: the complete-tree prediction layout gives the same bits as walking the trees. */
import { describe, it, expect } from 'vitest';
import { mulberry32 } from '../random';
import { DENSE_MAX_DEPTH, fitForest, predictForest, type ForestModel } from './forest';
import { addTreeSums } from './tree';

/** n x d: two continuous columns, the rest 0/1 (one-hot like); churn depends on x0, x1 and x2. */
function synth(n: number, d: number, seed: number) {
  const rng = mulberry32(seed);
  const X = new Float64Array(n * d);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) X[i * d + j] = j < 2 ? rng() * 100 : rng() < 0.3 ? 1 : 0;
    y[i] = rng() < (X[i * d] < 30 ? 0.6 : 0.15) + (X[i * d + 2] ? 0.2 : 0) ? 1 : 0;
  }
  return { X, y };
}

/** Mean leaf value by walking the node lists (the reference layout). */
function walk(m: ForestModel, X: Float64Array): Float64Array {
  const out = new Float64Array(X.length / m.d);
  addTreeSums(m.trees, X, m.d, out);
  return out.map((v) => v / m.trees.roots.length);
}

describe('forest', () => {
  const d = 8;
  const train = synth(1500, d, 1);
  const test = synth(403, d, 2);
  it.each([
    ['defaults', {}],
    ['early leaves (large minLeaf)', { minLeaf: 200, maxDepth: 6 }],
    ['a stump', { maxDepth: 1, nTrees: 3 }],
    ['no split', { maxDepth: 0, nTrees: 2 }],
  ])('dense prediction equals walking the trees: %s', async (_, params) => {
    const m = await fitForest(train.X, train.y, d, { seed: 3, ...params });
    expect(m.dense).not.toBeNull();
    expect(predictForest(m, test.X)).toEqual(walk(m, test.X));
  });
  it('deeper forests keep the node lists only', async () => {
    const m = await fitForest(train.X, train.y, d, { seed: 3, maxDepth: DENSE_MAX_DEPTH + 1, nTrees: 4, minLeaf: 2 });
    expect(m.dense).toBeNull();
    expect(predictForest(m, test.X)).toEqual(walk(m, test.X));
  });
  it('leaves hold positive rates, so predictions lie in [0, 1]; seeded', async () => {
    const a = predictForest(await fitForest(train.X, train.y, d, { seed: 5 }), test.X);
    const b = predictForest(await fitForest(train.X, train.y, d, { seed: 5 }), test.X);
    expect(a).toEqual(b);
    expect(a.every((v) => v >= 0 && v <= 1)).toBe(true);
  });
});

/** Random forest: the complete-tree prediction layout gives the same bits as walking the trees. */
import { describe, it, expect } from 'vitest';
import { DENSE_MAX_DEPTH, fitForest, predictForest, type ForestModel } from './forest';
import { addTreeSums } from '../trees/treeStorage';
import { synthChurn } from '../../testing/synthetic';
import { asMatrix } from '../../math/matrix';

const synth = synthChurn;

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
    const m = await fitForest(asMatrix(train.X, d), train.y, { seed: 3, ...params });
    expect(m.dense).not.toBeNull();
    expect(predictForest(m, asMatrix(test.X, d))).toEqual(walk(m, test.X));
  });
  it('deeper forests keep the node lists only', async () => {
    const m = await fitForest(asMatrix(train.X, d), train.y, { seed: 3, maxDepth: DENSE_MAX_DEPTH + 1, nTrees: 4, minLeaf: 2 });
    expect(m.dense).toBeNull();
    expect(predictForest(m, asMatrix(test.X, d))).toEqual(walk(m, test.X));
  });
  it('leaves hold positive rates, so predictions lie in [0, 1]; seeded', async () => {
    const a = predictForest(await fitForest(asMatrix(train.X, d), train.y, { seed: 5 }), asMatrix(test.X, d));
    const b = predictForest(await fitForest(asMatrix(train.X, d), train.y, { seed: 5 }), asMatrix(test.X, d));
    expect(a).toEqual(b);
    expect(a.every((v) => v >= 0 && v <= 1)).toBe(true);
  });
});

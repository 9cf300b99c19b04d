import { describe, expect, it } from 'vitest';
import { fitGbdt, logitGbdt } from './gbdt';
import { addTreeSums } from '../trees/treeStorage';
import { mulberry32 } from '../../random';
import { asMatrix } from '../../math/matrix';

describe('gbdt prediction', () => {
  it('complete-tree prediction gives the bits of the plain traversal, shallow leaves included', async () => {
    const rng = mulberry32(5);
    const n = 600;
    const d = 4;
    const X = new Float64Array(n * d);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) X[i * d + j] = j === 3 ? +(rng() < 0.2) : Math.round(rng() * 50);
      y[i] = +(X[i * d] + 10 * X[i * d + 3] + 20 * rng() > 40);
    }
    for (const maxDepth of [1, 2, 3, 4]) {
      // minChildWeight large enough that some nodes stop before maxDepth
      const m = await fitGbdt(asMatrix(X, d), y, { maxDepth, minChildWeight: 8, nTrees: 30, validationFraction: 0, seed: maxDepth });
      const ref = new Float64Array(n).fill(m.base);
      addTreeSums(m.trees, X, d, ref);
      expect(logitGbdt(m, asMatrix(X, d))).toEqual(ref);
      // rows are walked four at a time: row counts that leave 1-3 over
      for (const rows of [1, 3, 5, 598, 599]) expect(logitGbdt(m, asMatrix(X.slice(0, rows * d), d))).toEqual(ref.slice(0, rows));
    }
  });
});

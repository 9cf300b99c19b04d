/** The GBDT search (successive halving inside the training rows): a signal that needs depth 5 gets a depth >= 5 model; an additive one a shallow model. */
import { describe, expect, it } from 'vitest';
import { searchGbdt, GBDT_SEARCH } from './gbdtSearch';
import { fitGbdt, predictGbdt } from './gbdt';
import { mulberry32 } from '../../random';
import { asMatrix } from '../../math/matrix';
import { rocAuc } from '../evaluation/metrics';

/** n rows of 5 coin-flip bits; churn = their parity (flipped for 10% of rows). No sum of functions of 4 or fewer
 *  bits carries any signal about a 5-bit parity, so trees shallower than 5 cannot learn it. */
function parity(n: number, seed: number) {
  const rng = mulberry32(seed);
  const d = 5;
  const X = new Float64Array(n * d);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < 5; j++) {
      const b = +(rng() < 0.5);
      X[i * d + j] = b;
      s ^= b;
    }
    y[i] = rng() < 0.1 ? 1 - s : s;
  }
  return { X: asMatrix(X, d), y };
}

/** Additive signal (logit = sum of two columns): shallow trees suffice. */
function additive(n: number, seed: number) {
  const rng = mulberry32(seed);
  const d = 4;
  const X = new Float64Array(n * d);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) X[i * d + j] = rng();
    const z = 3 * X[i * d] - 2 * X[i * d + 1] - 0.5;
    y[i] = +(rng() < 1 / (1 + Math.exp(-z)));
  }
  return { X: asMatrix(X, d), y };
}

describe('searchGbdt', () => {
  it('a 5-bit parity gets a model of depth >= 5 that learns it; the default depth 3 cannot', async () => {
    const tr = parity(3000, 1);
    const te = parity(2000, 2);
    // every column at every node (with 5 columns, per-node sampling would hide a needed bit now and then)
    const s = searchGbdt(tr.X, tr.y, { seed: 3, colsample: 1 });
    expect(s.model.params.maxDepth).toBeGreaterThanOrEqual(5);
    const auc = rocAuc(predictGbdt(s.model, te.X), te.y);
    const plain = rocAuc(predictGbdt(await fitGbdt(tr.X, tr.y, { seed: 3, colsample: 1 }), te.X), te.y);
    expect(auc).toBeGreaterThan(0.88); // 10% flipped: at most 0.9
    expect(plain).toBeLessThan(0.6);
    // every configuration was tried in the first rung; each depth's survivor ran to the end
    expect(new Set(s.trials.map((t) => `${t.maxDepth}/${t.learningRate}/${t.minChildWeight}`)).size).toBe(GBDT_SEARCH.maxDepth.length * GBDT_SEARCH.learningRate.length * GBDT_SEARCH.minChildWeight.length);
    expect(s.trials.filter((t) => t.rung === GBDT_SEARCH.rungs.length).map((t) => t.maxDepth)).toContain(s.model.params.maxDepth);
  });

  it('an additive signal gets a shallow model (depth <= 3); the search is deterministic and its model is what fitGbdt gives with those settings', async () => {
    const { X, y } = additive(3000, 4);
    const s = searchGbdt(X, y, { seed: 5 });
    expect(s.model.params.maxDepth).toBeLessThanOrEqual(3);
    expect(searchGbdt(X, y, { seed: 5 })).toEqual(s);
    const { maxDepth, learningRate, minChildWeight } = s.model.params;
    expect(await fitGbdt(X, y, { seed: 5, maxDepth, learningRate, minChildWeight })).toEqual(s.model);
  });
});

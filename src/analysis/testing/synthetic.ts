/**
 * Test-only synthetic generators (seeded, never imported by the engine): churn-shaped matrices for
 * the tree models, one with informative blanks, the median-imputation baseline, and the 5-fold GBDT
 * AUC used to compare learning missing directions with imputing them (tests and bench/missing.ts).
 */
import { mulberry32 } from '../random';
import { asMatrix } from '../math/matrix';
import { fitGbdt, predictGbdt } from '../churn/models/gbdt';
import { stratifiedFolds } from '../churn/evaluation/folds';
import { rocAuc } from '../churn/evaluation/metrics';

/** Synthetic churn matrix for tree tests, n x d (d >= 3): two continuous columns in [0, 100), the
 *  rest 0/1 (one-hot like); churn depends on x0, x2 and x1 (seeded). */
export function synthChurn(n: number, d: number, seed: number): { X: Float64Array; y: Uint8Array } {
  const rng = mulberry32(seed);
  const X = new Float64Array(n * d);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) X[i * d + j] = j < 2 ? rng() * 100 : rng() < 0.3 ? 1 : 0;
    y[i] = rng() < (X[i * d] < 30 ? 0.6 : 0.15) + (X[i * d + 2] ? 0.2 : 0) + (X[i * d + 1] > 80 ? 0.15 : 0) ? 1 : 0;
  }
  return { X, y };
}

/**
 * Synthetic churn matrix where blankness carries signal (missing not at random), n x 4, seeded:
 * x0 in [0, 100) (below 30: churn up), x1 a charge-like value in [0, 100) (higher: churn up) that
 * is blank (NaN) for 20% of customers, who churn more, x2 0/1 (churn up), x3 noise. Churn
 * probability: 0.05 + 0.3 [x0 < 30] + 0.1 x2 + 0.004 x1 + 0.35 [x1 blank].
 */
export function synthBlanks(n: number, seed: number): { X: Float64Array; y: Uint8Array; d: number } {
  const rng = mulberry32(seed);
  const d = 4;
  const X = new Float64Array(n * d);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    X[o] = rng() * 100;
    X[o + 2] = rng() < 0.4 ? 1 : 0;
    X[o + 3] = rng();
    const v = rng() * 100;
    const blank = rng() < 0.2;
    X[o + 1] = blank ? NaN : v;
    y[i] = rng() < 0.05 + 0.3 * +(X[o] < 30) + 0.1 * X[o + 2] + 0.004 * v + 0.35 * +blank ? 1 : 0;
  }
  return { X, y, d };
}

/** X with every NaN replaced by its column's median over the non-missing cells (the median-imputation baseline). */
export function medianImputed(X: Float64Array, d: number): Float64Array {
  const out = X.slice();
  for (let j = 0; j < d; j++) {
    const v: number[] = [];
    for (let q = j; q < X.length; q += d) if (X[q] === X[q]) v.push(X[q]);
    v.sort((a, b) => a - b);
    const med = v.length ? (v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2) : 0;
    for (let q = j; q < X.length; q += d) if (X[q] !== X[q]) out[q] = med;
  }
  return out;
}

/** Mean 5-fold (stratified, seed 42) held-out ROC-AUC of the default GBDT on X (NaN = missing); with `impute`, each
 *  training fold's column medians fill the blanks of both its training and test rows (the median baseline). */
export async function gbdtFoldAuc(X: Float64Array, y: Uint8Array, d: number, impute: boolean): Promise<number> {
  const fold = stratifiedFolds(y, 5, 42);
  let s = 0;
  for (let f = 0; f < 5; f++) {
    const tr: number[] = [];
    const te: number[] = [];
    fold.forEach((g, i) => (g === f ? te : tr).push(i));
    const take = (rows: number[]) => {
      const Xs = new Float64Array(rows.length * d);
      rows.forEach((r, t) => Xs.set(X.subarray(r * d, r * d + d), t * d));
      return Xs;
    };
    const Xtr0 = take(tr);
    const Xtr = impute ? medianImputed(Xtr0, d) : Xtr0;
    const fill = new Float64Array(d);
    for (let q = 0; q < Xtr0.length; q++) if (Number.isNaN(Xtr0[q])) fill[q % d] = Xtr[q];
    const Xte = impute ? take(te).map((v, q) => (Number.isNaN(v) ? fill[q % d] : v)) : take(te);
    const m = await fitGbdt(asMatrix(Xtr, d), Uint8Array.from(tr, (i) => y[i]), { seed: f + 1 });
    s += rocAuc(predictGbdt(m, asMatrix(Xte, d)), te.map((i) => y[i])) / 5;
  }
  return s;
}

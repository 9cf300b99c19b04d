/** Seeded stratified k-fold assignment and small row-index helpers. */
import { mulberry32, shuffleInPlace } from '../../random';

/** Fold number (0..k-1) per row; each class is shuffled (seeded) and dealt round-robin, so folds keep the class ratio. */
export function stratifiedFolds(y: ArrayLike<number>, k: number, seed: number): Int32Array {
  const rng = mulberry32(seed);
  const fold = new Int32Array(y.length);
  let offset = 0;
  for (const cls of [1, 0]) {
    const rows: number[] = [];
    for (let i = 0; i < y.length; i++) if ((y[i] ? 1 : 0) === cls) rows.push(i);
    shuffleInPlace(rows, rng);
    // continue the round-robin where the previous class stopped so fold sizes stay balanced
    rows.forEach((r, t) => (fold[r] = (t + offset) % k));
    offset = (offset + rows.length) % k;
  }
  return fold;
}

/** Rows whose fold equals (test) or differs from (train) fold f. */
export function splitFold(fold: Int32Array, f: number): { train: Int32Array; test: Int32Array } {
  let nt = 0;
  for (let i = 0; i < fold.length; i++) if (fold[i] === f) nt++;
  const train = new Int32Array(fold.length - nt);
  const test = new Int32Array(nt);
  let a = 0;
  let b = 0;
  for (let i = 0; i < fold.length; i++) {
    if (fold[i] === f) test[b++] = i;
    else train[a++] = i;
  }
  return { train, test };
}

/** Stratified holdout of a fraction of local rows 0..n-1 (seeded): returns {fit, val} local indices. */
export function stratifiedHoldout(
  y: ArrayLike<number>,
  frac: number,
  seed: number,
): { fit: Int32Array; val: Int32Array } {
  const k = Math.max(2, Math.round(1 / frac));
  const split = splitFold(stratifiedFolds(y, k, seed), 0);
  return { fit: split.train, val: split.test };
}

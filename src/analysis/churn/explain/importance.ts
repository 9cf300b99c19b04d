/**
 * Model-agnostic permutation importance on held-out rows: the drop in ROC-AUC when one
 * source column (all its one-hot columns together) is shuffled across rows.
 * Only the rows whose shuffled values differ from their own are predicted again (with a
 * binary or few-level column that is often half of them or fewer): the others keep their
 * base score, which gives the same bits because every model scores each row on its own.
 */
import type { DesignGroup } from '../../features/design';
import type { Matrix } from '../../math/matrix';
import { shuffleInPlace } from '../../random';
import { rocAuc } from '../evaluation/metrics';

/**
 * AUC drop per group on X (n x d) with labels y; one seeded shuffle per group.
 * predict must score each row independently of the other rows (all churn models do).
 */
export function permutationImportance(
  predict: (X: Matrix) => Float64Array,
  Xm: Matrix,
  y: Uint8Array,
  groups: DesignGroup[],
  rng: () => number,
  /** predict(X) when already known */
  pX?: Float64Array,
): Float64Array {
  const n = y.length;
  const { d, data: X } = Xm;
  const p0 = pX ?? predict(Xm);
  const base = rocAuc(p0, y);
  const out = new Float64Array(groups.length);
  // the changed rows, packed: their shuffled copies and where their scores go
  const Xc = new Float64Array(X.length);
  const rows = new Int32Array(n);
  const p = new Float64Array(n);
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  groups.forEach((g, t) => {
    shuffleInPlace(perm, rng);
    let m = 0;
    for (let i = 0; i < n; i++) {
      const a = i * d + g.start;
      const b = perm[i] * d + g.start;
      let same = true;
      for (let c = 0; c < g.count; c++) if (!Object.is(X[a + c], X[b + c])) same = false;
      if (same) continue;
      Xc.set(X.subarray(i * d, i * d + d), m * d);
      for (let c = 0; c < g.count; c++) Xc[m * d + g.start + c] = X[b + c];
      rows[m++] = i;
    }
    p.set(p0);
    if (m > 0) {
      const q = predict({ n: m, d, data: Xc.subarray(0, m * d) });
      for (let k = 0; k < m; k++) p[rows[k]] = q[k];
    }
    out[t] = base - rocAuc(p, y);
  });
  return out;
}

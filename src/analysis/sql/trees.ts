/**
 * Tree ensembles as SQL: each tree one nested CASE (right when x > threshold, as the engine's
 * addTreeSums), trees summed in batches so no expression gets deep or long: a batch is one
 * column of a CTE, the batches are added in the next one. Depth per expression stays about
 * batch size + tree depth, far below DuckDB's limit of 1000.
 */
import type { TreeArrays } from '../churn/trees/treeStorage';
import { num, type Dialect } from './dialect';

/** Trees per batch column. */
export const TREE_BATCH = 25;

/** Where a design column's value is missing: the name of its blank indicator column (1 = the cell was
 *  blank), for the GBDT, which sends a missing value the way it learned at each split
 *  (TreeArrays.missingRight; the engine scores it as NaN, missingTrees.ts). Null: never missing here. */
export type BlankColumn = (j: number) => string | null;

/** One tree (from node k) as a CASE expression over design columns named by col(j); with blank(j), a
 *  missing value takes the split's learned direction before the threshold is compared. */
export function treeCase(t: TreeArrays, k: number, col: (j: number) => string, d: Dialect, blank?: BlankColumn): string {
  const f = t.feature[k];
  if (f < 0) return d.float(t.value[k]);
  const right = treeCase(t, t.right[k], col, d, blank);
  const left = treeCase(t, t.left[k], col, d, blank);
  const b = blank?.(f) ?? null;
  const miss = b === null ? '' : `WHEN ${b} = 1.0e0 THEN ${t.missingRight[k] === 1 ? right : left} `;
  // a split on missingness alone has an infinite threshold (every present value on one side): no literal
  const thr = t.threshold[k];
  if (thr === Infinity || thr === -Infinity) return miss ? `CASE ${miss}ELSE ${thr > 0 ? left : right} END` : thr > 0 ? left : right;
  return `CASE ${miss}WHEN ${col(f)} > ${num(thr)} THEN ${right} ELSE ${left} END`;
}

/** Batch sums: one expression per TREE_BATCH trees, in tree order. Each tree is cast to the
 *  dialect's double (PostgreSQL types a CASE of literals as numeric, and would add decimals); its leaves
 *  are double literals there too (d.float), so nothing is converted per row. */
export function treeBatches(t: TreeArrays, col: (j: number) => string, d: Dialect, blank?: BlankColumn): string[] {
  const out: string[] = [];
  for (let a = 0; a < t.roots.length; a += TREE_BATCH) {
    const terms: string[] = [];
    for (let r = a; r < Math.min(t.roots.length, a + TREE_BATCH); r++) terms.push(`CAST(${treeCase(t, t.roots[r], col, d, blank)} AS ${d.double})`);
    out.push(terms.join('\n      + '));
  }
  return out;
}

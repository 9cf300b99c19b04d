/**
 * Tree ensembles as SQL: each tree one nested CASE (right when x > threshold, as the engine's
 * addTreeSums), trees summed in batches so no expression gets deep or long: a batch is one
 * column of a CTE, the batches are added in the next one. Depth per expression stays about
 * batch size + tree depth, far below DuckDB's limit of 1000.
 */
import type { TreeArrays } from '../churn/trees/treeStorage';
import { num } from './dialect';

/** Trees per batch column. */
export const TREE_BATCH = 25;

/** One tree (from node k) as a CASE expression over design columns named by col(j). */
export function treeCase(t: TreeArrays, k: number, col: (j: number) => string): string {
  const f = t.feature[k];
  if (f < 0) return num(t.value[k]);
  return `CASE WHEN ${col(f)} > ${num(t.threshold[k])} THEN ${treeCase(t, t.right[k], col)} ELSE ${treeCase(t, t.left[k], col)} END`;
}

/** Batch sums: one expression per TREE_BATCH trees, in tree order. Each tree is cast to the
 *  dialect's double (PostgreSQL types a CASE of literals as numeric, and would add decimals). */
export function treeBatches(t: TreeArrays, col: (j: number) => string, double: string): string[] {
  const out: string[] = [];
  for (let a = 0; a < t.roots.length; a += TREE_BATCH) {
    const terms: string[] = [];
    for (let r = a; r < Math.min(t.roots.length, a + TREE_BATCH); r++) terms.push(`CAST(${treeCase(t, t.roots[r], col)} AS ${double})`);
    out.push(terms.join('\n      + '));
  }
  return out;
}

/**
 * Training distributions kept in the saved model, and the population stability index (PSI)
 * of a new file against them: sum over bins of (new - ref) x ln(new / ref), shares floored at
 * 1e-4 so an empty bin stays finite. Numeric features: bins at the training deciles;
 * categorical: the training levels plus "(missing)" and "(new)".
 */
import type { Reference } from './types';
import { finiteOrder, type FiniteOrder } from '../math/select';

const FLOOR = 1e-4;
export const MISSING_LEVEL = '(missing)';
export const NEW_LEVEL = '(new)';
/** Score bins: tenths of probability. */
export const SCORE_EDGES = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

/** "log1p(x)" -> "x". */
export function baseName(f: string): string {
  const m = /^log1p\((.+)\)$/.exec(f);
  return m ? m[1] : f;
}

/** Bin of x among ascending cut points: the number of edges below x (x equal to an edge goes left). */
export function binOf(x: number, edges: readonly number[]): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x > edges[mid]) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Shares of values per bin (non-finite values are left out). */
export function binShares(values: ArrayLike<number>, edges: readonly number[]): number[] {
  const c = new Array<number>(edges.length + 1).fill(0);
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (!Number.isFinite(x)) continue;
    c[binOf(x, edges)]++;
    m++;
  }
  return c.map((v) => (m > 0 ? v / m : 0));
}

/** Numeric reference: distinct training deciles as cut points, and the training shares.
 *  `order`: the values' finiteOrder, when the caller has it already. */
export function numericReference(name: string, values: Float64Array, order: FiniteOrder = finiteOrder(values)): Reference {
  const m = order.count;
  const edges: number[] = [];
  for (let q = 1; q < 10; q++) {
    if (m === 0) break;
    const e = order.at(Math.min(m - 1, Math.floor((q * m) / 10)));
    if (edges.length === 0 || e > edges[edges.length - 1]) edges.push(e);
  }
  // a cut at the maximum leaves its bin empty: drop it
  while (edges.length > 0 && edges[edges.length - 1] >= order.at(m - 1)) edges.pop();
  return { name, kind: 'numeric', edges, shares: binShares(values, edges) };
}

/** Categorical reference: shares of each level, then "(missing)" and "(new)" (0 in training). */
export function categoricalReference(name: string, levels: string[], codes: ArrayLike<number>): Reference {
  const c = new Array<number>(levels.length + 2).fill(0);
  for (let i = 0; i < codes.length; i++) c[codes[i] >= 0 ? codes[i] : levels.length]++;
  const n = codes.length || 1;
  return { name, kind: 'categorical', levels: [...levels, MISSING_LEVEL, NEW_LEVEL], shares: c.map((v) => v / n) };
}

/** Reference distribution of churn scores (tenths). */
export function scoreReference(p: ArrayLike<number>): { edges: number[]; shares: number[] } {
  return { edges: SCORE_EDGES.slice(), shares: binShares(p, SCORE_EDGES) };
}

/** PSI of `actual` shares against `expected` shares (same bins). */
export function psi(expected: readonly number[], actual: readonly number[]): number {
  let s = 0;
  for (let b = 0; b < expected.length; b++) {
    const e = Math.max(FLOOR, expected[b]);
    const a = Math.max(FLOOR, actual[b]);
    s += (a - e) * Math.log(a / e);
  }
  return s;
}

/**
 * Extra columns for the logistic model, chosen on the training rows only (issue 15 point 2):
 * restricted (natural) cubic splines of the numeric columns with many distinct values
 * (tenure- and charge-like), and pairwise interactions among the strongest categorical
 * drivers (products of their one-hot columns). Each extra column is a function of the design
 * columns (X: n x d row-major, as transformDesign encodes them), so the model still reads a
 * plain design row; every extra column belongs to one source column (splines) or two
 * (interactions), which keeps reasons per source column and odds ratios readable.
 */
import type { DesignGroup } from '../../features/design';
import type { Matrix } from '../../math/matrix';

/** Restricted cubic spline basis column `k` (0..knots.length-3) of design column `col` (Harrell's form, linear beyond the outer knots). */
export interface SplineTerm {
  kind: 'spline';
  col: number;
  /** ascending, at training quantiles */
  knots: number[];
  k: number;
  /** the design group (source column) it belongs to */
  group: number;
}
/** Product of design columns a and b (two one-hot levels of two source columns). */
export interface ProductTerm {
  kind: 'product';
  a: number;
  b: number;
  groups: [number, number];
}
export type Term = SplineTerm | ProductTerm;

export interface TermOptions {
  /** knots per spline (0 = no splines); Harrell's quantiles for 4 knots */
  knots: number;
  /** numeric columns with at least this many distinct training values get a spline */
  minDistinct: number;
  /** at most this many numeric columns get a spline (strongest first) */
  maxSplines: number;
  /** categorical source columns whose pairwise products are added (0 = none) */
  interactionDrivers: number;
  /** a product column needs at least this many training rows with both levels */
  minCount: number;
}
export const TERM_DEFAULTS: TermOptions = { knots: 4, minDistinct: 20, maxSplines: 10, interactionDrivers: 2, minCount: 20 };

/** Knot quantiles by knot count (Harrell, Regression Modeling Strategies, table 2.3). */
export const KNOT_QUANTILES: Record<number, number[]> = {
  3: [0.1, 0.5, 0.9],
  4: [0.05, 0.35, 0.65, 0.95],
  5: [0.05, 0.275, 0.5, 0.725, 0.95],
};

const cube = (v: number): number => (v > 0 ? v * v * v : 0);

/** Value of one extra column for design row `row` of X (d columns). */
export function termValue(t: Term, X: ArrayLike<number>, row: number): number {
  if (t.kind === 'product') return X[row + t.a] * X[row + t.b];
  return splineBasis(X[row + t.col], t.knots, t.k);
}

/** Harrell's restricted cubic spline basis k of x for knots t (K >= 3), scaled by (t_K - t_1)^2. */
export function splineBasis(x: number, t: number[], k: number): number {
  const K = t.length;
  const a = t[K - 2];
  const b = t[K - 1];
  const v = cube(x - t[k]) - (cube(x - a) * (b - t[k])) / (b - a) + (cube(x - b) * (a - t[k])) / (b - a);
  return v / ((b - t[0]) * (b - t[0]));
}

/** Design row expanded with the extra columns: n x (d + terms.length). */
export function expandRows(Xm: Matrix, terms: Term[]): Matrix {
  if (terms.length === 0) return Xm;
  const { n, d, data: X } = Xm;
  const D = d + terms.length;
  const out = new Float64Array(n * D);
  for (let i = 0; i < n; i++) {
    const row = i * d;
    out.set(X.subarray(row, row + d), i * D);
    for (let e = 0; e < terms.length; e++) out[i * D + d + e] = termValue(terms[e], X, row);
  }
  return { n, d: D, data: out };
}

/** Source-column strength on 0/1 y: |correlation| for a numeric value column, the correlation ratio for a one-hot group. */
function strength(X: Float64Array, d: number, y: Uint8Array, g: DesignGroup): number {
  const n = y.length;
  let sy = 0;
  for (let i = 0; i < n; i++) sy += y[i];
  const ybar = sy / n;
  const vy = ybar * (1 - ybar);
  if (!(vy > 0)) return 0;
  if (g.kind === 'numeric') {
    let sx = 0;
    for (let i = 0; i < n; i++) sx += X[i * d + g.start];
    const xbar = sx / n;
    let sxy = 0;
    let sxx = 0;
    for (let i = 0; i < n; i++) {
      const z = X[i * d + g.start] - xbar;
      sxy += z * (y[i] - ybar);
      sxx += z * z;
    }
    return sxx > 0 ? Math.abs(sxy) / Math.sqrt(sxx * n * vy) : 0;
  }
  let between = 0;
  for (let j = g.start; j < g.start + g.count; j++) {
    let c = 0;
    let p = 0;
    for (let i = 0; i < n; i++)
      if (X[i * d + j] === 1) {
        c++;
        p += y[i];
      }
    if (c > 0) between += c * (p / c - ybar) ** 2;
  }
  return Math.sqrt(between / (n * vy));
}

/** Chooses the extra columns on training rows (X n x d, y 0/1, the design's groups). Defaults: TERM_DEFAULTS. */
export function chooseTerms(Xm: Matrix, y: Uint8Array, groups: DesignGroup[], opts: Partial<TermOptions> = {}): Term[] {
  const { d, data: X } = Xm;
  const o = { ...TERM_DEFAULTS, ...opts };
  const n = y.length;
  const scored = groups.map((g, t) => ({ g, t, s: strength(X, d, y, g) })).sort((a, b) => b.s - a.s || a.t - b.t);
  const terms: Term[] = [];
  const qs = KNOT_QUANTILES[o.knots];
  if (qs) {
    let splines = 0;
    for (const { g, t } of scored) {
      if (g.kind !== 'numeric' || splines >= o.maxSplines) continue;
      const v = Float64Array.from({ length: n }, (_, i) => X[i * d + g.start]).sort();
      let distinct = 1;
      for (let i = 1; i < n && distinct < o.minDistinct; i++) if (v[i] !== v[i - 1]) distinct++;
      if (distinct < o.minDistinct) continue;
      const knots = qs.map((q) => v[Math.min(n - 1, Math.round(q * (n - 1)))]);
      if (knots.some((k, i) => i > 0 && !(k > knots[i - 1]))) continue; // ties at the quantiles: no stable basis
      for (let k = 0; k < knots.length - 2; k++) terms.push({ kind: 'spline', col: g.start, knots, k, group: t });
      splines++;
    }
  }
  const drivers = scored.filter((x) => x.g.kind === 'categorical').slice(0, o.interactionDrivers);
  for (let p = 0; p < drivers.length; p++)
    for (let q = p + 1; q < drivers.length; q++) {
      const [A, B] = drivers[p].t < drivers[q].t ? [drivers[p], drivers[q]] : [drivers[q], drivers[p]];
      for (let a = A.g.start; a < A.g.start + A.g.count; a++)
        for (let b = B.g.start; b < B.g.start + B.g.count; b++) {
          let c = 0;
          for (let i = 0; i < n && c < o.minCount; i++) if (X[i * d + a] === 1 && X[i * d + b] === 1) c++;
          if (c >= o.minCount) terms.push({ kind: 'product', a, b, groups: [A.t, B.t] });
        }
    }
  return terms;
}

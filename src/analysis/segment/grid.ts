/**
 * Uniform grid index for neighbour queries (DBSCAN and its k-distance curve). Cells have
 * side h over the first min(d, 3) columns, hashed into a CSR bucket table. A query visits
 * the cells in rings of growing Chebyshev radius around its own cell, each bucket once
 * (per-query stamps), and checks the exact d-dimensional distance, so results are exact
 * whatever the hash collisions or the extra columns: a row in ring r + 1 is more than
 * r * h away in one of the gridded columns, hence in full. No allocation per query.
 */
import type { Matrix } from '../math/matrix';

export interface Grid {
  X: Matrix;
  h: number;
  g: number;
  mask: number;
  /** bucket b holds rows order[start[b] .. start[b+1]) */
  start: Int32Array;
  order: Int32Array;
  /** per-bucket stamp of the last query that visited it */
  stamp: Int32Array;
  tick: number;
  /** buckets of the current ring */
  ring: Int32Array;
  base: Int32Array;
}

/** Rounding slack on the ring stopping rule (a ring's distance bound is exact in reals). */
const SAFE = 1 - 1e-9;

function hash3(a: number, b: number, c: number): number {
  return (Math.imul(a | 0, 73856093) ^ Math.imul(b | 0, 19349663) ^ Math.imul(c | 0, 83492791)) >>> 0;
}

/** Builds the grid over all rows of X with cell side h (> 0). */
export function buildGrid(X: Matrix, h: number): Grid {
  const { n, d, data } = X;
  const g = Math.min(d, 3);
  let size = 1;
  while (size < 2 * n) size <<= 1;
  const mask = size - 1;
  const bucket = new Int32Array(n);
  const start = new Int32Array(size + 1);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    const b =
      hash3(Math.floor(data[o] / h), g > 1 ? Math.floor(data[o + 1] / h) : 0, g > 2 ? Math.floor(data[o + 2] / h) : 0) & mask;
    bucket[i] = b;
    start[b + 1]++;
  }
  for (let b = 0; b < size; b++) start[b + 1] += start[b];
  const fill = start.slice(0, size);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[fill[bucket[i]]++] = i;
  return { X, h, g, mask, start, order, stamp: new Int32Array(size), tick: 0, ring: new Int32Array(27), base: new Int32Array(3) };
}

/** Starts a query at point p (offset po in P): a fresh stamp and the query's cell. */
function begin(grid: Grid, P: Float64Array, po: number): void {
  if (++grid.tick >= 0x3fffffff) {
    grid.stamp.fill(0);
    grid.tick = 1;
  }
  const { g, h, base } = grid;
  for (let t = 0; t < 3; t++) base[t] = t < g ? Math.floor(P[po + t] / h) : 0;
}

/** Buckets of ring r around the query cell not yet visited by this query (stamped now), in grid.ring; returns how many. */
function ringBuckets(grid: Grid, r: number): number {
  const { g, mask, stamp, tick, base } = grid;
  const cells = (2 * r + 1) ** g - (r > 0 ? (2 * r - 1) ** g : 0);
  if (grid.ring.length < cells) grid.ring = new Int32Array(Math.max(cells, 2 * grid.ring.length));
  const ring = grid.ring;
  const r1 = g > 1 ? r : 0;
  const r2 = g > 2 ? r : 0;
  let m = 0;
  for (let a = -r; a <= r; a++) {
    const ea = a === -r || a === r;
    for (let b = -r1; b <= r1; b++) {
      const eab = ea || (g > 1 && (b === -r || b === r));
      // inner cells of the cube belong to earlier rings: only its two faces in c
      const step = eab || r2 === 0 ? 1 : 2 * r2;
      for (let c = -r2; c <= r2; c += step) {
        const bk = hash3(base[0] + a, base[1] + b, base[2] + c) & mask;
        if (stamp[bk] === tick) continue;
        stamp[bk] = tick;
        ring[m++] = bk;
      }
    }
  }
  return m;
}

/** Squared distance from point po of P to row j of the grid's matrix, abandoned once above cap. */
function sqDistCapped(P: Float64Array, po: number, data: Float64Array, jo: number, d: number, cap: number): number {
  let s = 0;
  for (let t = 0; t < d && s <= cap; t++) {
    const v = P[po + t] - data[jo + t];
    s += v * v;
  }
  return s;
}

/** How many grid rows lie within eps = h (inclusive) of point po of P, counting up to `limit`. */
export function countWithin(grid: Grid, P: Float64Array, po: number, limit: number): number {
  const { X, h, start, order } = grid;
  const { d, data } = X;
  const eps2 = h * h;
  begin(grid, P, po);
  let cnt = 0;
  for (let r = 0; r <= 1; r++) {
    const m = ringBuckets(grid, r);
    for (let u = 0; u < m; u++) {
      const b = grid.ring[u];
      for (let q = start[b]; q < start[b + 1]; q++) {
        if (sqDistCapped(P, po, data, order[q] * d, d, eps2) <= eps2 && ++cnt >= limit) return cnt;
      }
    }
  }
  return cnt;
}

/** Whether some grid row j with flag[j] === 1 lies within eps = h (inclusive) of point po of P. */
export function anyFlaggedWithin(grid: Grid, P: Float64Array, po: number, flag: Uint8Array): boolean {
  const { X, h, start, order } = grid;
  const { d, data } = X;
  const eps2 = h * h;
  begin(grid, P, po);
  for (let r = 0; r <= 1; r++) {
    const m = ringBuckets(grid, r);
    for (let u = 0; u < m; u++) {
      const b = grid.ring[u];
      for (let q = start[b]; q < start[b + 1]; q++) {
        const j = order[q];
        if (flag[j] === 1 && sqDistCapped(P, po, data, j * d, d, eps2) <= eps2) return true;
      }
    }
  }
  return false;
}

/**
 * A lower bound on the distance from the query (point po of P, the current query) to any
 * row outside the cube of cells within ring r: at least r * h, and more when the query
 * sits away from its own cell's faces (its distance to the cube's nearest face, less a
 * rounding allowance).
 */
function ringReach(grid: Grid, P: Float64Array, po: number, r: number): number {
  const { g, h, base } = grid;
  let m = Infinity;
  for (let t = 0; t < g; t++) {
    const x = P[po + t];
    const lo = x - (base[t] - r) * h;
    const hi = (base[t] + r + 1) * h - x;
    const e = (lo < hi ? lo : hi) - 1e-9 * (Math.abs(x) + (Math.abs(base[t]) + r + 1) * h);
    if (e < m) m = e;
  }
  return m > r * h ? m : r * h;
}

/** Inserts s into the ascending list top (length m) when it is among the m smallest. */
function insertTop(top: Float64Array, m: number, s: number): void {
  if (!(s < top[m - 1])) return;
  let p = m - 1;
  while (p > 0 && top[p - 1] > s) {
    top[p] = top[p - 1];
    p--;
  }
  top[p] = s;
}

/**
 * Squared distance from point po of P to its m-th nearest grid row (itself included when
 * it is a row), exactly as a full scan finds it; `top` is scratch of length >= m. Rings
 * grow until the m-th distance is within the distance every unvisited row must exceed; a
 * query whose rings would cost more than a full scan (isolated point, poor cell size)
 * falls back to the full scan.
 */
export function kthNearestSq(grid: Grid, P: Float64Array, po: number, m: number, top: Float64Array): number {
  const { X, g, start, order } = grid;
  const { n, d, data } = X;
  const want = Math.min(m, n);
  top.fill(Infinity, 0, want);
  begin(grid, P, po);
  let seen = 0;
  let probes = 0;
  for (let r = 0; ; r++) {
    probes += (2 * r + 1) ** g;
    if (probes > n) break;
    const nb = ringBuckets(grid, r);
    for (let u = 0; u < nb; u++) {
      const b = grid.ring[u];
      for (let q = start[b]; q < start[b + 1]; q++) {
        insertTop(top, want, sqDistCapped(P, po, data, order[q] * d, d, top[want - 1]));
      }
      seen += start[b + 1] - start[b];
    }
    const reach = ringReach(grid, P, po, r);
    if (seen >= n || top[want - 1] <= reach * reach * SAFE) return top[want - 1];
  }
  // full scan
  top.fill(Infinity, 0, want);
  for (let j = 0; j < n; j++) insertTop(top, want, sqDistCapped(P, po, data, j * d, d, top[want - 1]));
  return top[want - 1];
}

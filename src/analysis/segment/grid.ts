/**
 * Uniform grid index for fixed-radius neighbour queries (DBSCAN). Cells have side eps
 * over the first min(d, 3) columns, hashed into a CSR bucket table; a query scans the
 * 3^g neighbouring cells (deduplicated buckets) and checks the exact d-dimensional
 * distance, so results are exact whatever the hash collisions or the extra columns.
 */
import type { Matrix } from './matrix';

export interface Grid {
  X: Matrix;
  eps: number;
  g: number;
  mask: number;
  /** bucket b holds points order[start[b] .. start[b+1]) */
  start: Int32Array;
  order: Int32Array;
  offsets: Int32Array[];
}

function cellHash(c: Int32Array | number[], g: number): number {
  let h = 0;
  const primes = [73856093, 19349663, 83492791];
  for (let t = 0; t < g; t++) h ^= Math.imul(c[t] | 0, primes[t]);
  return h >>> 0;
}

function cellOf(data: Float64Array, o: number, g: number, eps: number, out: number[]): void {
  for (let t = 0; t < g; t++) out[t] = Math.floor(data[o + t] / eps);
}

/** Builds the grid over all rows of X with cell side eps (> 0). */
export function buildGrid(X: Matrix, eps: number): Grid {
  const { n, d, data } = X;
  const g = Math.min(d, 3);
  let size = 1;
  while (size < 2 * n) size <<= 1;
  const mask = size - 1;
  const bucket = new Int32Array(n);
  const start = new Int32Array(size + 1);
  const c: number[] = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    cellOf(data, i * d, g, eps, c);
    bucket[i] = cellHash(c, g) & mask;
    start[bucket[i] + 1]++;
  }
  for (let b = 0; b < size; b++) start[b + 1] += start[b];
  const fill = start.slice(0, size);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[fill[bucket[i]]++] = i;
  const offsets: Int32Array[] = [];
  const total = 3 ** g;
  for (let m = 0; m < total; m++) {
    const o = new Int32Array(g);
    let r = m;
    for (let t = 0; t < g; t++) {
      o[t] = (r % 3) - 1;
      r = Math.floor(r / 3);
    }
    offsets.push(o);
  }
  return { X, eps, g, mask, start, order, offsets };
}

/**
 * Visits grid points within eps (inclusive) of point p (offset po in P, same d as the
 * grid); `visit(j)` returns true to stop early. Returns whether it was stopped.
 */
export function forNeighbours(grid: Grid, P: Float64Array, po: number, visit: (j: number) => boolean): boolean {
  const { X, eps, g, mask, start, order, offsets } = grid;
  const { d, data } = X;
  const eps2 = eps * eps;
  const base: number[] = [0, 0, 0];
  cellOf(P, po, g, eps, base);
  const seen: number[] = [];
  const c: number[] = [0, 0, 0];
  for (const off of offsets) {
    for (let t = 0; t < g; t++) c[t] = base[t] + off[t];
    const b = cellHash(c, g) & mask;
    if (seen.includes(b)) continue;
    seen.push(b);
    for (let q = start[b]; q < start[b + 1]; q++) {
      const j = order[q];
      const jo = j * d;
      let s = 0;
      for (let t = 0; t < d && s <= eps2; t++) {
        const v = P[po + t] - data[jo + t];
        s += v * v;
      }
      if (s <= eps2 && visit(j)) return true;
    }
  }
  return false;
}

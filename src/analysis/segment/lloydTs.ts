/**
 * Lloyd iterations in plain TypeScript over a Float64Array (the CPU/WASM kernel).
 * Mirrors scikit-learn's `_kmeans_single_lloyd`: each iteration assigns labels and
 * recomputes centres; it stops when labels no longer change ("strict" convergence) or the
 * total squared centre shift is <= tol; nIter counts iterations run.
 */
import type { Matrix } from './matrix';

export interface LloydResult {
  centers: Float64Array;
  labels: Int32Array;
  inertia: number;
  nIter: number;
  converged: boolean;
  /** empty clusters re-seeded during the run */
  relocated: number;
}

/** Assigns each row to its nearest centre; writes labels and squared distances, returns changes. */
export function assignTs(X: Matrix, centers: Float64Array, k: number, labels: Int32Array, dist: Float64Array): number {
  const { n, d, data } = X;
  let changed = 0;
  for (let i = 0; i < n; i++) {
    const o = i * d;
    let best = 0;
    let bestD = Infinity;
    for (let c = 0; c < k; c++) {
      const co = c * d;
      let s = 0;
      for (let j = 0; j < d; j++) {
        const v = data[o + j] - centers[co + j];
        s += v * v;
      }
      if (s < bestD) {
        bestD = s;
        best = c;
      }
    }
    if (labels[i] !== best) changed++;
    labels[i] = best;
    dist[i] = bestD;
  }
  return changed;
}

/** Empty clusters get the points farthest from their centres (scikit-learn's rule);
 *  `sums` holds per-cluster sums and is adjusted in place. Returns clusters re-seeded. */
export function relocateEmpty(
  X: Matrix,
  labels: Int32Array,
  dist: Float64Array,
  sums: Float64Array,
  counts: Float64Array,
  k: number,
): number {
  const empty: number[] = [];
  for (let c = 0; c < k; c++) if (counts[c] === 0) empty.push(c);
  if (empty.length === 0) return 0;
  const { n, d, data } = X;
  // indices of the empty.length largest distances, largest first, ties by lower index
  const far: number[] = [];
  for (let i = 0; i < n; i++) {
    if (far.length < empty.length || dist[i] > dist[far[far.length - 1]]) {
      let p = far.length < empty.length ? far.length : far.length - 1;
      while (p > 0 && dist[far[p - 1]] < dist[i]) p--;
      far.splice(p, 0, i);
      if (far.length > empty.length) far.pop();
    }
  }
  for (let e = 0; e < empty.length && e < far.length; e++) {
    const c = empty[e];
    const i = far[e];
    const old = labels[i];
    for (let j = 0; j < d; j++) {
      sums[old * d + j] -= data[i * d + j];
      sums[c * d + j] = data[i * d + j];
    }
    counts[old] -= 1;
    counts[c] = 1;
  }
  return empty.length;
}

/** Runs Lloyd from `init` (k x d); tolAbs is the absolute squared-shift tolerance. */
export function lloydTs(X: Matrix, init: Float64Array, k: number, maxIter: number, tolAbs: number): LloydResult {
  const { n, d, data } = X;
  let centers = init.slice();
  let next = new Float64Array(k * d);
  const counts = new Float64Array(k);
  const labels = new Int32Array(n).fill(-1);
  const dist = new Float64Array(n);
  let strict = false;
  let converged = false;
  let nIter = 0;
  let relocated = 0;
  for (let it = 0; it < maxIter; it++) {
    const changed = assignTs(X, centers, k, labels, dist);
    next.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const c = labels[i];
      counts[c]++;
      const o = i * d;
      const co = c * d;
      for (let j = 0; j < d; j++) next[co + j] += data[o + j];
    }
    relocated += relocateEmpty(X, labels, dist, next, counts, k);
    let shift = 0;
    for (let c = 0; c < k; c++) {
      for (let j = 0; j < d; j++) {
        const v = (next[c * d + j] /= counts[c]);
        const dv = v - centers[c * d + j];
        shift += dv * dv;
      }
    }
    [centers, next] = [next, centers];
    nIter = it + 1;
    if (changed === 0) {
      strict = true;
      converged = true;
      break;
    }
    if (shift <= tolAbs) {
      converged = true;
      break;
    }
  }
  // labels consistent with the final centres (strict convergence already has them)
  if (!strict) assignTs(X, centers, k, labels, dist);
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += dist[i];
  return { centers, labels, inertia, nIter, converged, relocated };
}

/**
 * Lloyd iterations in plain TypeScript over a Float64Array (the CPU/WASM kernel).
 * Mirrors scikit-learn's `_kmeans_single_lloyd`: each iteration assigns labels and
 * recomputes centres; it stops when labels no longer change ("strict" convergence) or the
 * total squared centre shift is <= tol; nIter counts iterations run.
 */
import type { Matrix } from './matrix';
import { sqDist } from './kmeansInit';

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
      const s = sqDist(data, o, centers, c * d, d);
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

/** Bound slack: a point skips the full scan only when its bound wins by this relative
 *  margin, so rounding in the bounds can never skip a point whose nearest centre changed. */
const SAFE = 1 - 1e-9;

/**
 * Runs Lloyd from `init` (k x d); tolAbs is the absolute squared-shift tolerance.
 * Same iterations, labels, centres and inertia as plain Lloyd (assign every row to its
 * nearest centre, first index on ties, then recompute centres in row order), but the
 * assignment step uses Hamerly's bounds (2010): per row an upper bound on the distance to
 * its centre and a lower bound on the distance to every other centre, moved by the centre
 * shifts; a row is rescanned only when the bounds cannot prove its centre is still the
 * unique nearest. The centre update stays a full pass in row order, so the arithmetic, and
 * hence the result, is the same as without bounds.
 */
export function lloydTs(X: Matrix, init: Float64Array, k: number, maxIter: number, tolAbs: number): LloydResult {
  const { n, d, data } = X;
  let centers = init.slice();
  let next = new Float64Array(k * d);
  const counts = new Float64Array(k);
  const labels = new Int32Array(n).fill(-1);
  const dist = new Float64Array(n);
  const upper = new Float64Array(n).fill(Infinity);
  const lower = new Float64Array(n);
  const half = new Float64Array(k);
  const move = new Float64Array(k);
  let strict = false;
  let converged = false;
  let nIter = 0;
  let relocated = 0;
  let m1 = 0;
  let m2 = 0;
  let arg = -1;
  for (let it = 0; it < maxIter; it++) {
    // half the distance from each centre to its nearest other centre
    for (let c = 0; c < k; c++) {
      let m = Infinity;
      for (let e = 0; e < k; e++) {
        if (e === c) continue;
        let s = 0;
        for (let j = 0; j < d; j++) {
          const v = centers[c * d + j] - centers[e * d + j];
          s += v * v;
        }
        if (s < m) m = s;
      }
      half[c] = 0.5 * Math.sqrt(m);
    }
    let changed = 0;
    next.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const o = i * d;
      const a = labels[i];
      let lab = a;
      if (a >= 0) {
        // bounds moved by last update's centre shifts, then the two skip tests
        let u = upper[i] + move[a];
        const l = lower[i] - (a === arg ? m2 : m1);
        const bound = (half[a] > l ? half[a] : l) * SAFE;
        if (u >= bound) {
          u = Math.sqrt(sqDist(data, o, centers, a * d, d));
          if (u >= bound) lab = -1;
        }
        upper[i] = u;
        lower[i] = l;
      }
      if (lab < 0) {
        let best = 0;
        let bestD = Infinity;
        let second = Infinity;
        for (let c = 0; c < k; c++) {
          const s = sqDist(data, o, centers, c * d, d);
          if (s < bestD) {
            second = bestD;
            bestD = s;
            best = c;
          } else if (s < second) {
            second = s;
          }
        }
        lab = best;
        upper[i] = Math.sqrt(bestD);
        lower[i] = Math.sqrt(second);
      }
      if (a !== lab) {
        changed++;
        labels[i] = lab;
      }
      // centre sums in row order, as a separate pass would add them
      counts[lab]++;
      const co = lab * d;
      if (d === 3) {
        next[co] += data[o];
        next[co + 1] += data[o + 1];
        next[co + 2] += data[o + 2];
      } else {
        for (let j = 0; j < d; j++) next[co + j] += data[o + j];
      }
    }
    let anyEmpty = false;
    for (let c = 0; c < k; c++) if (counts[c] === 0) anyEmpty = true;
    if (anyEmpty) {
      // rare: exact squared distances for the farthest-point rule, then rescan every row
      exactDist(X, centers, labels, dist);
      relocated += relocateEmpty(X, labels, dist, next, counts, k);
      upper.fill(Infinity);
      lower.fill(0);
    }
    let shift = 0;
    for (let c = 0; c < k; c++) {
      let mc = 0;
      for (let j = 0; j < d; j++) {
        const v = (next[c * d + j] /= counts[c]);
        const dv = v - centers[c * d + j];
        shift += dv * dv;
        mc += dv * dv;
      }
      move[c] = Math.sqrt(mc);
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
    // the largest and second largest shifts bound how far other centres came closer
    m1 = 0;
    m2 = 0;
    arg = -1;
    for (let c = 0; c < k; c++) {
      if (move[c] > m1) {
        m2 = m1;
        m1 = move[c];
        arg = c;
      } else if (move[c] > m2) {
        m2 = move[c];
      }
    }
  }
  // labels consistent with the final centres (strict convergence already has them; its
  // distances are to the centres of that last assignment, now in `next`)
  if (!strict) assignTs(X, centers, k, labels, dist);
  else exactDist(X, next, labels, dist);
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += dist[i];
  return { centers, labels, inertia, nIter, converged, relocated };
}

/** Squared distance of each row to its labelled centre (as assignTs computes it). */
function exactDist(X: Matrix, centers: Float64Array, labels: Int32Array, dist: Float64Array): void {
  const { n, d, data } = X;
  for (let i = 0; i < n; i++) {
    const o = i * d;
    dist[i] = sqDist(data, o, centers, labels[i] * d, d);
  }
}

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
 * Layout (speed only): each row's record [x (d), upper, lower, label] sits in one array,
 * each centre's [c (d), half gap to its nearest other centre, last shift] in another and
 * each cluster's [sum (d), count] in a third, so the hot pass touches three arrays.
 */
export function lloydTs(X: Matrix, init: Float64Array, k: number, maxIter: number, tolAbs: number): LloydResult {
  const { n, d, data } = X;
  const w = d + 3;
  const cw = d + 2;
  const sw = d + 1;
  const P = new Float64Array(n * w);
  for (let i = 0; i < n; i++) {
    const o = i * w;
    for (let j = 0; j < d; j++) P[o + j] = data[i * d + j];
    P[o + d + 2] = -1;
  }
  const C = new Float64Array(k * cw);
  for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) C[c * cw + j] = init[c * d + j];
  const S = new Float64Array(k * sw);
  // centres of the last assignment (for the distances after strict convergence)
  const prev = new Float64Array(k * d);
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
          const v = C[c * cw + j] - C[e * cw + j];
          s += v * v;
        }
        if (s < m) m = s;
      }
      C[c * cw + d] = 0.5 * Math.sqrt(m);
    }
    S.fill(0);
    const changed =
      d === 3 ? assignPass3(P, C, S, n, k, it === 0, m1, m2, arg) : assignPass(P, C, S, n, d, k, it === 0, m1, m2, arg);
    for (let c = 0; c < k * d; c++) prev[c] = C[Math.floor(c / d) * cw + (c % d)];
    let anyEmpty = false;
    for (let c = 0; c < k; c++) if (S[c * sw + d] === 0) anyEmpty = true;
    if (anyEmpty) relocated += relocateInRecords(X, P, S, prev, k);
    let shift = 0;
    for (let c = 0; c < k; c++) {
      let mc = 0;
      const cnt = S[c * sw + d];
      for (let j = 0; j < d; j++) {
        const v = S[c * sw + j] / cnt;
        const dv = v - C[c * cw + j];
        shift += dv * dv;
        mc += dv * dv;
        C[c * cw + j] = v;
      }
      C[c * cw + d + 1] = Math.sqrt(mc);
    }
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
      const mv = C[c * cw + d + 1];
      if (mv > m1) {
        m2 = m1;
        m1 = mv;
        arg = c;
      } else if (mv > m2) {
        m2 = mv;
      }
    }
  }
  const centers = new Float64Array(k * d);
  for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) centers[c * d + j] = C[c * cw + j];
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) labels[i] = P[i * w + d + 2];
  const dist = new Float64Array(n);
  // labels consistent with the final centres (strict convergence already has them; its
  // distances are to the centres of that last assignment)
  if (!strict) assignTs(X, centers, k, labels, dist);
  else exactDist(X, prev, labels, dist);
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += dist[i];
  return { centers, labels, inertia, nIter, converged, relocated };
}

/**
 * One assignment pass over the row records P (see lloydTs), any d: moves each row's bounds
 * by the last shifts, rescans the rows they cannot settle, and adds every row to its
 * cluster's sum and count in S in row order. `first`: no bounds yet, scan every row.
 * Returns how many labels changed.
 */
function assignPass(
  P: Float64Array,
  C: Float64Array,
  S: Float64Array,
  n: number,
  d: number,
  k: number,
  first: boolean,
  m1: number,
  m2: number,
  arg: number,
): number {
  const w = d + 3;
  const cw = d + 2;
  const sw = d + 1;
  let changed = 0;
  for (let o = 0; o < n * w; o += w) {
    const a = P[o + d + 2];
    let lab = a;
    if (!first) {
      // bounds moved by last update's centre shifts, then the two skip tests
      const ao = a * cw;
      let u = P[o + d] + C[ao + d + 1];
      const l = P[o + d + 1] - (a === arg ? m2 : m1);
      const h = C[ao + d];
      const bound = (h > l ? h : l) * SAFE;
      if (u >= bound) {
        let s = 0;
        for (let j = 0; j < d; j++) {
          const v = P[o + j] - C[ao + j];
          s += v * v;
        }
        u = Math.sqrt(s);
        if (u >= bound) lab = -1;
      }
      P[o + d] = u;
      P[o + d + 1] = l;
    }
    if (lab < 0) {
      let best = 0;
      let bestD = Infinity;
      let second = Infinity;
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let j = 0; j < d; j++) {
          const v = P[o + j] - C[c * cw + j];
          s += v * v;
        }
        if (s < bestD) {
          second = bestD;
          bestD = s;
          best = c;
        } else if (s < second) {
          second = s;
        }
      }
      lab = best;
      P[o + d] = Math.sqrt(bestD);
      P[o + d + 1] = Math.sqrt(second);
      if (a !== lab) {
        changed++;
        P[o + d + 2] = lab;
      }
    }
    const so = lab * sw;
    for (let j = 0; j < d; j++) S[so + j] += P[o + j];
    S[so + d] += 1;
  }
  return changed;
}

/** assignPass for d = 3, unrolled: the same operations in the same order. */
function assignPass3(
  P: Float64Array,
  C: Float64Array,
  S: Float64Array,
  n: number,
  k: number,
  first: boolean,
  m1: number,
  m2: number,
  arg: number,
): number {
  let changed = 0;
  for (let o = 0; o < n * 6; o += 6) {
    const x0 = P[o];
    const x1 = P[o + 1];
    const x2 = P[o + 2];
    const a = P[o + 5];
    let lab = a;
    if (!first) {
      const ao = a * 5;
      let u = P[o + 3] + C[ao + 4];
      const l = P[o + 4] - (a === arg ? m2 : m1);
      const h = C[ao + 3];
      const bound = (h > l ? h : l) * SAFE;
      if (u >= bound) {
        const v0 = x0 - C[ao];
        const v1 = x1 - C[ao + 1];
        const v2 = x2 - C[ao + 2];
        u = Math.sqrt(v0 * v0 + v1 * v1 + v2 * v2);
        if (u >= bound) lab = -1;
      }
      P[o + 3] = u;
      P[o + 4] = l;
    }
    if (lab < 0) {
      let best = 0;
      let bestD = Infinity;
      let second = Infinity;
      for (let c = 0; c < k; c++) {
        const v0 = x0 - C[c * 5];
        const v1 = x1 - C[c * 5 + 1];
        const v2 = x2 - C[c * 5 + 2];
        const s = v0 * v0 + v1 * v1 + v2 * v2;
        if (s < bestD) {
          second = bestD;
          bestD = s;
          best = c;
        } else if (s < second) {
          second = s;
        }
      }
      lab = best;
      P[o + 3] = Math.sqrt(bestD);
      P[o + 4] = Math.sqrt(second);
      if (a !== lab) {
        changed++;
        P[o + 5] = lab;
      }
    }
    const so = lab * 4;
    S[so] += x0;
    S[so + 1] += x1;
    S[so + 2] += x2;
    S[so + 3] += 1;
  }
  return changed;
}

/**
 * Rare path of lloydTs: some cluster is empty after a pass. Runs scikit-learn's
 * farthest-point rule (relocateEmpty) on exact distances to the centres of that pass
 * (`prev`), writes the moved rows' labels back into P and the adjusted sums into S, and
 * resets every row's bounds (upper Infinity, lower 0) as the plain layout did. Returns clusters re-seeded.
 */
function relocateInRecords(X: Matrix, P: Float64Array, S: Float64Array, prev: Float64Array, k: number): number {
  const { n, d } = X;
  const w = d + 3;
  const sw = d + 1;
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) labels[i] = P[i * w + d + 2];
  const dist = new Float64Array(n);
  exactDist(X, prev, labels, dist);
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    for (let j = 0; j < d; j++) sums[c * d + j] = S[c * sw + j];
    counts[c] = S[c * sw + d];
  }
  const moved = relocateEmpty(X, labels, dist, sums, counts, k);
  for (let c = 0; c < k; c++) {
    for (let j = 0; j < d; j++) S[c * sw + j] = sums[c * d + j];
    S[c * sw + d] = counts[c];
  }
  for (let i = 0; i < n; i++) {
    P[i * w + d] = Infinity;
    P[i * w + d + 1] = 0;
    P[i * w + d + 2] = labels[i];
  }
  return moved;
}

/** Squared distance of each row to its labelled centre (as assignTs computes it). */
function exactDist(X: Matrix, centers: Float64Array, labels: Int32Array, dist: Float64Array): void {
  const { n, d, data } = X;
  for (let i = 0; i < n; i++) {
    const o = i * d;
    dist[i] = sqDist(data, o, centers, labels[i] * d, d);
  }
}

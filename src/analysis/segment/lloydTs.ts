/**
 * Lloyd iterations in plain TypeScript over a Float64Array (the CPU/WASM kernel).
 * Mirrors scikit-learn's `_kmeans_single_lloyd`: each iteration assigns labels and
 * recomputes centres; it stops when labels no longer change ("strict" convergence) or the
 * total squared centre shift is <= tol; nIter counts iterations run.
 * Not split: the Lloyd loop, its bound updates (half gaps, shifts) and the final exact assignment
 * share the same buffers.
 */
import type { Matrix } from '../math/matrix';
import { sqDist } from './kmeansInit';
import { SAFE, boundPass, boundPass3, scanPass, scanPass3, zeroSums } from './lloydPass';

export interface LloydResult {
  centers: Float64Array;
  labels: Int32Array;
  inertia: number;
  nIter: number;
  converged: boolean;
  /** empty clusters re-seeded during the run */
  relocated: number;
}

/** lloydTs's row records (n x (d + 2): the row, then its two bounds, which every run's first
 *  pass sets): one per fit, shared by its restarts. */
export function lloydRecords(X: Matrix): Float64Array {
  const { n, d, data } = X;
  const w = d + 2;
  const P = new Float64Array(n * w);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) P[i * w + j] = data[i * d + j];
  return P;
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

/**
 * Runs Lloyd from `init` (k x d); tolAbs is the absolute squared-shift tolerance.
 * Same iterations, labels, centres and inertia as plain Lloyd (assign every row to its
 * nearest centre, first index on ties, then recompute centres in row order), but the
 * assignment step uses Hamerly's bounds (2010): per row an upper bound on the distance to
 * its centre and a lower bound on the distance to every other centre, moved by the centre
 * shifts; a row is rescanned only when the bounds cannot prove its centre is still the
 * unique nearest. The centre update stays a full pass in row order, so the arithmetic, and
 * hence the result, is the same as without bounds. Passes and layout: lloydPass.ts.
 * `records`: lloydRecords(X), when the caller runs several starts on the same X (else made here).
 */
export function lloydTs(X: Matrix, init: Float64Array, k: number, maxIter: number, tolAbs: number, records?: Float64Array): LloydResult {
  const { n, d } = X;
  const cw = d + 3;
  const sw = d + 1;
  const P = records ?? lloydRecords(X);
  const labels = new Int32Array(n).fill(-1);
  const C = new Float64Array(k * cw);
  for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) C[c * cw + j] = init[c * d + j];
  const S = new Float64Array(k * sw);
  // centres of the last assignment (for the distances after strict convergence)
  const prev = new Float64Array(k * d);
  let strict = false;
  let converged = false;
  let nIter = 0;
  let relocated = 0;
  // after a relocation S's counts are not those of the labels (relocateEmpty moves counts, not
  // labels): the next pass counts again from the labels
  let recount = false;
  for (let it = 0; it < maxIter; it++) {
    setHalfGaps(C, k, d);
    if (it === 0) S.fill(0);
    else zeroSums(S, k, d, recount, labels, n);
    recount = false;
    let changed: number;
    if (it === 0) changed = d === 3 ? scanPass3(P, labels, C, S, n, k) : scanPass(P, labels, C, S, n, d, k);
    else if (d === 3) changed = boundPass3(P, labels, C, S, n, k);
    else changed = boundPass(P, labels, C, S, n, d, k);
    for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) prev[c * d + j] = C[c * cw + j];
    let anyEmpty = false;
    for (let c = 0; c < k; c++) if (S[c * sw + d] === 0) anyEmpty = true;
    if (anyEmpty) {
      relocated += relocateInRecords(X, P, labels, S, prev, k);
      recount = true;
    }
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
    setOtherShifts(C, k, d);
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
  const centers = new Float64Array(k * d);
  for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) centers[c * d + j] = C[c * cw + j];
  const dist = new Float64Array(n);
  // labels consistent with the final centres (strict convergence already has them; its
  // distances are to the centres of that last assignment)
  if (!strict) finalAssign(X, P, C, centers, k, labels, dist);
  else exactDist(X, prev, labels, dist);
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += dist[i];
  return { centers, labels, inertia, nIter, converged, relocated };
}

/** C's half-gap slots: half the distance from each centre to its nearest other centre. */
function setHalfGaps(C: Float64Array, k: number, d: number): void {
  const cw = d + 3;
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
}

/** C's last slot: the largest last shift among the other centres (how far any of them came
 *  closer), from the largest and second largest shifts. */
function setOtherShifts(C: Float64Array, k: number, d: number): void {
  const cw = d + 3;
  let m1 = 0;
  let m2 = 0;
  let arg = -1;
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
  for (let c = 0; c < k; c++) C[c * cw + d + 2] = c === arg ? m2 : m1;
}

/**
 * After a stop on the tolerance or maxIter: labels and squared distances for the final
 * centres, exactly as assignTs finds them, but a row whose bounds (moved by the last
 * shifts) prove its centre still the unique nearest only pays for that one distance.
 */
function finalAssign(
  X: Matrix,
  P: Float64Array,
  C: Float64Array,
  centers: Float64Array,
  k: number,
  labels: Int32Array,
  dist: Float64Array,
): void {
  const { n, d, data } = X;
  const w = d + 2;
  const cw = d + 3;
  setHalfGaps(C, k, d);
  const safe = SAFE;
  for (let i = 0; i < n; i++) {
    const o = i * w;
    const a = labels[i];
    const ao = a * cw;
    const l = P[o + d + 1] - C[ao + d + 2];
    const h = C[ao + d];
    const bound = (h > l ? h : l) * safe;
    const s = sqDist(data, i * d, centers, a * d, d);
    if (P[o + d] + C[ao + d + 1] < bound || Math.sqrt(s) < bound) {
      dist[i] = s;
      continue;
    }
    let best = 0;
    let bestD = Infinity;
    for (let c = 0; c < k; c++) {
      const v = sqDist(data, i * d, centers, c * d, d);
      if (v < bestD) {
        bestD = v;
        best = c;
      }
    }
    labels[i] = best;
    dist[i] = bestD;
  }
}

/**
 * Rare path of lloydTs: some cluster is empty after a pass. Runs scikit-learn's
 * farthest-point rule (relocateEmpty) on exact distances to the centres of that pass
 * (`prev`), writes the adjusted sums back into S, and resets every row's bounds
 * (upper Infinity, lower 0) so the next pass re-checks each row. Returns clusters re-seeded.
 */
function relocateInRecords(X: Matrix, P: Float64Array, labels: Int32Array, S: Float64Array, prev: Float64Array, k: number): number {
  const { n, d } = X;
  const w = d + 2;
  const sw = d + 1;
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

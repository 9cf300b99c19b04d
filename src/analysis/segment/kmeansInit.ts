/**
 * Greedy k-means++ seeding (Arthur & Vassilvitskii 2007, with scikit-learn's greedy
 * variant: 2 + floor(ln k) candidate centres per step, keep the one that lowers the
 * potential most). Plain TypeScript for every backend: it costs about (2 + ln k) Lloyd
 * iterations, so it is never the bottleneck and keeps both kernels on identical starts.
 */
import type { Matrix } from '../math/matrix';

/** Squared Euclidean distance between row i of X and point p (offset po in P). */
export function sqDist(X: Float64Array, io: number, P: Float64Array, po: number, d: number): number {
  if (d === 3) {
    // unrolled for the default three features; the same additions in the same order
    const v0 = X[io] - P[po];
    const v1 = X[io + 1] - P[po + 1];
    const v2 = X[io + 2] - P[po + 2];
    return v0 * v0 + v1 * v1 + v2 * v2;
  }
  let s = 0;
  for (let j = 0; j < d; j++) {
    const v = X[io + j] - P[po + j];
    s += v * v;
  }
  return s;
}

/** First index whose cumulative weight exceeds r (binary search over a running sum). */
function searchCum(cum: Float64Array, r: number): number {
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid] <= r) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Candidate potential: out[i] = min(distance^2 of row i to row `ci`, closest[i]); returns
 * their sum, added in row order.
 */
function candidatePotential(data: Float64Array, n: number, d: number, ci: number, closest: Float64Array, out: Float64Array): number {
  let p = 0;
  const io = ci * d;
  for (let i = 0; i < n; i++) {
    const v = sqDist(data, i * d, data, io, d);
    const m = v < closest[i] ? v : closest[i];
    out[i] = m;
    p += m;
  }
  return p;
}

/**
 * d = 3: candidatePotential for up to four candidates in one pass over the rows (they share
 * the row and `closest` loads; four independent sums). Candidate t (t < m) is row cand[from + t];
 * its min-distances go to out[t * n ..], its potential to pot[t], each added in row order as
 * candidatePotential adds it. Missing candidates (m < 4) repeat the last one.
 */
function candidatePotentials3(data: Float64Array, n: number, cand: Int32Array, from: number, m: number, closest: Float64Array, out: Float64Array, pot: Float64Array): void {
  const ia = cand[from] * 3;
  const ib = cand[from + (m > 1 ? 1 : 0)] * 3;
  const ic = cand[from + (m > 2 ? 2 : m - 1)] * 3;
  const ie = cand[from + (m > 3 ? 3 : m - 1)] * 3;
  const a0 = data[ia], a1 = data[ia + 1], a2 = data[ia + 2];
  const b0 = data[ib], b1 = data[ib + 1], b2 = data[ib + 2];
  const c0 = data[ic], c1 = data[ic + 1], c2 = data[ic + 2];
  const e0 = data[ie], e1 = data[ie + 1], e2 = data[ie + 2];
  const n2 = 2 * n;
  const n3 = 3 * n;
  let pa = 0;
  let pb = 0;
  let pc = 0;
  let pe = 0;
  for (let i = 0; i < n; i++) {
    const x0 = data[i * 3];
    const x1 = data[i * 3 + 1];
    const x2 = data[i * 3 + 2];
    const cl = closest[i];
    let v0 = x0 - a0;
    let v1 = x1 - a1;
    let v2 = x2 - a2;
    let v = v0 * v0 + v1 * v1 + v2 * v2;
    const ma = v < cl ? v : cl;
    v0 = x0 - b0;
    v1 = x1 - b1;
    v2 = x2 - b2;
    v = v0 * v0 + v1 * v1 + v2 * v2;
    const mb = v < cl ? v : cl;
    v0 = x0 - c0;
    v1 = x1 - c1;
    v2 = x2 - c2;
    v = v0 * v0 + v1 * v1 + v2 * v2;
    const mc = v < cl ? v : cl;
    v0 = x0 - e0;
    v1 = x1 - e1;
    v2 = x2 - e2;
    v = v0 * v0 + v1 * v1 + v2 * v2;
    const me = v < cl ? v : cl;
    out[i] = ma;
    out[n + i] = mb;
    out[n2 + i] = mc;
    out[n3 + i] = me;
    pa += ma;
    pb += mb;
    pc += mc;
    pe += me;
  }
  pot[0] = pa;
  pot[1] = pb;
  pot[2] = pc;
  pot[3] = pe;
}

/** k initial centres (k x d, row-major) drawn by greedy k-means++ with rng. Assumes k <= n. */
export function kmeansPlusPlus(X: Matrix, k: number, rng: () => number): Float64Array {
  const { n, d, data } = X;
  const centers = new Float64Array(k * d);
  const trials = 2 + Math.floor(Math.log(k));
  const first = Math.floor(rng() * n);
  centers.set(data.subarray(first * d, first * d + d), 0);
  let closest = new Float64Array(n);
  for (let i = 0; i < n; i++) closest[i] = sqDist(data, i * d, centers, 0, d);
  const cum = new Float64Array(n);
  const cand = new Int32Array(trials);
  // d = 3: the trials' min-distances side by side (4 per pass), and the winner's copied out;
  // else one pass per trial, the winning candidate's min-distances become `closest`
  const out = d === 3 ? new Float64Array(4 * n) : null;
  const pot = new Float64Array(4);
  let tmp = new Float64Array(n);
  let best = new Float64Array(n);
  for (let c = 1; c < k; c++) {
    let run = 0;
    for (let i = 0; i < n; i++) {
      run += closest[i];
      cum[i] = run;
    }
    // the draws come first (no rng call in between): the same sequence as one draw per trial
    // all points coincide with centres (pot 0): any point will do
    for (let t = 0; t < trials; t++) cand[t] = run > 0 ? searchCum(cum, rng() * run) : Math.floor(rng() * n);
    let bestPot = Infinity;
    let bestIdx = -1;
    if (out) {
      let bestAt = -1;
      for (let t0 = 0; t0 < trials; t0 += 4) {
        const m = Math.min(4, trials - t0);
        candidatePotentials3(data, n, cand, t0, m, closest, out, pot);
        for (let t = 0; t < m; t++) {
          if (pot[t] < bestPot) {
            bestPot = pot[t];
            bestIdx = cand[t0 + t];
            bestAt = t;
          }
        }
        // the group's winner leaves `out` before the next group overwrites it
        if (bestAt >= 0) best.set(out.subarray(bestAt * n, bestAt * n + n));
        bestAt = -1;
      }
    } else {
      for (let t = 0; t < trials; t++) {
        const p = candidatePotential(data, n, d, cand[t], closest, tmp);
        if (p < bestPot) {
          bestPot = p;
          bestIdx = cand[t];
          [best, tmp] = [tmp, best];
        }
      }
    }
    centers.set(data.subarray(bestIdx * d, bestIdx * d + d), c * d);
    if (bestIdx >= 0) [closest, best] = [best, closest];
  }
  return centers;
}

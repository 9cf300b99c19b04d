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
  if (d === 3) {
    const c0 = data[io];
    const c1 = data[io + 1];
    const c2 = data[io + 2];
    for (let i = 0; i < n; i++) {
      const v0 = data[i * 3] - c0;
      const v1 = data[i * 3 + 1] - c1;
      const v2 = data[i * 3 + 2] - c2;
      const v = v0 * v0 + v1 * v1 + v2 * v2;
      const m = v < closest[i] ? v : closest[i];
      out[i] = m;
      p += m;
    }
    return p;
  }
  for (let i = 0; i < n; i++) {
    const v = sqDist(data, i * d, data, io, d);
    const m = v < closest[i] ? v : closest[i];
    out[i] = m;
    p += m;
  }
  return p;
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
  // the winning candidate's min-distances become `closest`: no separate update pass
  let cand = new Float64Array(n);
  let best = new Float64Array(n);
  for (let c = 1; c < k; c++) {
    let run = 0;
    for (let i = 0; i < n; i++) {
      run += closest[i];
      cum[i] = run;
    }
    let bestPot = Infinity;
    let bestIdx = -1;
    for (let t = 0; t < trials; t++) {
      // all points coincide with centres (pot 0): any point will do
      const idx = run > 0 ? searchCum(cum, rng() * run) : Math.floor(rng() * n);
      const p = candidatePotential(data, n, d, idx, closest, cand);
      if (p < bestPot) {
        bestPot = p;
        bestIdx = idx;
        [best, cand] = [cand, best];
      }
    }
    centers.set(data.subarray(bestIdx * d, bestIdx * d + d), c * d);
    if (bestIdx >= 0) [closest, best] = [best, closest];
  }
  return centers;
}

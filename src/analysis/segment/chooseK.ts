/**
 * Picking K from a sweep: the elbow of the inertia curve (kneedle) and a documented rule
 * that weighs silhouette, the elbow and what a business can act on (3 to 6 segments).
 */
import type { KSweepEntry } from './types';

/**
 * Kneedle elbow of a decreasing convex curve (Satopaa et al. 2011): normalise k and y to
 * [0, 1]; the elbow is the point farthest below the chord from the first to the last
 * point. Returns the index into xs (0 when fewer than 3 points).
 */
export function kneedleDecreasing(xs: number[], ys: number[]): number {
  const m = xs.length;
  if (m < 3) return 0;
  const x0 = xs[0];
  const x1 = xs[m - 1];
  let yMin = Infinity;
  let yMax = -Infinity;
  for (const y of ys) {
    yMin = Math.min(yMin, y);
    yMax = Math.max(yMax, y);
  }
  if (!(yMax > yMin) || !(x1 > x0)) return 0;
  const yn = (i: number) => (ys[i] - yMin) / (yMax - yMin);
  const xn = (i: number) => (xs[i] - x0) / (x1 - x0);
  const yA = yn(0);
  const yB = yn(m - 1);
  let best = 0;
  let bestGap = 0;
  for (let i = 1; i < m - 1; i++) {
    const chord = yA + (yB - yA) * xn(i);
    const gap = chord - yn(i);
    if (gap > bestGap) {
      bestGap = gap;
      best = i;
    }
  }
  return best;
}

/** Knee of an increasing curve (sorted k-distances), scikit-learn-anchor style:
 *  argmax(x - y) with both normalised to [0, 1]. Returns the index. */
export function kneeIncreasing(ys: ArrayLike<number>): number {
  const m = ys.length;
  if (m < 3) return m - 1;
  const lo = ys[0];
  const hi = ys[m - 1];
  const span = hi - lo + 1e-12;
  let best = 0;
  let bestGap = -Infinity;
  for (let i = 0; i < m; i++) {
    const gap = i / (m - 1) - (ys[i] - lo) / span;
    if (gap > bestGap) {
      bestGap = gap;
      best = i;
    }
  }
  return best;
}

export const ACTIONABLE: [number, number] = [3, 6];
/** silhouette lead an out-of-range K needs over the best actionable K */
export const OUTSIDE_MARGIN = 0.02;
/** the elbow wins within this much silhouette of the best actionable K */
export const ELBOW_MARGIN = 0.01;

/**
 * The K rule: among k in 3..6 (the segments a business can act on) take the highest
 * silhouette; if the elbow k is in 3..6 and within 0.01 of that silhouette, take the
 * elbow instead; a k outside 3..6 wins only if its silhouette is higher by more than
 * 0.02. When the sweep has no k in 3..6, the highest silhouette wins. Ties: smaller k.
 * On Telco: k=4 (0.4722, also the elbow) beats k=2 (0.4797, lead 0.0075 < 0.02).
 */
export function chooseK(sweep: KSweepEntry[], elbowK: number): { k: number; method: string } {
  const inRange = sweep.filter((e) => e.k >= ACTIONABLE[0] && e.k <= ACTIONABLE[1]);
  const bestOf = (es: KSweepEntry[]) =>
    es.reduce((a, b) => (b.silhouette > a.silhouette || (b.silhouette === a.silhouette && b.k < a.k) ? b : a));
  const f = (s: number) => s.toFixed(3);
  if (inRange.length === 0) {
    const b = bestOf(sweep);
    return { k: b.k, method: `highest silhouette (${f(b.silhouette)}) in the sweep; no K in 3..6 was tried` };
  }
  let pick = bestOf(inRange);
  let why = `highest silhouette among K in 3..6 (${f(pick.silhouette)})`;
  const elbow = inRange.find((e) => e.k === elbowK);
  if (elbow && elbow.k !== pick.k && elbow.silhouette >= pick.silhouette - ELBOW_MARGIN) {
    why = `elbow K=${elbow.k} (silhouette ${f(elbow.silhouette)}, within ${ELBOW_MARGIN} of the best K in 3..6, K=${pick.k})`;
    pick = elbow;
  } else if (elbow && elbow.k === pick.k) {
    why += `, which is also the elbow`;
  }
  const outside = sweep.filter((e) => e.k < ACTIONABLE[0] || e.k > ACTIONABLE[1]);
  if (outside.length > 0) {
    const o = bestOf(outside);
    if (o.silhouette > pick.silhouette + OUTSIDE_MARGIN) {
      return {
        k: o.k,
        method: `K=${o.k} outside 3..6 has silhouette ${f(o.silhouette)}, more than ${OUTSIDE_MARGIN} above the best K in 3..6 (K=${pick.k}, ${f(pick.silhouette)})`,
      };
    }
    why += `; K=${o.k} outside 3..6 scores ${f(o.silhouette)}, not more than ${OUTSIDE_MARGIN} higher, so the actionable K is kept`;
  }
  return { k: pick.k, method: why };
}

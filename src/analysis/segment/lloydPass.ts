/**
 * The assignment passes of lloydTs (Hamerly's bounds), split out for speed: each is a
 * small loop over flat arrays with plain-number locals, which V8 compiles tightly.
 * Layout, set up by lloydTs:
 *   P  n x (d + 2): per row [x (d), upper bound to its centre, lower bound to the others]
 *   L  n: label per row (-1 before the first pass)
 *   C  k x (d + 3): per centre [c (d), half the gap to its nearest other centre, its last
 *      shift, the largest last shift among the other centres]
 *   S  k x (d + 1): per cluster [sum (d), count]; the sums zeroed by the caller and filled in
 *      row order; the counts set by the first pass and then moved only by the rows that change
 *      cluster (whole numbers: exact in any order, and one store per row less in the hot loop)
 * Every pass adds each row to its cluster's sum in row order, so the sums (and hence the
 * centres) are those of a plain Lloyd pass; distances are added in column order.
 */

/** Bound slack: a row skips the full scan only when its bound wins by this relative margin,
 *  so rounding in the bounds can never skip a row whose nearest centre changed. */
export const SAFE = 1 - 1e-9;

/** Zeroes S's sums before a later pass; its counts carry over (the pass moves them), unless
 *  `recount`: then they are counted again from the labels. */
export function zeroSums(S: Float64Array, k: number, d: number, recount: boolean, labels: Int32Array, n: number): void {
  const sw = d + 1;
  for (let c = 0; c < k; c++) {
    for (let j = 0; j < d; j++) S[c * sw + j] = 0;
    if (recount) S[c * sw + d] = 0;
  }
  if (recount) for (let i = 0; i < n; i++) S[labels[i] * sw + d] += 1;
}

/** First pass (no bounds yet, every label -1): every row scans every centre. Returns labels changed (all). */
export function scanPass(P: Float64Array, L: Int32Array, C: Float64Array, S: Float64Array, n: number, d: number, k: number): number {
  const w = d + 2;
  const cw = d + 3;
  const sw = d + 1;
  let changed = 0;
  for (let i = 0; i < n; i++) {
    const o = i * w;
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
    P[o + d] = Math.sqrt(bestD);
    P[o + d + 1] = Math.sqrt(second);
    if (L[i] !== best) {
      changed++;
      L[i] = best;
    }
    const so = best * sw;
    for (let j = 0; j < d; j++) S[so + j] += P[o + j];
    S[so + d] += 1;
  }
  return changed;
}

/** scanPass for d = 3, unrolled: the same operations in the same order. */
export function scanPass3(P: Float64Array, L: Int32Array, C: Float64Array, S: Float64Array, n: number, k: number): number {
  for (let i = 0; i < n; i++) {
    const o = i * 5;
    const x0 = P[o];
    const x1 = P[o + 1];
    const x2 = P[o + 2];
    let best = 0;
    let bestD = Infinity;
    let second = Infinity;
    for (let c = 0; c < k; c++) {
      const v0 = x0 - C[c * 6];
      const v1 = x1 - C[c * 6 + 1];
      const v2 = x2 - C[c * 6 + 2];
      const s = v0 * v0 + v1 * v1 + v2 * v2;
      if (s < bestD) {
        second = bestD;
        bestD = s;
        best = c;
      } else if (s < second) {
        second = s;
      }
    }
    P[o + 3] = Math.sqrt(bestD);
    P[o + 4] = Math.sqrt(second);
    L[i] = best;
    const so = best * 4;
    S[so] += x0;
    S[so + 1] += x1;
    S[so + 2] += x2;
    S[so + 3] += 1;
  }
  return n;
}

/**
 * A later pass, any d: moves each row's bounds by the last shifts, tightens the upper bound
 * when the skip test fails, and rescans only rows the bounds cannot settle. Returns labels changed.
 */
export function boundPass(P: Float64Array, L: Int32Array, C: Float64Array, S: Float64Array, n: number, d: number, k: number): number {
  const w = d + 2;
  const cw = d + 3;
  const sw = d + 1;
  const safe = SAFE; // a local: no module-binding check per row
  let changed = 0;
  for (let i = 0; i < n; i++) {
    const o = i * w;
    const a = L[i];
    const ao = a * cw;
    let lab = a;
    let u = P[o + d] + C[ao + d + 1];
    const l = P[o + d + 1] - C[ao + d + 2];
    const h = C[ao + d];
    const bound = (h > l ? h : l) * safe;
    if (u >= bound) {
      let s = 0;
      for (let j = 0; j < d; j++) {
        const v = P[o + j] - C[ao + j];
        s += v * v;
      }
      u = Math.sqrt(s);
      if (u >= bound) lab = -1;
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
        L[i] = lab;
        S[a * sw + d] -= 1;
        S[lab * sw + d] += 1;
      }
    } else {
      P[o + d] = u;
      P[o + d + 1] = l;
    }
    const so = lab * sw;
    for (let j = 0; j < d; j++) S[so + j] += P[o + j];
  }
  return changed;
}

/** boundPass for d = 3, unrolled: the same operations in the same order. */
export function boundPass3(P: Float64Array, L: Int32Array, C: Float64Array, S: Float64Array, n: number, k: number): number {
  const safe = SAFE;
  let changed = 0;
  for (let i = 0; i < n; i++) {
    const o = i * 5;
    const x0 = P[o];
    const x1 = P[o + 1];
    const x2 = P[o + 2];
    const a = L[i];
    const ao = a * 6;
    let lab = a;
    let u = P[o + 3] + C[ao + 4];
    const l = P[o + 4] - C[ao + 5];
    const h = C[ao + 3];
    const bound = (h > l ? h : l) * safe;
    if (u >= bound) {
      const v0 = x0 - C[ao];
      const v1 = x1 - C[ao + 1];
      const v2 = x2 - C[ao + 2];
      u = Math.sqrt(v0 * v0 + v1 * v1 + v2 * v2);
      if (u >= bound) lab = -1;
    }
    if (lab < 0) {
      let best = 0;
      let bestD = Infinity;
      let second = Infinity;
      for (let c = 0; c < k; c++) {
        const v0 = x0 - C[c * 6];
        const v1 = x1 - C[c * 6 + 1];
        const v2 = x2 - C[c * 6 + 2];
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
        L[i] = lab;
        S[a * 4 + 3] -= 1;
        S[lab * 4 + 3] += 1;
      }
    } else {
      P[o + 3] = u;
      P[o + 4] = l;
    }
    const so = lab * 4;
    S[so] += x0;
    S[so + 1] += x1;
    S[so + 2] += x2;
  }
  return changed;
}

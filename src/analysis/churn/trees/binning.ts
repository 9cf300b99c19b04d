/** Histogram binning for tree models: per-feature bin edges from training quantiles (<= maxBins bins). */

/** Edges per feature of X (n x d row-major): value x falls in bin b = first b with x <= edges[b], else edges.length.
 *  Missing values (NaN) are ignored here; binRows puts them in bin edges.length + 1 (the missing bin). */
export function fitBinEdges(X: Float64Array, d: number, maxBins = 64): Float64Array[] {
  const n = X.length / d;
  const cap = maxBins + 1;
  const { seen, count } = distinctUpTo(X, d, n, cap);
  const col = new Float64Array(n);
  const edges: Float64Array[] = [];
  for (let j = 0; j < d; j++) {
    const m = count[j];
    if (m <= maxBins) {
      // one bin each, edges halfway between neighbours (as from the sorted column: -0 equals 0)
      const uniq = seen.subarray(j * cap, j * cap + m).sort();
      const e = new Float64Array(Math.max(0, m - 1));
      for (let k = 1; k < m; k++) e[k - 1] = (uniq[k - 1] + uniq[k]) / 2;
      edges.push(e);
      continue;
    }
    let nn = 0;
    for (let i = 0; i < n; i++) {
      const v = X[i * d + j];
      if (v === v) col[nn++] = v; // NaN (missing) left out
    }
    const c = col.subarray(0, nn).sort();
    const e: number[] = [];
    for (let q = 1; q < maxBins && nn > 0; q++) {
      const v = c[Math.min(nn - 1, Math.floor((q * nn) / maxBins))];
      if (v < c[nn - 1] && (e.length === 0 || v > e[e.length - 1])) e.push(v);
    }
    edges.push(Float64Array.from(e));
  }
  return edges;
}

/**
 * Distinct values per column, found without sorting in one row-major pass (most design columns,
 * one-hot or small codes, have a few): column j's are seen[j * cap .. j * cap + count[j]);
 * count[j] = cap means "cap or more" (the column is then binned by quantiles).
 */
function distinctUpTo(X: Float64Array, d: number, n: number, cap: number): { seen: Float64Array; count: Int32Array } {
  const seen = new Float64Array(d * cap);
  const count = new Int32Array(d);
  const last = new Float64Array(d).fill(NaN);
  for (let i = 0; i < n; i++) {
    const r = i * d;
    for (let j = 0; j < d; j++) {
      const v = X[r + j];
      if (v === last[j] || v !== v) continue;
      const m = count[j];
      if (m === cap) continue;
      last[j] = v;
      const o = j * cap;
      let k = 0;
      while (k < m && seen[o + k] !== v) k++;
      if (k === m) {
        seen[o + m] = v;
        count[j] = m + 1;
      }
    }
  }
  return { seen, count };
}

/** Bin index of x for sorted edges (binary search). */
export function binOf(edges: Float64Array, x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x <= edges[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** binOf, counting edges below x when there are few (no unpredictable branches; one-hot columns have one edge). */
function binOfFast(edges: Float64Array, x: number): number {
  const m = edges.length;
  if (m > 8) return binOf(edges, x);
  let b = 0;
  for (let k = 0; k < m; k++) b += x <= edges[k] ? 0 : 1;
  return b;
}

/** Binned copy of X, column-major (binned[j * n + i]), one byte per cell (maxBins <= 256). */
export function binMatrix(X: Float64Array, d: number, edges: Float64Array[]): Uint8Array {
  const n = X.length / d;
  const out = new Uint8Array(n * d);
  // row-major reads: one pass over X
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) out[j * n + i] = binOfFast(edges[j], X[i * d + j]);
  return out;
}

/** Binned copy of X, row-major (binned[i * d + j]), one byte per cell (maxBins <= 254); a missing value (NaN) gets
 *  the missing bin edges[j].length + 1. */
export function binRows(X: Float64Array, d: number, edges: Float64Array[]): Uint8Array {
  const n = X.length / d;
  const out = new Uint8Array(n * d);
  for (let q = 0; q < n * d; q += d)
    for (let j = 0; j < d; j++) {
      const x = X[q + j];
      out[q + j] = x === x ? binOfFast(edges[j], x) : edges[j].length + 1;
    }
  return out;
}

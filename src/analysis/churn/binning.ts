/** Histogram binning for tree models: per-feature bin edges from training quantiles (<= maxBins bins). */

/** Edges per feature of X (n x d row-major): value x falls in bin b = first b with x <= edges[b], else edges.length. */
export function fitBinEdges(X: Float64Array, d: number, maxBins = 64): Float64Array[] {
  const n = X.length / d;
  const col = new Float64Array(n);
  const edges: Float64Array[] = [];
  for (let j = 0; j < d; j++) {
    for (let i = 0; i < n; i++) col[i] = X[i * d + j];
    col.sort();
    const uniq: number[] = [];
    for (let i = 0; i < n; i++) if (i === 0 || col[i] !== col[i - 1]) uniq.push(col[i]);
    const e: number[] = [];
    if (uniq.length <= maxBins) {
      // few distinct values: one bin each, edges halfway between neighbours
      for (let k = 1; k < uniq.length; k++) e.push((uniq[k - 1] + uniq[k]) / 2);
    } else {
      for (let q = 1; q < maxBins; q++) {
        const v = col[Math.min(n - 1, Math.floor((q * n) / maxBins))];
        if (v < col[n - 1] && (e.length === 0 || v > e[e.length - 1])) e.push(v);
      }
    }
    edges.push(Float64Array.from(e));
  }
  return edges;
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

/** Binned copy of X, column-major (binned[j * n + i]), one byte per cell (maxBins <= 256). */
export function binMatrix(X: Float64Array, d: number, edges: Float64Array[]): Uint8Array {
  const n = X.length / d;
  const out = new Uint8Array(n * d);
  for (let j = 0; j < d; j++) for (let i = 0; i < n; i++) out[j * n + i] = binOf(edges[j], X[i * d + j]);
  return out;
}

/** Binned copy of X, row-major (binned[i * d + j]), one byte per cell (maxBins <= 256). */
export function binRows(X: Float64Array, d: number, edges: Float64Array[]): Uint8Array {
  const n = X.length / d;
  const out = new Uint8Array(n * d);
  for (let j = 0; j < d; j++) {
    const e = edges[j];
    for (let i = 0; i < n; i++) out[i * d + j] = binOf(e, X[i * d + j]);
  }
  return out;
}

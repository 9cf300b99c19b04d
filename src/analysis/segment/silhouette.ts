/**
 * Silhouette coefficient (Rousseeuw 1987; scikit-learn's silhouette_score), Euclidean.
 * Exact: one row of pairwise distances at a time (O(n) memory, O(n^2 d) time), and
 * the row is reused for several labelings at once, so a K sweep pays for the distances
 * once. Above `exactLimit` rows a seeded random sample of `sampleSize` rows is scored
 * (distances among the sampled rows only, as scikit-learn's `sample_size`).
 */
import { AnalysisError } from '../errors';
import { mulberry32, sampleIndices } from '../random';
import { checkMatrix, takeRows, type Matrix } from './matrix';

export interface SilhouetteOptions {
  /** exact up to this many rows (default 20,000) */
  exactLimit?: number;
  /** rows scored above the limit (default 10,000, at most exactLimit) */
  sampleSize?: number;
  seed?: number;
}

export interface SilhouetteResult {
  /** mean silhouette per labeling */
  scores: number[];
  /** null when exact, else the number of sampled rows */
  sample: number | null;
}

/** Mean silhouette of each labeling of X (labels 0..k-1 with k = max+1); defaults as above. */
export function silhouetteScores(X: Matrix, labelings: Int32Array[], opts: SilhouetteOptions = {}): SilhouetteResult {
  checkMatrix(X, 'silhouette');
  const exactLimit = opts.exactLimit ?? 20_000;
  const sampleSize = Math.min(opts.sampleSize ?? 10_000, exactLimit);
  for (const l of labelings) {
    if (l.length !== X.n) {
      throw new AnalysisError('silhouette/ragged', `silhouette: labels have ${l.length} values, X has ${X.n} rows`);
    }
  }
  if (X.n <= exactLimit) return { scores: exactSilhouettes(X, labelings), sample: null };
  const idx = sampleIndices(X.n, sampleSize, mulberry32(opts.seed ?? 0));
  const Xs = takeRows(X, idx);
  const ls = labelings.map((l) => Int32Array.from(idx, (i) => l[i]));
  return { scores: exactSilhouettes(Xs, ls), sample: idx.length };
}

/** Exact mean silhouettes; labels are relabelled densely per labeling first. */
function exactSilhouettes(X: Matrix, labelings: Int32Array[]): number[] {
  const { n, d, data } = X;
  const L = labelings.length;
  // dense cluster ids per labeling, concatenated into one offset table
  const offs = new Int32Array(L + 1);
  const dense: Int32Array[] = labelings.map((l, li) => {
    const map = new Map<number, number>();
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let c = map.get(l[i]);
      if (c === undefined) {
        c = map.size;
        map.set(l[i], c);
      }
      out[i] = c;
    }
    offs[li + 1] = offs[li] + map.size;
    return out;
  });
  const K = offs[L];
  // combined cluster slot per (row, labeling), row-major so one row's L slots are adjacent
  const flat = new Int32Array(n * L);
  const sizes = new Float64Array(K);
  for (let li = 0; li < L; li++) {
    for (let j = 0; j < n; j++) {
      flat[j * L + li] = offs[li] + dense[li][j];
      sizes[offs[li] + dense[li][j]]++;
    }
  }
  const sums = new Float64Array(K);
  const total = new Float64Array(L);
  for (let i = 0; i < n; i++) {
    const io = i * d;
    sums.fill(0);
    // one tile = row i against all rows: distance, then straight into every labeling's sums
    for (let j = 0; j < n; j++) {
      const jo = j * d;
      let s = 0;
      for (let t = 0; t < d; t++) {
        const v = data[io + t] - data[jo + t];
        s += v * v;
      }
      const dist = Math.sqrt(s);
      const fo = j * L;
      for (let li = 0; li < L; li++) sums[flat[fo + li]] += dist;
    }
    for (let li = 0; li < L; li++) {
      const own = flat[i * L + li];
      const nOwn = sizes[own];
      if (nOwn <= 1) continue; // singleton: s = 0 (scikit-learn)
      const a = sums[own] / (nOwn - 1);
      let b = Infinity;
      for (let c = offs[li]; c < offs[li + 1]; c++) {
        if (c !== own && sizes[c] > 0) b = Math.min(b, sums[c] / sizes[c]);
      }
      if (b === Infinity) continue; // one cluster only
      const m = Math.max(a, b);
      if (m > 0) total[li] += (b - a) / m;
    }
  }
  return Array.from(total, (t) => t / n);
}

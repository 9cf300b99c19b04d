/**
 * Silhouette coefficient (Rousseeuw 1987; scikit-learn's silhouette_score), Euclidean.
 * Exact: one row of pairwise distances at a time (O(n) memory, O(n^2 d) time), and
 * the row is reused for several labelings at once, so a K sweep pays for the distances
 * once. Above `exactLimit` rows a seeded random sample of `sampleSize` rows is scored
 * (distances among the sampled rows only, as scikit-learn's `sample_size`).
 * Not split: the exact and the sampled scores share the blocked distance kernel and its score
 * tables.
 */
import { AnalysisError } from '../errors';
import { mulberry32, sampleIndices } from '../random';
import { checkMatrix, takeRows, type Matrix } from '../math/matrix';

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

/** Rows x groups table above which the symmetric pass (distance once per pair) is not used. */
const SYMMETRIC_CELLS = 1 << 22;

/**
 * Exact mean silhouettes; labels are relabelled densely per labeling first. Rows with the
 * same cluster in every labeling form a joint group (a K sweep of nested-ish partitions
 * has few: about a hundred on Telco), and rows are visited sorted by group, so each
 * pairwise distance is added to one running per-group sum instead of once per labeling;
 * the per-cluster sums of every labeling are then sums of group sums. When rows x groups
 * fits SYMMETRIC_CELLS, each distance is computed once per unordered pair and added on
 * both sides. Same sums as summing per labeling, up to floating-point order.
 */
function exactSilhouettes(X: Matrix, labelings: Int32Array[]): number[] {
  const { n, d, data } = X;
  const L = labelings.length;
  // dense cluster ids per labeling, and their offsets in one table of K = sum(k) slots
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
  // joint groups, refined one labeling at a time
  let grp = new Int32Array(n);
  let G = 1;
  for (let li = 0; li < L; li++) {
    const kl = offs[li + 1] - offs[li];
    const map = new Map<number, number>();
    const next = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const key = grp[i] * kl + dense[li][i];
      let g = map.get(key);
      if (g === undefined) {
        g = map.size;
        map.set(key, g);
      }
      next[i] = g;
    }
    grp = next;
    G = map.size;
  }
  // rows sorted by group (counting sort), and each group's cluster slot per labeling
  const start = new Int32Array(G + 1);
  for (let i = 0; i < n; i++) start[grp[i] + 1]++;
  for (let g = 0; g < G; g++) start[g + 1] += start[g];
  const fill = start.slice(0, G);
  const sorted = new Float64Array(n * d);
  const gOf = new Int32Array(n);
  const slot = new Int32Array(G * L);
  for (let i = 0; i < n; i++) {
    const g = grp[i];
    const p = fill[g]++;
    gOf[p] = g;
    for (let t = 0; t < d; t++) sorted[p * d + t] = data[i * d + t];
    for (let li = 0; li < L; li++) slot[g * L + li] = offs[li] + dense[li][i];
  }
  const sizes = new Float64Array(K);
  for (let g = 0; g < G; g++) for (let li = 0; li < L; li++) sizes[slot[g * L + li]] += start[g + 1] - start[g];
  const symmetric = G * n <= SYMMETRIC_CELLS;
  // R[g * n + p]: sum of distances from sorted row p to the rows of group g
  const R = new Float64Array(symmetric ? G * n : G);
  const tables: ScoreTables = { R, G, L, slot, sizes, offs, sums: new Float64Array(K), total: new Float64Array(L) };
  if (!symmetric) {
    for (let p = 0; p < n; p++) {
      const po = p * d;
      for (let g = 0; g < G; g++) {
        let acc = 0;
        for (let q = start[g]; q < start[g + 1]; q++) {
          const qo = q * d;
          let s = 0;
          for (let t = 0; t < d; t++) {
            const v = sorted[po + t] - sorted[qo + t];
            s += v * v;
          }
          acc += Math.sqrt(s);
        }
        R[g] = acc;
      }
      rowScore(tables, gOf[p], 1, 0);
    }
    return Array.from(tables.total, (v) => v / n);
  }
  // symmetric: each row adds its distance to every later row to that row's sum too; rows
  // go in blocks of up to 4 of one group, which share the loads and stores of the later
  // rows but add every term in the same order as one row at a time (bit-identical sums)
  const acc = new Float64Array(4);
  for (let p = 0; p < n; ) {
    const gp = gOf[p];
    const back = gp * n;
    const B = Math.min(4, start[gp + 1] - p);
    // pairs inside the block, row by row
    for (let j = 0; j < B; j++) {
      let a = 0;
      for (let q = p + j + 1; q < p + B; q++) {
        const dist = pairDist(sorted, (p + j) * d, q * d, d);
        a += dist;
        R[back + q] += dist;
      }
      acc[j] = a;
    }
    for (let g = gp; g < G; g++) {
      const q0 = g === gp ? p + B : start[g];
      const q1 = start[g + 1];
      if (g !== gp) acc.fill(0);
      if (B === 4 && d === 3) blockRows3(sorted, p * 3, q0, q1, R, back, acc);
      else {
        for (let j = 0; j < B; j++) {
          const po = (p + j) * d;
          let a = acc[j];
          for (let q = q0; q < q1; q++) {
            const dist = pairDist(sorted, po, q * d, d);
            a += dist;
            R[back + q] += dist;
          }
          acc[j] = a;
        }
      }
      for (let j = 0; j < B; j++) R[g * n + p + j] += acc[j];
    }
    // these rows' sums are complete: every earlier row has added its part
    for (let j = 0; j < B; j++) rowScore(tables, gp, n, p + j);
    p += B;
  }
  return Array.from(tables.total, (v) => v / n);
}

interface ScoreTables {
  /** per-group distance sums of the rows (see exactSilhouettes) */
  R: Float64Array;
  G: number;
  L: number;
  /** cluster slot of group g in labeling li at g * L + li */
  slot: Int32Array;
  /** cluster sizes by slot */
  sizes: Float64Array;
  /** labeling li's slots are offs[li] .. offs[li + 1] - 1 */
  offs: Int32Array;
  /** scratch: distance sums by slot */
  sums: Float64Array;
  /** silhouette sums per labeling */
  total: Float64Array;
}

/** Adds one row's silhouette per labeling to t.total; the row is in group gp and its
 *  group sums are R[g * stride + off]. A top-level function: one call target for V8. */
function rowScore(t: ScoreTables, gp: number, stride: number, off: number): void {
  const { R, G, L, slot, sizes, offs, sums, total } = t;
  sums.fill(0);
  for (let g = 0, so = 0; g < G; g++, so += L) {
    const v = R[g * stride + off];
    for (let li = 0; li < L; li++) sums[slot[so + li]] += v;
  }
  for (let li = 0; li < L; li++) {
    const own = slot[gp * L + li];
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

/** Euclidean distance between rows at offsets po and qo of S (d columns). */
function pairDist(S: Float64Array, po: number, qo: number, d: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) {
    const v = S[po + t] - S[qo + t];
    s += v * v;
  }
  return Math.sqrt(s);
}

/**
 * d = 3, four rows (at po) against rows q0..q1-1: acc[j] += distance to row p+j in q order,
 * and R[back + q] gets the four distances added in row order, as one row at a time would.
 */
function blockRows3(S: Float64Array, po: number, q0: number, q1: number, R: Float64Array, back: number, acc: Float64Array): void {
  const a0 = S[po];
  const a1 = S[po + 1];
  const a2 = S[po + 2];
  const b0 = S[po + 3];
  const b1 = S[po + 4];
  const b2 = S[po + 5];
  const c0 = S[po + 6];
  const c1 = S[po + 7];
  const c2 = S[po + 8];
  const e0 = S[po + 9];
  const e1 = S[po + 10];
  const e2 = S[po + 11];
  let sa = acc[0];
  let sb = acc[1];
  let sc = acc[2];
  let se = acc[3];
  for (let q = q0; q < q1; q++) {
    const y0 = S[q * 3];
    const y1 = S[q * 3 + 1];
    const y2 = S[q * 3 + 2];
    let v0 = a0 - y0;
    let v1 = a1 - y1;
    let v2 = a2 - y2;
    const da = Math.sqrt(v0 * v0 + v1 * v1 + v2 * v2);
    v0 = b0 - y0;
    v1 = b1 - y1;
    v2 = b2 - y2;
    const db = Math.sqrt(v0 * v0 + v1 * v1 + v2 * v2);
    v0 = c0 - y0;
    v1 = c1 - y1;
    v2 = c2 - y2;
    const dc = Math.sqrt(v0 * v0 + v1 * v1 + v2 * v2);
    v0 = e0 - y0;
    v1 = e1 - y1;
    v2 = e2 - y2;
    const de = Math.sqrt(v0 * v0 + v1 * v1 + v2 * v2);
    sa += da;
    sb += db;
    sc += dc;
    se += de;
    R[back + q] = R[back + q] + da + db + dc + de;
  }
  acc[0] = sa;
  acc[1] = sb;
  acc[2] = sc;
  acc[3] = se;
}

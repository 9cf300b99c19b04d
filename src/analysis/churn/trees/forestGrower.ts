/**
 * The random forest's grower: histogram trees over binned features, grown depth-first, on
 * bootstrap counts. Trees are stored in treeStorage.ts's TreeBuffer.
 */
import { drawFeatures, TreeBuffer } from './treeStorage';

/** Column-major binned features: bins[j * n + i] in 0..edges[j].length (left of a split when bin <= b). */
export interface ColumnBins {
  bins: Uint8Array;
  n: number;
  d: number;
  edges: Float64Array[];
}

/** A row's bootstrap weight packed with its positive weight: count * COUNT_UNIT + y * count.
 *  Sums of packed weights stay exact integers (so unpack to the same counts) while fewer
 *  than 2^26 rows are drawn per tree. */
export const COUNT_UNIT = 67108864;

/** Sum of wts[q] over q in [s, e) where bins[base + rows[q]] is 1 (bins 0/1). */
function binOneSum(bins: Uint8Array, base: number, rows: Int32Array, wts: Float64Array, s: number, e: number): number {
  // four chains: every partial sum is an exact integer, so the order does not change the result
  let a = 0;
  let b = 0;
  let c = 0;
  let t = 0;
  let q = s;
  for (; q + 3 < e; q += 4) {
    a += bins[base + rows[q]] * wts[q];
    b += bins[base + rows[q + 1]] * wts[q + 1];
    c += bins[base + rows[q + 2]] * wts[q + 2];
    t += bins[base + rows[q + 3]] * wts[q + 3];
  }
  for (; q < e; q++) a += bins[base + rows[q]] * wts[q];
  return a + b + (c + t);
}

/** hist[b] = sum of wts[q] over q in [s, e) with bins[base + rows[q]] = b, for b < nb. */
function binSums(hist: Float64Array, nb: number, bins: Uint8Array, base: number, rows: Int32Array, wts: Float64Array, s: number, e: number): void {
  hist.fill(0, 0, nb);
  for (let q = s; q < e; q++) hist[bins[base + rows[q]]] += wts[q];
}

/**
 * Probability trees on bootstrap counts (the random forest's trees): a node's value is its
 * positive rate P / H, the gain of a split is PL^2 / HL + PR^2 / HR - P^2 / H (the second-order
 * gain with g = -y * count, h = count, lambda = 0, in the same floating-point operations),
 * nTry features drawn per node. Histograms are built for the drawn features only, on the
 * node's rows, which stay contiguous in one per-tree array (stable in-place partition), and
 * a node's (H, P) come from its parent's split, so nothing is allocated per node.
 */
export class ForestGrower {
  private readonly rows: Int32Array;
  private readonly wts: Float64Array;
  private readonly tmpRows: Int32Array;
  private readonly tmpWts: Float64Array;
  private readonly hist: Float64Array;
  private readonly feats: Int32Array;
  private readonly nb: Int32Array;
  private buf: TreeBuffer = new TreeBuffer();
  private rng: () => number = () => 0;

  constructor(
    private readonly data: ColumnBins,
    private readonly maxDepth: number,
    /** minimum bootstrap count per child */
    private readonly minLeaf: number,
    private readonly nTry: number,
  ) {
    const { n, d, edges } = data;
    this.rows = new Int32Array(n);
    this.wts = new Float64Array(n);
    this.tmpRows = new Int32Array(n);
    this.tmpWts = new Float64Array(n);
    this.feats = new Int32Array(d);
    this.nb = Int32Array.from(edges, (e) => e.length + 1);
    this.hist = new Float64Array(Math.max(2, ...this.nb));
  }

  /** Grows one tree on the rows with count[i] > 0 (y 0/1 per row), appends it to buf; returns its root. */
  grow(count: Int32Array, y: Uint8Array, rng: () => number, buf: TreeBuffer): number {
    const { rows, wts, feats } = this;
    let m = 0;
    let H = 0;
    let P = 0;
    for (let i = 0; i < count.length; i++) {
      const c = count[i];
      if (c > 0) {
        rows[m] = i;
        wts[m++] = c * COUNT_UNIT + y[i] * c;
        H += c;
        P += y[i] * c;
      }
    }
    for (let j = 0; j < feats.length; j++) feats[j] = j;
    this.buf = buf;
    this.rng = rng;
    const root = this.node(0, m, H, P, 0);
    buf.roots.push(root);
    return root;
  }

  private node(s: number, e: number, H: number, P: number, depth: number): number {
    const { buf, feats, nb, hist, rows, wts, minLeaf } = this;
    const { bins, n, d, edges } = this.data;
    const k = buf.feature.length;
    buf.feature.push(-1);
    buf.threshold.push(0);
    buf.left.push(-1);
    buf.right.push(-1);
    buf.value.push(P / H);
    buf.cover.push(H);
    buf.missingRight.push(0);
    if (depth >= this.maxDepth || H < 2 * minLeaf) return k;
    const nTry = this.nTry;
    drawFeatures(feats, nTry, d, this.rng);
    const parent = (P * P) / H;
    let bestGain = 1e-12;
    let bestF = -1;
    let bestB = -1;
    let bestH = 0;
    let bestP = 0;
    for (let t = 0; t < nTry; t++) {
      const f = feats[t];
      const base = f * n;
      const nbf = nb[f];
      if (nbf === 2) {
        // one candidate split: the left side is what bin 1 leaves over
        const s1 = binOneSum(bins, base, rows, wts, s, e);
        const H1 = Math.floor(s1 / COUNT_UNIT);
        const P1 = s1 - H1 * COUNT_UNIT;
        const HL = H - H1;
        if (HL < minLeaf || H1 < minLeaf) continue;
        const PL = P - P1;
        const gain = (PL * PL) / HL + (P1 * P1) / H1 - parent;
        if (gain > bestGain) {
          bestGain = gain;
          bestF = f;
          bestB = 0;
          bestH = HL;
          bestP = PL;
        }
        continue;
      }
      if (nbf < 2) continue;
      binSums(hist, nbf, bins, base, rows, wts, s, e);
      let HL = 0;
      let PL = 0;
      for (let b = 0; b < nbf - 1; b++) {
        const v = hist[b];
        const hb = Math.floor(v / COUNT_UNIT);
        HL += hb;
        PL += v - hb * COUNT_UNIT;
        if (HL < minLeaf) continue;
        const HR = H - HL;
        if (HR < minLeaf) break;
        const PR = P - PL;
        const gain = (PL * PL) / HL + (PR * PR) / HR - parent;
        if (gain > bestGain) {
          bestGain = gain;
          bestF = f;
          bestB = b;
          bestH = HL;
          bestP = PL;
        }
      }
    }
    if (bestF < 0) return k;
    buf.feature[k] = bestF;
    buf.threshold[k] = edges[bestF][bestB];
    const HR = H - bestH;
    // children that will not split need no rows
    const mid = depth + 1 < this.maxDepth && Math.max(bestH, HR) >= 2 * minLeaf ? this.partition(s, e, bestF * n, bestB) : s;
    buf.left[k] = this.node(s, mid, bestH, bestP, depth + 1);
    buf.right[k] = this.node(mid, e, HR, P - bestP, depth + 1);
    return k;
  }

  /** Stable in-place partition of rows[s..e) (and their weights): bin <= b first; returns the split point. */
  private partition(s: number, e: number, base: number, b: number): number {
    const { rows, wts, tmpRows, tmpWts } = this;
    const bins = this.data.bins;
    let a = s;
    let c = 0;
    // branch-free: write both places, advance one (right = 1 when bin > b)
    for (let q = s; q < e; q++) {
      const i = rows[q];
      const w = wts[q];
      const right = (b - bins[base + i]) >>> 31;
      rows[a] = i;
      wts[a] = w;
      tmpRows[c] = i;
      tmpWts[c] = w;
      a += 1 - right;
      c += right;
    }
    rows.set(tmpRows.subarray(0, c), a);
    wts.set(tmpWts.subarray(0, c), a);
    return a;
  }
}

/**
 * Second-order histogram trees for gradient boosting (XGBoost/LightGBM style) over
 * row-major binned data: one pass per node builds every feature's (g, h) histogram, the
 * larger child's histogram is the parent's minus the smaller child's (subtraction trick),
 * and node rows are partitioned in place. Trees are appended to a TreeBuffer (plain data),
 * with each split's bin kept for fast binned traversal during training. Missing values have
 * their own bin (the last slot of a feature's histogram); each split learns where they go
 * (XGBoost's sparsity-aware split finding: the gain with them on the left and on the right; the
 * search is boostingSplit.ts).
 * Not split: the work buffers, the recursive growth and the binned walks of the last tree share
 * the grower's private state; the split search is boostingSplit.ts, the sparse rows sparseBins.ts.
 */
import { drawFeatures, TreeBuffer, type TreeParams } from './treeStorage';
import { bestHistSplit, type HistSplit } from './boostingSplit';
import { sparseBins } from './sparseBins';

export interface RowBinned {
  /** row-major bins, bins[i * d + j] */
  bins: Uint8Array;
  n: number;
  d: number;
  edges: Float64Array[];
}

/** Reusable work buffers for one binned data set (allocate once per boosting run). */
export class BoostingGrower {
  readonly d: number;
  /** first histogram slot of feature j; nb(j) = off[j + 1] - off[j] = edges + 2 (the last slot: missing values) */
  readonly off: Int32Array;
  private readonly pool: Float64Array[][];
  private readonly tmp: Int32Array;
  private readonly feats: Int32Array;
  /** most frequent bin's slot per feature: its histogram cell is derived from the node totals */
  private readonly defSlot: Int32Array;
  /** per row, the slots of its non-default bins (CSR): slots[rowStart[i] .. rowStart[i + 1]) */
  private readonly rowStart: Int32Array;
  private readonly slots: Int32Array;
  /** split bin per node of buf (left when bin <= splitBin), parallel to buf.feature */
  readonly splitBin: number[] = [];
  /** the last grown tree, node k of buf at k - treeStart: feature (-1 leaf), split bin, children, value */
  private treeStart = 0;
  private readonly tFeature: Int32Array;
  private readonly tBin: Int32Array;
  /** missing bin of the local node's feature (-1 leaf) and whether missing values go right */
  private readonly tMiss: Int32Array;
  private readonly tMR: Int32Array;
  /** whether any training cell is missing (else the walks skip the missing-bin checks) */
  private readonly missing: boolean;
  /** children of local node t: kids[2t] (left), kids[2t + 1] (right) */
  private readonly tKids: Int32Array;
  private readonly tValue: Float64Array;
  /** the last tree's leaves: node in buf and the range of the grow call's rows that fell in it */
  private nLeaves = 0;
  private readonly leafNode: Int32Array;
  private readonly leafStart: Int32Array;
  private readonly leafEnd: Int32Array;
  /** the node's best split, filled by bestHistSplit (read into locals before the children grow) */
  private readonly best: HistSplit = { f: -1, b: -1, GL: 0, HL: 0, mr: 0, gain: 0 };
  /** the grow call in progress: its rows, gradients, rng, output and leaf scale, features tried per node */
  private rows: Int32Array = new Int32Array(0);
  private g: Float64Array = new Float64Array(0);
  private h: Float64Array = new Float64Array(0);
  private rng: () => number = Math.random;
  private buf: TreeBuffer = new TreeBuffer();
  private scale = 1;
  private nTry = 1;

  constructor(
    private readonly data: RowBinned,
    private readonly p: TreeParams,
  ) {
    const { d, edges } = data;
    this.d = d;
    this.off = new Int32Array(d + 1);
    for (let j = 0; j < d; j++) this.off[j + 1] = this.off[j] + edges[j].length + 2;
    const B = this.off[d];
    this.pool = Array.from({ length: p.maxDepth + 1 }, () => [new Float64Array(2 * B), new Float64Array(2 * B)]);
    this.tmp = new Int32Array(data.n);
    const maxNodes = 2 ** (p.maxDepth + 1);
    this.tFeature = new Int32Array(maxNodes);
    this.tBin = new Int32Array(maxNodes);
    this.tMiss = new Int32Array(maxNodes);
    this.tMR = new Int32Array(maxNodes);
    this.tKids = new Int32Array(2 * maxNodes);
    this.tValue = new Float64Array(maxNodes);
    this.leafNode = new Int32Array(maxNodes);
    this.leafStart = new Int32Array(maxNodes);
    this.leafEnd = new Int32Array(maxNodes);
    this.feats = Int32Array.from({ length: d }, (_, j) => j);
    // sparse rows: one-hot columns sit mostly in one bin, so only the other bins are summed
    ({ defSlot: this.defSlot, rowStart: this.rowStart, slots: this.slots, missing: this.missing } = sparseBins(data.bins, data.n, d, this.off));
  }

  /** (g, h) histogram of rows[s..e) whose sums are G, H (default bins by subtraction). */
  private hist(out: Float64Array, rows: Int32Array, s: number, e: number, g: Float64Array, h: Float64Array, G: number, H: number) {
    const { rowStart, slots, defSlot, off, d } = this;
    out.fill(0);
    for (let k = s; k < e; k++) {
      const i = rows[k];
      const gi = g[i];
      const hi = h[i];
      const end = rowStart[i + 1];
      for (let q = rowStart[i]; q < end; q++) {
        const slot = slots[q] << 1;
        out[slot] += gi;
        out[slot + 1] += hi;
      }
    }
    for (let j = 0; j < d; j++) {
      let sg = 0;
      let sh = 0;
      for (let q = off[j]; q < off[j + 1]; q++) {
        sg += out[q << 1];
        sh += out[(q << 1) + 1];
      }
      const ds = defSlot[j] << 1;
      out[ds] = G - sg;
      out[ds + 1] = H - sh;
    }
  }

  /**
   * Grows one tree on rows[0..m) (the array is reordered), appends it to buf with leaf
   * values times `scale`; returns the root node index.
   */
  grow(rows: Int32Array, m: number, g: Float64Array, h: Float64Array, rng: () => number, buf: TreeBuffer, scale: number): number {
    this.rows = rows;
    this.g = g;
    this.h = h;
    this.rng = rng;
    this.buf = buf;
    this.scale = scale;
    this.nTry = Math.max(1, Math.round(this.p.colsampleByNode * this.d));
    this.nLeaves = 0;
    const root = this.pool[0][0];
    let G = 0;
    let H = 0;
    for (let q = 0; q < m; q++) {
      G += g[rows[q]];
      H += h[rows[q]];
    }
    this.hist(root, rows, 0, m, g, h, G, H);
    const r = this.rec(0, m, root, G, H, 0);
    buf.roots.push(r);
    this.treeStart = r;
    for (let k = r; k < buf.feature.length; k++) {
      const t = k - r;
      this.tFeature[t] = buf.feature[k];
      this.tBin[t] = this.splitBin[k];
      this.tMiss[t] = buf.feature[k] >= 0 ? this.off[buf.feature[k] + 1] - this.off[buf.feature[k]] - 1 : -1;
      this.tMR[t] = buf.missingRight[k];
      this.tKids[2 * t] = buf.left[k] - r;
      this.tKids[2 * t + 1] = buf.right[k] - r;
      this.tValue[t] = buf.value[k];
    }
    return r;
  }

  /** Appends a leaf-valued node for sums G, H to the tree being grown; returns its index. */
  private node(G: number, H: number): number {
    const buf = this.buf;
    const k = buf.feature.length;
    buf.feature.push(-1);
    buf.threshold.push(0);
    buf.left.push(-1);
    buf.right.push(-1);
    buf.value.push((-G / (H + this.p.lambda)) * this.scale);
    buf.cover.push(H);
    buf.missingRight.push(0);
    this.splitBin.push(-1);
    return k;
  }

  /** Records node k as a leaf holding the grow call's rows[s..e). */
  private leaf(k: number, s: number, e: number): number {
    const t = this.nLeaves++;
    this.leafNode[t] = k;
    this.leafStart[t] = s;
    this.leafEnd[t] = e;
    return k;
  }

  /** Grows the subtree of rows[s..e) (histogram `hist`, sums G, H) at `depth`; returns its root node.
   *  A method, not a closure made per tree: one function whose compiled code every tree reuses. */
  private rec(s: number, e: number, hist: Float64Array, G: number, H: number, depth: number): number {
    const { p, d, off, feats, tmp, rows, buf } = this;
    const { bins } = this.data;
    const nTry = this.nTry;
    const k = this.node(G, H);
    if (depth >= p.maxDepth || H < 2 * p.minChildWeight || e - s < 2) return this.leaf(k, s, e);
    drawFeatures(feats, nTry, d, this.rng);
    const best = this.best;
    bestHistSplit(hist, off, feats, nTry, G, H, p.lambda, p.minChildWeight, best);
    const { f: bestF, b: bestB, GL: bestGL, HL: bestHL, mr: bestMR } = best;
    if (bestF < 0) return this.leaf(k, s, e);
    // stable in-place partition: left rows first
    let a = s;
    let c = 0;
    const missBin = off[bestF + 1] - off[bestF] - 1;
    const flip = 1 - bestMR;
    for (let q = s; q < e; q++) {
      // branch-free: right = 1 when the bin is above bestB (bins and bestB are bytes); the missing bin (the
      // largest) goes left instead when missing values go left
      const i = rows[q];
      const bin = bins[i * d + bestF];
      const right = ((bestB - bin) >>> 31) ^ (+(bin === missBin) & flip);
      rows[a] = i;
      tmp[c] = i;
      a += 1 - right;
      c += right;
    }
    for (let q = 0; q < c; q++) rows[a + q] = tmp[q];
    const mid = a;
    const [hl, hr] = this.pool[depth + 1];
    const leftSmall = mid - s <= e - mid;
    // a child that will be a leaf (the test at the top of rec) needs no histogram; the larger
    // child's is always the parent's minus the smaller's (the same bits whichever is needed)
    const needL = depth + 1 < p.maxDepth && bestHL >= 2 * p.minChildWeight && mid - s >= 2;
    const needR = depth + 1 < p.maxDepth && H - bestHL >= 2 * p.minChildWeight && e - mid >= 2;
    const needSmall = leftSmall ? needL : needR;
    const needBig = leftSmall ? needR : needL;
    if (needSmall || needBig) {
      if (leftSmall) this.hist(hl, rows, s, mid, this.g, this.h, bestGL, bestHL);
      else this.hist(hr, rows, mid, e, this.g, this.h, G - bestGL, H - bestHL);
    }
    if (needBig) {
      const small = leftSmall ? hl : hr;
      const big = leftSmall ? hr : hl;
      for (let q = 0; q < big.length; q++) big[q] = hist[q] - small[q];
    }
    buf.feature[k] = bestF;
    // "every present value left": threshold +Infinity (only missing values go right)
    buf.threshold[k] = bestB < this.data.edges[bestF].length ? this.data.edges[bestF][bestB] : Infinity;
    buf.missingRight[k] = bestMR;
    this.splitBin[k] = bestB;
    buf.left[k] = this.rec(s, mid, hl, bestGL, bestHL, depth + 1);
    buf.right[k] = this.rec(mid, e, hr, G - bestGL, H - bestHL, depth + 1);
    return k;
  }

  /** out[i] += the last grown tree's leaf value for rows i = idx[0..m) (all n rows when idx is null) of row-major bins (the training layout). */
  addLast(bins: Uint8Array, idx: Int32Array | null, m: number, out: Float64Array): void {
    const { d, tFeature, tBin, tKids, tValue, tMiss, tMR } = this;
    if (!this.missing && bins === this.data.bins) {
      // training rows without a missing bin (the usual case): the plain walk
      for (let t = 0; t < m; t++) {
        const i = idx ? idx[t] : t;
        const base = i * d;
        let k = 0;
        let f = tFeature[0];
        while (f >= 0) {
          k = tKids[2 * k + +(bins[base + f] > tBin[k])];
          f = tFeature[k];
        }
        out[i] += tValue[k];
      }
      return;
    }
    for (let t = 0; t < m; t++) {
      const i = idx ? idx[t] : t;
      const base = i * d;
      let k = 0;
      let f = tFeature[0];
      while (f >= 0) {
        // branch-free child pick; the missing bin (the largest) goes right unless missing values go left
        const b = bins[base + f];
        k = tKids[2 * k + (+(b > tBin[k]) ^ (+(b === tMiss[k]) & (1 - tMR[k])))];
        f = tFeature[k];
      }
      out[i] += tValue[k];
    }
  }

  /** out[i] += the last grown tree's leaf value for the rows it was grown on (rows as grow left them). */
  addLastGrown(rows: Int32Array, out: Float64Array): void {
    const { leafNode, leafStart, leafEnd, tValue, treeStart } = this;
    for (let t = 0; t < this.nLeaves; t++) {
      const v = tValue[leafNode[t] - treeStart];
      for (let q = leafStart[t]; q < leafEnd[t]; q++) out[rows[q]] += v;
    }
  }
}

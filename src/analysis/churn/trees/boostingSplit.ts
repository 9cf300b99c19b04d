/**
 * The boosting grower's split search (boostingGrower.ts): over the drawn features of one node's
 * (g, h) histogram, the split with the highest second-order gain GL^2/(HL + lambda) +
 * GR^2/(HR + lambda) - G^2/(H + lambda) above 1e-12, both children holding >= mcw hessian. When
 * the node has missing values (the feature's last slot), each cut is tried with them on the left
 * and on the right (XGBoost's sparsity-aware split finding).
 */

/** A node's best split: feature f (-1: none), bin b (left when bin <= b), left sums, missing right (1) or left (0), its gain. */
export interface HistSplit {
  f: number;
  b: number;
  GL: number;
  HL: number;
  mr: number;
  gain: number;
}

/** Gain of a cut with left sums (GL, HL) of a node (G, H); -1 when a child would hold < mcw hessian. */
function cutGain(GL: number, HL: number, G: number, H: number, lambda: number, parent: number, mcw: number): number {
  const HR = H - HL;
  if (HL < mcw || HR < mcw) return -1;
  const GR = G - GL;
  return (GL * GL) / (HL + lambda) + (GR * GR) / (HR + lambda) - parent;
}

/** Keeps the cut when its gain beats the best so far (ties keep the earlier cut). */
function offer(best: HistSplit, gain: number, f: number, b: number, GL: number, HL: number, mr: number): void {
  if (!(gain > best.gain)) return;
  best.gain = gain;
  best.f = f;
  best.b = b;
  best.GL = GL;
  best.HL = HL;
  best.mr = mr;
}

/** Fills best with the best split over feats[0..nTry) of hist (histogram slots of feature j: off[j]..off[j + 1]). */
export function bestHistSplit(hist: Float64Array, off: Int32Array, feats: Int32Array, nTry: number, G: number, H: number, lambda: number, mcw: number, best: HistSplit): void {
  const parent = (G * G) / (H + lambda);
  best.gain = 1e-12;
  best.f = -1;
  best.b = -1;
  best.GL = 0;
  best.HL = 0;
  best.mr = 0;
  for (let t = 0; t < nTry; t++) {
    const f = feats[t];
    const o = off[f];
    const nb = off[f + 1] - o;
    // missing values' sums (last slot)
    const Gm = hist[(o + nb - 1) << 1];
    const Hm = hist[((o + nb - 1) << 1) + 1];
    const miss = Hm > 0;
    // with missing values the last present bin is a cut too (every present value left, missing right);
    // each cut below it is also tried with the missing values on the left
    const end = miss ? nb - 1 : nb - 2;
    let GL = 0;
    let HL = 0;
    for (let b = 0; b < end; b++) {
      GL += hist[(o + b) << 1];
      HL += hist[((o + b) << 1) + 1];
      offer(best, cutGain(GL, HL, G, H, lambda, parent, mcw), f, b, GL, HL, miss ? 1 : 0);
      if (miss && b < nb - 2) offer(best, cutGain(GL + Gm, HL + Hm, G, H, lambda, parent, mcw), f, b, GL + Gm, HL + Hm, 0);
      // hessians are >= 0: once the right side is below mcw it stays so
      if (H - HL < mcw) break;
    }
  }
}

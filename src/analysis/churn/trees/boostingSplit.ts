/**
 * The boosting grower's split search (boostingGrower.ts): over the drawn features of one node's
 * (g, h) histogram, the split with the highest second-order gain GL^2/(HL + lambda) +
 * GR^2/(HR + lambda) - G^2/(H + lambda) above 1e-12, both children holding >= mcw hessian. When
 * the node has missing values (the feature's last slot), each cut is tried with them on the left
 * and on the right (XGBoost's sparsity-aware split finding).
 */

/** A node's best split: feature f (-1: none), bin b (left when bin <= b), left sums, missing right (1) or left (0). */
export interface HistSplit {
  f: number;
  b: number;
  GL: number;
  HL: number;
  mr: number;
}

/** Fills best with the best split over feats[0..nTry) of hist (histogram slots of feature j: off[j]..off[j + 1]). */
export function bestHistSplit(hist: Float64Array, off: Int32Array, feats: Int32Array, nTry: number, G: number, H: number, lambda: number, mcw: number, best: HistSplit): void {
  const parent = (G * G) / (H + lambda);
  let bestGain = 1e-12;
  let bestF = -1;
  let bestB = -1;
  let bestGL = 0;
  let bestHL = 0;
  let bestMR = 0;
  for (let t = 0; t < nTry; t++) {
    const f = feats[t];
    const o = off[f];
    const nb = off[f + 1] - o;
    // missing values' sums (last slot)
    const Gm = hist[(o + nb - 1) << 1];
    const Hm = hist[((o + nb - 1) << 1) + 1];
    const miss = Hm > 0;
    let GL = 0;
    let HL = 0;
    if (!miss) {
      // none at this node: the plain scan
      for (let b = 0; b < nb - 2; b++) {
        GL += hist[(o + b) << 1];
        HL += hist[((o + b) << 1) + 1];
        if (HL < mcw) continue;
        const HR = H - HL;
        if (HR < mcw) break;
        const GR = G - GL;
        const gain = (GL * GL) / (HL + lambda) + (GR * GR) / (HR + lambda) - parent;
        if (gain > bestGain) {
          bestGain = gain;
          bestF = f;
          bestB = b;
          bestGL = GL;
          bestHL = HL;
          bestMR = 0;
        }
      }
      continue;
    }
    // up to b = nb - 2: every present value left, missing right
    for (let b = 0; b < nb - 1; b++) {
      GL += hist[(o + b) << 1];
      HL += hist[((o + b) << 1) + 1];
      const HR = H - HL;
      if (HL >= mcw && HR >= mcw) {
        const GR = G - GL;
        const gain = (GL * GL) / (HL + lambda) + (GR * GR) / (HR + lambda) - parent;
        if (gain > bestGain) {
          bestGain = gain;
          bestF = f;
          bestB = b;
          bestGL = GL;
          bestHL = HL;
          bestMR = 1;
        }
      }
      if (b < nb - 2) {
        // missing values left
        const GL2 = GL + Gm;
        const HL2 = HL + Hm;
        const HR2 = H - HL2;
        if (HL2 >= mcw && HR2 >= mcw) {
          const GR2 = G - GL2;
          const gain = (GL2 * GL2) / (HL2 + lambda) + (GR2 * GR2) / (HR2 + lambda) - parent;
          if (gain > bestGain) {
            bestGain = gain;
            bestF = f;
            bestB = b;
            bestGL = GL2;
            bestHL = HL2;
            bestMR = 0;
          }
        }
      }
      if (HR < mcw) break;
    }
  }
  best.f = bestF;
  best.b = bestB;
  best.GL = bestGL;
  best.HL = bestHL;
  best.mr = bestMR;
}

/**
 * Lloyd iterations over tfjs tensors (the WebGL/WebGPU kernel). The O(n k d) work per
 * iteration (distances via |x|^2 - 2 x.c + |c|^2, argmin, one-hot matmul for cluster
 * sums) stays on the backend; only k x d sums, k counts and a changed-label count come
 * back each iteration, so centre updates, empty-cluster relocation and the stopping
 * rule are shared with the TypeScript kernel in float64. Float32 on the device.
 * Every tensor is created inside tf.tidy or disposed in `finally` (no leaks).
 */
import * as tf from '@tensorflow/tfjs';
import type { Matrix } from '../math/matrix';
import { relocateEmpty, type LloydResult } from './lloydTs';

/** Runs Lloyd from `init` (k x d) on the current tfjs backend; same contract as lloydTs. */
export async function lloydTf(
  X: Matrix,
  init: Float64Array,
  k: number,
  maxIter: number,
  tolAbs: number,
): Promise<LloydResult> {
  const { n, d } = X;
  const Xt = tf.tensor2d(Float32Array.from(X.data), [n, d]);
  let prev: tf.Tensor1D = tf.fill([n], -1, 'int32');
  let centers = init.slice();
  let strict = false;
  let converged = false;
  let nIter = 0;
  let relocated = 0;
  try {
    for (let it = 0; it < maxIter; it++) {
      const C = Float32Array.from(centers);
      const [labels, sums, counts, changed] = tf.tidy(() => {
        const Ct = tf.tensor2d(C, [k, d]);
        const cNorm = tf.sum(tf.square(Ct), 1).reshape([1, k]);
        const scores = tf.sub(cNorm, tf.mul(2, tf.matMul(Xt, Ct, false, true)));
        const lab = tf.argMin(scores, 1).toInt() as tf.Tensor1D;
        const oh = tf.oneHot(lab, k).toFloat();
        const s = tf.matMul(oh, Xt, true, false);
        const cnt = tf.sum(oh, 0);
        const ch = tf.sum(tf.notEqual(lab, prev).toInt());
        return [lab, s, cnt, ch] as const;
      });
      const [sumsV, countsV, changedV] = await Promise.all([sums.data(), counts.data(), changed.data()]);
      sums.dispose();
      counts.dispose();
      changed.dispose();
      prev.dispose();
      prev = labels;
      const next = Float64Array.from(sumsV);
      const cnt = Float64Array.from(countsV);
      if (cnt.some((c) => c === 0)) {
        // rare: bring labels and distances back to re-seed empty clusters from the farthest points
        const lab = new Int32Array(await labels.data());
        const dist = await sqDistTo(Xt, centers, lab, k);
        relocated += relocateEmpty(X, lab, dist, next, cnt, k);
      }
      let shift = 0;
      for (let c = 0; c < k; c++) {
        for (let j = 0; j < d; j++) {
          const v = (next[c * d + j] /= cnt[c]);
          const dv = v - centers[c * d + j];
          shift += dv * dv;
        }
      }
      centers = next;
      nIter = it + 1;
      if (changedV[0] === 0) {
        strict = true;
        converged = true;
        break;
      }
      if (shift <= tolAbs) {
        converged = true;
        break;
      }
    }
    const C = Float32Array.from(centers);
    const [labT, inertiaT] = tf.tidy(() => {
      const Ct = tf.tensor2d(C, [k, d]);
      const lab = strict
        ? prev.clone()
        : (tf.argMin(tf.sub(tf.sum(tf.square(Ct), 1).reshape([1, k]), tf.mul(2, tf.matMul(Xt, Ct, false, true))), 1).toInt() as tf.Tensor1D);
      const diff = tf.sub(Xt, tf.gather(Ct, lab));
      return [lab, tf.sum(tf.square(diff))] as const;
    });
    const [labV, inV] = await Promise.all([labT.data(), inertiaT.data()]);
    labT.dispose();
    inertiaT.dispose();
    return { centers, labels: new Int32Array(labV), inertia: inV[0], nIter, converged, relocated };
  } finally {
    Xt.dispose();
    prev.dispose();
  }
}

/** Squared distance of each row to its assigned centre (float64 result). */
async function sqDistTo(Xt: tf.Tensor2D, centers: Float64Array, lab: Int32Array, k: number): Promise<Float64Array> {
  const d = Xt.shape[1];
  const C = Float32Array.from(centers);
  const t = tf.tidy(() => {
    const Ct = tf.tensor2d(C, [k, d]);
    return tf.sum(tf.square(tf.sub(Xt, tf.gather(Ct, tf.tensor1d(lab, 'int32')))), 1);
  });
  const v = await t.data();
  t.dispose();
  return Float64Array.from(v);
}

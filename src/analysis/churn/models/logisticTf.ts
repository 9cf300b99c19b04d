/**
 * tfjs solver for L2 logistic regression: full-batch Adam on standardized columns.
 * Minimises (sum log-loss + lambda/2 ||w||^2) / n, the same optimum as the Newton solver.
 * Every intermediate tensor sits in tf.tidy; variables and optimizer are disposed.
 */
import * as tf from '@tensorflow/tfjs';
import { backendReady } from '../../tensor/backend';
import type { LogisticParams } from './logistic';
import type { Matrix } from '../../math/matrix';
import { log } from '../../math/detmath';

export async function fitLogisticTf(
  Xm: Matrix,
  y: Uint8Array,
  mean: Float64Array,
  sd: Float64Array,
  p: LogisticParams,
): Promise<{ coef: Float64Array; intercept: number; nIter: number; converged: boolean }> {
  await backendReady(); // a worker that sets up tfjs on first use (the churn worker: tensor/backend.ts)
  const { n, d, data: X } = Xm;
  const Xs = new Float32Array(X.length);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) Xs[i * d + j] = (X[i * d + j] - mean[j]) / sd[j];
  const xt = tf.tensor2d(Xs, [n, d]);
  const yt = tf.tensor2d(Float32Array.from(y), [n, 1]);
  const w0 = tf.zeros([d, 1]);
  const w = tf.variable(w0);
  w0.dispose();
  // start the intercept at the base-rate logit: fewer epochs to converge
  let pos = 0;
  for (let i = 0; i < n; i++) pos += y[i];
  const b0 = tf.scalar(log(pos / (n - pos)));
  const b = tf.variable(b0);
  b0.dispose();
  const lambda = 1 / p.C;
  const opt = tf.train.adam(p.learningRate);
  let last = Infinity;
  let nIter = 0;
  let converged = false;
  try {
    for (let e = 0; e < p.epochs; e++) {
      const loss = opt.minimize(
        () =>
          tf.tidy(() => {
            const z = tf.add(tf.matMul(xt, w), b);
            const ll = tf.losses.sigmoidCrossEntropy(yt, z, undefined, undefined, tf.Reduction.SUM);
            return tf.div(tf.add(ll, tf.mul(0.5 * lambda, tf.sum(tf.square(w)))), n) as tf.Scalar;
          }),
        true,
      );
      nIter++;
      // read the loss every 25 epochs only: each read syncs the backend
      if (loss && e % 25 === 24) {
        const v = (await loss.data())[0];
        loss.dispose();
        if (Math.abs(last - v) < 1e-7) {
          converged = true;
          break;
        }
        last = v;
      } else loss?.dispose();
    }
    const coef = Float64Array.from(await w.data());
    const intercept = (await b.data())[0];
    return { coef, intercept, nIter, converged };
  } finally {
    xt.dispose();
    yt.dispose();
    w.dispose();
    b.dispose();
    opt.dispose();
  }
}

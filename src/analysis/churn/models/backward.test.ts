/** Gradient checks of the MLP's hand-written backward pass (denseLayer.ts) and Adam step
 *  (leanAdam.ts) against tfjs autodiff (tf.variableGrads) and tf.train.adam. */
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { createDenseStack, disposeStack, stackGradients, stackLogits, stackWeights } from './denseLayer';
import { LeanAdam } from './leanAdam';
import { mulberry32 } from '../../random';

/** A seeded batch: x (m x d) with values in [-2, 2], y of 0/1. */
function batch(m: number, d: number, seed: number): { x: number[][]; y: number[][] } {
  const rng = mulberry32(seed);
  const x = Array.from({ length: m }, () => Array.from({ length: d }, () => 4 * rng() - 2));
  const y = x.map((r) => [rng() < 1 / (1 + Math.exp(-(r[0] - r[1]))) ? 1 : 0]);
  return { x, y };
}

/** mean(softplus(z) - y z) over the logits: the loss stackGradients differentiates. */
const meanLogLoss = (z: tf.Tensor2D, y: tf.Tensor2D) => tf.mean(tf.sub(tf.softplus(z), tf.mul(y, z))) as tf.Scalar;

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}

describe('hand-written backward pass vs tf autodiff', () => {
  it.each<[number[], string]>([
    [[5, 1], 'logistic layer'],
    [[6, 8, 1], 'one hidden layer'],
    [[7, 8, 4, 1], 'two hidden layers'],
  ])('%j (%s): every kernel and bias gradient agrees', async (sizes) => {
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    const s = createDenseStack([...sizes], 3);
    const { x: xs, y: ys } = batch(32, sizes[0], 11);
    tf.tidy(() => {
      const x = tf.tensor2d(xs);
      const y = tf.tensor2d(ys);
      const ours = stackGradients(s, x, tf.transpose(x), y);
      const { grads } = tf.variableGrads(() => meanLogLoss(stackLogits(s, x), y), stackWeights(s));
      stackWeights(s).forEach((w, i) => {
        const ref = grads[w.name];
        expect(ours[i].shape).toEqual(ref.shape);
        const scale = tf.max(tf.abs(ref)).dataSync()[0];
        expect(scale).toBeGreaterThan(1e-4); // a gradient worth comparing
        expect(maxAbsDiff(ours[i], ref)).toBeLessThan(1e-6 + 1e-5 * scale);
      });
    });
    disposeStack(s);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('relu kinks: a unit switched off for a row passes no gradient back for it (as autodiff)', async () => {
    await tf.setBackend('cpu');
    const s = createDenseStack([2, 3, 1], 5);
    tf.tidy(() => {
      // a row far on the negative side switches every hidden unit of this init off or on hard
      const x = tf.tensor2d([[50, -50], [-50, 50], [0.1, 0.2]]);
      const y = tf.tensor2d([[1], [0], [1]]);
      const ours = stackGradients(s, x, tf.transpose(x), y);
      const { grads } = tf.variableGrads(() => meanLogLoss(stackLogits(s, x), y), stackWeights(s));
      stackWeights(s).forEach((w, i) => expect(maxAbsDiff(ours[i], grads[w.name])).toBeLessThan(1e-4));
    });
    disposeStack(s);
  });
});

describe('LeanAdam vs tf.train.adam', () => {
  it('five steps with L2 on the kernels land on the same weights as tf.train.adam minimising loss + l2 * sum(w^2)', async () => {
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    const lr = 0.01;
    const l2 = 0.01;
    const a = createDenseStack([4, 6, 1], 9);
    const b = createDenseStack([4, 6, 1], 9);
    const { x: xs, y: ys } = batch(64, 4, 21);
    const x = tf.tensor2d(xs);
    const xT = tf.transpose(x);
    const y = tf.tensor2d(ys);
    const penalised = stackWeights(a).map((_, i) => i % 2 === 0); // kernels yes, biases no
    // LeanAdam is Kingma & Ba's efficient form (epsilon added to sqrt(v), not to the bias-corrected
    // sqrt(v_hat)): with epsilon 1e-7 the two differ on gradients near 1e-7 by design. A tiny
    // epsilon in both leaves only the moments, the bias correction and the L2 term to compare.
    const eps = 1e-12;
    const lean = new LeanAdam(stackWeights(a), { learningRate: lr, l2, penalised, epsilon: eps });
    const adam = tf.train.adam(lr, 0.9, 0.999, eps);
    for (let t = 0; t < 5; t++) {
      lean.step(() => stackGradients(a, x, xT, y));
      adam.minimize(() => {
        const penalty = b.kernels.reduce((acc: tf.Scalar, k) => tf.add(acc, tf.mul(l2, tf.sum(tf.square(k)))) as tf.Scalar, tf.scalar(0));
        return tf.add(meanLogLoss(stackLogits(b, x), y), penalty) as tf.Scalar;
      }, false, stackWeights(b));
    }
    const wa = stackWeights(a);
    stackWeights(b).forEach((w, i) => {
      expect(maxAbsDiff(wa[i], w)).toBeLessThan(2e-6); // float32 rounding; one step moves a weight by up to 0.01
    });
    // the steps moved the weights (the comparison is not of two untouched copies)
    const init = createDenseStack([4, 6, 1], 9);
    expect(maxAbsDiff(wa[0], init.kernels[0])).toBeGreaterThan(0.02);
    disposeStack(init);
    lean.dispose();
    adam.dispose();
    disposeStack(a);
    disposeStack(b);
    tf.dispose([x, xT, y]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

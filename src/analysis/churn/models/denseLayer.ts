/**
 * The MLP's layers as tfjs variables with a hand-written forward and backward pass: x W + b,
 * relu on hidden layers, a linear logit out, and the gradient of the mean log-loss on those
 * logits. The kernels are the ones autodiff ran through tf.layers (same ops, same order,
 * same bits), without the tape: no clones of saved tensors, no input gradient for the first
 * layer, and x^T comes from the caller (built in plain TypeScript with the shuffled batch)
 * instead of a backend transpose. Products with a transposed operand use an explicit
 * transpose: matMul's transpose flags ran 3-7x slower on the wasm backend (1024x46 by
 * 1024x32: 2.1 ms vs 0.8 ms).
 */
import * as tf from '@tensorflow/tfjs';

/** Kernels (in x out) and biases, initialised like tf.layers.dense: glorotUniform(seed) and zeros. */
export interface DenseStack {
  kernels: tf.Variable[];
  biases: tf.Variable[];
}

/** Layers of sizes[l] -> sizes[l + 1], layer l seeded with seed + l. */
export function createDenseStack(sizes: number[], seed: number): DenseStack {
  const kernels: tf.Variable[] = [];
  const biases: tf.Variable[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    // tf.variable copies its initial value: dispose the initial tensors
    const k = tf.initializers.glorotUniform({ seed: seed + l }).apply([sizes[l], sizes[l + 1]], 'float32');
    const b = tf.zeros([sizes[l + 1]]);
    kernels.push(tf.variable(k));
    biases.push(tf.variable(b));
    k.dispose();
    b.dispose();
  }
  return { kernels, biases };
}

/** Trainable weights in tf.layers order: kernel, bias of each layer. */
export const stackWeights = (s: DenseStack): tf.Variable[] => s.kernels.flatMap((k, l) => [k, s.biases[l]]);

export function disposeStack(s: DenseStack): void {
  for (const v of stackWeights(s)) v.dispose();
}

/** Pre-activations z of every layer for x (m x d), the last the logit (m x 1), and the inputs a of every layer (a[0] = x). Call inside tf.tidy. */
function forward(s: DenseStack, x: tf.Tensor2D): { z: tf.Tensor2D[]; a: tf.Tensor2D[] } {
  const z: tf.Tensor2D[] = [];
  const a: tf.Tensor2D[] = [x];
  s.kernels.forEach((k, l) => {
    z.push(tf.add(tf.matMul(a[l], k as tf.Tensor2D), s.biases[l]));
    if (l + 1 < s.kernels.length) a.push(tf.relu(z[l]));
  });
  return { z, a };
}

/** Logits for x (m x d), m x 1. Call inside tf.tidy. */
export function stackLogits(s: DenseStack, x: tf.Tensor2D): tf.Tensor2D {
  return forward(s, x).z.at(-1)!;
}

/**
 * Gradients of mean(softplus(z) - y z) over the logits z of batch x (m x d, with xT = x^T),
 * y (m x 1 of 0/1), in stackWeights order. Call inside tf.tidy.
 */
export function stackGradients(s: DenseStack, x: tf.Tensor2D, xT: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor[] {
  const { z, a } = forward(s, x);
  const L = s.kernels.length;
  const m = x.shape[0];
  // d loss / d logit = (sigmoid(z) - y) / m, with 1 / m as the float32 division autodiff did
  let g: tf.Tensor2D = tf.mul(tf.sub(tf.sigmoid(z[L - 1]), y), tf.div(tf.scalar(1), m));
  const out: tf.Tensor[] = new Array(2 * L);
  for (let l = L - 1; l >= 0; l--) {
    const inT = l === 0 ? xT : tf.transpose(a[l]);
    out[2 * l] = tf.matMul(inT, g);
    out[2 * l + 1] = tf.sum(g, 0);
    // relu's gradient: dy * step(z) (step gives float32 0/1, so no cast)
    if (l > 0) g = tf.mul(tf.matMul(g, tf.transpose(s.kernels[l])), tf.step(z[l - 1]));
  }
  return out;
}

/**
 * One training step for a tfjs layers model with few backend kernels per step: a
 * custom-gradient log-loss on logits, L2 added to the kernel gradients (same optimum as a
 * penalty lambda * sum(w^2) in the loss), and Adam applied to all weights at once as one
 * flat vector. On the wasm backend a step of this small network costs mostly per-kernel
 * overhead: tf.train.adam + tf.losses.sigmoidCrossEntropy + regularizer penalties ran ~210
 * kernels per step, this ~80.
 */
import * as tf from '@tensorflow/tfjs';

/** mean(softplus(z) - y z) over logits z; gradient (sigmoid(z) - y) / n. */
const logLossLogits = tf.customGrad(((z: tf.Tensor, y: tf.Tensor, save: tf.GradSaveFunc) => {
  save([z, y]);
  return {
    value: tf.mean(tf.sub(tf.softplus(z), tf.mul(y, z))),
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
      const [zs, ys] = saved;
      return [tf.mul(tf.sub(tf.sigmoid(zs), ys), tf.div(dy as tf.Tensor, zs.size)), tf.zerosLike(ys)];
    },
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as (z: tf.Tensor, y: tf.Tensor) => tf.Scalar;

export interface LeanAdamOptions {
  learningRate: number;
  /** L2 strength on the listed weights (penalty l2 * sum(w^2)) */
  l2: number;
  /** whether weight i gets the L2 term (kernels yes, biases no) */
  penalised: boolean[];
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

/** Adam over every trainable weight of `model`, flattened; call dispose() when done. */
export class LeanAdam {
  private readonly vars: tf.Variable[];
  private readonly sizes: number[];
  private m: tf.Tensor1D;
  private v: tf.Tensor1D;
  private t = 0;
  private b1t = 1;
  private b2t = 1;

  constructor(
    private readonly model: tf.LayersModel,
    private readonly o: LeanAdamOptions,
  ) {
    this.vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
    this.sizes = this.vars.map((w) => w.size);
    const P = this.sizes.reduce((a, b) => a + b, 0);
    this.m = tf.zeros([P]);
    this.v = tf.zeros([P]);
  }

  /** One Adam step on the batch (x: m x d, y: m x 1 of 0/1). */
  step(x: tf.Tensor2D, y: tf.Tensor2D): void {
    const { o, vars } = this;
    const b1 = o.beta1 ?? 0.9;
    const b2 = o.beta2 ?? 0.999;
    const eps = o.epsilon ?? 1e-7;
    this.t++;
    // beta^t by repeated products: ** (Math.pow) may differ in the last bit between engines
    this.b1t *= b1;
    this.b2t *= b2;
    const lrT = (o.learningRate * Math.sqrt(1 - this.b2t)) / (1 - this.b1t);
    const [m, v] = tf.tidy(() => {
      const { grads } = tf.variableGrads(() => logLossLogits(this.model.apply(x, { training: true }) as tf.Tensor, y), vars);
      const flat = tf.concat(
        vars.map((w, i) => {
          const g = grads[w.name];
          return tf.reshape(o.penalised[i] && o.l2 > 0 ? tf.add(g, tf.mul(w, 2 * o.l2)) : g, [-1]);
        }),
      );
      const m = tf.add(this.m, tf.mul(tf.sub(flat, this.m), 1 - b1));
      const v = tf.add(this.v, tf.mul(tf.sub(tf.square(flat), this.v), 1 - b2));
      const upd = tf.mul(tf.div(m, tf.add(tf.sqrt(v), eps)), lrT);
      const parts = tf.split(upd, this.sizes);
      vars.forEach((w, i) => w.assign(tf.sub(w, tf.reshape(parts[i], w.shape))));
      return [m, v] as [tf.Tensor1D, tf.Tensor1D];
    });
    this.m.dispose();
    this.v.dispose();
    this.m = m;
    this.v = v;
  }

  dispose(): void {
    this.m.dispose();
    this.v.dispose();
  }
}

/**
 * Adam over a list of tfjs variables flattened into one vector, with L2 added to the chosen
 * weights' gradients (same optimum as a penalty lambda * sum(w^2) in the loss): few backend
 * kernels per step. On the wasm backend a step of a small network costs mostly per-kernel
 * overhead: tf.train.adam + tf.losses.sigmoidCrossEntropy + regularizer penalties ran ~210
 * kernels per step, autodiff with this ~80, hand-written gradients (denseLayer.ts) fewer.
 */
import * as tf from '@tensorflow/tfjs';

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

/** Adam over `vars`, flattened; call dispose() when done. */
export class LeanAdam {
  private readonly sizes: number[];
  private m: tf.Tensor1D;
  private v: tf.Tensor1D;
  private t = 0;
  private b1t = 1;
  private b2t = 1;

  constructor(
    private readonly vars: tf.Variable[],
    private readonly o: LeanAdamOptions,
  ) {
    this.sizes = vars.map((w) => w.size);
    const P = this.sizes.reduce((a, b) => a + b, 0);
    this.m = tf.zeros([P]);
    this.v = tf.zeros([P]);
  }

  /** One Adam step with the gradients `grads()` returns (one per variable, in order; called inside tf.tidy). */
  step(grads: () => tf.Tensor[]): void {
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
      const gs = grads();
      const flat = tf.concat(
        vars.map((w, i) => {
          const g = gs[i];
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

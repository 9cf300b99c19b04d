/**
 * A fully connected tfjs layer (x W + b, then relu or linear) whose gradient multiplies by
 * explicitly transposed tensors. tf.layers.dense's gradient uses matMul's transpose flags,
 * which the wasm backend runs 3-7x slower than a transpose plus a plain matMul (measured:
 * 1024x46 by 1024x32 in 2.1 ms vs 0.8 ms). Same maths, same initialisers as tf.layers.dense.
 */
import * as tf from '@tensorflow/tfjs';

const affine = tf.customGrad(((x: tf.Tensor, w: tf.Tensor, b: tf.Tensor, save: tf.GradSaveFunc) => {
  save([x, w]);
  return {
    value: tf.add(tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D), b),
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
      const g = dy as tf.Tensor2D;
      const [xs, ws] = saved as tf.Tensor2D[];
      return [tf.matMul(g, tf.transpose(ws)), tf.matMul(tf.transpose(xs), g), tf.sum(g, 0)];
    },
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) => tf.Tensor;

export interface FastDenseArgs {
  units: number;
  activation: 'relu' | 'linear';
  seed: number;
  inputDim?: number;
}

export class FastDense extends tf.layers.Layer {
  static className = 'FastDense';
  private readonly units: number;
  private readonly activation: 'relu' | 'linear';
  private readonly seed: number;
  private kernel: tf.LayerVariable | null = null;
  private bias: tf.LayerVariable | null = null;

  constructor(args: FastDenseArgs) {
    super(args.inputDim ? { inputShape: [args.inputDim] } : {});
    this.units = args.units;
    this.activation = args.activation;
    this.seed = args.seed;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const s = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const nIn = s[s.length - 1] as number;
    this.kernel = this.addWeight('kernel', [nIn, this.units], 'float32', tf.initializers.glorotUniform({ seed: this.seed }));
    this.bias = this.addWeight('bias', [this.units], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const s = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [...s.slice(0, -1), this.units];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      const z = affine(x, this.kernel!.read(), this.bias!.read());
      return this.activation === 'relu' ? tf.relu(z) : z;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), units: this.units, activation: this.activation, seed: this.seed };
  }
}

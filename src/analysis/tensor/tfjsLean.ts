/**
 * `@tensorflow/tfjs` in the built site (vite.config.ts points the bare import here for `vite build`
 * only; Node, the tests and the dev server keep the union package): tfjs-core with every gradient
 * and chained op registered and the CPU backend, as the union registers them, and the layers
 * initializers the MLP seeds its weights with (churn/models/denseLayer.ts). Left out: tfjs-layers'
 * models, tfjs-converter, tfjs-data, and the WebGL backend (tensor/backend.ts imports it only when
 * a real GPU's WebGL is chosen). Both workers parse, compile and evaluate their tfjs at start, on
 * the cold path of a file picked as the page appears (issue 19).
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import '@tensorflow/tfjs-backend-cpu';
import * as initializers from '@tensorflow/tfjs-layers/dist/exports_initializers';

export * from '@tensorflow/tfjs-core';
export { initializers };

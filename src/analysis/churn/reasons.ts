/**
 * Per-customer top reasons from the logistic model: each source column's contribution
 * coef x standardized value (one-hot columns summed), converted to probability points as
 * p(customer) - p(customer with that column at the average). Names read like
 * "Contract=Month-to-month" or "tenure (low)".
 */
import type { Design } from '../features/design';
import type { CustomerReasons } from './types';
import { sigmoid, type LogisticModel } from './logistic';

/** Top `R` (default 3) reasons per row of X (n x d, encoded with `design`), largest |points| first. */
export function logisticReasons(model: LogisticModel, design: Design, X: Float64Array, R = 3): CustomerReasons {
  const { d, coef, mean, sd } = model;
  const n = X.length / d;
  const reasonNames: string[] = [];
  // name index per design column (categorical) or [low, high] per numeric group
  const colName = new Int32Array(d).fill(-1);
  const numNames = new Map<number, [number, number]>();
  for (const g of design.groups) {
    if (g.kind === 'numeric') {
      numNames.set(g.start, [reasonNames.length, reasonNames.length + 1]);
      reasonNames.push(`${g.name} (low)`, `${g.name} (high)`);
    } else
      for (let c = g.start; c < g.start + g.count; c++) {
        colName[c] = reasonNames.length;
        reasonNames.push(design.names[c]);
      }
  }
  const G = design.groups.length;
  const reasonFeature = new Int16Array(n * R).fill(-1);
  const reasonValue = new Float32Array(n * R);
  const pts = new Float64Array(G);
  const nameOf = new Int32Array(G);
  for (let i = 0; i < n; i++) {
    let z = model.intercept;
    const row = i * d;
    design.groups.forEach((g, t) => {
      let c = 0;
      let name = -1;
      for (let j = g.start; j < g.start + g.count; j++) {
        c += (coef[j] * (X[row + j] - mean[j])) / sd[j];
        if (g.kind === 'categorical' && X[row + j] === 1) name = colName[j];
      }
      if (g.kind === 'numeric') name = numNames.get(g.start)![X[row + g.start] >= mean[g.start] ? 1 : 0];
      pts[t] = c;
      nameOf[t] = name;
      z += c;
    });
    const p = sigmoid(z);
    for (let t = 0; t < G; t++) pts[t] = 100 * (p - sigmoid(z - pts[t]));
    for (let r = 0; r < R; r++) {
      let best = -1;
      for (let t = 0; t < G; t++) if (nameOf[t] >= 0 && (best < 0 || Math.abs(pts[t]) > Math.abs(pts[best]))) best = t;
      if (best < 0 || Math.abs(pts[best]) < 0.05) break;
      reasonFeature[i * R + r] = nameOf[best];
      reasonValue[i * R + r] = pts[best];
      nameOf[best] = -1;
    }
  }
  return { reasonsPerCustomer: R, reasonNames, reasonFeature, reasonValue };
}

/**
 * 2-D PCA projection for the segment scatter: covariance over all rows (d x d), its top
 * two eigenvectors by cyclic Jacobi, and the projection of at most `maxPoints` seeded
 * sampled rows (their row indices kept). Eigenvector signs are fixed (largest |loading|
 * positive) so the picture is stable under a seed.
 */
import { mulberry32, sampleIndices } from '../random';
import type { Matrix } from '../math/matrix';

/** Eigen-decomposition of a symmetric d x d matrix (row-major); values descending. */
export function symmetricEigen(A: Float64Array, d: number): { values: Float64Array; vectors: Float64Array[] } {
  const a = A.slice();
  const v = new Float64Array(d * d);
  for (let i = 0; i < d; i++) v[i * d + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) off += a[p * d + q] ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < d; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = a[p * d + q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * d + q] - a[p * d + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < d; k++) {
          const akp = a[k * d + p];
          const akq = a[k * d + q];
          a[k * d + p] = c * akp - s * akq;
          a[k * d + q] = s * akp + c * akq;
        }
        for (let k = 0; k < d; k++) {
          const apk = a[p * d + k];
          const aqk = a[q * d + k];
          a[p * d + k] = c * apk - s * aqk;
          a[q * d + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < d; k++) {
          const vkp = v[k * d + p];
          const vkq = v[k * d + q];
          v[k * d + p] = c * vkp - s * vkq;
          v[k * d + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: d }, (_, i) => i).sort((i, j) => a[j * d + j] - a[i * d + i] || i - j);
  const values = Float64Array.from(order, (i) => a[i * d + i]);
  const vectors = order.map((i) => {
    const e = Float64Array.from({ length: d }, (_, k) => v[k * d + i]);
    let big = 0;
    for (let k = 1; k < d; k++) if (Math.abs(e[k]) > Math.abs(e[big]) + 1e-12) big = k;
    if (e[big] < 0) for (let k = 0; k < d; k++) e[k] = -e[k];
    return e;
  });
  return { values, vectors };
}

export interface Projection {
  x: Float32Array;
  y: Float32Array;
  index: Int32Array;
  explained: [number, number];
}

/** PCA to 2-D of X (n x d); projects at most maxPoints (default 5,000) seeded sampled rows. */
export function pca2(X: Matrix, seed: number, maxPoints = 5000): Projection {
  const { n, d, data } = X;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += data[i * d + j] / n;
  const cov = new Float64Array(d * d);
  const r = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) r[j] = data[i * d + j] - mean[j];
    for (let p = 0; p < d; p++) for (let q = p; q < d; q++) cov[p * d + q] += r[p] * r[q];
  }
  for (let p = 0; p < d; p++) {
    for (let q = p; q < d; q++) {
      cov[p * d + q] /= Math.max(1, n - 1);
      cov[q * d + p] = cov[p * d + q];
    }
  }
  const { values, vectors } = symmetricEigen(cov, d);
  const trace = values.reduce((s, v) => s + Math.max(0, v), 0);
  const e1 = vectors[0];
  const e2 = d > 1 ? vectors[1] : new Float64Array(d);
  const index = sampleIndices(n, maxPoints, mulberry32(seed));
  const x = new Float32Array(index.length);
  const y = new Float32Array(index.length);
  index.forEach((i, t) => {
    let a = 0;
    let b = 0;
    for (let j = 0; j < d; j++) {
      const c = data[i * d + j] - mean[j];
      a += c * e1[j];
      b += c * e2[j];
    }
    x[t] = a;
    y[t] = b;
  });
  const ex = (v: number | undefined) => (trace > 0 && v !== undefined ? Math.max(0, v) / trace : 0);
  return { x, y, index, explained: [ex(values[0]), ex(d > 1 ? values[1] : undefined)] };
}

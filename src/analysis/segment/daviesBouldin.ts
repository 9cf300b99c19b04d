/**
 * Davies-Bouldin index (scikit-learn's davies_bouldin_score): mean over clusters of the
 * worst (s_i + s_j) / |c_i - c_j|, with s_i the mean distance of cluster i's points to
 * its centroid. Lower is better; 0 for a single cluster. O(n d + k^2 d).
 */
import type { Matrix } from '../math/matrix';

/** Davies-Bouldin score of labels (0..k-1) on X. */
export function daviesBouldin(X: Matrix, labels: Int32Array, k: number): number {
  const { n, d, data } = X;
  const cent = new Float64Array(k * d);
  const cnt = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    cnt[c]++;
    for (let j = 0; j < d; j++) cent[c * d + j] += data[i * d + j];
  }
  for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) if (cnt[c] > 0) cent[c * d + j] /= cnt[c];
  const scatter = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    let s = 0;
    for (let j = 0; j < d; j++) {
      const v = data[i * d + j] - cent[c * d + j];
      s += v * v;
    }
    scatter[c] += Math.sqrt(s);
  }
  const live: number[] = [];
  for (let c = 0; c < k; c++) {
    if (cnt[c] > 0) {
      scatter[c] /= cnt[c];
      live.push(c);
    }
  }
  if (live.length < 2) return 0;
  let sum = 0;
  for (const a of live) {
    let worst = 0;
    for (const b of live) {
      if (a === b) continue;
      let s = 0;
      for (let j = 0; j < d; j++) {
        const v = cent[a * d + j] - cent[b * d + j];
        s += v * v;
      }
      const dist = Math.sqrt(s);
      const r = dist > 0 ? (scatter[a] + scatter[b]) / dist : Infinity;
      if (r > worst) worst = r;
    }
    sum += worst;
  }
  return sum / live.length;
}

/**
 * Deterministic cluster order: segment 0 is the largest cluster, ties broken by the
 * first row at which a cluster appears. Empty clusters are dropped (k shrinks).
 */

/** Relabels 0..k-1 so that sizes are descending; returns the new labels and the live k. */
export function relabelBySize(labels: Int32Array, k: number): { labels: Int32Array; k: number; order: number[] } {
  const size = new Float64Array(k);
  const first = new Float64Array(k).fill(Infinity);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i];
    size[c]++;
    if (first[c] === Infinity) first[c] = i;
  }
  const order = Array.from({ length: k }, (_, c) => c)
    .filter((c) => size[c] > 0)
    .sort((a, b) => size[b] - size[a] || first[a] - first[b]);
  const map = new Int32Array(k).fill(-1);
  order.forEach((c, i) => (map[c] = i));
  return { labels: labels.map((c) => map[c]), k: order.length, order };
}

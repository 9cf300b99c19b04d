/**
 * The sparse layout the boosting grower sums histograms over: one-hot columns sit mostly in one
 * bin, so per feature the most frequent bin's slot is the default (its histogram cell is derived
 * from the node totals) and per row only the other bins' slots are listed (CSR).
 */

export interface SparseBins {
  /** most frequent bin's slot per feature */
  defSlot: Int32Array;
  /** per row, the slots of its non-default bins: slots[rowStart[i] .. rowStart[i + 1]) */
  rowStart: Int32Array;
  slots: Int32Array;
  /** whether any cell is in a feature's missing bin (its last slot) */
  missing: boolean;
}

/** Sparse rows of row-major `bins` (n x d); feature j's slots are off[j] .. off[j + 1]. A function of
 *  its own, not the grower's constructor loops: one call per fit, compiled once for all fits. */
export function sparseBins(bins: Uint8Array, n: number, d: number, off: Int32Array): SparseBins {
  const count = new Int32Array(off[d]);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) count[off[j] + bins[i * d + j]]++;
  const defSlot = new Int32Array(d);
  let nnz = 0;
  for (let j = 0; j < d; j++) {
    let best = off[j];
    for (let q = off[j]; q < off[j + 1]; q++) if (count[q] > count[best]) best = q;
    defSlot[j] = best;
    nnz += n - count[best];
  }
  let missing = false;
  for (let j = 0; j < d && !missing; j++) missing = count[off[j + 1] - 1] > 0;
  const rowStart = new Int32Array(n + 1);
  const slots = new Int32Array(nnz);
  let t = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const slot = off[j] + bins[i * d + j];
      if (slot !== defSlot[j]) slots[t++] = slot;
    }
    rowStart[i + 1] = t;
  }
  return { defSlot, rowStart, slots, missing };
}

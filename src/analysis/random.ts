/**
 * Seeded pseudo-random numbers for the engine. Everything random takes a seed
 * (STYLE.md habit 7): same seed, same sequence, on every platform.
 */

/** Returns a function giving floats in [0, 1) from a 32-bit seed (mulberry32). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates shuffle of an array or typed array, in place; returns it. */
export function shuffleInPlace<T extends { length: number; [i: number]: unknown }>(
  a: T,
  rng: () => number,
): T {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a;
}

/** m distinct indices from 0..n-1 without replacement, in ascending order (m >= n gives all). */
export function sampleIndices(n: number, m: number, rng: () => number): Int32Array {
  if (m >= n) return Int32Array.from({ length: n }, (_, i) => i);
  // partial Fisher-Yates over an index array: O(n) memory, O(m) swaps
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  for (let i = 0; i < m; i++) {
    const j = i + Math.floor(rng() * (n - i));
    const t = idx[i];
    idx[i] = idx[j];
    idx[j] = t;
  }
  return idx.slice(0, m).sort();
}

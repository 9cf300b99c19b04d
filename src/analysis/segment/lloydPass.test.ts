/** The unrolled d = 3 passes of lloydPass.ts against the generic ones: the same labels, bounds
 *  and cluster sums to the bit, on seeded states that exercise both the skip and the rescan path. */
import { describe, expect, it } from 'vitest';
import { boundPass, boundPass3, scanPass, scanPass3 } from './lloydPass';
import { mulberry32 } from '../random';

const d = 3;
const w = d + 2;
const cw = d + 3;
const sw = d + 1;

/** n rows around k blobs, the centres jittered off the blob means. */
function state(n: number, k: number, seed: number) {
  const rng = mulberry32(seed);
  const P = new Float64Array(n * w);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) P[i * w + j] = (i % k) * 3 + (rng() - 0.5) * 4;
  const C = new Float64Array(k * cw);
  for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) C[c * cw + j] = c * 3 + (rng() - 0.5) * 2;
  return { P, C, L: new Int32Array(n).fill(-1), S: new Float64Array(k * sw), rng };
}

/** Moves the centres a little and sets the per-centre bound fields (half gap, shift, max other shift) as lloydTs does. */
function moveCentres(C: Float64Array, k: number, rng: () => number, scale: number): void {
  const shift = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    let m = 0;
    for (let j = 0; j < d; j++) {
      const dv = (rng() - 0.5) * scale;
      C[c * cw + j] += dv;
      m += dv * dv;
    }
    shift[c] = Math.sqrt(m);
  }
  for (let c = 0; c < k; c++) {
    let near = Infinity;
    let far = 0;
    for (let e = 0; e < k; e++) {
      if (e === c) continue;
      let m = 0;
      for (let j = 0; j < d; j++) m += (C[c * cw + j] - C[e * cw + j]) ** 2;
      near = Math.min(near, m);
      far = Math.max(far, shift[e]);
    }
    C[c * cw + d] = 0.5 * Math.sqrt(near);
    C[c * cw + d + 1] = shift[c];
    C[c * cw + d + 2] = far;
  }
}

const same = (a: ArrayLike<number>, b: ArrayLike<number>) => expect(Array.from(b)).toEqual(Array.from(a));

describe('unrolled k-means passes (d = 3) equal the generic ones', () => {
  it.each([
    [500, 2, 1],
    [2000, 4, 2],
    [3001, 7, 3],
  ])('n=%i k=%i seed=%i: first pass and six bound passes, bit for bit', (n, k, seed) => {
    const g = state(n, k, seed);
    const u = { P: g.P.slice(), C: g.C.slice(), L: g.L.slice(), S: g.S.slice() };
    expect(scanPass3(u.P, u.L, u.C, u.S, n, k)).toBe(scanPass(g.P, g.L, g.C, g.S, n, d, k));
    same(g.P, u.P);
    same(g.L, u.L);
    same(g.S, u.S);
    let skipped = 0;
    let changedTotal = 0;
    for (let it = 0; it < 6; it++) {
      moveCentres(g.C, k, g.rng, it < 3 ? 1.5 : 0.05); // big moves first (rows rescan), then small (rows skip)
      u.C.set(g.C);
      g.S.fill(0);
      u.S.fill(0);
      const before = g.P.slice();
      const labels = g.L.slice();
      const changed = boundPass(g.P, g.L, g.C, g.S, n, d, k);
      expect(boundPass3(u.P, u.L, u.C, u.S, n, k)).toBe(changed);
      same(g.P, u.P);
      same(g.L, u.L);
      same(g.S, u.S);
      changedTotal += changed;
      // a row that skipped the scan keeps its lower bound moved by the largest other shift
      for (let i = 0; i < n; i++) if (g.P[i * w + d + 1] === before[i * w + d + 1] - g.C[labels[i] * cw + d + 2]) skipped++;
    }
    expect(changedTotal).toBeGreaterThan(0); // labels moved: the rescan path ran
    expect(skipped).toBeGreaterThan(0); // and rows settled by their bounds: the skip path ran
    expect(skipped).toBeLessThan(6 * n);
  });
});

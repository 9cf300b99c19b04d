/**
 * Unconstrained minimisation by BFGS with a backtracking (Armijo) line search, for smooth
 * likelihoods with analytic gradients in a handful of parameters. Hand-written (about 80 lines)
 * because the npm options are either unmaintained (fmin, last release 2016, no BFGS) or large
 * general-purpose packages; the models here have 3-4 parameters on a log scale.
 */

/** Objective value and gradient at x (the gradient is written into g). */
export type Objective = (x: Float64Array, g: Float64Array) => number;

export interface MinimizeResult {
  x: Float64Array;
  value: number;
  /** gradient infinity-norm at the end below gtol */
  converged: boolean;
  nIter: number;
}

/** BFGS from x0; defaults gtol 1e-6 (on the gradient's infinity norm), maxIter 200. */
export function minimizeBfgs(f: Objective, x0: ArrayLike<number>, gtol = 1e-6, maxIter = 200): MinimizeResult {
  const n = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let fx = f(x, g);
  // inverse Hessian approximation, row-major n x n, starts as the identity
  const H = new Float64Array(n * n);
  for (let i = 0; i < n; i++) H[i * n + i] = 1;
  const d = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  let iter = 0;
  const norm = (v: Float64Array) => v.reduce((m, e) => Math.max(m, Math.abs(e)), 0);
  if (!Number.isFinite(fx)) return { x, value: fx, converged: false, nIter: 0 };
  for (; iter < maxIter && norm(g) > gtol; iter++) {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s -= H[i * n + j] * g[j];
      d[i] = s;
    }
    let slope = 0;
    for (let i = 0; i < n; i++) slope += d[i] * g[i];
    if (!(slope < 0)) {
      // not a descent direction: reset to steepest descent
      H.fill(0);
      for (let i = 0; i < n; i++) {
        H[i * n + i] = 1;
        d[i] = -g[i];
      }
      slope = -g.reduce((s, e) => s + e * e, 0);
    }
    // cap the first steps so exp(log-parameter) stays finite
    let step = Math.min(1, 2 / Math.max(1e-12, norm(d)));
    let fNew = NaN;
    for (let k = 0; k < 60; k++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i] + step * d[i];
      fNew = f(xNew, gNew);
      if (Number.isFinite(fNew) && fNew <= fx + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(Number.isFinite(fNew) && fNew <= fx)) break; // no progress possible
    // BFGS update of the inverse Hessian with s = xNew - x, yv = gNew - g
    const s = new Float64Array(n);
    const yv = new Float64Array(n);
    let sy = 0;
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i] - x[i];
      yv[i] = gNew[i] - g[i];
      sy += s[i] * yv[i];
    }
    if (sy > 1e-12) {
      const Hy = new Float64Array(n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) Hy[i] += H[i * n + j] * yv[j];
      let yHy = 0;
      for (let i = 0; i < n; i++) yHy += yv[i] * Hy[i];
      const c = (sy + yHy) / (sy * sy);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) H[i * n + j] += c * s[i] * s[j] - (Hy[i] * s[j] + s[i] * Hy[j]) / sy;
    }
    const done = Math.abs(fx - fNew) <= 1e-13 * Math.max(1, Math.abs(fx));
    x = Float64Array.from(xNew);
    g = Float64Array.from(gNew);
    fx = fNew;
    if (done) {
      iter++;
      break;
    }
  }
  return { x, value: fx, converged: norm(g) <= gtol * 10, nIter: iter };
}

/** Best of several BFGS runs from the given starts (seeded by the caller). */
export function minimizeMultiStart(f: Objective, starts: ArrayLike<number>[], gtol?: number, maxIter?: number): MinimizeResult {
  let best: MinimizeResult | null = null;
  for (const s of starts) {
    const r = minimizeBfgs(f, s, gtol, maxIter);
    if (Number.isFinite(r.value) && (!best || r.value < best.value)) best = r;
  }
  return best ?? { x: Float64Array.from(starts[0]), value: NaN, converged: false, nIter: 0 };
}

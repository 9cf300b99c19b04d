/**
 * DBSCAN outlier detection (Ester et al. 1996). Only noise is needed here, so no cluster
 * ids are built: a point is core when >= minPts points (itself included) lie within eps,
 * and noise when it is not core and no core point lies within eps — exactly the points
 * scikit-learn's DBSCAN labels -1. eps, unless given, is the knee of the sorted
 * minPts-distance curve (argmax of x - y, both normalised, as the reference anchor).
 * Scaling: up to `exactLimit` rows (default 20,000) everything is exact on all rows with
 * a grid index. Above it, DBSCAN runs on a seeded sample of exactLimit rows and every
 * other row is flagged when no sample core point lies within eps (stated in `method`).
 */
import { AnalysisError } from '../errors';
import { mulberry32, sampleIndices } from '../random';
import { checkMatrix, takeRows, type Matrix } from '../math/matrix';
import { kneeIncreasing } from './chooseK';
import { anyFlaggedWithin, buildGrid, countWithin, kthNearestSq } from './grid';

export interface DbscanOptions {
  /** neighbourhood radius; default: knee of the k-distance curve */
  eps?: number;
  /** points (self included) that make a core point (default 6, the reference anchor's) */
  minPts?: number;
  /** exact on all rows up to this many (default 20,000) */
  exactLimit?: number;
  /** k-distances are computed for at most this many query rows (default 8,000) */
  kdistQueries?: number;
  seed?: number;
}

export interface DbscanOutliers {
  outlier: Uint8Array;
  count: number;
  eps: number;
  minPts: number;
  method: string;
}

/** Rows whose k-distance is found by a full scan to choose the grid cell for the rest. */
const CELL_PROBES = 64;

/**
 * Sorted (ascending) distance of each query row to its minPts-th nearest row of S, self
 * included. Exact: a grid search (grid.ts) with the cell side set to the median
 * k-distance of CELL_PROBES evenly spaced rows (full scans), so most queries finish
 * within the 27 cells around them.
 */
export function kDistances(S: Matrix, queries: Int32Array, minPts: number): Float64Array {
  const { n, d, data } = S;
  const out = new Float64Array(queries.length);
  const top = new Float64Array(minPts);
  const probes = Math.min(CELL_PROBES, n);
  const probe = new Float64Array(probes);
  const all = buildGrid(S, Infinity); // one cell: a plain full scan
  for (let t = 0; t < probes; t++) probe[t] = kthNearestSq(all, data, Math.floor((t * n) / probes) * d, minPts, top);
  probe.sort();
  let h = Math.sqrt(probe[probes >> 1]);
  if (!(h > 0)) h = Math.sqrt(probe[probes - 1]);
  if (!(h > 0 && Number.isFinite(h))) h = 1;
  const grid = buildGrid(S, h);
  for (let q = 0; q < queries.length; q++) out[q] = Math.sqrt(kthNearestSq(grid, data, queries[q] * d, minPts, top));
  return out.sort();
}

/** Flags DBSCAN noise rows of X; defaults as in DbscanOptions. */
export function dbscanOutliers(X: Matrix, opts: DbscanOptions = {}): DbscanOutliers {
  checkMatrix(X, 'dbscan');
  const minPts = opts.minPts ?? 6;
  if (!Number.isInteger(minPts) || minPts < 1) {
    throw new AnalysisError('dbscan/bad-min-pts', `dbscan: minPts=${minPts} must be an integer >= 1`);
  }
  if (opts.eps !== undefined && !(opts.eps > 0 && Number.isFinite(opts.eps))) {
    throw new AnalysisError('dbscan/bad-eps', `dbscan: eps=${opts.eps} must be a finite number > 0`);
  }
  const limit = opts.exactLimit ?? 20_000;
  const rng = mulberry32(opts.seed ?? 0);
  const sampled = X.n > limit;
  const sIdx = sampled ? sampleIndices(X.n, limit, rng) : null;
  const S = sIdx ? takeRows(X, sIdx) : X;
  let eps = opts.eps ?? 0;
  let epsHow = `eps=${fmt(eps)} given`;
  if (opts.eps === undefined) {
    const qMax = opts.kdistQueries ?? 8_000;
    const queries = sampleIndices(S.n, Math.min(qMax, S.n), rng);
    const kd = kDistances(S, queries, minPts);
    eps = kd[kneeIncreasing(kd)];
    if (!(eps > 0)) eps = kd.find((v) => v > 0) ?? 1e-6; // all duplicates: smallest real gap
    epsHow = `eps=${fmt(eps)} from the knee of the sorted ${minPts}-distance curve of ${queries.length.toLocaleString('en-US')} rows`;
  }
  const grid = buildGrid(S, eps);
  const core = new Uint8Array(S.n);
  for (let i = 0; i < S.n; i++) if (countWithin(grid, S.data, i * S.d, minPts) >= minPts) core[i] = 1;
  const outlier = new Uint8Array(X.n);
  const posInS = new Int32Array(X.n).fill(-1);
  if (sIdx) sIdx.forEach((r, p) => (posInS[r] = p));
  else for (let i = 0; i < X.n; i++) posInS[i] = i;
  let count = 0;
  for (let i = 0; i < X.n; i++) {
    const p = posInS[i];
    if (p >= 0 && core[p]) continue;
    if (!anyFlaggedWithin(grid, X.data, i * X.d, core)) {
      outlier[i] = 1;
      count++;
    }
  }
  const where = sampled
    ? `on a seeded sample of ${limit.toLocaleString('en-US')} of ${X.n.toLocaleString('en-US')} rows; other rows are outliers when no sample core point lies within eps`
    : `exact on all ${X.n.toLocaleString('en-US')} rows (grid index)`;
  return { outlier, count, eps, minPts, method: `DBSCAN minPts=${minPts}, ${epsHow}, ${where}` };
}

const fmt = (v: number) => (Math.abs(v) >= 0.01 ? v.toFixed(4) : v.toPrecision(3));

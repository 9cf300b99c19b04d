/**
 * Efron's log partial likelihood for the Cox model, its gradient and information, over a
 * design prepared once per fit (rows sorted by time, sparse entries, tie groups), so each
 * Newton step costs O(non-zeros^2) per row plus O(d^2) per distinct time, not per event.
 */
import { exp as detExp, log as detLog } from '../math/detmath';

/** Row order by time descending, so risk sets (time >= t) are prefixes. */
export function descendingOrder(time: ArrayLike<number>): Int32Array {
  const o = Int32Array.from({ length: time.length }, (_, i) => i);
  return o.sort((a, b) => time[b] - time[a] || a - b);
}

/** The data of one fit, prepared once: rows in descending time order (risk sets are prefixes), their
 *  non-zero entries (one-hot rows are mostly zero), the groups of tied times and their event counts. */
export interface CoxData {
  n: number;
  d: number;
  /** row index (into the caller's arrays) at each sorted position */
  order: Int32Array;
  /** sparse rows in sorted order: entries rowStart[p] .. rowStart[p+1]-1 of col/val */
  rowStart: Int32Array;
  col: Int32Array;
  val: Float64Array;
  event: Uint8Array;
  /** tie groups: sorted positions groupStart[g] .. groupStart[g+1]-1 share one time */
  groupStart: Int32Array;
}

/** Prepares Z (n x d row-major) divided by `scale` (default 1), time and event for repeated likelihood evaluations. */
export function coxData(Z: Float64Array, d: number, time: ArrayLike<number>, event: ArrayLike<number>, scale?: Float64Array): CoxData {
  const n = time.length;
  const order = descendingOrder(time);
  let nnz = 0;
  for (let i = 0; i < Z.length; i++) if (Z[i] !== 0) nnz++;
  const rowStart = new Int32Array(n + 1);
  const col = new Int32Array(nnz);
  const val = new Float64Array(nnz);
  const ev = new Uint8Array(n);
  const groups: number[] = [];
  let u = 0;
  for (let p = 0; p < n; p++) {
    const i = order[p];
    if (p === 0 || time[i] !== time[order[p - 1]]) groups.push(p);
    ev[p] = event[i] ? 1 : 0;
    for (let j = 0; j < d; j++) {
      const z = Z[i * d + j];
      if (z !== 0) {
        col[u] = j;
        val[u++] = scale ? z / scale[j] : z;
      }
    }
    rowStart[p + 1] = u;
  }
  groups.push(n);
  return { n, d, order, rowStart, col, val, event: ev, groupStart: Int32Array.from(groups) };
}

/**
 * Efron log partial likelihood (no penalty), its gradient and, when asked, the negative Hessian
 * (information) at beta. Tied events share a time group: with D events of total weight e0 among a
 * risk set of weight r0, the l-th (l = 0..D-1) denominator is r0 - (l / D) e0, and the sums over l
 * are taken in closed form per group (cost per group O(d^2), per row O(non-zeros^2)).
 */
export function efronAt(data: CoxData, beta: Float64Array, withInfo: boolean): { ll: number; grad: Float64Array; info: Float64Array | null } {
  const { n, d, rowStart, col, val, event, groupStart } = data;
  const w = new Float64Array(n);
  const eta = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    let s = 0;
    for (let u = rowStart[p]; u < rowStart[p + 1]; u++) s += val[u] * beta[col[u]];
    eta[p] = s;
    w[p] = detExp(s);
  }
  let ll = 0;
  const grad = new Float64Array(d);
  const info = withInfo ? new Float64Array(d * d) : null;
  let r0 = 0;
  const r1 = new Float64Array(d);
  const r2 = withInfo ? new Float64Array(d * d) : null;
  const e1 = new Float64Array(d);
  const e2 = withInfo ? new Float64Array(d * d) : null;
  for (let g = 0; g + 1 < groupStart.length; g++) {
    let nd = 0;
    let e0 = 0;
    for (let p = groupStart[g]; p < groupStart[g + 1]; p++) {
      const wp = w[p];
      const a = rowStart[p];
      const b = rowStart[p + 1];
      r0 += wp;
      for (let u = a; u < b; u++) r1[col[u]] += wp * val[u];
      if (r2) addOuter(r2, d, col, val, a, b, wp);
      if (!event[p]) continue;
      if (nd === 0) {
        e1.fill(0);
        if (e2) e2.fill(0);
      }
      nd++;
      e0 += wp;
      ll += eta[p];
      for (let u = a; u < b; u++) {
        grad[col[u]] += val[u];
        e1[col[u]] += wp * val[u];
      }
      if (e2) addOuter(e2, d, col, val, a, b, wp);
    }
    if (nd === 0) continue;
    let s1 = 0, sf = 0, q1 = 0, qf = 0, qff = 0;
    for (let l = 0; l < nd; l++) {
      const f = l / nd;
      const den = r0 - f * e0;
      ll -= detLog(den);
      s1 += 1 / den;
      sf += f / den;
      q1 += 1 / (den * den);
      qf += f / (den * den);
      qff += (f * f) / (den * den);
    }
    for (let j = 0; j < d; j++) grad[j] -= r1[j] * s1 - e1[j] * sf;
    if (!info || !r2 || !e2) continue;
    for (let j = 0; j < d; j++) {
      const rj = r1[j];
      const ej = e1[j];
      const row = j * d;
      for (let k = 0; k <= j; k++)
        info[row + k] += r2[row + k] * s1 - e2[row + k] * sf - (rj * r1[k] * q1 - (rj * e1[k] + ej * r1[k]) * qf + ej * e1[k] * qff);
    }
  }
  if (info) for (let j = 0; j < d; j++) for (let k = 0; k < j; k++) info[k * d + j] = info[j * d + k];
  return { ll, grad, info };
}

/** M (lower triangle, d x d) += w x z z' for one sparse row (entries a..b-1, columns ascending). */
function addOuter(M: Float64Array, d: number, col: Int32Array, val: Float64Array, a: number, b: number, w: number): void {
  for (let u = a; u < b; u++) {
    const row = col[u] * d;
    const wz = w * val[u];
    for (let v = a; v <= u; v++) M[row + col[v]] += wz * val[v];
  }
}

/** Efron log partial likelihood, gradient and information of an n x d design Z at beta (one-off; fits use coxData + efronAt). */
export function efron(Z: Float64Array, d: number, time: ArrayLike<number>, event: ArrayLike<number>, beta: Float64Array): { ll: number; grad: Float64Array; info: Float64Array } {
  const r = efronAt(coxData(Z, d, time, event), beta, true);
  return { ll: r.ll, grad: r.grad, info: r.info! };
}

/**
 * The engine's one matrix convention: X is n x d, row-major, as a Matrix {n, d, data}. Builders,
 * input validation at the public door, column statistics and standardisation (population sd, as
 * scikit-learn's StandardScaler) and row selection, shared by segmentation and churn. Every
 * estimator takes a Matrix at its public door (fitX(X, y, params), predictX(model, X)); the
 * tree kernels inside churn/trees/ read X.data with X.d.
 */
import { AnalysisError } from '../errors';

/** X: n x d, row-major (value of row i, column j = data[i * d + j]). */
export interface Matrix {
  n: number;
  d: number;
  data: Float64Array;
}

/** Builds a Matrix from columns (each of length n). Throws 'matrix/ragged' on unequal lengths. */
export function fromColumns(cols: ArrayLike<number>[], who = 'matrix'): Matrix {
  if (cols.length === 0) throw new AnalysisError(`${who}/empty`, `${who}: no columns given (d=0)`);
  const n = cols[0].length;
  const d = cols.length;
  for (let j = 1; j < d; j++) {
    if (cols[j].length !== n) {
      throw new AnalysisError(
        `${who}/ragged`,
        `${who}: column ${j} has ${cols[j].length} values, column 0 has ${n}; all must be equal`,
      );
    }
  }
  const data = new Float64Array(n * d);
  for (let j = 0; j < d; j++) {
    const c = cols[j];
    for (let i = 0; i < n; i++) data[i * d + j] = c[i];
  }
  return { n, d, data };
}

/** Builds a Matrix from an array of rows. Throws 'who/ragged' when rows differ in length. */
export function fromRows(rows: ArrayLike<number>[], who = 'matrix'): Matrix {
  const n = rows.length;
  const d = n > 0 ? rows[0].length : 0;
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    if (rows[i].length !== d) {
      throw new AnalysisError(
        `${who}/ragged`,
        `${who}: row ${i} has ${rows[i].length} values, row 0 has ${d}; all must be equal`,
      );
    }
    for (let j = 0; j < d; j++) data[i * d + j] = rows[i][j];
  }
  return { n, d, data };
}

/** Validates shape and values: throws `${who}/empty`, `${who}/ragged`, `${who}/non-finite`. */
export function checkMatrix(X: Matrix, who: string): void {
  if (X.n === 0 || X.d === 0) {
    throw new AnalysisError(`${who}/empty`, `${who}: X is empty (n_samples=${X.n}, n_features=${X.d})`);
  }
  if (X.data.length !== X.n * X.d) {
    throw new AnalysisError(
      `${who}/ragged`,
      `${who}: data has ${X.data.length} values, expected n*d=${X.n}*${X.d}=${X.n * X.d}`,
    );
  }
  const a = X.data;
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i])) {
      const row = Math.floor(i / X.d);
      throw new AnalysisError(
        `${who}/non-finite`,
        `${who}: X[${row}][${i % X.d}]=${a[i]} must be finite (NaN and Infinity are not allowed)`,
      );
    }
  }
}

/** A Matrix view of row-major data with d columns (no copy): n = data.length / d. */
export function asMatrix(data: Float64Array, d: number): Matrix {
  return { n: d > 0 ? data.length / d : 0, d, data };
}

/** Per-column mean and population sd. With constantSd given, a column whose sum of squared
 *  deviations is <= 1e-12 * n (constant up to rounding) gets that sd instead (the churn models use 1). */
export function columnStats(X: Matrix, constantSd?: number): { mean: Float64Array; sd: Float64Array } {
  const { n, d, data } = X;
  const mean = new Float64Array(d);
  const sd = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += data[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const v = data[i * d + j] - mean[j];
      sd[j] += v * v;
    }
  }
  for (let j = 0; j < d; j++) sd[j] = constantSd !== undefined && !(sd[j] > 1e-12 * n) ? constantSd : Math.sqrt(sd[j] / n);
  return { mean, sd };
}

/** (x - mean[j]) / scale[j] per cell into out (default a new Float64Array); scale must have no zeros. */
export function scaleColumns<T extends Float64Array | Float32Array>(X: Matrix, mean: Float64Array, scale: Float64Array, out?: T): T {
  const { d, data } = X;
  const o = out ?? (new Float64Array(data.length) as T);
  for (let k = 0; k < data.length; k++) o[k] = (data[k] - mean[k % d]) / scale[k % d];
  return o;
}

/** (x - mean) / sd per column, population sd; a constant column (sd 0) is only centred.
 *  Returns the scaled copy and the indices of constant columns. */
export function standardize(X: Matrix): { Z: Matrix; mean: Float64Array; sd: Float64Array; constant: number[] } {
  const { mean, sd } = columnStats(X);
  const constant: number[] = [];
  for (let j = 0; j < X.d; j++) if (!(sd[j] > 0)) constant.push(j);
  const scale = sd.map((s) => (s > 0 ? s : 1));
  return { Z: { n: X.n, d: X.d, data: scaleColumns(X, mean, scale) }, mean, sd, constant };
}

/** Rows of X at the given indices, as a new Matrix. */
export function takeRows(X: Matrix, idx: ArrayLike<number>): Matrix {
  const { d, data } = X;
  const out = new Float64Array(idx.length * d);
  for (let r = 0; r < idx.length; r++) out.set(data.subarray(idx[r] * d, idx[r] * d + d), r * d);
  return { n: idx.length, d, data: out };
}

/** Rows of X and their labels y at the given indices (a training or validation sample). */
export function takeSample(X: Matrix, y: Uint8Array, idx: ArrayLike<number>): { X: Matrix; y: Uint8Array } {
  const yo = new Uint8Array(idx.length);
  for (let r = 0; r < idx.length; r++) yo[r] = y[idx[r]];
  return { X: takeRows(X, idx), y: yo };
}

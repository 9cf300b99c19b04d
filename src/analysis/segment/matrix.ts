/**
 * Dense row-major matrices for the segmentation estimators, input validation at the
 * public door, and column standardisation (population sd, as scikit-learn's StandardScaler).
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

/** Per-column mean and population sd. */
export function columnStats(X: Matrix): { mean: Float64Array; sd: Float64Array } {
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
  for (let j = 0; j < d; j++) sd[j] = Math.sqrt(sd[j] / n);
  return { mean, sd };
}

/** (x - mean) / sd per column, population sd; a constant column (sd 0) is only centred.
 *  Returns the scaled copy and the indices of constant columns. */
export function standardize(X: Matrix): { Z: Matrix; mean: Float64Array; sd: Float64Array; constant: number[] } {
  const { mean, sd } = columnStats(X);
  const { n, d, data } = X;
  const out = new Float64Array(n * d);
  const constant: number[] = [];
  for (let j = 0; j < d; j++) if (!(sd[j] > 0)) constant.push(j);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const s = sd[j] > 0 ? sd[j] : 1;
      out[i * d + j] = (data[i * d + j] - mean[j]) / s;
    }
  }
  return { Z: { n, d, data: out }, mean, sd, constant };
}

/** Rows of X at the given indices, as a new Matrix. */
export function takeRows(X: Matrix, idx: ArrayLike<number>): Matrix {
  const { d, data } = X;
  const out = new Float64Array(idx.length * d);
  for (let r = 0; r < idx.length; r++) {
    const o = idx[r] * d;
    for (let j = 0; j < d; j++) out[r * d + j] = data[o + j];
  }
  return { n: idx.length, d, data: out };
}

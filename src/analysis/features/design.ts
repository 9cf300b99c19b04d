/**
 * Model design matrix: one-hot categorical columns (with a "(missing)" level) and
 * standardized numeric columns (each followed by a 0/1 "=(blank)" indicator when some of its
 * training cells were blank in the file; tree models can get NaN there instead of the fill), fitted on training rows only so cross-validation
 * never sees the held-out rows (no leakage). A Design is plain data.
 * Not split: fitDesign, transformDesign and screenDesign share the Design's column layout (one-hot
 * levels, blank indicators), which apart they would have to agree on by convention.
 */
import type { CustomerFrame, Warning } from '../types';
import { AnalysisError } from '../errors';
import type { Matrix } from '../math/matrix';

/** Categorical columns with more levels than this are skipped as id-like. */
export const MAX_LEVELS = 50;

export interface DesignNumeric {
  name: string;
  /** index into frame.numeric */
  index: number;
  mean: number;
  /** 1 when the training rows are constant */
  sd: number;
  /** whether a 0/1 "=(blank)" column follows (some training cells were blank: frame missing mask) */
  blank: boolean;
}
export interface DesignCategorical {
  name: string;
  /** index into frame.categorical */
  index: number;
  /** frame level codes that get a one-hot column, in column order */
  codes: number[];
  /** whether a "(missing)" column follows the level columns */
  missing: boolean;
}
/** Output columns of one source column: X columns start .. start+count-1. */
export interface DesignGroup {
  name: string;
  kind: 'numeric' | 'categorical';
  start: number;
  count: number;
}
export interface Design {
  numeric: DesignNumeric[];
  categorical: DesignCategorical[];
  groups: DesignGroup[];
  /** feature names, e.g. "Contract=Month-to-month", numeric names as-is */
  names: string[];
  d: number;
  warnings: Warning[];
  version: 1;
}

export interface DesignMatrix {
  /** n x d (d = the design's width) */
  X: Matrix;
  names: string[];
}

/** Fits encoders on frame rows `rows` (training rows only). Skips id-like categoricals (> MAX_LEVELS levels). */
export function fitDesign(frame: CustomerFrame, rows: Int32Array): Design {
  if (rows.length === 0) throw new AnalysisError('design/empty', 'fitDesign: rows must not be empty');
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k];
    if (!(r >= 0 && r < frame.n))
      throw new AnalysisError('design/bad-rows', `fitDesign: row ${r} out of range 0..${frame.n - 1}`);
  }
  const warnings: Warning[] = [];
  const numeric: DesignNumeric[] = [];
  const categorical: DesignCategorical[] = [];
  const groups: DesignGroup[] = [];
  const names: string[] = [];
  frame.numeric.forEach((col, index) => {
    let s = 0;
    let bad = 0;
    for (let k = 0; k < rows.length; k++) {
      const v = col.values[rows[k]];
      if (Number.isFinite(v)) s += v;
      else bad++;
    }
    const m = rows.length - bad;
    const mean = m > 0 ? s / m : 0;
    let ss = 0;
    for (let k = 0; k < rows.length; k++) {
      const v = col.values[rows[k]];
      if (Number.isFinite(v)) ss += (v - mean) * (v - mean);
    }
    const sd = m > 1 ? Math.sqrt(ss / m) : 0;
    if (bad > 0)
      warnings.push({
        code: 'design/non-finite',
        message: `${col.name}: ${bad} non-finite values set to the training mean`,
        count: bad,
        column: col.name,
      });
    let blank = false;
    if (col.missing) for (let k = 0; k < rows.length && !blank; k++) blank = col.missing[rows[k]] === 1;
    numeric.push({ name: col.name, index, mean, sd: sd > 1e-12 ? sd : 1, blank });
    groups.push({ name: col.name, kind: 'numeric', start: names.length, count: blank ? 2 : 1 });
    names.push(col.name);
    if (blank) names.push(`${col.name}=(blank)`);
  });
  frame.categorical.forEach((col, index) => {
    if (col.levels.length > MAX_LEVELS) {
      warnings.push({
        code: 'design/too-many-levels',
        message: `${col.name}: ${col.levels.length} distinct values (more than ${MAX_LEVELS}) looks like an identifier; not used as a model feature`,
        count: col.levels.length,
        column: col.name,
      });
      return;
    }
    const seen = new Uint8Array(col.levels.length);
    let missing = false;
    for (let k = 0; k < rows.length; k++) {
      const c = col.codes[rows[k]];
      if (c >= 0 && c < seen.length) seen[c] = 1;
      else missing = true;
    }
    const codes: number[] = [];
    for (let c = 0; c < seen.length; c++) if (seen[c]) codes.push(c);
    const start = names.length;
    for (const c of codes) names.push(`${col.name}=${col.levels[c]}`);
    if (missing) names.push(`${col.name}=(missing)`);
    categorical.push({ name: col.name, index, codes, missing });
    groups.push({ name: col.name, kind: 'categorical', start, count: names.length - start });
  });
  return { numeric, categorical, groups, names, d: names.length, warnings, version: 1 };
}

/** Encodes frame rows `rows` with a fitted design: X n x d row-major. Unseen levels encode as all zeros. With
 *  missingAsNaN (tree models that learn where missing values go), a blank numeric cell is NaN instead of its fill.
 *  `into` (at least n x d long): X is written over its start, for callers that encode chunk after chunk (one
 *  buffer per job instead of one per chunk; X is only valid until the next call with the same buffer). */
export function transformDesign(design: Design, frame: CustomerFrame, rows: Int32Array, missingAsNaN = false, into?: Float64Array): DesignMatrix {
  const { d } = design;
  const n = rows.length;
  for (const nu of design.numeric)
    if (frame.numeric[nu.index]?.name !== nu.name)
      throw new AnalysisError('design/schema', `transformDesign: numeric column ${nu.name} not found at index ${nu.index}`);
  for (const ca of design.categorical)
    if (frame.categorical[ca.index]?.name !== ca.name)
      throw new AnalysisError('design/schema', `transformDesign: categorical column ${ca.name} not found at index ${ca.index}`);
  if (into && into.length < n * d) throw new Error(`transformDesign: into has ${into.length} cells, ${n} x ${d} needed`);
  const X = into ? into.subarray(0, n * d).fill(0) : new Float64Array(n * d);
  let j = 0;
  for (const nu of design.numeric) {
    const v = frame.numeric[nu.index].values;
    for (let k = 0; k < n; k++) {
      const x = v[rows[k]];
      X[k * d + j] = Number.isFinite(x) ? (x - nu.mean) / nu.sd : 0;
    }
    j++;
    if (!nu.blank) continue;
    // the indicator; a column blank only outside the training rows has no mask entries to read
    const miss = frame.numeric[nu.index].missing;
    if (miss)
      for (let k = 0; k < n; k++)
        if (miss[rows[k]] === 1) {
          X[k * d + j] = 1;
          if (missingAsNaN) X[k * d + j - 1] = NaN;
        }
    j++;
  }
  for (const ca of design.categorical) {
    const col = frame.categorical[ca.index];
    const pos = new Int32Array(col.levels.length).fill(-1);
    ca.codes.forEach((c, t) => (pos[c] = t));
    const width = ca.codes.length + (ca.missing ? 1 : 0);
    for (let k = 0; k < n; k++) {
      const c = col.codes[rows[k]];
      if (c >= 0 && c < pos.length) {
        if (pos[c] >= 0) X[k * d + j + pos[c]] = 1;
      } else if (ca.missing) X[k * d + j + ca.codes.length] = 1;
    }
    j += width;
  }
  return { X: { n, d, data: X }, names: design.names.slice() };
}

/**
 * Keeps the source columns most related to a 0/1 target on `rows` (training rows only, so
 * held-out rows never influence the choice) until at most `maxColumns` design columns are
 * used: numeric columns by |correlation| with y, categorical ones by the correlation ratio
 * (eta, equal to |r| for two levels). Returns the design unchanged when it already fits.
 * Column and group order follow fitDesign's (numeric first), so the result is a Design like any other.
 */
export function screenDesign(design: Design, frame: CustomerFrame, rows: Int32Array, y: ArrayLike<number>, maxColumns: number): Design {
  if (design.d <= maxColumns) return design;
  const n = rows.length;
  let sy = 0;
  for (let k = 0; k < n; k++) sy += y[rows[k]];
  const ybar = sy / n;
  const vy = ybar * (1 - ybar);
  const score = (g: DesignGroup): number => {
    if (!(vy > 0)) return 0;
    if (g.kind === 'numeric') {
      const nu = design.numeric.find((x) => x.name === g.name)!;
      const v = frame.numeric[nu.index].values;
      let sxy = 0;
      let sxx = 0;
      for (let k = 0; k < n; k++) {
        const x = v[rows[k]];
        const z = Number.isFinite(x) ? x - nu.mean : 0;
        sxy += z * (y[rows[k]] - ybar);
        sxx += z * z;
      }
      return sxx > 0 ? Math.abs(sxy) / Math.sqrt(sxx * n * vy) : 0;
    }
    const ca = design.categorical.find((x) => x.name === g.name)!;
    const codes = frame.categorical[ca.index].codes;
    const L = frame.categorical[ca.index].levels.length;
    const cnt = new Float64Array(L + 1);
    const pos = new Float64Array(L + 1);
    for (let k = 0; k < n; k++) {
      const c = codes[rows[k]];
      const b = c >= 0 && c < L ? c : L;
      cnt[b]++;
      pos[b] += y[rows[k]];
    }
    let between = 0;
    for (let b = 0; b <= L; b++) if (cnt[b] > 0) {
        const m = pos[b] / cnt[b] - ybar;
        between += cnt[b] * m * m;
      }
    return Math.sqrt(between / (n * vy));
  };
  const scores = design.groups.map(score);
  const order = design.groups.map((_, t) => t).sort((a, b) => scores[b] - scores[a] || a - b);
  const keep = new Set<string>();
  let used = 0;
  for (const t of order) {
    const g = design.groups[t];
    if (used + g.count > maxColumns) continue;
    keep.add(g.name);
    used += g.count;
  }
  const numeric = design.numeric.filter((x) => keep.has(x.name));
  const categorical = design.categorical.filter((x) => keep.has(x.name));
  const groups: DesignGroup[] = [];
  const names: string[] = [];
  for (const g of design.groups) {
    if (!keep.has(g.name)) continue;
    groups.push({ ...g, start: names.length });
    names.push(...design.names.slice(g.start, g.start + g.count));
  }
  const dropped = design.groups.length - groups.length;
  const warnings: Warning[] = [
    ...design.warnings,
    {
      code: 'design/screened',
      message: `${design.groups.length.toLocaleString('en-US')} feature columns (${design.d.toLocaleString('en-US')} encoded) are more than the models use: the ${groups.length.toLocaleString('en-US')} most related to churn on the training rows were kept (${dropped.toLocaleString('en-US')} left out)`,
      count: dropped,
    },
  ];
  return { numeric, categorical, groups, names, d: names.length, warnings, version: 1 };
}

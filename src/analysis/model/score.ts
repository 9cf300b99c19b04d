/**
 * scoreFile(model, raw table) -> per-customer segment, calibrated churn probability, reasons
 * and lifetime value, with findings, using only what the saved model holds (no retraining).
 * The arithmetic is the analysis's own (the same design encoding, predict functions and Platt
 * map), so a saved model re-scores its training file with the same probabilities.
 */
import type { RawTable, Warning } from '../types';
import type { Design } from '../features/design';
import type { Matrix } from '../math/matrix';
import type { CustomerReasons } from '../churn/types';
import type { LogisticModel } from '../churn/models/logistic';
import { MODEL_SPECS, type ChurnModel } from '../churn/models/models';
import { applyPlatt } from '../churn/evaluation/calibration';
import { logisticReasons } from '../churn/explain/reasons';
import { expectedLifetime } from '../business/clv';
import { codeTarget } from '../data/targetCoding';
import { levelCounts } from '../data/infer';
import { decodeModel } from './codec';
import { readColumns, findColumn, type ReadColumns } from './columns';
import type { SavedDesign, SavedModel } from './types';
import { clvMethodOf, survivalValues, type ClvMethod } from './survivalModel';

/** Rows encoded at a time (bounds the design matrix's memory). */
const CHUNK = 50_000;

export interface Scored {
  n: number;
  ids: string[];
  /** segment id per customer; null without a segmentation */
  segment: Int32Array | null;
  probability: Float64Array | null;
  clv: Float64Array | null;
  /** how `clv` was computed, and the sentence that says so (survivalModel.ts) */
  clvMethod: { method: ClvMethod; text: string };
  /** from the scoring model when it is logistic, else from the logistic explainer (reasonsFrom says which) */
  reasons: CustomerReasons | null;
  reasonsFrom: string | null;
  /** the churn flag when the file has it: 1 / 0 / -1 (blank or unrecognised) */
  actual: Int8Array | null;
  columns: ReadColumns;
  findings: Warning[];
}

/** Design (features/design.ts) of a saved design, over a frame whose columns are in saved order. */
export function designOf(s: SavedDesign): Design {
  const groups: Design['groups'] = [];
  let j = 0;
  s.numeric.forEach((c) => {
    const count = c.blank ? 2 : 1;
    groups.push({ name: c.name, kind: 'numeric', start: j, count });
    j += count;
  });
  s.categorical.forEach((c) => {
    const count = c.levels.length + (c.missing ? 1 : 0);
    groups.push({ name: c.name, kind: 'categorical', start: j, count });
    j += count;
  });
  return {
    numeric: s.numeric.map((c, index) => ({ name: c.name, index, mean: c.mean, sd: c.sd, blank: c.blank === true })),
    categorical: s.categorical.map((c, index) => ({ name: c.name, index, codes: c.levels.map((_, k) => k), missing: c.missing })),
    groups,
    names: s.names.slice(),
    d: j,
    warnings: [],
    version: 1,
  };
}

/** Rows [a, b) encoded as in transformDesign: numeric (x - mean) / sd (then the "=(blank)" indicator, and NaN in the value
 *  with missingAsNaN), one-hot levels, a "(missing)" column; new levels all zeros. */
export function encodeRows(s: SavedDesign, cols: ReadColumns, a: number, b: number, missingAsNaN = false): Matrix {
  const d = s.names.length;
  const X = new Float64Array((b - a) * d);
  let j = 0;
  for (const c of s.numeric) {
    const v = cols.numeric.get(c.name)!;
    for (let i = a; i < b; i++) {
      const x = v[i];
      X[(i - a) * d + j] = Number.isFinite(x) ? (x - c.mean) / c.sd : 0;
    }
    j++;
    if (!c.blank) continue;
    const miss = cols.missing.get(c.name);
    if (miss)
      for (let i = a; i < b; i++)
        if (miss[i] === 1) {
          X[(i - a) * d + j] = 1;
          if (missingAsNaN) X[(i - a) * d + j - 1] = NaN;
        }
    j++;
  }
  for (const c of s.categorical) {
    const vals = cols.categorical.get(c.name)!;
    const pos = new Map(c.levels.map((l, k) => [l, k]));
    for (let i = a; i < b; i++) {
      const v = vals[i];
      if (v === null) {
        if (c.missing) X[(i - a) * d + j + c.levels.length] = 1;
      } else {
        const k = pos.get(v);
        if (k !== undefined) X[(i - a) * d + j + k] = 1;
      }
    }
    j += c.levels.length + (c.missing ? 1 : 0);
  }
  return { n: b - a, d, data: X };
}

/** Segment per row: the nearest centre (squared distance, first on ties) of the standardised features. */
export function assignSegments(seg: NonNullable<SavedModel['segmentation']>, cols: ReadColumns): Int32Array {
  const d = seg.features.length;
  const k = seg.centers.length / d;
  const feats = seg.features.map((f) => {
    const m = /^log1p\((.+)\)$/.exec(f);
    return { v: cols.numeric.get(m ? m[1] : f)!, log: !!m };
  });
  const out = new Int32Array(cols.n);
  const z = new Float64Array(d);
  for (let i = 0; i < cols.n; i++) {
    for (let j = 0; j < d; j++) {
      const x = feats[j].v[i];
      z[j] = ((feats[j].log ? Math.log1p(Math.max(0, x)) : x) - seg.mean[j]) / seg.sd[j];
    }
    let best = 0;
    let bestD = Infinity;
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let j = 0; j < d; j++) {
        const t = z[j] - seg.centers[c * d + j];
        s += t * t;
      }
      if (s < bestD) {
        bestD = s;
        best = c;
      }
    }
    out[i] = best;
  }
  return out;
}

/** Scores every row of `raw` with a saved model; `mapping` renames saved columns to this file's. */
export function scoreFile(model: SavedModel, raw: RawTable, mapping?: Record<string, string>): Scored {
  const cols = readColumns(model, raw, mapping);
  const n = cols.n;
  const findings = [...cols.findings];
  const idFinds: Warning[] = [];
  const idCol = model.roles.id ? findColumn(raw, model.roles.id, mapping, idFinds) : null;
  const ids = idCol ? Array.from(idCol.codes, (c) => idCol.levels[c]) : Array.from({ length: n }, (_, i) => String(i + 1));
  if (model.roles.id && !idCol) findings.push({ code: 'score/no-id', message: `The id column "${model.roles.id}" is not in this file: customers are numbered by row.`, count: n });
  newCategoryFindings(model, cols, findings);
  const segment = model.segmentation ? assignSegments(model.segmentation, cols) : null;
  let probability: Float64Array | null = null;
  let reasons: CustomerReasons | null = null;
  let reasonsFrom: string | null = null;
  const ch = model.churn;
  if (ch) {
    probability = new Float64Array(n);
    const members = ch.members.map((m) => ({ spec: MODEL_SPECS.find((s) => s.name === m.name)!, model: decodeModel<ChurnModel>(m.model), platt: m.platt }));
    const explainer = decodeModel<LogisticModel>(ch.explainer);
    const design = designOf(ch.design);
    const R = 3;
    reasons = { reasonsPerCustomer: R, reasonNames: [], reasonFeature: new Int16Array(n * R).fill(-1), reasonValue: new Float32Array(n * R) };
    for (let a = 0; a < n; a += CHUNK) {
      const b = Math.min(n, a + CHUNK);
      const X = encodeRows(ch.design, cols, a, b);
      const Xnan = members.some((m) => m.spec.missingAsNaN) ? encodeRows(ch.design, cols, a, b, true) : X;
      for (const m of members) {
        const raw = m.spec.predict(m.model, m.spec.missingAsNaN ? Xnan : X);
        const p = m.platt ? applyPlatt(m.platt, raw) : raw;
        for (let i = 0; i < p.length; i++) probability[a + i] += p[i] / members.length;
      }
      const r = logisticReasons(explainer, design, X, R);
      reasons.reasonNames = r.reasonNames;
      reasons.reasonFeature.set(r.reasonFeature, a * R);
      reasons.reasonValue.set(r.reasonValue, a * R);
    }
    reasonsFrom = ch.best === 'logistic' ? 'the scoring model (logistic regression)' : `the logistic model (the scoring model, ${ch.label}, has no per-column contributions in a saved model)`;
  }
  // each customer's own survival curve when the model keeps one (version 2), else one average hazard
  const clvMethod = clvMethodOf(model);
  const clv =
    clvMethod.method === 'survival-curves' ? survivalValues(model.survival!, cols, encodeRows)
    : clvMethod.method === 'average-hazard' ? lifetimeValues(model.clv!, cols.numeric.get(model.clv!.monthly)!, probability!, ch!.meanProbability)
    : null;
  let actual: Int8Array | null = null;
  const target = model.roles.target ? findColumn(raw, model.roles.target, mapping, findings) : null;
  if (target) actual = codeTarget(target, levelCounts(target)).y;
  return { n, ids, segment, probability, clv, clvMethod, reasons, reasonsFrom, actual, columns: cols, findings };
}

/** CLV_i = margin x max(0, monthly_i) x L(h_i), h_i = clamp(h x p_i / mean p) with the training mean p (business/clv.ts). */
export function lifetimeValues(c: NonNullable<SavedModel['clv']>, monthly: Float64Array, p: Float64Array, meanP: number): Float64Array {
  const out = new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) {
    const pi = Number.isFinite(p[i]) ? Math.min(1, Math.max(0, p[i])) : 0;
    const h = Math.min(c.hazardMax, Math.max(c.hazardMin, meanP > 0 ? (c.baseHazard * pi) / meanP : c.baseHazard));
    out[i] = c.margin * Math.max(0, monthly[i]) * (expectedLifetime(h, c.monthlyRate) ?? 0);
  }
  return out;
}

function newCategoryFindings(model: SavedModel, cols: ReadColumns, findings: Warning[]): void {
  const known = new Map<string, Set<string>>();
  for (const r of model.reference.features) if (r.kind === 'categorical') known.set(r.name, new Set(r.levels.slice(0, -2)));
  for (const [name, vals] of cols.categorical) {
    const k = known.get(name);
    if (!k || !cols.matched.has(name)) continue;
    const fresh = new Map<string, number>();
    const examples: number[] = [];
    for (let i = 0; i < vals.length; i++) {
      const v = vals[i];
      if (v !== null && !k.has(v)) {
        fresh.set(v, (fresh.get(v) ?? 0) + 1);
        if (examples.length < 5) examples.push(i + 1);
      }
    }
    if (fresh.size === 0) continue;
    const count = [...fresh.values()].reduce((s, x) => s + x, 0);
    const shown = [...fresh.keys()].slice(0, 3).map((v) => `"${v.slice(0, 30)}"`).join(', ');
    findings.push({ code: 'score/new-category', message: `${count} customer(s) have value(s) of "${name}" the model never saw (${shown}${fresh.size > 3 ? ', ...' : ''}): they get no weight for that column.`, count, column: name, examples });
  }
}

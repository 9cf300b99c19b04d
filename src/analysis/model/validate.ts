/**
 * The import door of a saved model: a type guard over parsed JSON that names the first field
 * that breaks the schema (types.ts), in words a user can act on. Inside, the model is trusted.
 */
import { MODEL_TYPE, MODEL_VERSION, MODEL_VERSIONS_READ, type SavedModel } from './types';

export type ParsedModel = { ok: true; model: SavedModel } | { ok: false; code: 'model-invalid' | 'model-version'; message: string };

type Check = (v: unknown, path: string) => string | null;
const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const num: Check = (v, p) => (typeof v === 'number' && Number.isFinite(v) ? null : `${p} must be a finite number`);
const str: Check = (v, p) => (typeof v === 'string' ? null : `${p} must be text`);
const bool: Check = (v, p) => (typeof v === 'boolean' ? null : `${p} must be true or false`);
const arr = (item: Check): Check => (v, p) => {
  if (!Array.isArray(v)) return `${p} must be a list`;
  for (let i = 0; i < v.length; i++) {
    const e = item(v[i], `${p}[${i}]`);
    if (e) return e;
  }
  return null;
};
const obj = (fields: Record<string, Check>, optional: string[] = []): Check => (v, p) => {
  if (!isObj(v)) return `${p} must be an object`;
  for (const [k, c] of Object.entries(fields)) {
    if (!(k in v) || v[k] === undefined) {
      if (optional.includes(k)) continue;
      return `${p}.${k} is missing`;
    }
    const e = c(v[k], `${p}.${k}`);
    if (e) return e;
  }
  return null;
};
const nullable = (c: Check): Check => (v, p) => (v === null ? null : c(v, p));
const oneOf = (...vals: string[]): Check => (v, p) => (typeof v === 'string' && vals.includes(v) ? null : `${p} must be one of ${vals.join(', ')}`);
const any: Check = (v, p) => (v === undefined ? `${p} is missing` : null);

const input = obj({ name: str, kind: oneOf('numeric', 'boolean', 'categorical'), decimal: oneOf('dot', 'comma'), impute: (v, p) => {
  if (!isObj(v)) return `${p} must be an object`;
  return v.kind === 'median' ? num(v.value, `${p}.value`) : v.kind === 'tenure-x-monthly' ? str(v.tenure, `${p}.tenure`) ?? str(v.monthly, `${p}.monthly`) : `${p}.kind must be median or tenure-x-monthly`;
} }, ['decimal', 'impute']);
const reference = (v: unknown, p: string) => (isObj(v) && v.kind === 'numeric'
  ? obj({ name: str, kind: str, edges: arr(num), shares: arr(num) })(v, p)
  : obj({ name: str, kind: oneOf('categorical'), levels: arr(str), shares: arr(num) })(v, p));
const design = obj({ numeric: arr(obj({ name: str, mean: num, sd: num, blank: bool }, ['blank'])), categorical: arr(obj({ name: str, levels: arr(str), missing: bool })), names: arr(str) });
const survival = obj({
  tenure: str, monthsPerUnit: num, monthly: str, design, beta: arr(num), mean: arr(num), scale: arr(num), times: arr(num), cumHazard: arr(num),
  capMonths: num, tailRate: num, tailHazardMin: num, hazardMin: num, months: num, margin: num, monthlyRate: num, currency: str,
}, ['currency']);
const SCHEMA = obj({
  type: str,
  version: num,
  createdAt: str,
  source: obj({ fileName: str, rows: num }),
  kind: oneOf('customers', 'transactions'),
  log: obj({
    churnWindowDays: num, features: arr(str),
    lifetime: nullable(obj({ bgnbd: obj({ r: num, alpha: num, a: num, b: num }), gammaGamma: nullable(obj({ p: num, q: num, gamma: num })) })),
  }),
  roles: (v, p) => (isObj(v) && Object.values(v).every((x) => typeof x === 'string') ? null : `${p} must map roles to column names`),
  inputs: arr(input),
  derived: arr(obj({ name: str, columns: arr(str), level: str })),
  segmentation: nullable(obj({ features: arr(str), mean: arr(num), sd: arr(num), centers: arr(num), names: arr(str) })),
  churn: nullable(obj({
    target: str, best: str, label: str,
    design,
    members: arr(obj({ name: oneOf('logistic', 'gbdt', 'forest', 'mlp'), model: any, platt: nullable(obj({ a: num, b: num })) })),
    explainer: any, meanProbability: num, cvRocAuc: (v, p) => (typeof v === 'number' || v === null ? null : `${p} must be a number`),
  })),
  clv: nullable(obj({ monthly: str, baseHazard: num, margin: num, monthlyRate: num, hazardMin: num, hazardMax: num, currency: str }, ['currency'])),
  survival: nullable(survival),
  reference: obj({ features: arr(reference), score: nullable(obj({ edges: arr(num), shares: arr(num) })) }),
}, ['log', 'survival']);

/** Checks parsed JSON against the saved-model schema; names the first field that breaks it. */
export function parseSavedModel(json: unknown): ParsedModel {
  if (!isObj(json) || json.type !== MODEL_TYPE)
    return { ok: false, code: 'model-invalid', message: 'This file is not a Retention Studio saved model (its "type" is not retention-studio/model).' };
  if (typeof json.version !== 'number' || !MODEL_VERSIONS_READ.includes(json.version))
    return { ok: false, code: 'model-version', message: `This saved model has version ${String(json.version)}; this app reads versions ${MODEL_VERSIONS_READ.join(' and ')} (the latest is ${MODEL_VERSION}).` };
  const err = SCHEMA(json, 'model');
  if (err) return { ok: false, code: 'model-invalid', message: `This saved model is damaged: ${err}.` };
  const m = json as unknown as SavedModel;
  if (m.kind === 'transactions' && !m.log) return { ok: false, code: 'model-invalid', message: 'This saved model is damaged: model.log is missing (a transaction-log model needs it).' };
  const seg = m.segmentation;
  if (seg && (seg.mean.length !== seg.features.length || seg.sd.length !== seg.features.length || seg.centers.length % Math.max(1, seg.features.length) !== 0))
    return { ok: false, code: 'model-invalid', message: 'This saved model is damaged: model.segmentation sizes do not match its features.' };
  const sv = m.survival;
  if (sv && (sv.mean.length !== sv.beta.length || sv.scale.length !== sv.beta.length || sv.design.names.length !== sv.beta.length || sv.times.length !== sv.cumHazard.length || sv.times.length === 0 || !(sv.months >= 1)))
    return { ok: false, code: 'model-invalid', message: 'This saved model is damaged: model.survival sizes do not match its design.' };
  return { ok: true, model: m };
}

/** A saved model from JSON text (a downloaded model.json). */
export function parseSavedModelText(text: string): ParsedModel {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, code: 'model-invalid', message: 'This file is not valid JSON, so it cannot be a saved model.' };
  }
  return parseSavedModel(json);
}

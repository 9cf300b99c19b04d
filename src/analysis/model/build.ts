/**
 * buildSavedModel: the fitted pipeline of one analysis as a SavedModel (types.ts). Built by
 * runAnalysis from the cleaned frame and the stages' fitted parts; plain JSON out.
 */
import type { ColumnInfo, CustomerFrame, Roles } from '../types';
import type { InferredColumn } from '../data/infer';
import type { SegmentationResult } from '../segment/types';
import type { ChurnResult } from '../churn/types';
import type { BusinessResult } from '../business/types';
import type { BusinessOptions } from '../types';
import { DEMOGRAPHIC } from '../data/clean';
import { monthlyDiscount } from '../business/options';
import { HAZARD_MAX, HAZARD_MIN } from '../business/clv';
import { encodeModel } from './codec';
import { MODEL_TYPE, MODEL_VERSION, type DerivedCount, type InputColumn, type Reference, type SavedChurn, type SavedModel } from './types';
import { baseName, numericReference, categoricalReference, scoreReference } from './reference';
import { logFeatureColumns } from './logFeatures';
import { featureColumn } from './featureColumns';
import type { LifetimeResult } from '../lifetime/index';
import type { SurvivalFit } from '../survival/run';
import { saveSurvival } from './survivalModel';
import { finiteOrder, medianOf, type FiniteOrder } from '../math/select';

export interface BuildInput {
  fileName: string;
  frame: CustomerFrame;
  roles: Roles;
  columns: ColumnInfo[];
  inferred: InferredColumn[];
  segmentation: SegmentationResult | null;
  churn: ChurnResult | null;
  business: BusinessResult | null;
  businessOptions: BusinessOptions;
  /** transaction logs: the churn window used and the lifetime stage's fits */
  log?: { churnWindowDays: number; lifetime: LifetimeResult | null };
  /** the survival stage's fit when the analysis valued customers from their curves */
  survival?: SurvivalFit | null;
}

const ROLE_KEYS = ['tenure', 'monthly', 'total'] as const;

/** The saved model of an analysis. A transaction log's model reads the per-customer table its
 *  log aggregates into (logFeatures.ts); null for a log without its churn window (b.log). */
export function buildSavedModel(b: BuildInput): SavedModel | null {
  const { frame, roles } = b;
  const isLog = frame.kind === 'transactions';
  if (isLog && !b.log) return null;
  const logColumns = isLog ? logFeatureColumns(frame) : [];
  const numericOf = (name: string): Float64Array | null => {
    const f = frame.numeric.find((c) => c.name === name);
    if (f) return f.values;
    const l = logColumns.find((c) => c.name === name);
    if (l) return l.values;
    for (const r of ROLE_KEYS) if (roles[r] === name && frame[r]) return frame[r];
    return null;
  };
  // each column's order statistics, selected once: its median (imputation) and deciles (reference)
  const orders = new Map<string, FiniteOrder>();
  const orderOf = (name: string): FiniteOrder => {
    let o = orders.get(name);
    if (!o) orders.set(name, (o = finiteOrder(numericOf(name)!)));
    return o;
  };
  const fitted = b.churn?.fitted ?? null;
  const seg = b.segmentation?.fitted ?? null;
  // every column something reads, in first-use order
  const numericNames: string[] = [];
  const categoricalNames: string[] = [];
  const addNum = (n: string) => numericNames.includes(n) || numericNames.push(n);
  const addCat = (n: string) => categoricalNames.includes(n) || categoricalNames.push(n);
  if (fitted) {
    fitted.design.numeric.forEach((c) => addNum(c.name));
    fitted.design.categorical.forEach((c) => addCat(c.name));
  }
  const segFeatures = seg ? seg.features.map((f) => featureColumn(f, frame.kind, roles)) : [];
  segFeatures.forEach((f) => addNum(baseName(f)));
  const clvOn = !!(fitted && frame.monthly && roles.monthly && b.business?.kpis.monthlyHazard.value != null);
  if (clvOn) addNum(roles.monthly!);
  const survival = b.business ? saveSurvival(b.survival ?? null, frame, roles, b.businessOptions) : null;
  if (survival) {
    survival.design.numeric.forEach((c) => addNum(c.name));
    survival.design.categorical.forEach((c) => addCat(c.name));
    addNum(survival.tenure);
    addNum(survival.monthly);
  }
  const derived: DerivedCount[] = [];
  if (numericNames.includes('ServicesCount') && !b.columns.some((c) => c.name === 'ServicesCount')) {
    const cols = frame.categorical.filter((c) => c.levels.includes('Yes') && !DEMOGRAPHIC.test(c.name)).map((c) => c.name);
    derived.push({ name: 'ServicesCount', columns: cols, level: 'Yes' });
    cols.forEach(addCat);
  }
  const isDerived = (n: string) => derived.some((d) => d.name === n);
  const typeOf = new Map(b.columns.map((c) => [c.name, c.type]));
  const decimalOf = new Map(b.inferred.map((c) => [c.name, c.decimal]));
  const inputs: InputColumn[] = [];
  for (const name of numericNames) {
    if (isDerived(name)) continue;
    if (typeOf.get(name) === 'boolean') {
      inputs.push({ name, kind: 'boolean' });
      continue;
    }
    const totalRule = name === roles.total && roles.tenure && roles.monthly && frame.tenure && frame.monthly;
    const impute: InputColumn['impute'] = totalRule
      ? { kind: 'tenure-x-monthly', tenure: roles.tenure!, monthly: roles.monthly! }
      : { kind: 'median', value: medianOf(orderOf(name)) };
    if (totalRule) {
      addNum(roles.tenure!);
      addNum(roles.monthly!);
    }
    inputs.push({ name, kind: 'numeric', decimal: decimalOf.get(name) ?? 'dot', impute });
  }
  // tenure / monthly added by the total rule come after it
  for (const name of numericNames)
    if (!inputs.some((i) => i.name === name) && !isDerived(name))
      inputs.push({ name, kind: 'numeric', decimal: decimalOf.get(name) ?? 'dot', impute: { kind: 'median', value: medianOf(orderOf(name)) } });
  for (const name of categoricalNames) inputs.push({ name, kind: 'categorical' });

  const features: Reference[] = [];
  for (const name of numericNames) features.push(numericReference(name, numericOf(name)!, orderOf(name)));
  for (const name of categoricalNames) {
    const c = frame.categorical.find((x) => x.name === name);
    if (c) features.push(categoricalReference(name, c.levels, c.codes));
  }

  let churn: SavedChurn | null = null;
  let meanP = 0;
  if (fitted && b.churn) {
    const d = fitted.design;
    const p = b.churn.probability;
    for (let i = 0; i < p.length; i++) meanP += Number.isFinite(p[i]) ? Math.min(1, Math.max(0, p[i])) : 0;
    meanP /= p.length;
    const report = b.churn.models.find((m) => m.name === b.churn!.best);
    churn = {
      target: b.churn.target,
      best: b.churn.best,
      label: report?.label ?? b.churn.best,
      design: {
        numeric: d.numeric.map((c) => ({ name: c.name, mean: c.mean, sd: c.sd, ...(c.blank ? { blank: true } : {}) })),
        categorical: d.categorical.map((c) => {
          const levels = frame.categorical.find((x) => x.name === c.name)!.levels;
          return { name: c.name, levels: c.codes.map((k) => levels[k]), missing: c.missing };
        }),
        names: d.names.slice(),
      },
      members: fitted.members.map((m) => ({ name: m.name, model: encodeModel(m.model), platt: m.platt ? { a: m.platt.a, b: m.platt.b } : null })),
      explainer: encodeModel(fitted.explainer),
      meanProbability: meanP,
      cvRocAuc: report?.oofRocAuc ?? report?.cvRocAuc.mean ?? NaN,
    };
  }
  return {
    type: MODEL_TYPE,
    version: MODEL_VERSION,
    createdAt: new Date().toISOString(),
    source: { fileName: b.fileName, rows: frame.n },
    kind: isLog ? 'transactions' : 'customers',
    ...(isLog ? { log: logOf(b.log!, logColumns.map((c) => c.name)) } : {}),
    roles: { ...roles },
    inputs,
    derived,
    segmentation: seg && b.segmentation
      ? { features: segFeatures, mean: Array.from(seg.mean), sd: Array.from(seg.sd), centers: Array.from(seg.centers), names: b.segmentation.segments.map((s) => s.name) }
      : null,
    churn,
    // the average-hazard CLV (base hazard x p / mean p): scoring's fallback when `survival` is null
    clv: clvOn
      ? {
          monthly: roles.monthly!,
          baseHazard: b.business!.kpis.monthlyHazard.value!,
          margin: b.businessOptions.margin,
          monthlyRate: monthlyDiscount(b.businessOptions.discountRate),
          hazardMin: HAZARD_MIN,
          hazardMax: HAZARD_MAX,
          currency: b.businessOptions.currency,
        }
      : null,
    survival,
    reference: { features, score: b.churn ? scoreReference(b.churn.probability) : null },
  };
}

/** The log part of a transaction-log model: window, table columns, lifetime parameters. */
function logOf(l: NonNullable<BuildInput['log']>, features: string[]): NonNullable<SavedModel['log']> {
  const bg = l.lifetime?.model?.params;
  const gg = l.lifetime?.spend?.model?.params;
  return {
    churnWindowDays: l.churnWindowDays,
    features,
    lifetime: bg ? { bgnbd: { r: bg.r, alpha: bg.alpha, a: bg.a, b: bg.b }, gammaGamma: gg ? { p: gg.p, q: gg.q, gamma: gg.gamma } : null } : null,
  };
}

/**
 * The check an imported analysis (a dropped .json, or the data inside an exported .html report)
 * passes before anything is shown or saved: a valibot schema of the parts the dashboard reads,
 * then the cross-field rules a schema cannot state (every per-customer array has one entry per
 * customer, labels name existing segments, probabilities are probabilities). A crafted file gets
 * a message naming the first problem; nothing of it is kept.
 */
import * as v from 'valibot';
import type { AnalysisResult } from '../analysis/result';
import { isCurrencyCode } from '../analysis/format';
import { contactReachOf } from '../analysis/headlines';

const num = v.pipe(v.number(), v.finite());
const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const rate = v.nullable(v.pipe(v.number(), v.minValue(0), v.maxValue(1)));
const text = v.string();
const typed = <T>(ctor: new (...a: never[]) => T) => v.instance(ctor);
const warning = v.looseObject({ code: text, message: text });

const segment = v.looseObject({ id: count, name: text, description: text, size: count, share: num, revenueShare: v.nullable(num), churnRate: rate });
const segmentation = v.looseObject({
  k: v.pipe(count, v.minValue(1)),
  silhouette: v.nullable(num),
  features: v.array(text),
  segments: v.array(segment),
  labels: typed(Int32Array),
  outlier: typed(Uint8Array),
  pca: v.looseObject({ x: typed(Float32Array), y: typed(Float32Array), index: typed(Int32Array) }),
  warnings: v.array(warning),
});
const model = v.looseObject({ name: text });
const churn = v.looseObject({
  target: text,
  positiveRate: rate,
  models: v.array(model),
  best: text,
  probability: typed(Float64Array),
  oof: typed(Float64Array),
  reasons: v.looseObject({}),
  warnings: v.array(warning),
});
const business = v.looseObject({
  active: typed(Uint8Array),
  probability: v.nullable(typed(Float64Array)),
  money: v.boolean(),
  callOrder: typed(Int32Array),
  kpis: v.looseObject({}),
  survival: v.array(v.looseObject({ group: text, times: v.array(num), survival: v.array(v.nullable(num)) })),
  priorities: v.array(v.looseObject({ id: text })),
  recommendations: v.array(v.looseObject({ segment: text })),
  insights: v.array(v.looseObject({})),
  clv: typed(Float64Array),
});

export const AnalysisSchema = v.looseObject({
  type: v.literal('retention-studio/analysis'),
  version: v.pipe(count, v.minValue(1)),
  createdAt: text,
  fileName: text,
  rows: count,
  inputRows: count,
  kind: v.picklist(['customers', 'transactions']),
  roles: v.looseObject({}),
  columns: v.array(v.looseObject({ name: text, type: text })),
  warnings: v.array(warning),
  backend: text,
  timingsMs: v.record(v.string(), num),
  options: v.looseObject({}),
  ids: v.array(text),
  segmentation: v.nullable(segmentation),
  churn: v.nullable(churn),
  business: v.nullable(business),
  currency: v.pipe(v.string(), v.check(isCurrencyCode, 'must be a currency code such as EUR')),
});

export type ImportCheck = { ok: true; result: AnalysisResult } | { ok: false; message: string };

const where = (issue: v.BaseIssue<unknown>) => (issue.path ?? []).map((p) => String(p.key)).join('.') || 'the file';

/** Checks a parsed value; the message names the first problem in words. */
export function checkAnalysis(value: unknown): ImportCheck {
  const parsed = v.safeParse(AnalysisSchema, value);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    return { ok: false, message: `it is not a complete Retention Studio analysis (${where(issue)}: ${issue.message})` };
  }
  const r = parsed.output;
  const n = r.rows;
  const perCustomer: [string, { length: number } | null | undefined][] = [
    ['ids', r.ids],
    ['segmentation.labels', r.segmentation?.labels], ['segmentation.outlier', r.segmentation?.outlier],
    ['churn.probability', r.churn?.probability], ['churn.oof', r.churn?.oof],
    ['business.active', r.business?.active], ['business.probability', r.business?.probability], ['business.clv', r.business?.clv],
  ];
  for (const [name, arr] of perCustomer)
    if (arr && arr.length !== n) return { ok: false, message: `its ${name} has ${arr.length} entries for ${n} customers` };
  if (r.segmentation) {
    const { k, labels } = r.segmentation;
    if (labels.some((l: number) => l < -1 || l >= k)) return { ok: false, message: `its segment labels name segments beyond the ${k} it has` };
  }
  if (r.churn && r.churn.probability.some((p: number) => !(p >= 0 && p <= 1))) return { ok: false, message: 'its churn probabilities are not all between 0 and 1' };
  if (r.business && r.business.callOrder.some((i: number) => i < 0 || i >= n)) return { ok: false, message: 'its call list names customers it does not have' };
  // the headline's reach is recomputed from the file's own scores and labels (headlines.ts), not taken from it
  const result = value as AnalysisResult;
  if (result.churn) {
    const y = result.churn.actual;
    result.churn.contactReach = contactReachOf(result.churn.oof, y && y.length === n ? y : null);
  }
  return { ok: true, result };
}

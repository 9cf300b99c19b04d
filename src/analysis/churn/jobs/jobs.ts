/**
 * The churn stage's units of work, each a pure function of (plan, job): one model on one
 * cross-validation fold, or one model's final refit on all rows. Every random draw is seeded
 * by the model and the fold alone, so a job gives the same bits whichever worker runs it
 * and whichever other models are selected.
 */
import type { Warning } from '../../types';
import { fitDesign, screenDesign, transformDesign, type Design } from '../../features/design';
import { mulberry32, sampleIndices } from '../../random';
import { permutationImportance } from '../explain/importance';
import { rocAuc } from '../evaluation/metrics';
import { splitFold } from '../evaluation/folds';
import { MODEL_NAMES, MODEL_SPECS, modelSettings, type ChurnModel, type ModelSpec } from '../models/models';
import type { ChurnPlan } from './plan';
import type { CustomerReasons } from '../types';
import type { LogisticModel } from '../models/logistic';
import { logisticReasons } from '../explain/reasons';
import { logisticOddsRatios } from '../models/logisticTerms';

/** Held-out rows used for permutation importance per fold. */
export const IMPORTANCE_ROWS = 500;
/** Rows encoded and scored at a time (bounds the memory of the design matrix). */
export const PREDICT_CHUNK = 50_000;
/** Design columns the models use at most: wider tables keep the source columns most related
 *  to churn on each training fold (univariate screening, fitted on training rows only). */
export const MAX_DESIGN_COLUMNS = 200;
/** Up to this many rows, tree models that score customers attribute each score (reasons from the scoring
 *  model, treePaths.ts: TreeSHAP within its budget, else the decision-path walk); above it, reasons come from the
 *  logistic model. Measured in the browser for the path walk: +0.2 s at 7,043 rows, +3.5 s at 70,430
 *  (10.3 -> 13.8 s), +14 s and ~200 MB at 704,300. */
export const PATH_REASONS_MAX_ROWS = 20_000;
/** Per-customer reasons kept. */
export const REASONS = 3;

export type { PathPoints } from './treePaths';

export type ModelName = ModelSpec['name'];
/** importanceLater: the CV job leaves its permutation importance for later (laterImportance) and returns its fold model */
export type ChurnJob = { kind: 'cv'; model: ModelName; fold: number; importanceLater?: true } | { kind: 'final'; model: ModelName };

export interface CvJobResult {
  kind: 'cv';
  model: ModelName;
  fold: number;
  /** held-out scores, in the order of the fold's test rows (ascending row index) */
  p: Float64Array;
  auc: number;
  /** AUC drop per source column (design group name); empty until laterImportance fills it when the job had importanceLater */
  importance: { feature: string; value: number }[];
  /** the fold's model, while its importance is left for later (ChurnJob importanceLater) */
  foldModel?: ChurnModel;
  fitMs: number;
  /** the fold's design warnings */
  designWarnings: Warning[];
  /** the settings the model used or chose on this fold's training rows (models.ts modelSettings) */
  settings: Record<string, number> | null;
  /** wall time of the whole job in the worker that ran it (design, fit, scores, importance) */
  ms: number;
}

export interface FinalJobResult {
  kind: 'final';
  model: ModelName;
  /** uncalibrated probability for every row */
  raw: Float64Array;
  /** wall time of the whole job in the worker that ran it */
  ms: number;
  /** logistic only: the model, per-customer reasons and its odds ratios (largest effect first) */
  logistic?: { model: LogisticModel; reasons: CustomerReasons; oddsRatios: { feature: string; oddsRatio: number }[] };
  /** the fitted model and its design, for the saved model (model/) */
  fitted: { model: ChurnModel; design: Design };
}

export type JobResult = CvJobResult | FinalJobResult;

/** rows[idx[t]] for each t. */
export function pick(rows: Int32Array, idx: Int32Array): Int32Array {
  return Int32Array.from(idx, (t) => rows[t]);
}

/** A seed from the run seed, the model (its fixed registry position, not its position among the selected models) and a slot. */
export function jobSeed(seed: number, model: ModelName, slot: number): number {
  return (Math.imul(seed + 1, 0x9e3779b1) ^ Math.imul(MODEL_NAMES.indexOf(model) + 1, 0x85ebca77) ^ Math.imul(slot + 1, 0xc2b2ae3d)) >>> 0;
}

/** One buffer for a job's scoring chunks (PREDICT_CHUNK rows of d columns, fewer when n is smaller),
 *  reused chunk after chunk: a 704,300-row refit otherwise leaves 15 x 18 MB of encoded rows behind,
 *  which a browser worker frees only at its next full GC (issue 19's 100x memory peak). */
const chunkBuffer = (n: number, d: number): Float64Array => new Float64Array(Math.min(n, PREDICT_CHUNK) * d);

/** Per-worker cache of what several jobs of one plan share (fold designs). */
export interface JobCache {
  designs: Map<number, Design>;
}
export const newJobCache = (): JobCache => ({ designs: new Map() });

function designFor(plan: ChurnPlan, cache: JobCache, key: number, rows: () => Int32Array): Design {
  let d = cache.designs.get(key);
  if (!d) {
    const r = rows();
    d = screenDesign(fitDesign(plan.frame, r), plan.frame, r, plan.y, MAX_DESIGN_COLUMNS);
    cache.designs.set(key, d);
  }
  return d;
}

/** Runs one job of a plan. */
export async function runJob(plan: ChurnPlan, job: ChurnJob, cache: JobCache = newJobCache()): Promise<JobResult> {
  const spec = MODEL_SPECS.find((s) => s.name === job.model)!;
  const t0 = performance.now();
  const r: JobResult = job.kind === 'cv' ? await cvJob(plan, spec, job.fold, cache, job.importanceLater === true) : await finalJob(plan, spec, cache);
  r.ms = performance.now() - t0;
  return r;
}

async function cvJob(plan: ChurnPlan, spec: ModelSpec, f: number, cache: JobCache, importanceLater: boolean): Promise<CvJobResult> {
  const { frame, y, seed } = plan;
  const { train, test } = splitFold(plan.fold, f);
  const design = designFor(plan, cache, f, () => train);
  // only the training rows this model uses are encoded (bounded memory on big files)
  const cap = spec.maxTrain ?? Infinity;
  const pool = train.length > cap ? pick(train, sampleIndices(train.length, cap, mulberry32(jobSeed(seed, spec.name, 2 * f)))) : train;
  const nan = spec.missingAsNaN === true;
  const X = transformDesign(design, frame, pool, nan).X;
  const ytr = Uint8Array.from(pool, (r) => y[r]);
  const t0 = performance.now();
  const model = await spec.fit(X, ytr, seed + 1000 * (f + 1), design.groups, plan.tune);
  const fitMs = performance.now() - t0;
  const p = new Float64Array(test.length);
  const chunk = chunkBuffer(test.length, design.d);
  for (let a = 0; a < test.length; a += PREDICT_CHUNK) p.set(spec.predict(model, transformDesign(design, frame, test.subarray(a, a + PREDICT_CHUNK), nan, chunk).X), a);
  const yte = Uint8Array.from(test, (r) => y[r]);
  const base = { kind: 'cv' as const, model: spec.name, fold: f, p, auc: rocAuc(p, yte), fitMs, ms: 0, designWarnings: design.warnings, settings: modelSettings(model) };
  if (importanceLater) return { ...base, importance: [], foldModel: model };
  return { ...base, importance: foldImportance(plan, spec, f, design, model, test, p) };
}

/** The permutation importance of a CV job run with importanceLater, from its fold model: the same
 *  bits as inside the job (the fold's design is rebuilt where this thread did not run the fold). */
export function laterImportance(plan: ChurnPlan, r: CvJobResult, cache: JobCache): CvJobResult['importance'] {
  const spec = MODEL_SPECS.find((s) => s.name === r.model)!;
  const { train, test } = splitFold(plan.fold, r.fold);
  return foldImportance(plan, spec, r.fold, designFor(plan, cache, r.fold, () => train), r.foldModel!, test, r.p);
}

/** AUC drop per source column on IMPORTANCE_ROWS of the fold's test rows (`p`: their held-out scores). */
function foldImportance(plan: ChurnPlan, spec: ModelSpec, f: number, design: Design, model: ChurnModel, test: Int32Array, p: Float64Array): CvJobResult['importance'] {
  const { frame, y, seed } = plan;
  // importance rows depend on the fold only; the shuffles on the model and the fold
  const impRows = sampleIndices(test.length, IMPORTANCE_ROWS, mulberry32(seed * 31 + f));
  const Ximp = transformDesign(design, frame, pick(test, impRows), spec.missingAsNaN === true).X;
  const yimp = Uint8Array.from(impRows, (r) => y[test[r]]);
  const pimp = Float64Array.from(impRows, (r) => p[r]);
  const drops = permutationImportance((Xq) => spec.predict(model, Xq), Ximp, yimp, design.groups, mulberry32(jobSeed(seed, spec.name, 2 * f + 1)), pimp);
  return design.groups.map((g, t) => ({ feature: g.name, value: drops[t] }));
}

async function finalJob(plan: ChurnPlan, spec: ModelSpec, cache: JobCache): Promise<FinalJobResult> {
  const { frame, y, seed } = plan;
  const n = frame.n;
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const design = designFor(plan, cache, -1, () => all);
  const cap = spec.maxTrain ?? Infinity;
  const pool = n > cap ? sampleIndices(n, cap, mulberry32(jobSeed(seed, spec.name, 7919))) : all;
  const nan = spec.missingAsNaN === true;
  const model = await spec.fit(transformDesign(design, frame, pool, nan).X, Uint8Array.from(pool, (r) => y[r]), seed, design.groups, plan.tune);
  const raw = new Float64Array(n);
  const isLogistic = spec.name === 'logistic';
  const R = REASONS;
  const reasons: CustomerReasons = { reasonsPerCustomer: R, reasonNames: [], reasonFeature: new Int16Array(isLogistic ? n * R : 0), reasonValue: new Float32Array(isLogistic ? n * R : 0) };
  const chunk = chunkBuffer(n, design.d);
  for (let a = 0; a < n; a += PREDICT_CHUNK) {
    const Xc = transformDesign(design, frame, all.subarray(a, a + PREDICT_CHUNK), nan, chunk).X;
    raw.set(spec.predict(model, Xc), a);
    if (isLogistic) {
      const r = logisticReasons(model as LogisticModel, design, Xc, R);
      reasons.reasonNames = r.reasonNames;
      reasons.reasonFeature.set(r.reasonFeature, a * R);
      reasons.reasonValue.set(r.reasonValue, a * R);
    }
  }
  const fitted = { model, design };
  if (!isLogistic) return { kind: 'final', model: spec.name, raw, ms: 0, fitted };
  const oddsRatios = logisticOddsRatios(model as LogisticModel, design.names, design.groups);
  return { kind: 'final', model: spec.name, raw, ms: 0, fitted, logistic: { model: model as LogisticModel, reasons, oddsRatios } };
}

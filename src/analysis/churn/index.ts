/**
 * Churn stage entry point: cross-validated logistic, gradient-boosted, random-forest and
 * neural models, out-of-fold metrics, calibration, profit threshold, explanations, and
 * final models refit on all rows to score every customer.
 */
import type { CustomerFrame, OnProgress, Warning } from '../types';
import type { ChurnResult, CustomerReasons, ModelReport } from './types';
import { AnalysisError } from '../errors';
import { fitDesign, transformDesign } from '../features/design';
import { applyPlatt, crossFitPlatt, fitPlatt, reliabilityBins } from './calibration';
import { crossValidate, PREDICT_CHUNK } from './cv';
import { stratifiedFolds } from './folds';
import { dropLeaks } from './leakage';
import { fitLogistic, type LogisticModel } from './logistic';
import { brier, confusionAt, logLoss, meanSd, prAuc, prCurve, rocAuc, rocCurve, topLift } from './metrics';
import { capRows, MODEL_NAMES, MODEL_SPECS, type ChurnModel } from './models';
import { mulberry32, sampleIndices } from '../random';
import { logisticReasons } from './reasons';
import { f1Threshold, profitThreshold, type Economics } from './threshold';

export type { Economics } from './threshold';
export { MODEL_NAMES } from './models';

export interface ChurnOptions {
  seed: number;
  /** CV folds (default 5) */
  folds?: number;
  /** model names (default all: logistic, gbdt, forest, mlp) */
  models?: string[];
  /** campaign economics for the profit threshold (default: max-F1 threshold) */
  economics?: Economics;
}

/** Runs the churn stage on a frame with a target; progress per model fold. */
export async function runChurn(frame: CustomerFrame, opts: ChurnOptions, onProgress?: OnProgress): Promise<ChurnResult> {
  const { y } = frame;
  if (!y) throw new AnalysisError('churn/no-target', 'churn: the table has no churn column (target)');
  if (y.length !== frame.n) throw new AnalysisError('churn/bad-shape', `churn: target length ${y.length} must equal n=${frame.n}`);
  let pos = 0;
  for (let i = 0; i < y.length; i++) pos += y[i] ? 1 : 0;
  if (pos === 0 || pos === frame.n)
    throw new AnalysisError('churn/single-class', `churn: every customer has churn=${pos ? 1 : 0}; both churners and stayers are needed`);
  const yy = Uint8Array.from(y, (v) => (v ? 1 : 0));
  const warnings: Warning[] = [];
  let k = opts.folds ?? 5;
  if (!Number.isInteger(k) || k < 2) throw new AnalysisError('churn/bad-folds', `churn: folds=${k} must be an integer >= 2`);
  const minority = Math.min(pos, frame.n - pos);
  if (minority < 2) throw new AnalysisError('churn/too-few', `churn: only ${minority} customer(s) in the smaller class; at least 2 are needed`);
  if (minority < k) {
    warnings.push({ code: 'churn/fewer-folds', message: `Only ${minority} customers in the smaller class: cross-validation uses ${minority} folds instead of ${k}`, count: minority });
    k = minority;
  }
  const names = opts.models ?? MODEL_NAMES;
  for (const m of names)
    if (!MODEL_NAMES.includes(m as never)) throw new AnalysisError('churn/unknown-model', `churn: model "${m}" is not one of ${MODEL_NAMES.join(', ')}`);
  if (names.length === 0) throw new AnalysisError('churn/unknown-model', 'churn: models must not be empty');
  const specs = MODEL_SPECS.filter((s) => names.includes(s.name));
  const econ = opts.economics;
  if (econ?.value && econ.value.length !== frame.n)
    throw new AnalysisError('churn/bad-shape', `churn: economics.value length ${econ.value.length} must equal n=${frame.n}`);

  const screened = dropLeaks(frame, yy);
  warnings.push(...screened.warnings);
  const fr = screened.frame;
  const all = Int32Array.from({ length: fr.n }, (_, i) => i);
  const fullDesign = fitDesign(fr, all);
  if (fullDesign.d === 0) throw new AnalysisError('churn/no-features', 'churn: no usable feature columns are left');

  const totalSteps = k * specs.length + specs.length + 1;
  let step = 0;
  const progress = (detail: string) => onProgress?.({ stage: 'churn', fraction: Math.min(1, ++step / totalSteps), detail });
  const fold = stratifiedFolds(yy, k, opts.seed);
  const cv = await crossValidate(fr, yy, specs, fold, k, opts.seed, progress, warnings);

  // calibration: cross-fitted Platt scaling, kept only where it lowers the Brier score
  const platt = specs.map((_, s) => {
    const cal = crossFitPlatt(cv[s].oof, yy, fold, k);
    return brier(cal, yy) < brier(cv[s].oof, yy) - 1e-5 ? { oof: cal, map: fitPlatt(cv[s].oof, yy) } : null;
  });
  const oofs = specs.map((_, s) => platt[s]?.oof ?? cv[s].oof);
  const useProfit = !!(econ && econ.value);
  if (econ && !econ.value)
    warnings.push({ code: 'churn/no-value', message: 'No customer value is known: the threshold maximises F1 instead of campaign profit', count: 1 });
  const report = (name: string, label: string, p: Float64Array, foldAuc: number[], importance: ModelReport['importance'], fitMs: number, calibrated: boolean): ModelReport => {
    let threshold = f1Threshold(p, yy);
    if (useProfit) {
      const t = profitThreshold(p, yy, econ as Economics & { value: Float64Array });
      if (t.profit > 0) threshold = t.threshold;
    }
    const c = confusionAt(p, yy, threshold);
    return {
      name, label, cvRocAuc: { ...meanSd(foldAuc), folds: foldAuc }, prAuc: prAuc(p, yy),
      precision: c.precision, recall: c.recall, f1: c.f1, accuracy: c.accuracy,
      brier: brier(p, yy), logLoss: logLoss(p, yy), topDecileLift: topLift(p, yy), threshold, importance,
      roc: rocCurve(p, yy), pr: prCurve(p, yy), fitMs, oofRocAuc: rocAuc(p, yy), calibrated,
    };
  };
  const models = specs.map((s, i) => report(s.name, s.label, oofs[i], cv[i].foldAuc, cv[i].importance, cv[i].fitMs, !!platt[i]));
  const order = models.map((_, i) => i).sort((a, b) => models[b].cvRocAuc.mean - models[a].cvRocAuc.mean);
  let best = models[order[0]].name;
  let bestOof = oofs[order[0]];
  let ensembleOf: number[] = [order[0]];
  if (order.length >= 2) {
    const [a, b] = order;
    const avg = oofs[a].map((v, i) => (v + oofs[b][i]) / 2);
    const foldAuc = Array.from({ length: k }, (_, f) => {
      const idx = fold.reduce<number[]>((acc, g, i) => (g === f && acc.push(i), acc), []);
      return rocAuc(idx.map((i) => avg[i]), idx.map((i) => yy[i]));
    });
    if (meanSd(foldAuc).mean > models[a].cvRocAuc.mean) {
      // permutation importance of the average is approximated by the average of the two
      const imp = new Map<string, number>();
      for (const m of [models[a], models[b]]) for (const { feature, value } of m.importance) imp.set(feature, (imp.get(feature) ?? 0) + value / 2);
      const importance = [...imp].map(([feature, value]) => ({ feature, value })).sort((x, y) => y.value - x.value);
      models.push(report('ensemble', `Average of ${models[a].label} and ${models[b].label}`, avg, foldAuc, importance, models[a].fitMs + models[b].fitMs, models[a].calibrated! || models[b].calibrated!));
      best = 'ensemble';
      bestOof = avg;
      ensembleOf = [a, b];
    }
  }

  // final models on all rows (or a seeded sample, for models with a row cap): score every customer
  const d = fullDesign.d;
  const logisticSpec = MODEL_SPECS.find((s) => s.name === 'logistic')!;
  const cap = Math.max(...specs.map((s) => s.maxTrain ?? Infinity), logisticSpec.maxTrain ?? Infinity);
  const pool = fr.n > cap ? sampleIndices(fr.n, cap, mulberry32(opts.seed + 7919)) : all;
  const Xpool = transformDesign(fullDesign, fr, pool).X;
  const ypool = pool === all ? yy : Uint8Array.from(pool, (r) => yy[r]);
  const fitted: { s: number; model: ChurnModel }[] = [];
  let finalLogistic: LogisticModel | null = null;
  for (let s = 0; s < specs.length; s++) {
    if (!ensembleOf.includes(s) && specs[s].name !== 'logistic') { progress(`${specs[s].name} final (skipped)`); continue; }
    const sample = capRows(Xpool, ypool, d, specs[s].maxTrain, mulberry32(opts.seed + 7));
    const model = await specs[s].fit(sample.X, sample.y, d, opts.seed);
    if (specs[s].name === 'logistic') finalLogistic = model as LogisticModel;
    if (ensembleOf.includes(s)) fitted.push({ s, model });
    progress(`${specs[s].name} final`);
  }
  // explanations always come from a logistic model (fitted here if not among the models)
  if (!finalLogistic) {
    const sample = capRows(Xpool, ypool, d, logisticSpec.maxTrain, mulberry32(opts.seed + 7));
    finalLogistic = await fitLogistic(sample.X, sample.y, d);
  }
  const probability = new Float64Array(fr.n);
  const R = 3;
  const reasons: CustomerReasons = { reasonsPerCustomer: R, reasonNames: [], reasonFeature: new Int16Array(fr.n * R), reasonValue: new Float32Array(fr.n * R) };
  for (let a = 0; a < fr.n; a += PREDICT_CHUNK) {
    const Xc = pool === all && fr.n <= PREDICT_CHUNK ? Xpool : transformDesign(fullDesign, fr, all.subarray(a, a + PREDICT_CHUNK)).X;
    for (const { s, model } of fitted) {
      const raw = specs[s].predict(model, Xc);
      const p = platt[s] ? applyPlatt(platt[s]!.map, raw) : raw;
      for (let i = 0; i < p.length; i++) probability[a + i] += p[i] / fitted.length;
    }
    const r = logisticReasons(finalLogistic, fullDesign, Xc, R);
    reasons.reasonNames = r.reasonNames;
    reasons.reasonFeature.set(r.reasonFeature, a * R);
    reasons.reasonValue.set(r.reasonValue, a * R);
  }
  if (best !== 'logistic')
    warnings.push({ code: 'churn/reasons-logistic', message: 'Per-customer reasons come from the logistic model (contributions of each column), while scores come from the best model', count: fr.n });
  const oddsRatios = fullDesign.names
    .map((name, j) => ({ feature: fullDesign.groups.find((g) => g.start === j && g.kind === 'numeric') ? `${name} (per 1 SD)` : name, oddsRatio: Math.exp(finalLogistic!.coef[j] / finalLogistic!.sd[j]) }))
    .sort((a, b) => Math.abs(Math.log(b.oddsRatio)) - Math.abs(Math.log(a.oddsRatio)));
  progress('done');
  return {
    target: frame.targetName ?? 'churn',
    positiveRate: pos / frame.n,
    folds: k,
    models,
    best,
    calibration: reliabilityBins(bestOof, yy),
    oddsRatios,
    probability,
    oof: bestOof,
    reasons,
    warnings,
  };
}


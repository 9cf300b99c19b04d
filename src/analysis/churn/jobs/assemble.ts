/**
 * Builds the ChurnResult from the jobs' results, in one place: out-of-fold scores per model,
 * cross-fitted Platt calibration, metrics, profit threshold, the two-model average, and the
 * final scores and explanations. Pure over the job results (their arrival order is irrelevant).
 */
import type { Warning } from '../../types';
import type { ChurnResult, CustomerReasons, ModelReport } from '../types';
import type { ChurnPlan } from './plan';
import { PATH_REASONS_MAX_ROWS, REASONS, type CvJobResult, type FinalJobResult, type ModelName } from './jobs';
import { attributes, treePaths, type PathPoints } from './treePaths';
import { pickTopReasons } from '../explain/reasons';
import { applyPlatt, crossFitPlatt, fitPlattOn, reliabilityBins, type Platt } from '../evaluation/calibration';
import { brier, confusionAt, logLoss, meanSd, orderDesc, prAuc, prCurve, rocAuc, rocCurve, topLift } from '../evaluation/metrics';
import { f1Threshold, profitThreshold, type Economics } from '../evaluation/threshold';
import { subsampleWarning } from '../models/models';

/** Per-model cross-validation summary. */
export interface CvSummary {
  oof: Float64Array;
  foldAuc: number[];
  importance: { feature: string; value: number }[];
  fitMs: number;
  /** per fold, the settings the model used or chose there */
  settings: (Record<string, number> | null)[];
}

/** Gathers the k fold jobs of one model (importances averaged over folds, in fold order). */
export function summarizeCv(plan: ChurnPlan, jobs: CvJobResult[]): CvSummary {
  const { fold, k } = plan;
  const oof = new Float64Array(plan.frame.n);
  const byFold = [...jobs].sort((a, b) => a.fold - b.fold);
  let fitMs = 0;
  for (const j of byFold) {
    for (let i = 0, t = 0; i < fold.length; i++) if (fold[i] === j.fold) oof[i] = j.p[t++];
    fitMs += j.fitMs;
  }
  return {
    oof,
    foldAuc: byFold.map((j) => j.auc),
    importance: foldMeanImportance(plan, jobs),
    fitMs: fitMs / k,
    settings: byFold.map((j) => j.settings),
  };
}

/** One model's importance: the mean over its k fold jobs (in fold order), largest first. */
export function foldMeanImportance(plan: Pick<ChurnPlan, 'k'>, jobs: CvJobResult[]): Importance {
  const imp = new Map<string, number>();
  for (const j of [...jobs].sort((a, b) => a.fold - b.fold)) for (const { feature, value } of j.importance) imp.set(feature, (imp.get(feature) ?? 0) + value / plan.k);
  return [...imp].map(([feature, value]) => ({ feature, value })).sort((a, b) => b.value - a.value);
}

/** The two-model average's importance: permutation importance of the average is approximated by the average of the two. */
export function averageImportance(a: Importance, b: Importance): Importance {
  const imp = new Map<string, number>();
  for (const m of [a, b]) for (const { feature, value } of m) imp.set(feature, (imp.get(feature) ?? 0) + value / 2);
  return [...imp].map(([feature, value]) => ({ feature, value })).sort((x, y) => y.value - x.value);
}

type Importance = ModelReport['importance'];

export interface Scored {
  models: ModelReport[];
  best: string;
  bestOof: Float64Array;
  /** spec indices whose final models are averaged for the scores */
  ensembleOf: number[];
  platt: (Platt | null)[];
  /** per spec, the out-of-fold scores the metrics read (calibrated where that helped) */
  oofs: Float64Array[];
  warnings: Warning[];
}

/** A model choice made elsewhere (repeated CV): spec indices best first, and whether the first two are averaged. */
export interface Choice {
  order: number[];
  ensemble: boolean;
}

/** Calibration, metrics, thresholds and the model choice from the CV summaries (spec order): by the
 *  k-fold means, or as `choice` says (the repeated CV's means). */
export function scoreModels(plan: ChurnPlan, cv: CvSummary[], econ: Economics | undefined, choice?: Choice): Scored {
  const { y: yy, fold, k, specs } = plan;
  const warnings: Warning[] = [];
  // calibration: cross-fitted Platt scaling, kept only where it lowers the Brier score
  const cal = specs.map((_, s) => {
    const oof = crossFitPlatt(cv[s].oof, yy, fold, k);
    return brier(oof, yy) < brier(cv[s].oof, yy) - 1e-5 ? { oof, map: fitPlattOn(cv[s].oof, yy, Int32Array.from({ length: yy.length }, (_, i) => i), 0x9a77 + k) } : null;
  });
  const oofs = specs.map((_, s) => cal[s]?.oof ?? cv[s].oof);
  const useProfit = !!(econ && econ.value);
  if (econ && !econ.value)
    warnings.push({ code: 'churn/no-value', message: 'No customer value is known: the threshold maximises F1 instead of campaign profit', count: 1 });
  const report = (name: string, label: string, p: Float64Array, foldAuc: number[], importance: ModelReport['importance'], fitMs: number, calibrated: boolean): ModelReport => {
    const o = orderDesc(p); // sorted once for every ranking metric
    let threshold = f1Threshold(p, yy, o);
    if (useProfit) {
      const t = profitThreshold(p, yy, econ as Economics & { value: Float64Array }, o);
      if (t.profit > 0) threshold = t.threshold;
    }
    const c = confusionAt(p, yy, threshold);
    return {
      name, label, cvRocAuc: { ...meanSd(foldAuc), folds: foldAuc }, prAuc: prAuc(p, yy, o),
      precision: c.precision, recall: c.recall, f1: c.f1, accuracy: c.accuracy,
      brier: brier(p, yy), logLoss: logLoss(p, yy), topDecileLift: topLift(p, yy, 0.1, o), threshold, importance,
      roc: rocCurve(p, yy, 200, o), pr: prCurve(p, yy, 200, o), fitMs, oofRocAuc: rocAuc(p, yy, o), calibrated,
    };
  };
  const models = specs.map((s, i) => {
    const m = report(s.name, s.label, oofs[i], cv[i].foldAuc, cv[i].importance, cv[i].fitMs, !!cal[i]);
    return cv[i].settings.some((x) => x) ? { ...m, settings: cv[i].settings } : m;
  });
  const order = choice?.order ?? models.map((_, i) => i).sort((a, b) => models[b].cvRocAuc.mean - models[a].cvRocAuc.mean);
  let best = models[order[0]].name;
  let bestOof = oofs[order[0]];
  let ensembleOf: number[] = [order[0]];
  if (order.length >= 2) {
    const [a, b] = order;
    const avg = oofs[a].map((v, i) => (v + oofs[b][i]) / 2);
    const foldAuc = Array.from({ length: k }, (_, f) => {
      let m = 0;
      for (let i = 0; i < fold.length; i++) m += +(fold[i] === f);
      const pf = new Float64Array(m);
      const yf = new Uint8Array(m);
      for (let i = 0, t = 0; i < fold.length; i++)
        if (fold[i] === f) {
          pf[t] = avg[i];
          yf[t++] = yy[i];
        }
      return rocAuc(pf, yf);
    });
    if (choice ? choice.ensemble : meanSd(foldAuc).mean > models[a].cvRocAuc.mean) {
      const importance = averageImportance(models[a].importance, models[b].importance);
      models.push(report('ensemble', `Average of ${models[a].label} and ${models[b].label}`, avg, foldAuc, importance, models[a].fitMs + models[b].fitMs, models[a].calibrated! || models[b].calibrated!));
      best = 'ensemble';
      bestOof = avg;
      ensembleOf = [a, b];
    }
  }
  return { models, best, bestOof, ensembleOf, platt: cal.map((c) => c?.map ?? null), oofs, warnings };
}

/** The whole result from the scored models and the final jobs (ensemble members and logistic); the
 *  members' per-customer attributions when they are all tree models (treePaths.ts). */
export function assemble(plan: ChurnPlan, warnings: Warning[], sc: Scored, finals: Map<ModelName, FinalJobResult>, target: string): ChurnResult {
  const n = plan.frame.n;
  const probability = new Float64Array(n);
  for (const s of sc.ensembleOf) {
    const raw = finals.get(plan.specs[s].name)!.raw;
    const p = sc.platt[s] ? applyPlatt(sc.platt[s]!, raw) : raw;
    for (let i = 0; i < n; i++) probability[i] += p[i] / sc.ensembleOf.length;
  }
  const lg = finals.get('logistic')!.logistic!;
  const oddsRatios = lg.oddsRatios;
  const all = [...warnings, ...sc.warnings];
  // reasons from the scoring model(s) where they all have path attributions (tree models), else from the logistic model
  const members = sc.ensembleOf.map((s) => finals.get(plan.specs[s].name)!);
  const paths = members.every((m) => attributes(m.model, n)) ? members.map((m) => treePaths(plan, m)) : null;
  const reasons = paths ? pathReasons(paths, n, REASONS) : lg.reasons;
  if (!paths && sc.best !== 'logistic') {
    const label = sc.models.find((m) => m.name === sc.best)?.label ?? sc.best;
    const why = members.some((m) => m.model === 'mlp')
      ? ' (the neural network has no per-customer attribution)'
      : n > PATH_REASONS_MAX_ROWS ? ` (above ${PATH_REASONS_MAX_ROWS.toLocaleString('en-US')} customers the tree models' own attributions are skipped to bound time and memory)` : '';
    all.push({ code: 'churn/reasons-logistic', message: `Each customer's reasons (what raises or lowers their churn risk) come from the simpler logistic model, which can split a risk into its columns; the churn risk itself comes from ${label}${why}`, count: n });
  }
  const walked = paths ? members.filter((_, i) => paths[i].method === 'saabas') : [];
  if (walked.length > 0) {
    const what = walked.map((m) => sc.models.find((x) => x.name === m.model)?.label ?? m.model).join(' and ');
    all.push({ code: 'churn/reasons-saabas', message: `Per-customer reasons of the ${what} follow each customer's decision paths (Saabas attribution, which favours splits near the root) instead of exact TreeSHAP, which would cost too much time here`, count: n });
  }
  return {
    target,
    positiveRate: plan.pos / n,
    folds: plan.k,
    models: sc.models,
    best: sc.best,
    calibration: reliabilityBins(sc.bestOof, plan.y),
    oddsRatios,
    probability,
    oof: sc.bestOof,
    reasons,
    warnings: all,
    fitted: {
      design: finals.get('logistic')!.fitted.design,
      members: sc.ensembleOf.map((s) => ({ name: plan.specs[s].name, model: finals.get(plan.specs[s].name)!.fitted.model, platt: sc.platt[s] })),
      explainer: lg.model,
    },
  };
}

/** Top R reasons per customer from the members' path points, averaged per customer and group (members share the final design, so the names). */
export function pathReasons(members: PathPoints[], n: number, R: number): CustomerReasons {
  const G = members[0].groups;
  const reasonFeature = new Int16Array(n * R).fill(-1);
  const reasonValue = new Float32Array(n * R);
  const pts = new Float64Array(G);
  const nameOf = new Int32Array(G);
  const { names } = members[0];
  for (let i = 0; i < n; i++) {
    const o = i * G;
    pts.fill(0);
    for (const m of members) for (let t = 0; t < G; t++) pts[t] += m.points[o + t];
    for (let t = 0; t < G; t++) {
      pts[t] /= members.length;
      nameOf[t] = names[o + t];
    }
    pickTopReasons(pts, nameOf, R, reasonFeature, reasonValue, i * R);
  }
  return { reasonsPerCustomer: R, reasonNames: members[0].reasonNames, reasonFeature, reasonValue };
}

/** The churn/subsampled warning when some model's cap is below the largest training set. */
export function subsampled(plan: ChurnPlan): Warning[] {
  const sizes = new Int32Array(plan.k);
  for (let i = 0; i < plan.fold.length; i++) sizes[plan.fold[i]]++;
  const maxTrain = plan.frame.n - Math.min(...sizes);
  const specs = plan.specs.filter((s) => maxTrain > (s.maxTrain ?? Infinity));
  return specs.length > 0 ? [subsampleWarning(specs)] : [];
}

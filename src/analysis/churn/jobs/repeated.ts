/**
 * Repeated cross-validation (issue 15 point 3): below REPEATED_CV_MAX_ROWS rows, the churn
 * stage's k-fold CV is repeated with new seeded folds (3 x 5 by default), and each model's
 * mean ± sd over all repeats is reported, with the model that ranks first on it. The first
 * repeat is the stage's own CV (its fold AUCs are passed in, not recomputed); the others run
 * the same jobs (design, fit, held-out scores) on folds drawn with seed + r. Costs (repeats - 1)
 * times the CV, so the pipeline runs it as a refinement after the dashboard is shown.
 */
import type { CustomerFrame } from '../../types';
import type { RepeatedCv } from '../types';
import { planChurn, type ChurnOptions } from './plan';
import { newJobCache, runJob, type CvJobResult, type ModelName } from './jobs';
import { summarizeCv } from './assemble';
import { crossFitPlatt } from '../evaluation/calibration';
import { brier, meanSd, rocAuc } from '../evaluation/metrics';
import { yieldToEvents } from '../../yieldToEvents';

/** Files above this many rows keep the single k-fold CV (repeats would cost too much). */
export const REPEATED_CV_MAX_ROWS = 20_000;
/** Repeats of the k-fold CV (the first is the stage's own). */
export const CV_REPEATS = 3;

/** What the repeats need from the stage's own CV: per model (and the average, when it scored), its fold AUCs. */
export interface FirstCv {
  models: { name: string; folds: number[] }[];
  /** the two models averaged by the stage's ensemble, if it had one */
  ensembleOf: ModelName[] | null;
  /** the model the stage chose on its own CV */
  best: string;
}

/** Runs repeats 2..CV_REPEATS and returns every model's mean ± sd over all of them (the ensemble from the same pair). */
export async function repeatedCv(frame: CustomerFrame, opts: ChurnOptions, first: FirstCv, repeats = CV_REPEATS): Promise<RepeatedCv> {
  const folds = new Map(first.models.map((m) => [m.name, [...m.folds]]));
  let k = 0;
  for (let r = 1; r < repeats; r++) {
    const plan = planChurn(frame, { ...opts, seed: opts.seed + r });
    k = plan.k;
    const cache = newJobCache();
    const oofs = new Map<string, Float64Array>();
    for (const s of plan.specs) {
      const jobs: CvJobResult[] = [];
      for (let f = 0; f < plan.k; f++) {
        jobs.push((await runJob(plan, { kind: 'cv', model: s.name, fold: f }, cache)) as CvJobResult);
        await yieldToEvents();
      }
      const cv = summarizeCv(plan, jobs);
      folds.get(s.name)?.push(...cv.foldAuc);
      // the stage's calibration rule: cross-fitted Platt scaling where it lowers the Brier score
      const cal = crossFitPlatt(cv.oof, plan.y, plan.fold, plan.k);
      oofs.set(s.name, brier(cal, plan.y) < brier(cv.oof, plan.y) - 1e-5 ? cal : cv.oof);
    }
    const pair = first.ensembleOf;
    if (pair && folds.has('ensemble')) {
      const [a, b] = pair.map((m) => oofs.get(m)!);
      for (let f = 0; f < plan.k; f++) {
        const p: number[] = [];
        const y: number[] = [];
        for (let i = 0; i < plan.fold.length; i++)
          if (plan.fold[i] === f) {
            p.push((a[i] + b[i]) / 2);
            y.push(plan.y[i]);
          }
        folds.get('ensemble')!.push(rocAuc(p, y));
      }
    }
  }
  const models = [...folds].map(([name, v]) => ({ name, ...meanSd(v), folds: v }));
  const best = models.reduce((x, m) => (m.mean > x.mean ? m : x), models[0]).name;
  return { repeats, folds: k || first.models[0].folds.length, models, best, firstBest: first.best };
}

/**
 * Repeated cross-validation (issue 15 point 3): below REPEATED_CV_MAX_ROWS rows, the churn
 * stage's k-fold CV is repeated with new seeded folds (3 x 5 by default), each model's mean ± sd
 * over all repeats is reported, and the model choice uses those means: the models ranked by
 * their mean, the first two averaged ('ensemble') where that average's mean is higher. The first
 * repeat is the stage's own CV (its fold AUCs and out-of-fold scores are passed in, not
 * recomputed); the others run the same jobs (design, fit with the same options, held-out scores)
 * on folds drawn with seed + r.
 */
import type { CustomerFrame } from '../../types';
import type { RepeatedCv } from '../types';
import { planChurn, type ChurnOptions } from './plan';
import { newJobCache, runJob, type CvJobResult } from './jobs';
import { summarizeCv } from './assemble';
import { crossFitPlatt } from '../evaluation/calibration';
import { stratifiedFolds } from '../evaluation/folds';
import { brier, meanSd, rocAuc } from '../evaluation/metrics';
import { yieldToEvents } from '../../yieldToEvents';

/** Files above this many rows keep the single k-fold CV (repeats would cost too much). */
export const REPEATED_CV_MAX_ROWS = 20_000;
/** Repeats of the k-fold CV (the first is the stage's own). */
export const CV_REPEATS = 3;

/** What the repeats need from the stage's own CV: per model its fold AUCs and out-of-fold scores (as its metrics read them). */
export interface FirstCv {
  models: { name: string; folds: number[]; oof: Float64Array }[];
  /** the model the stage's own k folds would choose */
  best: string;
}

/** Runs repeats 2..repeats and returns every model's mean ± sd over all of them, and the choice they make. */
export async function repeatedCv(frame: CustomerFrame, opts: ChurnOptions, first: FirstCv, repeats = CV_REPEATS): Promise<RepeatedCv> {
  const folds = new Map(first.models.map((m) => [m.name, [...m.folds]]));
  const base = planChurn(frame, { ...opts, repeats: 1 });
  const k = base.k;
  /** per repeat: its fold of each row and each model's out-of-fold scores */
  const runs = [{ fold: stratifiedFolds(base.y, k, opts.seed), oofs: new Map(first.models.map((m) => [m.name, m.oof])) }];
  for (let r = 1; r < repeats; r++) {
    const plan = planChurn(frame, { ...opts, repeats: 1, seed: opts.seed + r });
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
    runs.push({ fold: plan.fold, oofs });
  }
  const models = [...folds].map(([name, v]) => ({ name, ...meanSd(v), folds: v }));
  const ranked = [...models].sort((a, b) => b.mean - a.mean); // stable: ties keep the stage's model order
  let best = ranked[0].name;
  let ensembleOf: string[] | null = null;
  if (ranked.length >= 2) {
    ensembleOf = [ranked[0].name, ranked[1].name];
    const v: number[] = [];
    for (const run of runs) {
      const [a, b] = ensembleOf.map((m) => run.oofs.get(m)!);
      for (let f = 0; f < k; f++) {
        const p: number[] = [];
        const y: number[] = [];
        for (let i = 0; i < run.fold.length; i++)
          if (run.fold[i] === f) {
            p.push((a[i] + b[i]) / 2);
            y.push(base.y[i]);
          }
        v.push(rocAuc(p, y));
      }
    }
    const ens = { name: 'ensemble', ...meanSd(v), folds: v };
    models.push(ens);
    if (ens.mean > ranked[0].mean) best = 'ensemble';
  }
  return { repeats, folds: k, models, best, ensembleOf, firstBest: first.best };
}

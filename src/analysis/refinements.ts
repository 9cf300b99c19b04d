/**
 * Work that refines a result after the dashboard is shown (refine.ts, issue 19): the survival
 * model's checks and the repeated cross-validation of the churn models, as Refinements the pipeline
 * schedules; and how a stage that fails on the data becomes a warning (skip) instead of an error.
 */
import type { AnalysisOptions, CustomerFrame, Warning } from './types';
import type { ChurnView } from './rechoice';
import { evaluateSurvival, type SurvivalEvaluation, type SurvivalFit } from './survival/run';
import type { Refinement } from './refine';
import { CV_REPEATS, repeatedCv } from './churn/jobs/repeated';

/** A stage that failed on this data: its message becomes a warning; programmer errors rethrow. */
export function skip(warnings: Warning[], code: string, what: string, e: unknown): null {
  const err = e as { code?: string; message?: string };
  if (!err || typeof err.code !== 'string') throw e;
  warnings.push({ code, message: skippedMessage(what, err.message ?? ''), count: 1 });
  return null;
}

/** Why a stage was skipped, in words: an internal validator's text ("X[1][1]=Infinity must be
 *  finite") never reaches the user (issue 12). */
export function skippedMessage(what: string, message: string): string {
  if (/\bmust be\b|\w\[\d+\]|=(NaN|-?Infinity)\b/.test(message))
    return `${what} was skipped: some values could not be used after cleaning (a number too large to compute with, or not a number). The findings list the columns involved.`;
  return `${what} was skipped: ${message}`;
}

/** The survival model's out-of-fold evaluation and proportional-hazards check (5 Cox fits on the
 *  training folds): it refines after the dashboard (issue 19). The full fit and the curves per
 *  active customer run with the analysis (the lifetime values read them). Captures the fit, not the result. */
export function survivalRefinement(frame: CustomerFrame, fit: SurvivalFit, opts: AnalysisOptions): Refinement {
  return {
    key: 'survival',
    label: 'survival model checks',
    marks: ['survivalModel.cIndex', 'survivalModel.tdAuc', 'survivalModel.proportionalHazards'],
    async run() {
      const t0 = performance.now();
      const warnings: Warning[] = [];
      let ev: SurvivalEvaluation | null = null;
      try {
        ev = evaluateSurvival(frame, fit, { seed: opts.seed, k: opts.folds });
      } catch (e) {
        skip(warnings, 'survival-skipped', 'The survival model check', e);
      }
      const set: Record<string, unknown> = ev
        ? { 'survivalModel.cIndex': ev.cIndex, 'survivalModel.tdAuc': ev.tdAuc, 'survivalModel.proportionalHazards': ev.proportionalHazards, 'survivalModel.warnings': [...fit.result.warnings, ...ev.warnings] }
        : {};
      if (ev) warnings.push(...ev.warnings);
      return { key: 'survival', set, warnings, timingsMs: { 'survival.evaluation': Math.round(performance.now() - t0) } };
    },
  };
}

/** 3 x 5-fold repeated CV of the churn models: two more CVs (~2x the churn stage's CV work), so it
 *  refines after the dashboard. Reads the churn stage's fold AUCs and choice through `view` when it
 *  runs (after the deferred CV, rechoice.ts): copies, never the result. */
export function repeatedCvRefinement(frame: CustomerFrame, opts: AnalysisOptions, view: () => ChurnView): Refinement {
  const folds = view().folds;
  return {
    key: 'churn.repeatedCv',
    label: `repeated cross-validation (${CV_REPEATS} x ${folds} folds)`,
    marks: ['churn.repeatedCv'],
    async run() {
      const t0 = performance.now();
      const warnings: Warning[] = [];
      const { first, labels } = view();
      const names = first.models.filter((m) => m.name !== 'ensemble').map((m) => m.name);
      const r = await repeatedCv(frame, { seed: opts.seed, folds: opts.folds, models: names }, first);
      if (r.best !== r.firstBest) {
        const label = (n: string) => labels.get(n) ?? n;
        const cv = (n: string) => {
          const m = r.models.find((x) => x.name === n)!;
          return `${m.mean.toFixed(4)} ± ${m.sd.toFixed(4)}`;
        };
        warnings.push({ code: 'churn/repeated-cv-best', message: `Over ${r.repeats} x ${r.folds}-fold cross-validation, ${label(r.best)} ranks first (ROC-AUC ${cv(r.best)}) ahead of ${label(r.firstBest)} (${cv(r.firstBest)}), which scores the customers: it was chosen on the first ${r.folds} folds`, count: 1 });
      }
      return { key: 'churn.repeatedCv', set: { 'churn.repeatedCv': r }, warnings, timingsMs: { 'churn.repeatedCv': Math.round(performance.now() - t0) } };
    },
  };
}

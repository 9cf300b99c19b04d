/**
 * Work that refines a result after the dashboard is shown (refine.ts, issue 19): the survival
 * model's checks and the churn model choice (settings chosen inside the folds, repeated cross-
 * validation), as Refinements the pipeline schedules; and how a stage that fails on the data becomes a warning (skip) instead of an error.
 */
import type { AnalysisOptions, CustomerFrame, Warning } from './types';
import { churnView, type Rechoice } from './rechoice';
import { evaluateSurvival, type SurvivalEvaluation, type SurvivalFit } from './survival/run';
import type { Refinement } from './refine';
import { CV_REPEATS, REPEATED_CV_MAX_ROWS } from './churn/jobs/repeated';
import { GBDT_DEFAULTS } from './churn/models/gbdt';
import { fmtInt } from './format';
import { runChurn, type ChurnOptions } from './churn/index';
import type { ChurnResult } from './churn/types';
import type { ChurnImportance } from './churn/index';

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

/** The model choice, refined (issue 15 points 3 and 4): the churn stage again with every setting
 *  chosen inside each training fold (the GBDT's successive-halving search, the logistic ridge C)
 *  and 3 x k-fold repeated CV whose means choose the scoring model (the pipeline schedules it below
 *  REPEATED_CV_MAX_ROWS rows; above, the first result stays). Its cost does not fit the first
 *  dashboard's budget, so the dashboard shows the k-fold choice with fixed settings, marked
 *  refining; when this lands the churn result, the business figures (call list, revenue at risk),
 *  the saved model and their findings are replaced together (`rechoice.rebuild`, rechoice.ts).
 *  The first run's jobs of models that tuning does not change (`jobs`) are reused, same bits. */
export function modelChoiceRefinement(frame: CustomerFrame, opts: ChurnOptions, first: ChurnResult, rechoice: Rechoice): Refinement {
  const repeats = CV_REPEATS;
  const jobs = first.jobs ?? [];
  const firstBest = first.best;
  const firstLabel = first.models.find((m) => m.name === first.best)?.label ?? first.best;
  return {
    key: 'churn.repeatedCv',
    label: `model choice (settings chosen inside the folds, repeated cross-validation ${repeats} x ${opts.folds ?? 5} folds)`,
    marks: ['churn.repeatedCv', 'churn.best', 'churn.models'],
    async run() {
      const t0 = performance.now();
      const churn = await runChurn(frame, { ...opts, keepJobs: false, tune: true, repeats }, undefined, { reuse: jobs });
      rechoice.view = churnView(churn);
      const { business, model, dropWarnings, set } = rechoice.rebuild!(churn);
      const label = churn.models.find((m) => m.name === churn.best)?.label ?? churn.best;
      const changed: Warning[] =
        churn.best === firstBest ? []
        : [{ code: 'churn/choice-changed', message: `A more thorough test picked another churn model: ${label} now scores the customers instead of ${firstLabel}, and the scores, call list, revenue at risk and saved model were updated. For analysts: settings chosen inside each training fold, ${repeats} x ${churn.folds}-fold cross-validation.`, count: 1 }];
      return {
        key: 'churn.repeatedCv',
        set: { churn, business, model, ...set },
        // the first choice's findings (and a deferred CV's 'choice changed') give way to this choice's
        dropWarnings: [...dropWarnings, 'churn/choice-changed', 'churn/repeated-cv-best'],
        warnings: [...churn.warnings, ...(business?.warnings ?? []), ...changed],
        timingsMs: { 'churn.refined': Math.round(performance.now() - t0) },
      };
    },
  };
}

/** The churn models' permutation importance (what the model leans on, the Churn tab's driver chart),
 *  left out of the CV jobs that decide the first dashboard (issue 19; churn/jobs/importanceLater.ts):
 *  the chart shows "refining…" until the model table is replaced with the one that has it. */
export function importanceRefinement(imp: ChurnImportance): Refinement {
  return {
    key: 'churn.importance',
    label: 'churn driver importance',
    marks: ['churn.importance'],
    async run() {
      const { models, timings } = await imp();
      return { key: 'churn.importance', set: { 'churn.models': models }, timingsMs: { 'churn.importance': timings.importance } };
    },
  };
}

/** Above REPEATED_CV_MAX_ROWS customers the model choice does not refine (its cost would not fit the
 *  browser): the finding that says so in plain words, counting the customers scored that way. */
export function fixedSettingsFinding(n: number, churn: Pick<ChurnResult, 'folds' | 'models'>): Warning {
  const gbdt = churn.models.some((m) => m.name === 'gbdt')
    ? ` (the gradient-boosted trees ${GBDT_DEFAULTS.maxDepth} levels deep, learning rate ${GBDT_DEFAULTS.learningRate})`
    : '';
  return {
    code: 'churn/fixed-settings',
    message:
      `With ${fmtInt(n)} customers, more than ${fmtInt(REPEATED_CV_MAX_ROWS)}, the churn models keep their standard settings${gbdt} ` +
      `instead of settings tuned to this file, and the model that scores is chosen on one ${churn.folds}-fold cross-validation instead of ${CV_REPEATS}: ` +
      `tuning on this many customers would take too long in the browser. A tuned model might rank customers slightly better.`,
    count: n,
  };
}

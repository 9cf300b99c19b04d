/**
 * The churn stage's deferred cross-validation as a refinement (issue 19, churn/jobs/deferred.ts):
 * after the dashboard, the deferred models' folds run and the model choice is made again over
 * every model. Unchanged (the usual case): the model table gains its rows, the same bits as a run
 * without deferral. Changed: the churn result, the business figures (call list, revenue at risk)
 * and the saved model are replaced together (`Rechoice.rebuild`, set by the pipeline), with a
 * finding that says so. Later refinements read the current choice through `Rechoice.view`.
 */
import type { ChurnResult, ModelReport } from './churn/types';
import type { BusinessResult } from './business/types';
import type { SavedModel } from './model/types';
import type { ChurnMore } from './churn/index';
import type { ModelName } from './churn/jobs/jobs';
import type { Refinement } from './refine';
import { setActual } from './headlines';

/** What later refinements need of the churn result: fold AUCs, labels and the choice (plain copies). */
export interface ChurnView {
  first: { models: { name: string; folds: number[] }[]; ensembleOf: ModelName[] | null; best: string };
  labels: Map<string, string>;
  /** folds of the stage's CV (fewer than asked when a class is small) */
  folds: number;
}

/** The current choice, and how the pipeline recomputes what reads the churn result. */
export interface Rechoice {
  view: ChurnView | null;
  /** the new business figures and saved model, the findings to drop, and other result paths to set */
  rebuild: ((churn: ChurnResult) => { business: BusinessResult | null; model: SavedModel | null; dropWarnings: string[]; set: Record<string, unknown> }) | null;
}

/** Rechoice.rebuild from how the pipeline computes the business figures and the saved model of a
 *  churn result; the first result's churn and business findings (`oldWarnings`) are dropped by code. */
export function rebuilder(
  frame: { y: Uint8Array | null },
  oldWarnings: { code: string }[],
  business: (churn: ChurnResult) => BusinessResult | null,
  model: (churn: ChurnResult, business: BusinessResult | null) => SavedModel | null,
  more: (churn: ChurnResult) => Record<string, unknown> = () => ({}),
): NonNullable<Rechoice['rebuild']> {
  return (churn) => {
    setActual(churn, frame.y);
    const b = business(churn);
    const m = model(churn, b);
    const set = more(churn);
    delete churn.fitted;
    return { business: b, model: m, dropWarnings: [...new Set(oldWarnings.map((w) => w.code))], set };
  };
}

/** The view of a churn result that still has its fitted members (copies, never the result itself). */
export function churnView(churn: ChurnResult, models: ModelReport[] = churn.models): ChurnView {
  return {
    first: {
      models: models.map((m) => ({ name: m.name, folds: [...m.cvRocAuc.folds] })),
      ensembleOf: churn.best === 'ensemble' && churn.fitted ? churn.fitted.members.map((m) => m.name as ModelName) : null,
      best: churn.best,
    },
    labels: new Map(models.map((m) => [m.name, m.label])),
    folds: churn.folds,
  };
}

const DEFERRED_WORDS: Record<string, string> = { forest: 'random forest', mlp: 'neural network' };

/** What the page says is refining: "random forest and neural network cross-validation". */
export function deferredLabel(models: readonly string[]): string {
  const words = models.map((m) => DEFERRED_WORDS[m] ?? m);
  return `${words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words.at(-1)}` : (words[0] ?? 'model')} cross-validation`;
}

/** The refinement that runs the churn stage's deferred work (`more`) for the first result `churn`. */
export function deferredChurnRefinement(more: ChurnMore, churn: ChurnResult, rechoice: Rechoice): Refinement {
  const firstBest = churn.models.find((m) => m.name === churn.best)?.label ?? churn.best;
  return {
    key: 'churn.models',
    label: deferredLabel(more.models),
    marks: ['churn.models'],
    async run() {
      const t0 = performance.now();
      const r = await more();
      const timingsMs: Record<string, number> = {};
      for (const [k, v] of Object.entries(r.timings)) timingsMs[`churn.${k}`] = v;
      if (!r.changed) {
        const view = rechoice.view!;
        rechoice.view = { first: { ...view.first, models: r.models.map((m) => ({ name: m.name, folds: [...m.cvRocAuc.folds] })) }, labels: new Map(r.models.map((m) => [m.name, m.label])), folds: view.folds };
        timingsMs['churn.deferred'] = Math.round(performance.now() - t0);
        return { key: 'churn.models', set: { 'churn.models': r.models }, timingsMs };
      }
      rechoice.view = churnView(r.churn);
      const { business, model, dropWarnings, set } = rechoice.rebuild!(r.churn);
      const label = r.churn.models.find((m) => m.name === r.churn.best)?.label ?? r.churn.best;
      timingsMs['churn.deferred'] = Math.round(performance.now() - t0);
      return {
        key: 'churn.models',
        set: { churn: r.churn, business, model, ...set },
        dropWarnings,
        warnings: [
          ...r.churn.warnings,
          ...(business?.warnings ?? []),
          { code: 'churn/choice-changed', message: `Once every model was tested, another churn model came out best: ${label} now scores the customers instead of ${firstBest}, and the scores, call list, revenue at risk and saved model were updated. For analysts: every model cross-validated.`, count: 1 },
        ],
        timingsMs,
      };
    },
  };
}

/**
 * Deferred cross-validation (issue 19): the neural network's CV jobs cost ~1.5 s of worker time
 * in the browser (a third of the churn stage) and it rarely scores customers, so the first result
 * is decided on the other models and the MLP's folds run after the dashboard is shown. The random
 * forest's too (session 12): ~0.4 s of worker time on Telco before the dashboard, where it ranks
 * third behind the logistic model and the GBDT; when it would have scored (alone or averaged), the
 * refinement below changes the choice and says so. Then the
 * choice is made again over every model, with the same functions on the same job results as a
 * run without deferral: when it is unchanged only the model table gains its row (same bits as
 * before); when it changes, the churn result is assembled again (the new members' final refits
 * run then) and the caller recomputes what reads it (pipeline: business figures, saved model).
 */
import type { ChurnResult, ModelReport } from '../types';
import type { ChurnPlan } from './plan';
import type { Economics } from '../evaluation/threshold';
import type { ChurnJob, CvJobResult, FinalJobResult, JobResult, ModelName } from './jobs';
import { assemble, scoreModels, summarizeCv, type CvSummary, type Scored } from './assemble';
import type { Warning } from '../../types';

/** Models whose cross-validation runs after the first result (when another model is selected too). */
export const DEFERRED_MODELS: readonly ModelName[] = ['forest', 'mlp'];

/** What the deferred work gives: the full model table (choice unchanged), or a new churn result. */
export type ChurnMoreResult =
  | { changed: false; models: ModelReport[]; timings: Record<string, number> }
  | { changed: true; churn: ChurnResult; timings: Record<string, number> };

/** The rest of the churn stage, to run after the first result (on this thread); `models`: the deferred ones it cross-validates. */
export type ChurnMore = (() => Promise<ChurnMoreResult>) & { models: ModelName[] };

export interface DeferredState {
  plan: ChurnPlan;
  /** runs jobs on this thread (shares the stage's fold designs) */
  run: (job: ChurnJob) => Promise<JobResult>;
  /** CV summaries of the models already cross-validated, by name */
  cv: Map<ModelName, CvSummary>;
  /** the first result's choice (only which models; its score arrays are not kept while the refinement waits) */
  first: Pick<Scored, 'best' | 'ensembleOf'>;
  /** the first result's decision models (plan.specs without the deferred ones, in spec order) */
  decided: ModelName[];
  finals: Map<ModelName, FinalJobResult>;
  warnings: Warning[];
  economics: Economics | undefined;
  target: string;
  /** the first result's kept jobs (ChurnOptions.keepJobs): the deferred jobs are added, so the
   *  refined model choice reuses the deferred models' folds instead of running them again */
  keep?: JobResult[];
}

/** Names of the models a Scored result averages (or the single one). */
const membersOf = (sc: Pick<Scored, 'ensembleOf'>, names: ModelName[]): string => sc.ensembleOf.map((s) => names[s]).join('+');

/** The deferred models' CV jobs, then the choice over every model again. */
export function churnMore(st: DeferredState): ChurnMore {
  const more = async (): Promise<ChurnMoreResult> => {
    const { plan } = st;
    const timings: Record<string, number> = {};
    const todo = plan.specs.filter((s) => !st.cv.has(s.name));
    for (const s of todo) {
      const jobs: CvJobResult[] = [];
      for (let f = 0; f < plan.k; f++) jobs.push((await st.run({ kind: 'cv', model: s.name, fold: f })) as CvJobResult);
      st.keep?.push(...jobs);
      st.cv.set(s.name, summarizeCv(plan, jobs));
      timings[`${s.name}.cv`] = Math.round(jobs.reduce((a, j) => a + j.ms, 0));
    }
    const names = plan.specs.map((s) => s.name);
    const scored = scoreModels(plan, names.map((m) => st.cv.get(m)!), st.economics);
    const same = scored.best === st.first.best && membersOf(scored, names) === membersOf(st.first, st.decided);
    if (same) return { changed: false, models: scored.models, timings };
    for (const s of scored.ensembleOf) {
      const m = names[s];
      if (!st.finals.has(m)) {
        const r = (await st.run({ kind: 'final', model: m })) as FinalJobResult;
        st.finals.set(m, r);
        st.keep?.push(r);
        timings[`${m}.final`] = Math.round(r.ms);
      }
    }
    return { changed: true, churn: assemble(plan, st.warnings, scored, st.finals, st.target), timings };
  };
  return Object.assign(more, { models: st.plan.specs.filter((s) => !st.cv.has(s.name)).map((s) => s.name) });
}

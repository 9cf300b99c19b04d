/**
 * Permutation importance after the dashboard (issue 19): the CV jobs that decide the first result
 * skip it (~8% of their time: IMPORTANCE_ROWS held-out rows re-scored once per source column) and
 * return their fold models; this computes it from them, the same bits as inside the jobs, and gives
 * the model table with each model's importance (the two-model average's from its members'). The
 * cross-validation summaries are updated in place, so the deferred models' choice (deferred.ts)
 * and the refined run (its reused jobs) read the importance as a run without this deferral would.
 */
import type { ModelReport } from '../types';
import type { ChurnPlan } from './plan';
import { laterImportance, type CvJobResult, type JobCache, type ModelName } from './jobs';
import { averageImportance, foldMeanImportance, type CvSummary } from './assemble';

/** Computes the left-out importance; returns the first result's model table with it. */
export type ChurnImportance = () => Promise<{ models: ModelReport[]; timings: Record<string, number> }>;

export interface ImportanceState {
  plan: ChurnPlan;
  /** this thread's job cache (fold designs it already built) */
  cache: JobCache;
  /** the decided models' CV job results, some with a fold model and no importance yet */
  jobs: CvJobResult[];
  /** the decided models, in the order of `cv` */
  names: ModelName[];
  /** their CV summaries (shared with the deferred part: updated in place) */
  cv: CvSummary[];
  /** the first result's model table, and the models its average is made of (names, best first) */
  models: ModelReport[];
  ensembleOf: ModelName[];
}

/** The refinement's work over the first run's state. */
export function importanceMore(st: ImportanceState): ChurnImportance {
  return async () => {
    const t0 = performance.now();
    for (const r of st.jobs)
      if (r.foldModel) {
        r.importance = laterImportance(st.plan, r, st.cache);
        delete r.foldModel;
      }
    const byName = new Map<string, ModelReport['importance']>();
    st.names.forEach((name, i) => {
      st.cv[i].importance = foldMeanImportance(st.plan, st.jobs.filter((r) => r.model === name));
      byName.set(name, st.cv[i].importance);
    });
    const models = st.models.map((m) => ({ ...m, importance: byName.get(m.name) ?? m.importance }));
    const avg = models.find((m) => m.name === 'ensemble');
    if (avg && st.ensembleOf.length === 2) avg.importance = averageImportance(byName.get(st.ensembleOf[0])!, byName.get(st.ensembleOf[1])!);
    return { models, timings: { importance: Math.round(performance.now() - t0) } };
  };
}

/**
 * Churn stage entry point: cross-validated logistic, gradient-boosted, random-forest and
 * neural models, out-of-fold metrics, calibration, profit threshold, explanations, and
 * final models refit on all rows to score every customer.
 *
 * The work is a list of jobs (one model on one fold; one model's final refit, see jobs.ts)
 * that may run here or in another worker (`dist.remote`); results are assembled here
 * (assemble.ts). Every job is seeded by itself, so the result does not depend on where or in
 * which order the jobs ran.
 * Not split: runChurn's phases and runQueue are one schedule (which worker runs what, and when).
 */
import type { CustomerFrame, OnProgress } from '../types';
import type { ChurnResult } from './types';
import { planChurn, type ChurnOptions, type ChurnPlan } from './jobs/plan';
import { newJobCache, runJob, type ChurnJob, type CvJobResult, type FinalJobResult, type JobCache, type JobResult, type ModelName } from './jobs/jobs';
import { yieldToEvents } from '../yieldToEvents';
import { assemble, scoreModels, subsampled, summarizeCv, type Scored } from './jobs/assemble';
import { meanSd } from './evaluation/metrics';
import { churnMore, DEFERRED_MODELS, type ChurnMore } from './jobs/deferred';
import { repeatedCv } from './jobs/repeated';
import { importanceMore, type ChurnImportance } from './jobs/importanceLater';
import type { Warning } from '../types';
import type { RepeatedCv } from './types';

export type { Economics } from './evaluation/threshold';
export type { ChurnOptions } from './jobs/plan';
export type { ChurnMore, ChurnMoreResult } from './jobs/deferred';
export type { ChurnImportance } from './jobs/importanceLater';
export { MODEL_NAMES } from './models/models';

/** Something that runs jobs of the same plan (this thread, or a worker holding the same frame and options). */
export interface JobRunner {
  run(job: ChurnJob): Promise<JobResult>;
}

export interface ChurnDistribution {
  /** a runner in another thread, already holding this frame and options */
  remote?: JobRunner;
  /** resolves when this thread may start taking jobs (e.g. after segmentation); default now */
  localReady?: Promise<unknown>;
  /** receives job time per model and kind, summed over folds ("mlp.cv", "gbdt.final"; jobs run on
   *  both workers at once, so the sum exceeds the stage's wall time) and "scoring" (this thread) */
  timings?: Record<string, number>;
  /** when given, the DEFERRED_MODELS (if another model is selected too) are cross-validated
   *  later: the result is decided on the other models and `later` receives the rest (deferred.ts) */
  later?: (more: ChurnMore) => void;
  /** when given, the CV jobs that decide the first result leave their permutation importance for
   *  later: the model table's importance is empty and `importanceLater` receives the work (importanceLater.ts) */
  importanceLater?: (imp: ChurnImportance) => void;
  /** results of an earlier run on the same frame and options but `tune`: its jobs of models that
   *  tuning does not change are taken from there instead of run again (the refined run) */
  reuse?: JobResult[];
  /** rows up to which the tree models' final refits run with the CV jobs (default SPECULATIVE_FINALS_MAX_ROWS; tests lower it) */
  speculativeMaxRows?: number;
}

/** Up to this many rows, the tree models' final refits run with the cross-validation jobs, on
 *  the guess that they will score customers (they usually win on tabular data); a refit that is
 *  not used costs ~0.2 s on Telco. Above it, scoring every row makes an unused refit expensive. */
export const SPECULATIVE_FINALS_MAX_ROWS = 100_000;

/** Whether a model's final refit is run speculatively (with the CV jobs): the GBDT's, and the forest's
 *  only without a GBDT. The model scoring customers is the first by mean fold AUC, or the average of the
 *  first two; with both tree models the forest seldom ranks above the GBDT and the logistic model (Telco:
 *  third), so its refit, ~0.2 s of worker time before the dashboard, ran for nothing; when it does score,
 *  it is refit after the CV (the same bits: every job is a seeded function of the plan). */
function speculated(model: ModelName, specs: { name: ModelName }[]): boolean {
  return model === 'gbdt' || (model === 'forest' && !specs.some((s) => s.name === 'gbdt'));
}

/** CPU ms of one job on Telco (Node, warm; fit and held-out scores: permutation importance refines
 *  after the dashboard, the GBDT final computes no attributions): orders the queue, expensive jobs
 *  first, so neither worker is left with a long job at the end. Measured 2026-12-02 (Node, runs 2-4 of
 *  one process): the logistic final (it scores and explains every row) 115-180, the GBDT's 83-88, a
 *  GBDT fold 65-78, a logistic fold 50-68, a forest fold 37-45; the MLP's (deferred on Telco) as before. */
const COST: Record<ChurnJob['kind'], Record<ModelName, number>> = {
  cv: { mlp: 190, gbdt: 70, logistic: 55, forest: 40 },
  final: { mlp: 190, gbdt: 85, logistic: 130, forest: 50 },
};

/** Runs the churn stage on a frame with a target; progress per job. */
export async function runChurn(frame: CustomerFrame, opts: ChurnOptions, onProgress?: OnProgress, dist: ChurnDistribution = {}): Promise<ChurnResult> {
  const plan = planChurn(frame, opts);
  const { k } = plan;
  const cache = newJobCache();
  // the models that decide the first result (all, unless some are deferred)
  const deferred = dist.later && plan.specs.some((s) => !DEFERRED_MODELS.includes(s.name)) ? DEFERRED_MODELS : [];
  const specs = plan.specs.filter((s) => !deferred.includes(s.name));
  const decide: ChurnPlan = specs.length === plan.specs.length ? plan : { ...plan, specs };
  // jobs of an earlier run that tuning does not change are taken from it (same bits)
  const reusable = new Map((dist.reuse ?? []).filter((r) => !plan.specs.find((s) => s.name === r.model)?.tunable).map((r) => [jobKey(r), r]));
  const local = localRunner(plan, cache, reusable);
  const remote = dist.remote;
  if (remote) dist = { ...dist, remote: { run: (job) => reusable.has(jobKey(job)) ? Promise.resolve(reusable.get(jobKey(job))!) : remote.run(job) } };
  // Final refits usually needed start with the cross-validation jobs (no wait for the CV
  // results between the two phases); the logistic one always is (explanations).
  const specMax = dist.speculativeMaxRows ?? SPECULATIVE_FINALS_MAX_ROWS;
  const early: ModelName[] = ['logistic', ...specs.filter((sp) => frame.n <= specMax && speculated(sp.name, specs)).map((sp) => sp.name)];
  let totalSteps = k * specs.length + early.length + 1; // + done
  let step = 0;
  let shown = 0; // the final refits' count is known after the CV: the bar never moves back
  const progress = (r: JobResult) =>
    onProgress?.({ stage: 'churn', fraction: (shown = Math.max(shown, Math.min(1, ++step / totalSteps))), detail: r.kind === 'cv' ? `${r.model} fold ${r.fold + 1}/${k}` : `${r.model} final` });

  // phase 1: every model on every fold, and the early final refits
  const impLater = dist.importanceLater ? { importanceLater: true as const } : {};
  const cvJobs: ChurnJob[] = specs.flatMap((s) => Array.from({ length: k }, (_, f) => ({ kind: 'cv' as const, model: s.name, fold: f, ...impLater })));
  // Above specMax rows the logistic refit (it scores and explains every row: ~4 s at 704,300) goes first, to the
  // other worker: taken last by this thread, it blocked the handing out of the other worker's next jobs (~2 s idle)
  const big = frame.n > specMax;
  const order = (j: ChurnJob) => (big && j.kind === 'final' ? Infinity : cost(j));
  const phase1 = [...cvJobs, ...early.map((model) => ({ kind: 'final' as const, model }))].sort((a, b) => order(b) - order(a));
  const results = await runQueue(phase1, local, dist, progress);
  const cvRes = results.filter((r): r is CvJobResult => r.kind === 'cv');
  const cv = specs.map((s) => summarizeCv(plan, cvRes.filter((r) => r.model === s.name)));
  const first = cvRes.find((r) => r.model === specs[0].name && r.fold === 0)!;
  const warnings = [...plan.warnings, ...first.designWarnings, ...subsampled(plan)];
  const finals = new Map<ModelName, FinalJobResult>();
  for (const r of results) if (r.kind === 'final') finals.set(r.model, r);
  // The model ranked first by its mean fold AUC always scores customers (alone or averaged), and
  // scoreModels ranks by that mean unless repeated CV chooses: its final refit (not run yet above
  // SPECULATIVE_FINALS_MAX_ROWS) starts in the other worker now, while this thread scores (4-5 s
  // at 704,300 rows). The refit's bits do not depend on where or when it runs.
  const ahead = new Map<ModelName, Promise<JobResult>>();
  const firstRanked = specs[specs.map((_, i) => i).sort((a, b) => meanSd(cv[b].foldAuc).mean - meanSd(cv[a].foldAuc).mean)[0]].name;
  if (dist.remote && (opts.repeats ?? 1) <= 1 && !finals.has(firstRanked)) {
    totalSteps++;
    const run = dist.remote.run({ kind: 'final', model: firstRanked }).then((r) => (progress(r), r));
    run.catch(() => {}); // awaited below; a failure while scoring must not go unhandled
    ahead.set(firstRanked, run);
    // its message goes out in a microtask (after `await begun`): yield, or it waits for this thread's scoring and refit
    await yieldToEvents();
  }
  const tScore = performance.now();
  let scored = scoreModels(decide, cv, opts.economics);
  let scoringMs = performance.now() - tScore;
  // repeated CV: its means choose the model (ranked; the first two averaged where that is better)
  let repeated: RepeatedCv | undefined;
  if ((opts.repeats ?? 1) > 1) {
    const t0 = performance.now();
    const first = { models: specs.map((s, i) => ({ name: s.name, folds: cv[i].foldAuc, oof: scored.oofs[i] })), best: scored.best };
    repeated = await repeatedCv(frame, opts, first, opts.repeats);
    const rank = (name: string) => repeated!.models.find((m) => m.name === name)!.mean;
    const order = specs.map((_, i) => i).sort((a, b) => rank(specs[b].name) - rank(specs[a].name));
    scored = scoreModels(decide, cv, opts.economics, { order, ensemble: repeated.best === 'ensemble' });
    if (repeated.best !== repeated.firstBest) warnings.push(choiceChanged(repeated, scored));
    if (dist.timings) dist.timings.repeatedCv = Math.round(performance.now() - t0);
  }

  // phase 2: final refits of the models that score customers; with one started ahead in the other
  // worker, the rest run here (queued behind it there, they would wait for it)
  const needed = scored.ensembleOf.map((s) => specs[s].name).filter((m) => !finals.has(m));
  const phase2: ChurnJob[] = needed.filter((m) => !ahead.has(m)).map((model) => ({ kind: 'final', model }));
  totalSteps += phase2.length;
  const [rest, ...early2] = await Promise.all([runQueue(phase2, local, ahead.size > 0 ? {} : dist, progress), ...needed.filter((m) => ahead.has(m)).map((m) => ahead.get(m)!)]);
  for (const r of [...rest, ...early2]) finals.set(r.model, r as FinalJobResult);
  const tAssemble = performance.now();
  const target = frame.targetName ?? 'churn';
  const result = assemble(decide, warnings, scored, finals, target);
  if (repeated) result.repeatedCv = repeated;
  if (plan.tune) result.tuned = true;
  if (opts.keepJobs) result.jobs = [...results, ...finals.values()].filter((x, i, a) => a.indexOf(x) === i);
  scoringMs += performance.now() - tAssemble;
  // the deferred part keeps the final refits (tree models' attributions are computed only where used: treePaths.ts)
  const kept = finals;
  if (dist.importanceLater)
    dist.importanceLater(importanceMore({ plan, cache, jobs: cvRes, names: specs.map((s) => s.name), cv, models: scored.models, ensembleOf: scored.ensembleOf.map((i) => specs[i].name) }));
  if (decide !== plan)
    dist.later!(churnMore({ plan, run: local.run, cv: new Map(specs.map((s, i) => [s.name, cv[i]])), first: { best: scored.best, ensembleOf: scored.ensembleOf }, decided: specs.map((s) => s.name), finals: kept, warnings, economics: opts.economics, target, keep: result.jobs }));
  if (dist.timings) {
    const t = dist.timings;
    for (const r of [...results, ...finals.values()].filter((x, i, a) => a.indexOf(x) === i)) {
      const key = `${r.model}.${r.kind}`;
      t[key] = Math.round((t[key] ?? 0) + r.ms);
    }
    t.scoring = Math.round(scoringMs);
  }
  onProgress?.({ stage: 'churn', fraction: 1, detail: 'done' });
  return result;
}

/** Jobs on this thread (reusable ones as they are). Outside runChurn: the deferred part keeps it until
 *  refining ends, and a closure made there would keep all runChurn captures (V8: one context per scope). */
function localRunner(plan: ChurnPlan, cache: JobCache, reusable: Map<string, JobResult>): JobRunner {
  return { run: (job) => (reusable.has(jobKey(job)) ? Promise.resolve(reusable.get(jobKey(job))!) : runJob(plan, job, cache)) };
}

/** The finding that the repeated CV chose another model than the first k folds alone. */
function choiceChanged(r: RepeatedCv, sc: Scored): Warning {
  const label = (n: string) => sc.models.find((m) => m.name === n)?.label ?? (n === 'ensemble' ? `the average of ${r.ensembleOf!.join(' and ')}` : n);
  const cv = (n: string) => {
    const m = r.models.find((x) => x.name === n)!;
    return `${m.mean.toFixed(4)} ± ${m.sd.toFixed(4)}`;
  };
  return {
    code: 'churn/repeated-cv-best',
    message:
      `${label(r.best)} scores your customers: tested ${r.repeats * r.folds} times on customers it had not learned from, it told leavers from stayers best. ` +
      `For analysts: ${r.repeats} x ${r.folds}-fold cross-validation, ROC-AUC ${cv(r.best)}; on the first ${r.folds} folds alone, ${label(r.firstBest)} ranked first (${cv(r.firstBest)} over all ${r.repeats * r.folds} folds)`,
    count: 1,
  };
}

const jobKey = (j: ChurnJob | JobResult): string => (j.kind === 'cv' ? `cv/${j.model}/${j.fold}` : `final/${j.model}`);

function cost(j: ChurnJob): number {
  return COST[j.kind][j.model];
}

/** `models` in the order a churn worker that takes jobs from the queue's front meets them (the
 *  queue runs the most expensive first): the warm-up compiles those first (warmup.ts). */
export function queueOrder(models: readonly ModelName[]): ModelName[] {
  const top = (m: ModelName) => Math.max(COST.cv[m], COST.final[m]);
  return [...models].sort((a, b) => top(b) - top(a));
}

/**
 * Runs jobs on this thread and, when given, a remote runner. The remote takes jobs from the
 * front (most expensive first) and keeps a few queued, so it never waits on this thread
 * while this thread is busy (segmentation, or a job); this thread takes jobs from the back
 * once `localReady` resolves. Results come back in job order.
 */
export function runQueue(jobs: ChurnJob[], local: JobRunner, dist: ChurnDistribution, onDone: (r: JobResult) => void): Promise<JobResult[]> {
  const out: JobResult[] = new Array(jobs.length);
  if (jobs.length === 0) return Promise.resolve(out);
  const { remote, localReady } = dist;
  return new Promise((resolve, reject) => {
    const queue = jobs.map((job, i) => ({ job, i }));
    let pending = jobs.length;
    let failed = false;
    let localFree = false;
    let remoteOut = 0;
    const done = (i: number, r: JobResult) => {
      out[i] = r;
      onDone(r);
      if (--pending === 0) resolve(out);
    };
    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      queue.length = 0;
      reject(e);
    };
    const pumpRemote = () => {
      while (remote && !failed && queue.length > 0 && remoteOut < (localFree ? 2 : 3)) {
        const { job, i } = queue.shift()!;
        remoteOut++;
        remote.run(job).then((r) => {
          remoteOut--;
          if (failed) return;
          try {
            done(i, r); // onDone throws when the analysis was stopped (engine.ts)
          } catch (e) {
            fail(e);
            return;
          }
          pumpRemote();
        }, fail);
      }
    };
    const runLocal = async () => {
      if (localReady && remote) await localReady.catch(() => {});
      localFree = true;
      while (!failed && queue.length > 0) {
        const { job, i } = queue.pop()!;
        try {
          done(i, await local.run(job));
        } catch (e) {
          fail(e);
          return;
        }
        // let the remote's results in, so it gets its next jobs without waiting for ours
        if (remote) await yieldToEvents();
      }
    };
    pumpRemote();
    void runLocal();
  });
}

export type { ChurnPlan };

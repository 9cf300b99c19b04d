/**
 * Engine warm-up while the page waits for a file: the first analysis in a fresh worker ran
 * ~40% slower than later ones (V8 compiles the hot loops of parsing, k-means, trees and the
 * tfjs kernels on first use). warmUp runs the same code on a small seeded demo table and
 * throws the results away, so the user's file meets compiled code. It yields between steps
 * and stops at the next one once `stop()` says so (a file arrived). Plain data, no DOM.
 */
import { generateDemoCsv } from './data/demo';
import { parseCsv } from './data/parse';
import { inspectTable, prepareFrame } from './data/prepare';
import { planChurn, type ChurnPlan } from './churn/jobs/plan';
import { newJobCache, runJob, type ChurnJob, type CvJobResult, type FinalJobResult, type JobResult, type ModelName } from './churn/jobs/jobs';
import { assemble, scoreModels, summarizeCv } from './churn/jobs/assemble';
import { MODEL_NAMES } from './churn/models/models';
import { DEFERRED_MODELS } from './churn/jobs/deferred';
import { queueOrder } from './churn/index';
import { runSegmentation } from './segment/index';
import { runBusiness } from './business/index';
import { fitSurvival, type SurvivalFit } from './survival/run';
import type { SegmentationResult } from './segment/types';
import type { ChurnResult } from './churn/types';
import type { CustomerFrame } from './types';
import { yieldToEvents } from './yieldToEvents';

/** Rows of the warm-up table: ~1 s of one core per round. */
export const WARMUP_ROWS = 1200;
/** Rows of the mapping step's warm-up (engine.ts: between load() and analyze()): each step must be
 *  short enough that a confirm waits little for the one in flight, even in a cold worker. */
export const MAPPING_WARMUP_ROWS = 300;
const WARMUP_SEED = 7;

export interface WarmUpOptions {
  /** 'pipeline' (the analysis worker): segmentation, the churn stage with its scoring and
   *  assembly, and the business layer, as an analysis runs them, then the deferred models' jobs
   *  (they run there after the dashboard), then the steps before the dashboard again; 'jobs' (the
   *  churn worker): one fold and one final refit of every model that decides the first result, GBDT
   *  first (the order it meets them; the deferred ones never run there), twice (another seed); 'mapping' (the analysis worker while the mapping step
   *  is on screen, a file loaded): 'pipeline' up to the business layer, on MAPPING_WARMUP_ROWS
   *  rows, no tfjs (the backend may still be starting) and nothing the first result does not run */
  mode?: 'pipeline' | 'jobs' | 'mapping';
  /** checked between steps: true stops the warm-up there */
  stop?: () => boolean;
  /** the warm-up table, built elsewhere (warmUpFrame in the analysis worker, for the churn worker's
   *  'jobs'); absent: built here from the seeded demo CSV (the 'parse' step) */
  frame?: CustomerFrame;
}

/** What ran; `stopped` when stop() cut it short. */
export interface WarmUpReport {
  steps: string[];
  stopped: boolean;
}


/** The warm-up table ('pipeline' and 'jobs': WARMUP_ROWS rows): the seeded demo CSV through the parser,
 *  inspect and prepare, as a file goes. */
export const warmUpFrame = (rows = WARMUP_ROWS): Promise<CustomerFrame> => demoFrame(rows);

async function demoFrame(rows: number): Promise<CustomerFrame> {
  const parsed = await parseCsv(generateDemoCsv(WARMUP_SEED, rows), 'warm-up.csv');
  if (!parsed.ok) throw new Error(`warm-up: ${parsed.message}`);
  const prep = prepareFrame(inspectTable(parsed.table), {});
  if (!prep.ok) throw new Error(`warm-up: ${prep.message}`);
  return prep.frame;
}

type Step = [string, () => Promise<unknown>];

/** The models that decide the first result (churn/jobs/deferred.ts), in registry order. */
const FIRST_MODELS: ModelName[] = MODEL_NAMES.filter((m) => !DEFERRED_MODELS.includes(m));

/** Runs parse and then the steps of `mode` on the demo table. */
export async function warmUp(opts: WarmUpOptions = {}): Promise<WarmUpReport> {
  return resumableWarmUp(opts.mode, opts.frame).run(opts.stop ?? (() => false));
}

/** A warm-up that stop() pauses and a later run() resumes at the step it had not run yet, with the
 *  results of the steps before (engine.ts: the mapping step's warm-up is restarted for every loaded
 *  file, and a person may drop several files in a row; each step then runs once, not once per file).
 *  `steps` of a run's report are the steps that run ran; `stopped: false` once every step has run. */
export function resumableWarmUp(mode: WarmUpOptions['mode'], given?: CustomerFrame): { run(stop: () => boolean): Promise<WarmUpReport> } {
  let work: Step[] | null = null;
  let next = 0;
  /** a run in flight: the next one starts after it (the steps share their results) */
  let tail: Promise<unknown> = Promise.resolve();
  const runOnce = async (stop: () => boolean): Promise<WarmUpReport> => {
    const steps: string[] = [];
    const out = (stopped: boolean): WarmUpReport => ({ steps, stopped });
    if (stop()) return out(true);
    if (!work) {
      const frame = given ?? (await demoFrame(mode === 'mapping' ? MAPPING_WARMUP_ROWS : WARMUP_ROWS));
      // the churn worker's models in the order it meets their jobs (the logistic final first): a file picked as the
      // page appears stops this warm-up at the first begin(), after the first model or two
      const jobs = (seed: number) => jobSteps(planChurn(frame, { seed, folds: 3 }), 1, [], queueOrder(FIRST_MODELS));
      work = mode === 'pipeline' || mode === 'mapping' ? pipelineSteps(frame, mode === 'pipeline') : [...jobs(WARMUP_SEED), ...again(jobs(WARMUP_SEED + 1)), ...again(jobs(WARMUP_SEED + 2))];
      if (!given) steps.push('parse');
    }
    while (next < work.length) {
      await yieldToEvents();
      if (stop()) return out(true);
      // counted before it runs: a step that throws is not tried again on the next run
      const [name, step] = work[next++];
      await step();
      steps.push(name);
    }
    return out(false);
  };
  return {
    run(stop) {
      const r = tail.then(() => runOnce(stop));
      tail = r.catch(() => {});
      return r;
    },
  };
}

/** One step per job (each well under 0.3 s on the warm-up table, so a file waits little), the
 *  results kept in `done`. `folds` CV jobs per model, then every model's final refit. */
function jobSteps(plan: ChurnPlan, folds: number, done: JobResult[], models: ModelName[], cache = newJobCache()): Step[] {
  const step = (name: string, job: ChurnJob): Step => [name, async () => done.push(await runJob(plan, job, cache))];
  return models.flatMap((model): Step[] => [
    ...Array.from({ length: folds }, (_, fold) => step(`${model} fold${folds > 1 ? ` ${fold + 1}` : ''}`, { kind: 'cv', model, fold })),
    step(`${model} final`, { kind: 'final', model }),
  ]);
}

/** As an analysis runs it: segmentation, (`full`: the survival fit), the deciding models' churn jobs
 *  (2 folds), the churn scoring and assembly on those jobs, the business layer, then (`full`) the
 *  deferred models' jobs and a second and a third round of the steps before the dashboard (hotAgain). The survival fit runs on the analysis worker's critical path before it
 *  takes churn jobs: cold, its Cox likelihood loops ran ~2x slower on Telco (Node: 391 ms CPU cold,
 *  198 ms after one fit on the warm-up table, 140 ms warm) and V8 compiled them during the analysis. */
function pipelineSteps(frame: CustomerFrame, full: boolean): Step[] {
  let seg: SegmentationResult | null = null;
  let surv: SurvivalFit | null = null;
  let churn: ChurnResult | null = null;
  const plan = planChurn(frame, { seed: WARMUP_SEED, folds: 2, models: FIRST_MODELS });
  const done: JobResult[] = [];
  const cache = newJobCache();
  return [
    ['segmentation', async () => (seg = await runSegmentation(frame, { seed: WARMUP_SEED }))],
    ...(full ? [['survival', async () => (surv = fitSurvival(frame, { seed: WARMUP_SEED, k: plan.k }))] satisfies Step] : []),
    ...jobSteps(plan, plan.k, done, FIRST_MODELS, cache),
    ['churn scoring', async () => (churn = assembleJobs(plan, done))],
    ['business', async () => runBusiness(frame, seg, churn, undefined, undefined, surv?.result ?? null)],
    ...(full ? jobSteps(plan, plan.k, [], [...DEFERRED_MODELS], cache) : []),
    ...(full ? hotAgain(frame) : []),
    ...(full ? hotAgain(frame, 2) : []),
  ];
}

/** The same steps, named '<step> again'. */
const again = (steps: Step[]): Step[] => steps.map(([name, step]): Step => [`${name} again`, step]);

/** Another round (`round` 1, 2) of what runs before the first dashboard (segmentation, the survival fit, the
 *  deciding models' jobs) with another seed: after one round on the warm-up table V8 had most of their kernels in
 *  Maglev only, and compiled them with TurboFan during the user's analysis, on the cores it runs on
 *  (bench/deopts.ts: 56 of its ~116 TurboFan compiles were of functions the warm-up had brought to Maglev). A
 *  third round (session 12) lowered the warmed analysis's wall time in 9 of 9 alternating pairs (bench/README
 *  round 10) for ~0.1-0.6 s more warm-up before the engine says ready. */
function hotAgain(frame: CustomerFrame, round = 1): Step[] {
  const plan = planChurn(frame, { seed: WARMUP_SEED + round, folds: 2, models: FIRST_MODELS });
  return again([
    ['segmentation', async () => runSegmentation(frame, { seed: WARMUP_SEED + round })],
    ['survival', async () => fitSurvival(frame, { seed: WARMUP_SEED + round, k: plan.k })],
    ...jobSteps(plan, plan.k, [], FIRST_MODELS),
  ]);
}

function assembleJobs(plan: ChurnPlan, done: JobResult[]): ChurnResult {
  const cv = plan.specs.map((s) => summarizeCv(plan, done.filter((r): r is CvJobResult => r.kind === 'cv' && r.model === s.name)));
  const finals = new Map(done.filter((r): r is FinalJobResult => r.kind === 'final').map((r) => [r.model, r]));
  return assemble(plan, [], scoreModels(plan, cv, undefined), finals, 'warm-up');
}

/**
 * The churn stage across a worker boundary. The churn worker holds the frame and options
 * (begin) and runs single jobs (job) for the coordinating runChurn in the analysis worker,
 * which runs jobs too once segmentation is done: both cores train models. Failures come back
 * as data and turn into AnalysisError again here (structured clone keeps no custom `code`).
 * No comlink here: the worker files pass their own proxy/wrap.
 */
import type { CustomerFrame, OnProgress } from '../../types';
import type { ChurnResult } from '../types';
import { AnalysisError } from '../../errors';
import { initBackendOnFirstUse, type BackendEnv } from '../../tensor/backend';
import { planChurn, type ChurnOptions, type ChurnPlan } from './plan';
import { newJobCache, runJob, type ChurnJob, type JobCache, type JobResult } from './jobs';
import { runChurn, type ChurnImportance, type ChurnMore } from '../index';

type Outcome<T> = { ok: true; result: T } | { ok: false; code: string | null; message: string };

export interface RemoteChurnApi {
  /** Gets the worker ready before any job: a warm-up run of the job code (warmUpJobs); the tfjs backend is set up by the first job that needs it (an MLP). */
  warm(): Promise<void>;
  /** Holds the frame and options for the following jobs (replaces any earlier ones); the result
   *  numbers this stage, for end(). */
  begin(frame: CustomerFrame, opts: ChurnOptions): Promise<Outcome<number>>;
  job(job: ChurnJob): Promise<Outcome<JobResult>>;
  /** Drops the frame of stage `stage` (begin's number), unless a later begin() replaced it: a
   *  stopped analysis's end can arrive after the next analysis began (engine.ts analyze). */
  end(stage?: number): Promise<void>;
}

const failure = (e: unknown): Outcome<never> => {
  const err = e as { code?: unknown; message?: string };
  return { ok: false, code: typeof err.code === 'string' ? err.code : null, message: err.message ?? String(e) };
};

function unwrap<T>(out: Outcome<T>): T {
  if (out.ok) return out.result;
  if (out.code) throw new AnalysisError(out.code, out.message);
  throw new Error(out.message);
}

/** Runs warm-up work until `stop()` says so (the caller passes warmup.ts's warmUp: stages never import it). */
export type WarmUpJobs = (stop: () => boolean) => Promise<unknown>;

/** The API a churn worker exposes; warm() runs `warmUpJobs` (default: none). The jobs that decide the
 *  first result (logistic, GBDT, forest) need no tfjs: the backend is set up by the first model that
 *  uses it (tensor/backend.ts backendReady: the MLP, whose jobs run after the dashboard on the analysis
 *  worker, so usually never here), not at start, where its WebGPU/WebGL probes and wasm fetch and
 *  compile took CPU from a file picked as the page appears (its parse, its mapping step; issue 19). */
export function remoteChurnApi(env: BackendEnv, warmUpJobs: WarmUpJobs = async () => {}): RemoteChurnApi {
  initBackendOnFirstUse('auto', env);
  let state: { plan: ChurnPlan; cache: JobCache } | null = null;
  let began = false;
  /** the latest begin()'s number, counted as calls arrive (a begin waiting for the warm-up that a later
   *  one overtook sets nothing) */
  let stage = 0;
  /** the warm-up in flight: begin() waits for its current step (tfjs is not safe to interleave) */
  let warming: Promise<unknown> = Promise.resolve();
  let queue: Promise<unknown> = Promise.resolve();
  return {
    async warm() {
      warming = warmUpJobs(() => began).catch(() => {});
      await warming;
    },
    async begin(frame, opts) {
      began = true;
      const mine = ++stage;
      await warming;
      if (mine !== stage) return { ok: true, result: mine };
      try {
        state = { plan: planChurn(frame, opts), cache: newJobCache() };
        return { ok: true, result: mine };
      } catch (e) {
        state = null;
        return failure(e);
      }
    },
    job(job) {
      // one job at a time: queued jobs would otherwise interleave at every await of an MLP fit
      // (tfjs), finishing all of them late instead of the first one early
      const run = queue.then(async (): Promise<Outcome<JobResult>> => {
        try {
          if (!state) throw new Error('churn worker: job before begin');
          return { ok: true, result: await runJob(state.plan, job, state.cache) };
        } catch (e) {
          return failure(e);
        }
      });
      queue = run;
      return run;
    },
    async end(ended) {
      if (ended === undefined || ended === stage) state = null;
    },
  };
}

/** The churn runner the pipeline takes in the browser: local jobs wait for `localReady`. */
export type ChurnRunner = (
  frame: CustomerFrame,
  opts: ChurnOptions,
  onProgress?: OnProgress,
  localReady?: Promise<unknown>,
  timings?: Record<string, number>,
  /** receives the deferred part of the stage (churn/index.ts ChurnDistribution.later) */
  later?: (more: ChurnMore) => void,
  /** receives the CV jobs' permutation importance, left for later (ChurnDistribution.importanceLater) */
  importanceLater?: (imp: ChurnImportance) => void,
) => Promise<ChurnResult>;

/** A runChurn that shares its jobs between this thread and the remote churn worker; `done` is
 *  called with the frame's row count once the stage no longer needs the worker (its deferred part
 *  runs on this thread). */
export function churnRunner(remote: () => RemoteChurnApi, done: (rows: number) => void = () => {}): ChurnRunner {
  return async (frame, opts, onProgress, localReady, timings, later, importanceLater) => {
    const api = remote();
    // the worker needs no customer ids and no campaign economics (jobs never read them; 5.6 MB of
    // per-customer values at 100x); the rest of the frame is copied once
    const begun = api.begin({ ...frame, ids: [] }, { ...opts, economics: undefined });
    try {
      return await runChurn(frame, opts, onProgress, {
        localReady,
        timings,
        later,
        importanceLater,
        remote: { run: async (job) => (unwrap(await begun), unwrap(await api.job(job))) },
      });
    } finally {
      void begun.then((b) => (b.ok ? api.end(b.result) : undefined)).catch(() => {});
      done(frame.n);
    }
  };
}

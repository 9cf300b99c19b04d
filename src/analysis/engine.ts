/**
 * The engine behind the worker and the CLI: holds the loaded table between load() and analyze().
 * createEngine(env) returns a plain object implementing EngineApi.
 */
import * as tf from '@tensorflow/tfjs';
import type { AnalyzeResult, DemoKind, Failure, EngineApi, EngineMemory, EngineStatus, LoadResult, PackedAnalyzeResult } from './api';
import type { AnalysisOptions, OnProgress } from './types';
import { parseCsv } from './data/parse';
import { inspectTable, summarize, type Inspected } from './data/prepare';
import { generateDemoCsv } from './data/demo';
import { simulatedCsv } from './lifetime/synthetic';
import { originalRows } from './data/originals';
import { describeBackend, runAnalysis, type Runners } from './pipeline';
import { resumableWarmUp, warmUp } from './warmup';
import type { Refinement, RefinementPatch } from './refine';
import { scoreNewFile } from './model/scoreNewFile';
import { currentBackend, initBackend, type BackendEnv } from './tensor/backend';
import { timeLifetimeFit } from './lifetime/benchFit';
import { AnalysisError, STOPPED_CODE } from './errors';

export interface EngineEnv extends BackendEnv {
  /** backend preference (default 'auto') */
  backend?: AnalysisOptions['backend'];
  /** where stages run (default: all in this thread) */
  runners?: Runners;
  /** 'now' (default, the CLI): analyze() runs everything; 'later' (the page): work over the
   *  budget is left in result.refining and runs on refine() calls (refine.ts) */
  refine?: 'now' | 'later';
}

/** What an analysis stopped by a later call resolves to (the page drops it: a newer run took over). */
const stoppedFailure = (): Failure => ({ ok: false, code: STOPPED_CODE, message: 'This analysis was stopped: a newer one took its place.' });

/** Create an engine; the tfjs backend is initialised on first analyze(). */
export function createEngine(env: EngineEnv = {}): EngineApi {
  let table: Inspected | null = null;
  let parseMs = 0;
  /** bumped by load() and analyze(): a running warm-up stops at its next step */
  let work = 0;
  /** the warm-up's steps in flight: real work waits for the current one (tfjs is not safe to interleave) */
  let warming: Promise<unknown> = Promise.resolve();
  /** the backend set-up warm() started: analyze() waits for it, load() does not (parsing needs no
   *  tfjs; a file picked as the page appears is parsed while the wasm backend compiles) */
  let backendInit: Promise<unknown> = Promise.resolve();
  /** warm() was called (the page: the CLI never warms up) and neither a warm-up nor an analysis has run to its end yet */
  let coldCode = false;
  /** the mapping step's warm-up: each loaded file resumes it where the last one stopped it */
  const mappingWarmUp = resumableWarmUp('mapping');
  /** refinements the last analysis left pending, and the work counter they belong to */
  let pending: { work: number; list: Refinement[] } = { work: -1, list: [] };
  /** the analysis in flight, settled once it has run to its end or stopped: the next analysis or
   *  load waits for it (two would share the cores and the churn worker) */
  let analysing: Promise<unknown> = Promise.resolve();

  async function load(source: Blob | string, fileName: string, onProgress?: OnProgress, sheet?: string): Promise<LoadResult> {
    table = null;
    work++;
    await warming;
    await analysing;
    const t0 = performance.now();
    const parsed = await parseCsv(source, fileName, onProgress, undefined, sheet);
    if (!parsed.ok) return parsed;
    table = inspectTable(parsed.table);
    parseMs = Math.round(performance.now() - t0);
    if (coldCode) warmWhileMapping();
    return { ok: true, summary: summarize(table) };
  }

  /** A file picked before the warm-up ran (the cold page) stopped it; while the mapping step is on
   *  screen (a person reads and answers it for seconds) the analysis's code warms up on a tiny
   *  table ('mapping': no tfjs, short steps), stopped by the confirm's analyze() at its next step.
   *  Results are discarded; only a file loaded here starts it, never an idle page. A later file
   *  resumes it at its next step (several files dropped in a row run each step once), and once it or
   *  an analysis has run to its end it does not start again. */
  function warmWhileMapping(): void {
    const at = work;
    warming = mappingWarmUp
      .run(() => work !== at)
      .then((r) => (coldCode &&= r.stopped))
      .catch(() => {});
  }

  /** Runs the analysis. A later analyze(), load() or scoreNewFile() stops it at its next progress
   *  step (the page starts one on the mapping step's detected roles before the confirm: a confirm
   *  with other roles runs its own, app.svelte.ts); a stopped one resolves as a STOPPED failure, and
   *  runs nothing after its current step (a stage's steps end in skip(), so the stages unwind, the
   *  churn worker's part included, before the next analysis starts). */
  async function analyze(options: AnalysisOptions, onProgress?: OnProgress): Promise<AnalyzeResult> {
    const ins = table;
    if (!ins) return { ok: false, code: 'no-table', message: 'Load a file first.' };
    const at = ++work;
    const before = analysing;
    const run = analyzeAfter(before, ins, at, options, onProgress);
    analysing = run.catch(() => {});
    return run;
  }

  async function analyzeAfter(before: Promise<unknown>, ins: Inspected, at: number, options: AnalysisOptions, onProgress?: OnProgress): Promise<AnalyzeResult> {
    const t0 = performance.now();
    await before;
    await warming;
    await backendInit;
    await initBackend(options.backend ?? env.backend ?? 'auto', env);
    // how long the analysis waited for the warm-up's current step and the tfjs set-up (the cold path)
    const waitMs = Math.round(performance.now() - t0);
    const stopped = () => work !== at;
    if (stopped()) return stoppedFailure();
    const later: Refinement[] | undefined = env.refine === 'later' ? [] : undefined;
    const step: OnProgress = (p) => {
      if (stopped()) throw new AnalysisError(STOPPED_CODE, 'stopped');
      onProgress?.(p);
    };
    let res: AnalyzeResult;
    try {
      res = await runAnalysis(ins, options, step, env.runners, later);
    } catch (e) {
      if (stopped()) return stoppedFailure();
      throw e;
    }
    if (stopped()) return stoppedFailure();
    pending = { work: at, list: later ?? [] };
    // the user's own analysis ran every step a warm-up would (a next file needs none)
    if (res.ok) coldCode = false;
    if (res.ok) res.result.timingsMs = { parse: parseMs, 'engine.wait': waitMs, ...res.result.timingsMs };
    return res;
  }

  return {
    load,
    async loadDemo(seed = 42, rows = 7043, kind: DemoKind = 'telco') {
      if (kind === 'shop') return load(simulatedCsv(rows, seed), `demo-shop-${rows}.csv`);
      return load(generateDemoCsv(seed, rows), `demo-telco-${rows}.csv`);
    },
    analyze,
    async refine(): Promise<RefinementPatch | null> {
      if (pending.work !== work) return null;
      const next = pending.list.shift();
      return next ? next.run() : null;
    },
    async warm(): Promise<EngineStatus> {
      const t0 = performance.now();
      const at = work;
      const backend = initBackend(env.backend ?? 'auto', env);
      backendInit = backend.catch(() => {});
      coldCode = true;
      const run = (async () => {
        const b = await backend;
        // a file that arrived meanwhile stops the warm-up before its first step (it would only
        // compile what that file's analysis is about to run anyway)
        const steps = warmUp({ mode: 'pipeline', stop: () => work !== at });
        // chained: a mapping-step warm-up that load() started meanwhile stays awaited
        warming = Promise.allSettled([warming, steps.then((r) => (coldCode &&= r.stopped))]);
        return { b, r: await steps };
      })();
      const { b, r } = await run;
      return { name: b.name, backend: describeBackend(), warmMs: Math.round(performance.now() - t0), stopped: r.stopped };
    },
    async analyzePacked(options: AnalysisOptions, onProgress?: OnProgress): Promise<PackedAnalyzeResult> {
      const r = await analyze(options, onProgress);
      if (!r.ok || r.result.ids.some((x) => x.includes('\u0000'))) return r;
      return { ok: true, result: { ...r.result, ids: [] }, packedIds: r.result.ids.join('\u0000') };
    },
    async originalRows(idColumn: string | null, ids: string[], maxRows = 1) {
      return table ? originalRows(table.raw, idColumn, ids, maxRows) : null;
    },
    async scoreNewFile(model, source, fileName) {
      // the MLP predicts through tfjs: the warm-up stops, the backend is ready
      work++;
      await warming;
      await backendInit;
      await initBackend(env.backend ?? 'auto', env);
      return scoreNewFile(model, source, fileName);
    },
    async memory(): Promise<EngineMemory> {
      if (!currentBackend()) return { numTensors: 0, numBytes: 0, backendReady: false };
      const m = tf.memory();
      return { numTensors: m.numTensors, numBytes: m.numBytes, backendReady: true };
    },
    async benchLifetimeFit(customers: number, seed = 42) {
      return timeLifetimeFit(customers, seed);
    },
    crash() {
      // Asynchronous on purpose: an uncaught error in the worker's event loop, as a real crash.
      setTimeout(() => {
        throw new Error('simulated engine crash (test hook)');
      }, 0);
    },
  };
}

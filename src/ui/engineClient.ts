/**
 * The main thread's handle on the analysis worker (comlink). Cancel terminates the worker and
 * starts a fresh one, which really stops the work; a crashed worker is restarted the same way.
 * Calls still pending when the worker goes away reject with EngineStopped.
 */
import { proxy, releaseProxy, wrap, type Remote } from 'comlink';
import type { DemoKind, EngineApi, Failure, EngineMemory, EngineStatus, LoadResult, OriginalRows, PackedAnalyzeResult, ScoreFileOutcome } from '../analysis/api';
import type { SavedModel } from '../analysis/savedModel';
import type { AnalysisOptions, OnProgress } from '../analysis/types';
import type { AnalysisResult } from '../analysis/result';
import type { RefinementPatch } from '../analysis/refine';
import type { LifetimeFitTiming } from '../analysis/lifetime/benchFit';
import { headlinesOf } from './headlinesOf';

/** Resolves in a later task (what follows runs after the browser could render and handle input). */
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** The packed ids split into an array a slice per task: one split('\u0000') of 700,000 ids
 *  blocks the main thread for 100-200 ms (string allocation and the GC it triggers). */
export async function splitIds(packed: string, perTask = 50_000): Promise<string[]> {
  const ids: string[] = [];
  if (packed === '') return [''];
  let start = 0;
  for (;;) {
    for (let n = 0; n < perTask; n++) {
      const end = packed.indexOf('\u0000', start);
      if (end < 0) {
        ids.push(packed.slice(start));
        return ids;
      }
      ids.push(packed.slice(start, end));
      start = end + 1;
    }
    await nextTask();
  }
}

/** An analysis on the page: the result, and its ids joined when the worker sent them so. */
export type ClientAnalyzeResult = { ok: true; result: AnalysisResult; packedIds?: string } | Failure;

export class EngineStopped extends Error {
  constructor(readonly reason: 'cancelled' | 'crashed') {
    super(reason === 'cancelled' ? 'The analysis was cancelled.' : 'The analysis engine stopped unexpectedly.');
    this.name = 'EngineStopped';
  }
}

export class EngineClient {
  private worker!: Worker;
  private api!: Remote<EngineApi>;
  private pending = new Set<(e: Error) => void>();
  /** whether the current worker holds a loaded table */
  hasTable = false;

  /** whether a worker is running (it starts on the first call or warm(), not with the page) */
  private started = false;

  constructor(
    private onCrash: (message: string) => void = () => {},
    /** null while a (re)started worker gets ready, then what it reported */
    private onStatus: (status: EngineStatus | null) => void = () => {},
  ) {}

  /** Starts the worker (which warms itself up: backend, churn worker, a small demo run) unless it
   *  runs already. The page calls it once someone uses the page (issue 19: a page nobody uses
   *  burns no CPU); any call to the engine starts it too. */
  warm(): void {
    if (!this.started) this.start();
  }

  private start(): void {
    this.started = true;
    this.worker = new Worker(new URL('../../workers/analysis.worker.ts', import.meta.url), { type: 'module', name: 'analysis' });
    this.worker.addEventListener('error', (e) => {
      e.preventDefault();
      this.stop('crashed');
      this.onCrash('The analysis engine stopped unexpectedly and was restarted. Your saved analyses are safe. Start the analysis again; if this keeps happening, reload the page or try a smaller file.');
    });
    this.api = wrap<EngineApi>(this.worker);
    this.hasTable = false;
    this.onStatus(null);
    const api = this.api;
    (api.warm() as Promise<EngineStatus>).then(
      (s) => api === this.api && this.onStatus(s),
      () => {},
    );
  }

  private stop(reason: 'cancelled' | 'crashed'): void {
    if (!this.started) return;
    this.worker.terminate();
    this.api[releaseProxy]();
    const rejects = [...this.pending];
    this.pending.clear();
    this.start();
    for (const reject of rejects) reject(new EngineStopped(reason));
  }

  /** Stops whatever the worker is doing, now, and starts a fresh worker. */
  cancel(): void {
    this.stop('cancelled');
  }

  private call<T>(fn: (api: Remote<EngineApi>) => Promise<T>): Promise<T> {
    this.warm();
    return new Promise<T>((resolve, reject) => {
      this.pending.add(reject);
      fn(this.api).then(
        (v) => {
          this.pending.delete(reject);
          resolve(v);
        },
        (e) => {
          this.pending.delete(reject);
          reject(e);
        },
      );
    });
  }

  async load(source: Blob | string, fileName: string, onProgress?: OnProgress, sheet?: string): Promise<LoadResult> {
    this.hasTable = false;
    const r = await this.call<LoadResult>((api) => api.load(source, fileName, onProgress ? proxy(onProgress) : undefined, sheet) as Promise<LoadResult>);
    this.hasTable = r.ok;
    return r;
  }

  async loadDemo(seed: number, rows: number, kind: DemoKind = 'telco'): Promise<LoadResult> {
    this.hasTable = false;
    const r = await this.call<LoadResult>((api) => api.loadDemo(seed, rows, kind) as Promise<LoadResult>);
    this.hasTable = r.ok;
    return r;
  }

  /** `options` must be plain data ($state.snapshot first). The result has its ids as an array;
   *  `packedIds` is the same ids joined, as the worker sent them, for the store to save as they are. */
  async analyze(options: AnalysisOptions, onProgress?: OnProgress): Promise<ClientAnalyzeResult> {
    const r = await this.call<PackedAnalyzeResult>((api) => api.analyzePacked(options, onProgress ? proxy(onProgress) : undefined) as Promise<PackedAnalyzeResult>);
    if (!r.ok || r.packedIds === undefined) return r;
    // receiving the result (structured clone of its objects), splitting the ids, the headlines and
    // mounting the dashboard are four main-thread tasks, not one (issue 19: no task over 50 ms)
    await nextTask();
    const ids = await splitIds(r.packedIds);
    await nextTask();
    const result = { ...r.result, ids };
    // the dashboard's headlines too (cold page: ~13-25 ms of CPU, not inside the mount's task)
    headlinesOf(result);
    await nextTask();
    return { ok: true, result, packedIds: r.packedIds };
  }

  /** Runs the next pending refinement of the last analysis; null when none is left. */
  refine(): Promise<RefinementPatch | null> {
    return this.call<RefinementPatch | null>((api) => api.refine() as Promise<RefinementPatch | null>);
  }

  /** Original rows of these customers from the loaded table (null when none is loaded). */
  originalRows(idColumn: string | null, ids: string[], maxRows = 1): Promise<OriginalRows | null> {
    return this.call<OriginalRows | null>((api) => api.originalRows(idColumn, ids, maxRows) as Promise<OriginalRows | null>);
  }

  /** A new file scored with a saved model, in the worker (`model` must be plain data). */
  scoreNewFile(model: SavedModel, file: Blob, fileName: string): Promise<ScoreFileOutcome> {
    return this.call<ScoreFileOutcome>((api) => api.scoreNewFile(model, file, fileName) as Promise<ScoreFileOutcome>);
  }

  /** tfjs memory in the analysis worker (leak checks). */
  memory(): Promise<EngineMemory> {
    return this.call<EngineMemory>((api) => api.memory() as Promise<EngineMemory>);
  }

  /** Bench hook: BG/NBD + Gamma-Gamma fit timed inside the analysis worker. */
  benchLifetimeFit(customers: number): Promise<LifetimeFitTiming> {
    return this.call<LifetimeFitTiming>((api) => api.benchLifetimeFit(customers) as Promise<LifetimeFitTiming>);
  }

  /** Test hook: makes the worker throw an uncaught error (handled like a real crash). */
  crash(): void {
    this.warm();
    void this.api.crash();
  }
}

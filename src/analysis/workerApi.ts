/**
 * The worker boundary, above the stages (STYLE.md habit 19): what each worker exposes, the
 * nested churn worker's lifecycle, warm-up and transfer lists, in one module tested in Node
 * without a Worker. The files in workers/ only create Worker objects (Vite needs those `new
 * Worker(new URL(...))` lines there) and call expose(...). No comlink here: the worker files
 * pass their own wrap/transfer.
 */
import { createEngine } from './engine';
import { churnRunner, remoteChurnApi, type RemoteChurnApi } from './churn/jobs/remote';
import { warmUp } from './warmup';
import type { BackendEnv } from './tensor/backend';
import type { EngineApi } from './api';

/** Replaces every typed array in `o` (plain objects and arrays, in place, 6 levels deep) by a
 *  copy with its own buffer and returns those buffers: they are transferred to the page, so the
 *  page's main thread does not copy tens of MB while deserialising the result (at 100x Telco
 *  ~100-200 ms). Copies, because a typed array of the result may be a view on data the engine
 *  keeps (the loaded table). Arrays of primitives are not walked. */
export function ownBuffers(o: unknown, out: ArrayBuffer[] = [], depth = 0): ArrayBuffer[] {
  if (!o || typeof o !== 'object' || depth > 6) return out;
  const rec = o as Record<string, unknown>;
  for (const k of Object.keys(rec)) {
    const v = rec[k];
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      const copy = (v as unknown as { slice(): ArrayBufferView }).slice();
      rec[k] = copy;
      out.push(copy.buffer as ArrayBuffer);
    } else if (v && typeof v === 'object' && !(Array.isArray(v) && typeof v[0] !== 'object')) ownBuffers(v, out, depth + 1);
  }
  return out;
}

export interface AnalysisWorkerDeps extends BackendEnv {
  /** Starts the nested churn worker and returns its (wrapped) API; `onError` is called when it dies. */
  startChurnWorker(onError: (message: string) => void): RemoteChurnApi;
  /** Marks buffers of a value to be transferred, not copied (comlink's transfer). */
  transfer<T>(value: T, buffers: ArrayBuffer[]): T;
  /** Called with the churn worker's error: default rethrows it in this thread on the next tick. */
  crash?(error: Error): void;
}

/** A dead nested worker never answers its pending jobs: crashing this worker too lets the page's
 *  crash handling (restart + a message to the user) take over instead of a silent hang. */
const crashSoon = (error: Error): void => {
  setTimeout(() => {
    throw error;
  });
};

/** What workers/analysis.worker.ts exposes: the engine, with churn jobs shared with the nested
 *  churn worker (started and warmed at once, while the user picks a file: a cold churn worker
 *  cost ~2 s of the first analysis), warm() resolving once both are warm, and analysis results
 *  whose typed arrays are transferred. */
export function analysisWorkerApi(deps: AnalysisWorkerDeps): EngineApi {
  const crash = deps.crash ?? crashSoon;
  let churnWorker: RemoteChurnApi | null = null;
  const remote = (): RemoteChurnApi =>
    (churnWorker ??= deps.startChurnWorker((message) => crash(new Error(`The churn model worker stopped: ${message || 'unknown error'}`))));
  const remoteWarm = remote().warm();
  const engine = createEngine({ wasmPaths: deps.wasmPaths, runners: { churn: churnRunner(remote), parallel: true }, refine: 'later' });
  return {
    ...engine,
    async warm() {
      return (await Promise.all([engine.warm(), remoteWarm]))[0];
    },
    async analyzePacked(options, onProgress) {
      const r = await engine.analyzePacked(options, onProgress);
      return r.ok ? deps.transfer(r, ownBuffers(r.result)) : r;
    },
    async refine() {
      const patch = await engine.refine();
      return patch ? deps.transfer(patch, ownBuffers(patch.set)) : null;
    },
  };
}

/** What workers/churn.worker.ts exposes: churn jobs, warmed up on the demo table's jobs. */
export function churnWorkerApi(env: BackendEnv): RemoteChurnApi {
  return remoteChurnApi(env, (stop) => warmUp({ stop }));
}

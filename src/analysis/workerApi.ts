/**
 * The worker boundary, above the stages (STYLE.md habit 19): what each worker exposes, the
 * nested churn worker's lifecycle, warm-up and transfer lists, in one module tested in Node
 * without a Worker. The files in workers/ only create Worker objects (Vite needs those `new
 * Worker(new URL(...))` lines there) and call expose(...). No comlink here: the worker files
 * pass their own wrap/transfer.
 */
import { createEngine } from './engine';
import { churnRunner, remoteChurnApi, type RemoteChurnApi } from './churn/jobs/remote';
import { warmUp, warmUpFrame } from './warmup';
import type { BackendEnv } from './tensor/backend';
import type { EngineApi } from './api';
import type { CustomerFrame } from './types';

/** A copy of `o` whose typed arrays (in plain objects and arrays, 6 levels deep) have their own
 *  buffers, and those buffers: they are transferred to the page, so the page's main thread does not
 *  copy tens of MB while deserialising the result (at 100x Telco ~100-200 ms). Copies, because a
 *  typed array of the result may be a view on data the engine keeps (the loaded table), and new
 *  objects along the way, because an object of the result may also be held by a pending refinement's
 *  closure: replacing its arrays in place would leave that closure with the transferred (detached,
 *  empty) copies. Arrays of primitives and non-plain objects (Map, Date) are kept as they are. */
export function ownBuffers<T>(o: T, out: ArrayBuffer[] = [], depth = 0): { value: T; buffers: ArrayBuffer[] } {
  return { value: owned(o, out, depth) as T, buffers: out };
}

function owned(v: unknown, out: ArrayBuffer[], depth: number): unknown {
  if (!v || typeof v !== 'object' || depth > 7) return v;
  if (ArrayBuffer.isView(v)) {
    if (v instanceof DataView) return v;
    const copy = (v as unknown as { slice(): ArrayBufferView }).slice();
    out.push(copy.buffer as ArrayBuffer);
    return copy;
  }
  if (Array.isArray(v)) return typeof v[0] === 'object' ? v.map((x) => owned(x, out, depth + 1)) : v;
  const proto = Object.getPrototypeOf(v) as object | null;
  if (proto !== Object.prototype && proto !== null) return v;
  const copy = Object.create(proto) as Record<string, unknown>;
  for (const k of Object.keys(v)) copy[k] = owned((v as Record<string, unknown>)[k], out, depth + 1);
  return copy;
}

/** What workers/churn.worker.ts exposes: the churn jobs, and their warm-up on a table sent to it. */
export interface ChurnWorkerApi extends RemoteChurnApi {
  /** warm() on `frame`, the warm-up table the analysis worker built (warmUpFrame), instead of one
   *  built there through the CSV parser, inspect and prepare: code the churn worker never runs again
   *  (Node, cold: ~50 + 40 + 85 ms of CPU for 1,200 rows, on a cold page beside the file's parse) */
  warmOn(frame: CustomerFrame): Promise<void>;
}

/** A started churn worker: its (wrapped) API, and how to end it (Worker.terminate). */
export interface ChurnWorkerHandle {
  api: ChurnWorkerApi;
  stop(): void;
}

/** Without a file on its way, the churn worker's warm-up table is built this long after the analysis
 *  worker starts (a file picked as the page appears arrives within a few ms: its parse goes first). */
export const CHURN_FRAME_DELAY_MS = 300;

/** From this many rows on, the churn worker ends when the churn stage is done and a fresh one
 *  starts (and warms up) with the next file or analysis: its heap holds the frame's copy, its jobs'
 *  folds and a grown wasm memory (~100-150 MB at 704,300 rows, issue 19's 1 GB peak at 100x) that
 *  an idle worker would keep until some later GC, or for good (wasm memory never shrinks). Below,
 *  it stays warm for the next analysis (a cold churn worker costs ~2 s of the first one). */
export const CHURN_WORKER_RELEASE_ROWS = 100_000;

export interface AnalysisWorkerDeps extends BackendEnv {
  /** Starts the nested churn worker; `onError` is called when it dies (not when stopped). */
  startChurnWorker(onError: (message: string) => void): ChurnWorkerHandle;
  /** Marks buffers of a value to be transferred, not copied (comlink's transfer). */
  transfer<T>(value: T, buffers: ArrayBuffer[]): T;
  /** rows from which the churn worker ends after the churn stage (default CHURN_WORKER_RELEASE_ROWS) */
  releaseChurnWorkerRows?: number;
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
  let churnWorker: ChurnWorkerHandle | null = null;
  let remoteWarm: Promise<void> = Promise.resolve();
  /** the churn worker's warm-up table is built here (this worker runs the parser and prepare for every
   *  file anyway) once `gate` opens: when a file loaded meanwhile has been parsed (a cold page's file
   *  first, on the cores it needs), or CHURN_FRAME_DELAY_MS after start without one */
  let openGate: () => void = () => {};
  const gate = new Promise<void>((resolve) => (openGate = resolve));
  let loads = 0;
  let frame: Promise<CustomerFrame> | null = null;
  const churnFrame = () => (frame ??= gate.then(() => warmUpFrame()));
  /** a load in flight keeps the gate shut until its file is parsed (or failed) */
  const loading = <T>(p: Promise<T>): Promise<T> => {
    loads++;
    const done = () => (loads--, openGate());
    p.then(done, done);
    return p;
  };
  /** the churn worker, started (and warming up) when there is none: at the page's first call, not when
   *  this worker starts (the page may start it early, idle, so that a file's parse does not wait for it) */
  const remote = (): RemoteChurnApi => {
    if (!churnWorker) {
      if (!frame) setTimeout(() => loads === 0 && openGate(), CHURN_FRAME_DELAY_MS);
      const w = (churnWorker = deps.startChurnWorker((message) => crash(new Error(`The churn model worker stopped: ${message || 'unknown error'}`))));
      remoteWarm = churnFrame().then(
        (f) => w.api.warmOn(f),
        () => w.api.warm(),
      );
    }
    return churnWorker.api;
  };
  /** a large file's churn stage is done: end the worker, and with it all it holds */
  const release = (rows: number) => {
    if (rows < (deps.releaseChurnWorkerRows ?? CHURN_WORKER_RELEASE_ROWS) || !churnWorker) return;
    churnWorker.stop();
    churnWorker = null;
  };
  const engine = createEngine({ wasmPaths: deps.wasmPaths, runners: { churn: churnRunner(remote, release), parallel: true }, refine: 'later' });
  return {
    ...engine,
    async warm() {
      remote();
      return (await Promise.all([engine.warm(), remoteWarm]))[0];
    },
    // a churn worker ended after a large file's churn stage starts again (warming up) while the next
    // file is parsed, or with the next analysis of the same file
    load(...args) {
      remote();
      return loading(engine.load(...args));
    },
    loadDemo(...args) {
      remote();
      return loading(engine.loadDemo(...args));
    },
    async analyzePacked(options, onProgress) {
      remote();
      const r = await engine.analyzePacked(options, onProgress);
      if (!r.ok) return r;
      const { value, buffers } = ownBuffers(r.result);
      return deps.transfer({ ...r, result: value }, buffers);
    },
    async refine() {
      const patch = await engine.refine();
      if (!patch) return null;
      const { value, buffers } = ownBuffers(patch.set);
      return deps.transfer({ ...patch, set: value }, buffers);
    },
  };
}

/** What workers/churn.worker.ts exposes: churn jobs, warmed up on the demo table's jobs (warmOn: on the
 *  table the analysis worker sends; warm: on one built here). */
export function churnWorkerApi(env: BackendEnv): ChurnWorkerApi {
  let frame: CustomerFrame | undefined;
  const api = remoteChurnApi(env, (stop) => warmUp({ stop, frame }));
  return {
    ...api,
    warmOn(f) {
      frame = f;
      return api.warm();
    },
  };
}

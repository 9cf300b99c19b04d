/// <reference lib="webworker" />
/** Thin comlink adapter: exposes the engine; churn's jobs are shared with a nested worker on the
 *  second core (this worker takes its share once segmentation is done). */
import { expose, transfer, wrap } from 'comlink';
import { createEngine } from '../src/analysis/engine';
import { churnRunner, type RemoteChurnApi } from '../src/analysis/churn/remote';
import { wasmPaths } from './wasmPaths';
import type { AnalysisOptions, OnProgress } from '../src/analysis/types';
import type { EngineApi } from '../src/analysis/api';

/** Replaces every typed array in `o` (plain objects and arrays, in place) by a copy with its own
 *  buffer and returns those buffers: they are transferred to the page, so the page's main thread
 *  does not copy tens of MB while deserialising the result (at 100x Telco ~100-200 ms). Copies,
 *  because a typed array of the result may be a view on data the engine keeps (the loaded table). */
function ownBuffers(o: unknown, out: ArrayBuffer[] = [], depth = 0): ArrayBuffer[] {
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

let churnWorker: RemoteChurnApi | null = null;
const remote = () => {
  if (churnWorker) return churnWorker;
  const worker = new Worker(new URL('./churn.worker.ts', import.meta.url), { type: 'module', name: 'churn' });
  // A dead nested worker never answers its pending jobs: crash this worker too, so the page's
  // crash handling (restart + a message to the user) takes over instead of a silent hang.
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    setTimeout(() => {
      throw new Error(`The churn model worker stopped: ${e.message || 'unknown error'}`);
    });
  });
  return (churnWorker = wrap<RemoteChurnApi>(worker) as unknown as RemoteChurnApi);
};

// Start and warm the churn worker now, while the user picks a file: a cold churn worker
// (script, wasm compile, first runs) cost ~2 s of the first analysis. The page hears "ready"
// once both workers are warm.
const remoteWarm = remote().warm();

const engine: EngineApi = createEngine({ wasmPaths, runners: { churn: churnRunner(remote), parallel: true } });
const analyzePacked = engine.analyzePacked.bind(engine);
const warm = engine.warm.bind(engine);
engine.warm = async () => (await Promise.all([warm(), remoteWarm]))[0];
engine.analyzePacked = async (options: AnalysisOptions, onProgress?: OnProgress) => {
  const r = await analyzePacked(options, onProgress);
  return r.ok ? transfer(r, ownBuffers(r.result)) : r;
};
expose(engine);

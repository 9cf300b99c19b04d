/// <reference lib="webworker" />
/** Thin comlink adapter: exposes the analysis worker's API (src/analysis/workerApi.ts); the only
 *  code here creates the nested churn worker, where Vite can see and bundle it. */
import { expose, transfer, wrap } from 'comlink';
import { analysisWorkerApi, type ChurnWorkerApi } from '../src/analysis/workerApi';
import { wasmPaths } from './wasmPaths';

expose(
  analysisWorkerApi({
    wasmPaths,
    transfer,
    startChurnWorker(onError) {
      const worker = new Worker(new URL('./churn.worker.ts', import.meta.url), { type: 'module', name: 'churn' });
      worker.addEventListener('error', (e) => {
        e.preventDefault();
        onError(e.message);
      });
      return { api: wrap<ChurnWorkerApi>(worker) as unknown as ChurnWorkerApi, stop: () => worker.terminate() };
    },
  }),
);

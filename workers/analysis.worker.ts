/// <reference lib="webworker" />
/** Thin comlink adapter: exposes the engine; churn's jobs are shared with a nested worker on the
 *  second core (this worker takes its share once segmentation is done). */
import { expose, wrap } from 'comlink';
import { createEngine } from '../src/analysis/engine';
import { churnRunner, type RemoteChurnApi } from '../src/analysis/churn/remote';
import { wasmPaths } from './wasmPaths';

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

expose(createEngine({ wasmPaths, runners: { churn: churnRunner(remote), parallel: true } }));

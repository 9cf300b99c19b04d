/// <reference lib="webworker" />
/** Thin comlink adapter: exposes the engine; churn's jobs are shared with a nested worker on the
 *  second core (this worker takes its share once segmentation is done). */
import { expose, wrap } from 'comlink';
import { createEngine } from '../src/analysis/engine';
import { churnRunner, type RemoteChurnApi } from '../src/analysis/churn/remote';
import { wasmPaths } from './wasmPaths';

let churnWorker: RemoteChurnApi | null = null;
const remote = () =>
  (churnWorker ??= wrap<RemoteChurnApi>(new Worker(new URL('./churn.worker.ts', import.meta.url), { type: 'module', name: 'churn' })) as unknown as RemoteChurnApi);

expose(createEngine({ wasmPaths, runners: { churn: churnRunner(remote), parallel: true } }));

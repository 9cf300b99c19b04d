/// <reference lib="webworker" />
/** Thin comlink adapter: churn jobs (one model on one fold) in their own worker, on the second core, while
 *  the analysis worker segments (src/analysis/workerApi.ts). Errors come back as data (comlink drops an error's `code`). */
import { expose } from 'comlink';
import { churnWorkerApi } from '../src/analysis/workerApi';
import { wasmPaths } from './wasmPaths';

expose(churnWorkerApi({ wasmPaths }));

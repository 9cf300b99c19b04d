/// <reference lib="webworker" />
/** Thin comlink adapter: churn jobs (one model on one fold) in their own worker, on the second core, while
 *  the analysis worker segments. Errors come back as data (comlink drops an error's `code`). */
import { expose } from 'comlink';
import { remoteChurnApi } from '../src/analysis/churn/remote';
import { warmUp } from '../src/analysis/warmup';
import { wasmPaths } from './wasmPaths';

expose(remoteChurnApi({ wasmPaths }, (stop) => warmUp({ stop })));

/**
 * The churn stage across a worker boundary: the worker side returns failures as data, and the
 * caller side turns them back into AnalysisError (structured clone keeps no custom `code`).
 * No comlink here: the worker files pass their own proxy/wrap.
 */
import type { CustomerFrame, OnProgress } from '../types';
import type { ChurnResult } from './types';
import { AnalysisError } from '../errors';
import { initBackend, type BackendEnv } from '../tensor/backend';
import { runChurn, type ChurnOptions } from './index';

type Outcome = { ok: true; result: ChurnResult } | { ok: false; code: string | null; message: string };

export interface RemoteChurnApi {
  run(frame: CustomerFrame, opts: ChurnOptions, onProgress?: OnProgress): Promise<Outcome>;
}

/** The API a churn worker exposes. */
export function remoteChurnApi(env: BackendEnv): RemoteChurnApi {
  return {
    async run(frame, opts, onProgress) {
      try {
        await initBackend('auto', env);
        return { ok: true, result: await runChurn(frame, opts, onProgress) };
      } catch (e) {
        const err = e as { code?: unknown; message?: string };
        return { ok: false, code: typeof err.code === 'string' ? err.code : null, message: err.message ?? String(e) };
      }
    },
  };
}

/** A runChurn-compatible function that runs in the remote worker. */
export function churnRunner(remote: () => RemoteChurnApi, proxy: <T extends object>(f: T) => T): typeof runChurn {
  return async (frame, opts, onProgress) => {
    const out = await remote().run(frame, opts, onProgress ? proxy(onProgress) : undefined);
    if (out.ok) return out.result;
    if (out.code) throw new AnalysisError(out.code, out.message);
    throw new Error(out.message);
  };
}

/**
 * The analysis that starts on the mapping step (issue 19): while a person reads the roles we
 * detected, the worker already analyses the file with them. The confirm takes that run when it asks
 * for the same options (the progress so far is replayed, then the rest follows); with other options it
 * runs its own, and the engine stops this one at its next step (engine.ts analyze). Plain TS.
 */
import type { AnalysisOptions, OnProgress, Progress } from '../analysis/types';
import { STOPPED_CODE } from '../analysis/errors';
import type { ClientAnalyzeResult } from './engineClient';

export interface HeadStart {
  /** the flow token it was started under: any later action makes it stale */
  readonly token: number;
  /** its options, as take() compares them */
  readonly key: string;
  /** resolves true once it has a result, false when it failed or stopped */
  readonly ready: Promise<boolean>;
  /** whether the run has ended (a result, a failure, or the worker stopped) */
  readonly settled: boolean;
  /** The run, when it was started with these options and not stopped: its progress so far goes to
   *  `onProgress` at once, the rest as it comes. null: run these options anew. */
  take(options: AnalysisOptions, onProgress: OnProgress): Promise<ClientAnalyzeResult | null> | null;
}

/** Options as the confirm's and the head start's are compared (both come from mappingOptions). */
export const optionsKey = (options: AnalysisOptions): string => JSON.stringify(options);

/** Starts `analyze` on `options` now, holding its progress until the run is taken. */
export function headStart(token: number, options: AnalysisOptions, analyze: (onProgress: OnProgress) => Promise<ClientAnalyzeResult>): HeadStart {
  const key = optionsKey(options);
  const held: Progress[] = [];
  let sink: OnProgress | null = null;
  let settled = false;
  const run = analyze((p) => (sink ? sink(p) : void held.push(p)));
  const ready = run.then(
    (r) => ((settled = true), r.ok),
    () => ((settled = true), false), // a cancel or crash: the taker sees the rejection, nobody else needs to
  );
  return {
    token,
    key,
    ready,
    get settled() {
      return settled;
    },
    take(wanted, onProgress) {
      if (optionsKey(wanted) !== key) return null;
      sink = onProgress;
      for (const p of held.splice(0)) onProgress(p);
      // stopped (only a later load or analysis does that, which makes it stale first): run anew
      return run.then((r) => (!r.ok && r.code === STOPPED_CODE ? null : r));
    },
  };
}

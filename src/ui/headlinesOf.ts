/**
 * The dashboard's plain-words lines (analysis/headlines.ts), computed once per result object. The
 * engine client computes them in a task of their own before the dashboard mounts (issue 19: on a
 * cold page they were ~25 ms of CPU inside the mount's 33 ms task, code not compiled yet; 13 ms of
 * it was the churn line's reachAt, which the result now carries); the dashboard reads them here.
 */
import type { AnalysisResult } from '../analysis/result';
import { headlines, type PanelId } from '../analysis/headlines';

const cache = new WeakMap<AnalysisResult, Record<PanelId, string>>();

/** headlines(r), memoised on the result object (results are replaced, never mutated). */
export function headlinesOf(r: AnalysisResult): Record<PanelId, string> {
  let lines = cache.get(r);
  if (!lines) cache.set(r, (lines = headlines(r)));
  return lines;
}

/**
 * The page's side of refining (analysis/refine.ts): after the dashboard is shown and saved, the
 * worker runs the pending refinements one at a time; each patch is applied, shown and saved.
 */
import { applyPatch, withoutPending, type RefinementPatch } from '../analysis/refine';
import type { AnalysisResult } from '../analysis/result';
import { EngineStopped } from './engineClient';
import { urlRefining } from './testHooks';

/** Runs `result`'s pending refinements through `refine` (the worker), calling `show` with each
 *  refined result; `show` returns false when the page has moved on (then this stops). A worker
 *  that has nothing left although the result lists work (restarted) ends it withoutPending. */
export async function refinePending(
  result: AnalysisResult,
  refine: () => Promise<RefinementPatch | null>,
  show: (r: AnalysisResult) => Promise<boolean>,
): Promise<void> {
  let cur = result;
  if (!urlRefining()) return; // a test option: the first result stays, marked refining
  while (cur.refining?.length) {
    let patch: RefinementPatch | null;
    try {
      patch = await refine();
    } catch (e) {
      if (e instanceof EngineStopped) return; // cancelled or crashed: the page already moved on or said so
      patch = null; // a refinement that failed: the result stays complete without it, with a finding
    }
    cur = patch ? applyPatch(cur, patch) : withoutPending(cur);
    if (!(await show(cur))) return;
  }
}

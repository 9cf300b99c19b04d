/**
 * Refining: work of an analysis that does not fit the time budget runs after the dashboard is
 * shown and saved (issue 19). A stage hands the pipeline a Refinement (a closure over what it
 * needs: the frame, a fitted model) instead of running it inline. The CLI runs every refinement
 * at once (engine default); the page's worker returns the result with `refining` listing what is
 * still pending, then runs them one at a time on request (EngineApi.refine) and sends each patch
 * back; the page applies it with applyPatch, shows it, and saves the analysis again.
 * Both ways apply the same patches in the same order to the same base result, so the final
 * result is the same bits (timings aside).
 *
 * To hook in: in the pipeline (or a stage it calls), push a Refinement onto `later` instead of
 * awaiting the work; its `run()` returns a RefinementPatch of plain data. Panels that show a
 * path in `marks` wrap it in <Refining paths={[...]}> (ui/Refining.svelte) to be marked
 * "refining…" until the patch lands.
 */
import type { Warning } from './types';
import type { AnalysisResult, RefiningEntry } from './result';

export type { RefiningEntry };

/** What a refinement changes: whole values at result paths, findings added or dropped, its time. */
export interface RefinementPatch {
  key: string;
  /** dotted result path -> new value (replaces the value there; parents must exist) */
  set: Record<string, unknown>;
  /** findings appended to result.warnings */
  warnings?: Warning[];
  /** finding codes removed from result.warnings first (e.g. a fallback's notice the refinement makes moot) */
  dropWarnings?: string[];
  /** timingsMs entries (wall ms of the refinement's parts) */
  timingsMs?: Record<string, number>;
}

/** Work that may run after the result is shown. run() must not read the result it patches
 *  (its typed arrays may have been transferred away): only what the closure captured. */
export interface Refinement extends RefiningEntry {
  run(): Promise<RefinementPatch>;
}

/** The result with one patch applied and its key no longer pending. Returns a new top-level
 *  object and new objects along each patched path (the page keeps results immutable); values
 *  not on a patched path are shared with `result`. */
export function applyPatch(result: AnalysisResult, patch: RefinementPatch): AnalysisResult {
  const out: AnalysisResult = { ...result };
  for (const [path, value] of Object.entries(patch.set)) setPath(out as unknown as Record<string, unknown>, path.split('.'), value);
  const drop = new Set(patch.dropWarnings ?? []);
  out.warnings = [...result.warnings.filter((w) => !drop.has(w.code)), ...(patch.warnings ?? [])];
  if (patch.timingsMs) out.timingsMs = { ...result.timingsMs, ...patch.timingsMs };
  const left = (result.refining ?? []).filter((r) => r.key !== patch.key);
  if (left.length > 0) out.refining = left;
  else delete out.refining;
  return out;
}

/** Sets o[a][b]... = value, copying each object on the way (o itself is already a copy). */
function setPath(o: Record<string, unknown>, keys: string[], value: unknown): void {
  const [head, ...rest] = keys;
  if (rest.length === 0) {
    o[head] = value;
    return;
  }
  const child = o[head];
  if (!child || typeof child !== 'object') throw new Error(`refine: no object at "${head}" to set "${keys.join('.')}" in`);
  const copy = { ...(child as Record<string, unknown>) };
  o[head] = copy;
  setPath(copy, rest, value);
}

/** Whether any pending refinement rewrites `path` or something inside or above it. */
export function isRefining(result: Pick<AnalysisResult, 'refining'> | null | undefined, path: string): boolean {
  const under = (a: string, b: string) => a === b || a.startsWith(`${b}.`);
  return (result?.refining ?? []).some((r) => r.marks.some((m) => under(m, path) || under(path, m)));
}

/** The pending entries of refinements (plain data for the result). */
export const refiningEntries = (later: Refinement[]): RefiningEntry[] => later.map(({ key, label, marks }) => ({ key, label, marks: [...marks] }));

/** Runs refinements in order and applies each patch: what the CLI does, and what the page ends
 *  with after its refine() calls. */
export async function refineAll(result: AnalysisResult, later: Refinement[]): Promise<AnalysisResult> {
  let out = result;
  for (const r of later) out = applyPatch(out, await r.run());
  return out;
}

/** A result whose refinements will not land (the engine was restarted, or the page closed while
 *  they ran; or `quick`: the CLI's --quick stopped after the first result on purpose): complete
 *  as it is, with a finding naming what is missing. */
export function withoutPending(result: AnalysisResult, quick = false): AnalysisResult {
  if (!result.refining?.length) return result;
  const { refining, ...rest } = result;
  const what = refining.map((r) => r.label).join(', ');
  const finding = quick
    ? { code: 'refining-skipped', message: `Not computed: ${what} (--quick stops after the first result, the page's first dashboard). Run without --quick to add it.`, count: refining.length }
    : { code: 'refining-interrupted', message: `Not computed: ${what} (the work after the dashboard was interrupted). Run the analysis again to add it.`, count: refining.length };
  return { ...rest, warnings: [...result.warnings, finding] };
}

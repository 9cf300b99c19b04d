/**
 * Test and debug options read from the page URL (never set by the UI itself):
 *   ?models=logistic,forest  only these churn models (default: all)
 *   ?folds=3                 cross-validation folds (default 5)
 *   ?seed=7                  the analysis seed (default DEFAULT_SEED)
 *   ?demoRows=500            size of the generated demo table (default 7,043)
 *   ?refine=0                the first result stays as it is: its refining work is not asked for
 *                            (e2e specs that check the first result on many files in a row; a new
 *                            file while refining runs restarts the worker, ~1 s each)
 *   ?debug=1                 exposes window.__retentionStudio = { memory(), crash(), phase(), lifetimeFit(n), headStartsTaken() }
 * The e2e suite uses them to keep runs short and to reach the worker's tfjs memory and the
 * crash path; a user gets the same analysis as without them, only smaller or faster.
 */
import type { AnalysisOptions } from '../analysis/types';
import type { EngineMemory } from '../analysis/api';

const params = (): URLSearchParams => new URLSearchParams(typeof location === 'undefined' ? '' : location.search);

/** Analysis options overridden from the URL (models, folds); empty without parameters. */
export function urlAnalysisOptions(): Partial<AnalysisOptions> {
  const q = params();
  const out: Partial<AnalysisOptions> = {};
  const models = q.get('models');
  if (models) out.models = models.split(',').map((m) => m.trim()).filter(Boolean);
  const folds = Number(q.get('folds'));
  if (Number.isInteger(folds) && folds >= 2 && folds <= 20) out.folds = folds;
  const seed = Number(q.get('seed'));
  if (q.get('seed') !== null && Number.isInteger(seed)) out.seed = seed;
  return out;
}

/** Demo table size from ?demoRows (10..1,000,000), else `fallback`. */
export function urlDemoRows(fallback: number): number {
  const n = Number(params().get('demoRows'));
  return Number.isInteger(n) && n >= 10 && n <= 1_000_000 ? n : fallback;
}

/** False with ?refine=0: the page does not ask the worker for the result's refinements. */
export const urlRefining = (): boolean => params().get('refine') !== '0';

export interface DebugHooks {
  memory(): Promise<EngineMemory>;
  /** the bench's lifetime row: BG/NBD + Gamma-Gamma fit timed in the analysis worker */
  lifetimeFit(customers: number): Promise<unknown>;
  crash(): void;
  phase(): string;
  /** how many confirms took the analysis the mapping step had started (headStart.ts) */
  headStartsTaken(): number;
}

/** Installs window.__retentionStudio when the URL has ?debug=1. */
export function installDebugHooks(hooks: DebugHooks): void {
  if (params().get('debug') !== '1') return;
  (window as unknown as { __retentionStudio: DebugHooks }).__retentionStudio = hooks;
}

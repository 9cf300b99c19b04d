/**
 * What the page shows, as reactive state: the phase, messages, the table being mapped, the mapping,
 * the current result and its saved identity, the engine's status. The transitions between phases
 * live in app.svelte.ts (AppState extends this class); components read these fields through it.
 */
import type { EngineStatus, TableSummary } from '../analysis/api';
import type { AnalysisResult } from '../analysis/result';
import { dict } from '../analysis/dict';
import type { RecipeState } from './mapping/recipes';
import type { Mapping } from './mapping/roles';

export type Phase = 'landing' | 'loading' | 'mapping' | 'running' | 'dashboard';

export class FlowState {
  phase = $state<Phase>('landing');
  error = $state<string | null>(null);
  /** a short headline above the error (e.g. which file could not be read) */
  errorTitle = $state<string | null>(null);
  notice = $state<string | null>(null);
  summary = $state.raw<TableSummary | null>(null);
  result = $state.raw<AnalysisResult | null>(null);
  currentId = $state<string | null>(null);
  currentName = $state('');
  /** the saved mapping found for this file's columns (applied, offered after a failure, or undone); null: none */
  recipe = $state.raw<RecipeState | null>(null);
  /** the mapping detected from this file (what undoing a recipe goes back to) */
  protected detected: Mapping | null = null;
  mapping = $state<Mapping>({ kind: 'customers', roles: {}, types: dict(), ignore: [], saveRecipe: true });
  savedOk = $state(false);
  /** the analysis started on the mapping step (headStart.ts): its options' key and whether its result is in */
  headStart = $state.raw<{ key: string; ready: boolean } | null>(null);
  /** the analysis engine: null while it starts and warms up, then its backend in words */
  engine = $state.raw<EngineStatus | null>(null);
  /** true until the engine starts: at the first use of the page (firstUse.ts) or the first file */
  engineIdle = $state(true);

  /** Clears the error, its title and the notice (before any new action). */
  clearMessages(): void {
    this.error = null;
    this.errorTitle = null;
    this.notice = null;
  }

  /** Shows an error under a short headline. */
  protected showError(title: string | null, message: string): void {
    this.errorTitle = title;
    this.error = message;
  }

  /** Where the flow goes back to when work stops: the mapping, the last dashboard, or the start. */
  protected fallbackPhase(): Phase {
    return this.summary ? 'mapping' : this.result ? 'dashboard' : 'landing';
  }
}

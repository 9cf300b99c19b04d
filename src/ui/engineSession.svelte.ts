/**
 * The page's connection to the engine and to storage: the worker client, the table behind the
 * current analysis, the saved-analyses store, stage progress and the run token, with what the
 * dashboard asks of them outside the flow (a customer's original rows, scoring a new file, stopping,
 * going home, deleting local data). The flow's transitions (load, map, run, save, refine, reopen)
 * live in app.svelte.ts, whose AppState extends this class.
 */
import type { OriginalRows, ScoreFileOutcome } from '../analysis/api';
import type { SavedModel } from '../analysis/savedModel';
import { FlowState } from './flowState.svelte';
import { StudioStore } from '../store/db';
import { EngineClient, EngineStopped } from './engineClient';
import { installDebugHooks } from './testHooks';
import { StageProgressState } from './progress.svelte';
import { SavedAnalyses } from './saved.svelte';
import { NOT_STORED, TableSource } from './sources';
import { onFirstUse, registerOfflineCopyWhenQuiet } from './firstUse';
import type { HeadStart } from './headStart';

export class EngineSession extends FlowState {
  readonly store = new StudioStore();
  readonly saved = new SavedAnalyses(this.store, (m) => (this.error = m));
  readonly progress = new StageProgressState(() => this.token);
  protected client: EngineClient;
  /** the table behind the current analysis (its source, the saved file holding it) */
  protected readonly table: TableSource;
  /** bumped by every new action: work started under an older token drops its outcome */
  protected token = 0;
  /** the token of the analysis whose refinements the worker is running, or -1 */
  protected refiningToken = -1;
  /** the analysis started on the mapping step's first mapping, for the confirm to take (headStart.ts) */
  protected head: HeadStart | null = null;
  /** the token of the load whose mapping step opened: its analysis starts once the step is painted (mappingShown) */
  protected headPending: number | null = null;
  /** confirms that took the mapping step's analysis (a test hook reads it) */
  protected headStartsTaken = 0;

  constructor() {
    super();
    this.client = new EngineClient((message) => {
      this.token++;
      this.showError('The analysis was interrupted', message);
      if (this.phase === 'running' || this.phase === 'loading') this.phase = this.fallbackPhase();
    }, (status) => {
      this.engine = status;
      this.engineIdle = false;
    });
    this.table = new TableSource(this.client, this.store);
    onFirstUse(() => (this.client.warm(), registerOfflineCopyWhenQuiet(() => (this.phase === 'landing' || this.phase === 'dashboard') && this.refiningToken === -1)));
    installDebugHooks({ memory: () => this.client.memory(), crash: () => this.client.crash(), phase: () => this.phase, headStartsTaken: () => this.headStartsTaken, lifetimeFit: (n) => this.client.benchLifetimeFit(n) });
  }

  /** Forgets the mapping step's analysis (a run still going in the worker is stopped by the next one). */
  protected dropHead(): void {
    this.head = null;
    this.headPending = null;
    this.headStart = null;
  }

  /** Loads the current analysis's data into a fresh worker; false (with the reason shown) when it cannot. */
  protected async reloadTable(token: number): Promise<boolean> {
    const why = await this.table.reload(this.currentId, this.progress.listener(token));
    if (why === NOT_STORED || (why && token === this.token)) this.error = why;
    if (token !== this.token) return false;
    if (!why) return true;
    this.phase = this.result ? 'dashboard' : 'landing';
    return false;
  }

  /** Original rows of these customers (default: every analysed customer), loading the analysis's
   *  data into the worker first when needed; null when the data is not stored in this browser. */
  async originalRows(ids: string[] | null, maxRows = 1): Promise<OriginalRows | null> {
    const r = this.result;
    if (!r) return null;
    if (!this.client.hasTable && (await this.table.reload(this.currentId, this.progress.listener(this.token)))) return null;
    return this.client.originalRows(r.roles.id ?? null, ids ?? r.ids, maxRows);
  }

  /** A new file scored with a saved model in the worker (the page's thread only shows the outcome);
   *  the worker stopping (cancel, crash) comes back as a failure. */
  async scoreNewFile(model: SavedModel, file: File): Promise<ScoreFileOutcome> {
    try {
      return await this.client.scoreNewFile($state.snapshot(model) as SavedModel, file, file.name);
    } catch (e) {
      if (e instanceof EngineStopped) return { ok: false, code: 'engine-stopped', message: `${e.message} The file was not scored; try again.` };
      throw e;
    }
  }

  /** Stops the running work now; the page stays usable. */
  cancel(): void {
    this.token++;
    this.client.cancel();
    this.notice = 'Analysis cancelled.';
    this.phase = this.fallbackPhase();
  }

  /** Back to the start page (keeps saved analyses). */
  home(): void {
    // (a mapping step left with its analysis still running: stopped, not left to burn both cores)
    if (this.phase === 'running' || this.phase === 'loading' || (this.phase === 'mapping' && this.head && !this.head.settled)) this.client.cancel();
    this.dropHead();
    this.token++;
    this.clearMessages();
    this.phase = 'landing';
  }

  /** Empties IndexedDB and Cache Storage and removes the offline service worker. */
  async deleteAllLocalData(): Promise<void> {
    await this.saved.deleteEverything();
    this.currentId = null;
    this.notice = 'All data stored by this app in this browser was deleted.';
  }

  /** An unexpected failure of the work started under `token`, shown in words (a cancel or crash is already handled). */
  protected fail(e: unknown, token: number): void {
    if (token !== this.token) return;
    if (e instanceof EngineStopped) return;
    const msg = (e as Error)?.message ?? String(e);
    this.showError('Something went wrong', `The analysis stopped with an unexpected problem (${msg.split('\n')[0]}). Your saved analyses are safe; try again, and if it happens again, reload the page.`);
    this.phase = this.fallbackPhase();
  }
}

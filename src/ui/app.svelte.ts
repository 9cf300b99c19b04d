/**
 * The app's flow, a small phase machine: landing -> (loading) -> mapping -> running -> dashboard.
 * The state it moves lives in flowState.svelte.ts; the worker, the table, storage, progress and the
 * run token, with what is asked of them outside the flow, in engineSession.svelte.ts (AppState
 * extends EngineSession); the saved-analyses list in saved.svelte.ts.
 * Big results live in $state.raw (reassigned, never mutated); anything sent to the worker or
 * IndexedDB is plain data ($state.snapshot). No analytics here: the worker computes.
 */
import { EngineSession } from './engineSession.svelte';
import type { AnalysisResult } from '../analysis/result';
import type { AnalysisOptions } from '../analysis/types';
import type { SourceRef } from '../store/db';
import { initialMapping, settleRecipe, type PendingRecipe } from './mapping/recipes';
import { ANALYSIS_STAGES } from './progress.svelte';
import { metaOf } from './saved.svelte';
import { changedTypes, copyMapping, type Mapping } from './mapping/roles';
import { demoSource, mappingChecks, mappingOptions, readExport, sourceRefOf, type Source } from './sources';
import { headStart } from './headStart';
import type { TableSummary } from '../analysis/api';
import { refinePending } from './refining';
import { withoutPending } from '../analysis/refine';

export type { Phase } from './flowState.svelte';
export { changedTypes, type Mapping };
export { DEMO_ROWS, DEMO_SEED, SHOP_DEMO_CUSTOMERS } from './sources';

/** Resolves in a later task, after the browser had a chance to render (keeps tasks short). */
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Current time as an ISO string (a timestamp, not reactive state). */
const nowIso = (): string => new Date(Date.now()).toISOString();

export class AppState extends EngineSession {
  /** the recipe to remember once the running analysis succeeds (recipes are saved only then) */
  private pendingRecipe: PendingRecipe | null = null;

  /** A dropped or picked file: a CSV to analyse, or an exported report / analysis JSON to reopen. */
  async openFile(file: File): Promise<void> {
    this.clearMessages();
    const checked = await readExport(file);
    if (!checked) return this.load({ type: 'file', data: file, fileName: file.name });
    if (!checked.ok) return this.showError(`“${file.name}” could not be opened`, `"${file.name}" could not be opened: ${checked.message}. Nothing was saved. To analyse data, choose a CSV file.`);
    await this.adoptResult(withoutPending(checked.result), { type: 'report', fileName: checked.result.fileName }, null, null);
    this.notice = `Opened the analysis stored in "${file.name}".`;
  }

  /** Read another sheet of the workbook being mapped (the mapping starts again for it). */
  async chooseSheet(sheet: string): Promise<void> {
    const source = this.table.source;
    if (source?.type !== 'file') return;
    this.clearMessages();
    await this.load({ ...source, sheet });
  }

  /** Load a demo: the Telco-like table, or (kind 'shop') the synthetic invoice log. */
  async loadDemo(kind: 'telco' | 'shop' = 'telco'): Promise<void> {
    this.clearMessages();
    await this.load(demoSource(kind));
  }

  private async load(source: Source): Promise<void> {
    if (this.phase === 'running' || this.phase === 'loading' || this.refiningToken !== -1) this.client.cancel();
    const token = ++this.token;
    this.dropHead();
    this.table.set(source);
    this.summary = null;
    this.phase = 'loading';
    this.progress.reset(['parse']);
    try {
      const r = await this.table.load(source, this.progress.listener(token));
      if (token !== this.token) return;
      if (!r.ok) {
        this.showError(source.type === 'file' ? `“${source.fileName}” could not be read` : 'The demo data could not be generated', r.message);
        this.phase = 'landing';
        return;
      }
      const { mapping, detected, recipe } = await initialMapping(this.store, r.summary);
      if (token !== this.token) return;
      this.summary = r.summary;
      this.mapping = copyMapping(mapping);
      this.detected = detected;
      this.recipe = recipe;
      this.phase = 'mapping';
      this.headPending = token;
    } catch (e) {
      this.fail(e, token);
    }
  }

  /** The mapping step has been painted (all of it): while it is on screen, the analysis runs on the
   *  mapping it shows (headStart.ts), and a confirm without changes shows its result as soon as it is
   *  there. Not before the step is painted (the workers would stretch its main-thread tasks on two
   *  cores), not when a problem blocks the run, not after a confirm. */
  mappingShown(): void {
    const pending = this.headPending;
    this.headPending = null;
    if (pending === this.token && this.phase === 'mapping' && this.summary) this.startHead(this.summary);
  }

  private startHead(summary: TableSummary): void {
    const token = this.token;
    const mapping = $state.snapshot(this.mapping) as Mapping;
    this.dropHead();
    if (mappingChecks(summary, mapping).some((c) => c.blocking)) return;
    const options = mappingOptions(summary, mapping);
    const head = (this.head = headStart(token, options, (onProgress) => this.client.analyze(options, onProgress)));
    this.headStart = { key: head.key, ready: false };
    void head.ready.then((ok) => {
      if (this.head === head) this.headStart = ok ? { key: head.key, ready: true } : null;
    });
  }

  /** Undo a recipe: back to the mapping detected from this file; or (apply) use the saved one after all. */
  useRecipe(apply: boolean): void {
    const r = this.recipe;
    if (!r || !this.detected) return;
    this.mapping = copyMapping(apply ? r.mapping : this.detected);
    this.recipe = { ...r, applied: apply };
  }

  /** The user confirmed the mapping: run the analysis; the mapping is remembered (optional) once it succeeded. */
  async confirmMapping(): Promise<void> {
    const summary = this.summary;
    if (!summary) return;
    const mapping = $state.snapshot(this.mapping);
    this.pendingRecipe = { summary, mapping, save: mapping.saveRecipe };
    await this.run(mappingOptions(summary, mapping), null);
    this.pendingRecipe = null;
  }

  /** After a run: settles the mapping step's pending recipe (mapping/recipes.ts settleRecipe). */
  private async settleRecipe(ok: boolean): Promise<void> {
    const pending = this.pendingRecipe;
    this.pendingRecipe = null;
    if (!pending) return; // a re-run from the dashboard: the mapping step's recipe is not involved
    const before = this.recipe;
    const out = await settleRecipe(this.store, pending, before, ok, nowIso());
    if (out.notice) this.notice = out.notice;
    if (out.recipe !== before) this.recipe = out.recipe;
  }

  /** Runs the analysis on the table in the worker (reloading it first when the worker is fresh).
   *  `replaces`: the saved analysis the new result overwrites (null: saved as a new one). */
  async run(options: AnalysisOptions, replaces: string | null): Promise<void> {
    // the mapping step's run, if nothing happened since it started (another run stops it in the worker)
    const head = this.head?.token === this.token ? this.head : null;
    this.dropHead();
    if (this.phase === 'running' || this.refiningToken !== -1) this.client.cancel();
    const token = ++this.token;
    this.error = null;
    this.errorTitle = null;
    this.phase = 'running';
    this.savedOk = false;
    this.progress.reset(this.client.hasTable ? ANALYSIS_STAGES : ['parse', ...ANALYSIS_STAGES]);
    try {
      if (!this.client.hasTable && !(await this.reloadTable(token))) return;
      const listener = this.progress.listener(token);
      const taken = await head?.take(options, listener);
      if (taken) this.headStartsTaken++;
      const r = taken ?? (await this.client.analyze(options, listener));
      if (token !== this.token) return;
      if (!r.ok) {
        this.showError('The analysis could not be completed', r.message);
        this.phase = this.summary ? 'mapping' : 'landing';
        await this.settleRecipe(false);
        return;
      }
      await this.adoptResult(r.result, sourceRefOf(this.table.source, r.result.fileName), this.table.source, replaces, r.packedIds);
      await this.settleRecipe(true);
    } catch (e) {
      this.fail(e, token);
    }
  }


  /** Shows a finished result and saves it (result + metadata in one write; the file separately),
   *  under `replaces` when given (a re-run updates the analysis it came from), else a new id.
   *  `packedIds`: the result's ids as the worker sent them, joined (saved as they are). */
  private async adoptResult(result: AnalysisResult, source: SourceRef, data: Source | null, replaces: string | null, packedIds?: string): Promise<void> {
    const prior = replaces ? await this.store.getMeta(replaces) : null;
    this.result = result;
    this.savedOk = false;
    this.phase = 'dashboard';
    const id = prior?.id ?? crypto.randomUUID();
    const name = prior?.name ?? (source.type === 'demo' ? (source.demo === 'shop' ? 'Shop demo' : 'Demo data') : result.fileName);
    this.currentId = id;
    this.currentName = name;
    const meta = metaOf(id, name, result, prior?.source ?? source, nowIso());
    // Let the dashboard paint first: saving (a structured clone of the result) is its own task.
    await nextTask();
    if (this.currentId !== id) return; // another analysis or a reopen took over meanwhile
    const file = data?.type === 'file' ? { fileName: data.fileName, data: data.data } : null;
    const out = await this.saved.save(meta, result, file, this.table.savedId, packedIds);
    if (!out.ok) return this.showError('This analysis was not saved', out.message);
    if (out.notice) this.notice = out.notice;
    this.table.savedId = id;
    this.savedOk = true;
    if (result.refining?.length) void this.refine(result, meta, packedIds);
  }

  /** Runs the result's refinements in the worker (after the dashboard is shown and saved); each
   *  refined result is shown and saved over the same analysis. Stops when the page moves on. */
  private async refine(result: AnalysisResult, meta: ReturnType<typeof metaOf>, packedIds?: string): Promise<void> {
    const token = (this.refiningToken = this.token);
    const current = () => token === this.token && this.currentId === meta.id;
    await refinePending(result, () => this.client.refine(), async (next) => {
      if (!current()) return false;
      this.result = next;
      const out = await this.saved.save(meta, next, null, meta.id, packedIds);
      if (!out.ok) this.showError('This analysis was not saved', out.message);
      return current();
    });
    if (this.refiningToken === token) this.refiningToken = -1;
  }

  /** Reopens a saved analysis instantly (no re-run). Returns false when it is not stored. */
  async reopen(id: string): Promise<boolean> {
    this.clearMessages();
    const opened = await this.saved.open(id);
    if (!opened) {
      this.error = 'That saved analysis could not be found any more.';
      await this.saved.refresh();
      return false;
    }
    this.token++;
    this.dropHead();
    this.table.set(null, id);
    this.summary = null;
    this.client.cancel(); // a fresh worker: the table is reloaded from storage only if re-run
    this.result = opened.result;
    this.currentId = id;
    this.currentName = opened.meta.name;
    this.savedOk = true;
    this.phase = 'dashboard';
    return true;
  }

  /** Re-runs the current analysis with another number of segments: it updates the analysis it
   *  came from, or, when `keepBoth`, is saved beside it as a new one. */
  async rerunWithK(k: number, keepBoth = false): Promise<void> {
    if (!this.result) return;
    await this.run({ ...$state.snapshot(this.result.options), k }, keepBoth ? null : this.currentId);
  }
}

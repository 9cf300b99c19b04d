/**
 * The app's state and flow: landing -> (loading) -> mapping -> running -> dashboard.
 * Big results live in $state.raw (reassigned, never mutated); anything sent to the worker or
 * IndexedDB is plain data ($state.snapshot). No analytics here: the worker computes.
 */
import type { EngineStatus, TableSummary } from '../analysis/api';
import type { AnalysisResult } from '../analysis/result';
import type { AnalysisOptions, ColumnType, Progress, Role, TableKind } from '../analysis/types';
import { StudioStore, recipeKey, type SavedMeta, type SourceRef } from '../store/db';
import { resultFromJson, resultFromReportHtml } from '../report/json';
import { EngineClient, EngineStopped } from './engineClient';
import { installDebugHooks, urlAnalysisOptions, urlDemoRows } from './testHooks';

export type Phase = 'landing' | 'loading' | 'mapping' | 'running' | 'dashboard';

type Source = { type: 'file'; data: Blob | string; fileName: string } | { type: 'demo'; seed: number; rows: number };

export interface StageProgress {
  stage: string;
  fraction: number;
  detail: string;
}

export const STAGE_LABELS: Record<string, string> = {
  parse: 'Reading the file',
  clean: 'Cleaning and preparing the data',
  segmentation: 'Finding customer segments',
  churn: 'Training and validating churn models',
  business: 'Computing business figures',
};
const ANALYSIS_STAGES = ['clean', 'segmentation', 'churn', 'business'];

/** Resolves in a later task, after the browser had a chance to render (keeps tasks short). */
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Current time as an ISO string (a timestamp, not reactive state). */
const nowIso = (): string => new Date(Date.now()).toISOString();

export const DEMO_SEED = 42;
export const DEMO_ROWS = 7043;

export interface Mapping {
  kind: TableKind;
  roles: Partial<Record<Role, string | null>>;
  /** the user's column types, only where they differ from the detected type */
  types: Record<string, ColumnType>;
  saveRecipe: boolean;
}

/** The given column types that name a column of the table and differ from its detected type. */
export function changedTypes(summary: TableSummary, types: Record<string, ColumnType> | undefined): Record<string, ColumnType> {
  const out: Record<string, ColumnType> = {};
  if (!types) return out;
  for (const c of summary.columns) {
    const t = types[c.name];
    if (t && t !== c.type) out[c.name] = t;
  }
  return out;
}

export class AppState {
  phase = $state<Phase>('landing');
  error = $state<string | null>(null);
  /** a short headline above the error (e.g. which file could not be read) */
  errorTitle = $state<string | null>(null);
  notice = $state<string | null>(null);
  summary = $state.raw<TableSummary | null>(null);
  result = $state.raw<AnalysisResult | null>(null);
  stages = $state<StageProgress[]>([]);
  saved = $state.raw<SavedMeta[]>([]);
  currentId = $state<string | null>(null);
  currentName = $state('');
  recipeApplied = $state(false);
  mapping = $state<Mapping>({ kind: 'customers', roles: {}, types: {}, saveRecipe: true });
  savedOk = $state(false);
  /** the analysis engine: null while it starts and warms up, then its backend in words */
  engine = $state.raw<EngineStatus | null>(null);

  readonly store = new StudioStore();
  private client: EngineClient;
  private source: Source | null = null;
  private sourceId: string | null = null;
  private token = 0;

  constructor() {
    this.client = new EngineClient((message) => {
      this.token++;
      this.errorTitle = 'The analysis was interrupted';
      this.error = message;
      if (this.phase === 'running' || this.phase === 'loading') this.phase = this.summary ? 'mapping' : this.result ? 'dashboard' : 'landing';
    }, (status) => (this.engine = status));
    installDebugHooks({ memory: () => this.client.memory(), crash: () => this.client.crash(), phase: () => this.phase });
  }

  async refreshSaved(): Promise<void> {
    try {
      this.saved = await this.store.list();
    } catch (e) {
      this.error = `Saved analyses could not be read from this browser's storage (${(e as Error).message}).`;
    }
  }

  /** Progress messages arrive far more often than frames: keep the latest per stage and apply
   *  them once per animation frame, so the page re-renders at most once a frame. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a buffer, deliberately not reactive
  private pendingProgress = new Map<string, { token: number; stage: string; fraction: number; detail: string }>();
  private progressFrame = false;

  private onProgress = (token: number) => (p: Progress) => {
    if (token !== this.token) return;
    this.pendingProgress.set(p.stage, { token, stage: p.stage, fraction: p.fraction, detail: p.detail ?? '' });
    if (this.progressFrame) return;
    this.progressFrame = true;
    const flush = () => {
      this.progressFrame = false;
      for (const { token: t, ...entry } of this.pendingProgress.values()) {
        if (t !== this.token) continue;
        const i = this.stages.findIndex((s) => s.stage === entry.stage);
        if (i >= 0) this.stages[i] = entry;
        else this.stages.push(entry);
      }
      this.pendingProgress.clear();
    };
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(flush);
    else setTimeout(flush, 16);
  };

  private resetStages(names: string[]): void {
    this.pendingProgress.clear();
    this.stages = names.map((stage) => ({ stage, fraction: 0, detail: '' }));
  }

  /** A dropped or picked file: a CSV to analyse, or an exported report / analysis JSON to reopen. */
  async openFile(file: File): Promise<void> {
    this.error = null;
    this.errorTitle = null;
    this.notice = null;
    const lower = file.name.toLowerCase();
    if (lower.endsWith('.html') || lower.endsWith('.htm') || lower.endsWith('.json')) {
      const text = await file.text();
      const result = lower.endsWith('.json') ? resultFromJson(text) : resultFromReportHtml(text);
      if (!result) {
        this.errorTitle = `“${file.name}” could not be opened`;
        this.error = `"${file.name}" is not a Retention Studio report or analysis file. To analyse data, choose a CSV file.`;
        return;
      }
      await this.adoptResult(result, { type: 'report', fileName: result.fileName }, null);
      this.notice = `Opened the analysis stored in "${file.name}".`;
      return;
    }
    await this.load({ type: 'file', data: file, fileName: file.name });
  }

  async loadDemo(): Promise<void> {
    this.error = null;
    this.errorTitle = null;
    this.notice = null;
    await this.load({ type: 'demo', seed: DEMO_SEED, rows: urlDemoRows(DEMO_ROWS) });
  }

  private async load(source: Source): Promise<void> {
    if (this.phase === 'running' || this.phase === 'loading') this.client.cancel();
    const token = ++this.token;
    this.source = source;
    this.sourceId = null;
    this.summary = null;
    this.phase = 'loading';
    this.resetStages(['parse']);
    try {
      const r = await this.loadIntoWorker(source, token);
      if (token !== this.token) return;
      if (!r.ok) {
        this.errorTitle = source.type === 'file' ? `“${source.fileName}” could not be read` : 'The demo data could not be generated';
        this.error = r.message;
        this.phase = 'landing';
        return;
      }
      this.summary = r.summary;
      await this.applyRecipe(r.summary);
      this.phase = 'mapping';
    } catch (e) {
      this.fail(e, token);
    }
  }

  private loadIntoWorker(source: Source, token: number) {
    return source.type === 'demo'
      ? this.client.loadDemo(source.seed, source.rows)
      : this.client.load(source.data, source.fileName, this.onProgress(token));
  }

  private async applyRecipe(summary: TableSummary): Promise<void> {
    this.recipeApplied = false;
    this.mapping = { kind: summary.kind, roles: { ...summary.roles }, types: {}, saveRecipe: true };
    try {
      const recipe = await this.store.findRecipe(summary.header);
      if (recipe) {
        this.mapping = { kind: recipe.kind ?? summary.kind, roles: { ...recipe.roles }, types: changedTypes(summary, recipe.types), saveRecipe: true };
        this.recipeApplied = true;
      }
    } catch {
      /* no recipes available: detection stands */
    }
  }

  /** The user confirmed the mapping: remember it (optional) and run the analysis. */
  async confirmMapping(): Promise<void> {
    const summary = this.summary;
    if (!summary) return;
    const mapping = $state.snapshot(this.mapping);
    const types = changedTypes(summary, mapping.types);
    if (mapping.saveRecipe) {
      const out = await this.store.saveRecipe({
        key: recipeKey(summary.header), header: summary.header, kind: mapping.kind, roles: mapping.roles, types, savedAt: nowIso(),
      });
      if (!out.ok) this.notice = out.message;
    }
    const options: AnalysisOptions = { ...urlAnalysisOptions(), seed: DEMO_SEED, kind: mapping.kind, roles: mapping.roles };
    if (Object.keys(types).length > 0) options.types = types;
    await this.run(options);
  }

  /** Runs the analysis on the table in the worker (reloading it first when the worker is fresh). */
  async run(options: AnalysisOptions): Promise<void> {
    if (this.phase === 'running') this.client.cancel();
    const token = ++this.token;
    this.error = null;
    this.errorTitle = null;
    this.phase = 'running';
    this.savedOk = false;
    this.resetStages(this.client.hasTable ? ANALYSIS_STAGES : ['parse', ...ANALYSIS_STAGES]);
    try {
      if (!this.client.hasTable) {
        const source = await this.currentSource();
        if (!source) {
          this.error = 'The original data of this analysis is not stored in this browser, so it cannot be re-run. Open the file again.';
          this.phase = this.result ? 'dashboard' : 'landing';
          return;
        }
        const loaded = await this.loadIntoWorker(source, token);
        if (token !== this.token) return;
        if (!loaded.ok) {
          this.error = loaded.message;
          this.phase = 'landing';
          return;
        }
      }
      const r = await this.client.analyze(options, this.onProgress(token));
      if (token !== this.token) return;
      if (!r.ok) {
        this.errorTitle = 'The analysis could not be completed';
        this.error = r.message;
        this.phase = this.summary ? 'mapping' : 'landing';
        return;
      }
      const src: SourceRef = this.source?.type === 'demo'
        ? { type: 'demo', seed: this.source.seed, rows: this.source.rows }
        : { type: 'file', fileName: r.result.fileName };
      await this.adoptResult(r.result, src, this.source);
    } catch (e) {
      this.fail(e, token);
    }
  }

  private async currentSource(): Promise<Source | null> {
    if (this.source) return this.source;
    if (!this.currentId) return null;
    const meta = await this.store.getMeta(this.currentId);
    if (meta?.source.type === 'demo') return (this.source = { type: 'demo', seed: meta.source.seed, rows: meta.source.rows });
    const file = await this.store.loadFile(this.sourceId ?? this.currentId);
    return file ? (this.source = { type: 'file', data: file.data, fileName: file.fileName }) : null;
  }

  /** Shows a finished result and saves it (result + metadata in one write; the file separately). */
  private async adoptResult(result: AnalysisResult, source: SourceRef, data: Source | null): Promise<void> {
    this.result = result;
    this.savedOk = false;
    this.phase = 'dashboard';
    const id = crypto.randomUUID();
    const name = source.type === 'demo' ? 'Demo data' : result.fileName;
    this.currentId = id;
    this.currentName = name;
    const meta: SavedMeta = {
      id, name, fileName: result.fileName, rows: result.rows, kind: result.kind, createdAt: nowIso(),
      churnRate: result.business?.kpis.churnRate.value ?? result.churn?.positiveRate ?? null,
      segments: result.segmentation?.k ?? null, options: result.options, source,
    };
    // Let the dashboard paint first: saving (a structured clone of the result) is its own task.
    await nextTask();
    if (this.currentId !== id) return; // another analysis or a reopen took over meanwhile
    const saved = await this.store.saveAnalysis(meta, result);
    if (!saved.ok) {
      this.errorTitle = 'This analysis was not saved';
      this.error = saved.message;
      return;
    }
    // Keep the original data so the analysis can be re-run (e.g. another K) after a reload.
    if (data?.type === 'file') {
      const prior = this.sourceId;
      if (prior && prior !== id) {
        const old = await this.store.loadFile(prior);
        if (old) await this.store.saveFile({ ...old, id });
      } else {
        const f = await this.store.saveFile({ id, fileName: data.fileName, data: data.data });
        if (!f.ok) this.notice = `${f.message} The analysis itself is saved.`;
      }
    }
    this.sourceId = id;
    this.savedOk = true;
    await this.refreshSaved();
  }

  /** Reopens a saved analysis instantly (no re-run). */
  async reopen(id: string): Promise<void> {
    this.error = null;
    this.errorTitle = null;
    this.notice = null;
    const [meta, result] = await Promise.all([this.store.getMeta(id), this.store.loadResult(id)]);
    if (!meta || !result) {
      this.error = 'That saved analysis could not be found any more.';
      await this.refreshSaved();
      return;
    }
    this.token++;
    this.source = null;
    this.summary = null;
    this.sourceId = id;
    this.client.cancel(); // a fresh worker: the table is reloaded from storage only if re-run
    this.result = result;
    this.currentId = id;
    this.currentName = meta.name;
    this.savedOk = true;
    this.phase = 'dashboard';
  }

  async rename(id: string, name: string): Promise<void> {
    const out = await this.store.rename(id, name.trim() || 'Untitled analysis');
    if (!out.ok) this.error = out.message;
    if (id === this.currentId) this.currentName = name.trim();
    await this.refreshSaved();
  }

  async remove(id: string): Promise<void> {
    await this.store.remove(id);
    if (id === this.currentId) this.currentId = null;
    await this.refreshSaved();
  }

  /** Re-runs the current analysis with another number of segments. */
  async rerunWithK(k: number): Promise<void> {
    if (!this.result) return;
    await this.run({ ...$state.snapshot(this.result.options), k });
  }

  /** Stops the running work now; the page stays usable. */
  cancel(): void {
    this.token++;
    this.client.cancel();
    this.notice = 'Analysis cancelled.';
    this.phase = this.summary ? 'mapping' : this.result ? 'dashboard' : 'landing';
  }

  /** Back to the start page (keeps saved analyses). */
  home(): void {
    if (this.phase === 'running' || this.phase === 'loading') this.client.cancel();
    this.token++;
    this.error = null;
    this.errorTitle = null;
    this.phase = 'landing';
  }

  /** Empties IndexedDB and Cache Storage and removes the offline service worker. */
  async deleteAllLocalData(): Promise<void> {
    if ('serviceWorker' in navigator) {
      for (const reg of await navigator.serviceWorker.getRegistrations()) await reg.unregister();
    }
    await this.store.deleteEverything();
    this.saved = [];
    this.currentId = null;
    this.notice = 'All data stored by this app in this browser was deleted.';
  }

  private fail(e: unknown, token: number): void {
    if (token !== this.token) return;
    if (e instanceof EngineStopped) return; // cancel or crash: already handled
    const msg = (e as Error)?.message ?? String(e);
    this.errorTitle = 'Something went wrong';
    this.error = `The analysis stopped with an unexpected problem (${msg.split('\n')[0]}). Your saved analyses are safe; try again, and if it happens again, reload the page.`;
    this.phase = this.summary ? 'mapping' : this.result ? 'dashboard' : 'landing';
  }
}

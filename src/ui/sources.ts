/**
 * Where an analysis's table comes from: a file (with its workbook sheet) or a seeded demo. Loads a
 * source into the engine worker, names it for the store (SourceRef), finds a saved analysis's
 * source again in IndexedDB, and turns the mapping step's choices into analysis options.
 */
import type { OnProgress } from '../analysis/types';
import { DEFAULT_SEED, type AnalysisOptions } from '../analysis/types';
import type { StudioStore, SourceRef } from '../store/db';
import type { EngineClient } from './engineClient';
import { urlAnalysisOptions, urlDemoRows } from './testHooks';
import { changedTypes, mappingChoices, type Mapping } from './mapping/roles';
import type { TableSummary } from '../analysis/api';
import { importJson, importReportHtml } from '../report/json';
import { checkMapping, type MappingCheck } from '../analysis/data/mappingChecks';

export type Source = { type: 'file'; data: Blob | string; fileName: string; sheet?: string } | { type: 'demo'; seed: number; rows: number; demo?: 'shop' };

/** The demo table's generator seed and size (the analysis itself uses the analysis seed option). */
export const DEMO_SEED = 42;
export const DEMO_ROWS = 7043;
/** customers in the shop demo (an invoice log for the lifetime models) */
export const SHOP_DEMO_CUSTOMERS = 5000;

/** The demo source: the Telco-like table, or (kind 'shop') the synthetic invoice log. */
export function demoSource(kind: 'telco' | 'shop'): Source {
  return kind === 'shop' ? { type: 'demo', seed: DEMO_SEED, rows: SHOP_DEMO_CUSTOMERS, demo: 'shop' } : { type: 'demo', seed: DEMO_SEED, rows: urlDemoRows(DEMO_ROWS) };
}

/** Loads a source into the worker (a demo is generated there). */
export function loadSource(client: EngineClient, source: Source, onProgress: OnProgress) {
  return source.type === 'demo'
    ? client.loadDemo(source.seed, source.rows, source.demo ?? 'telco')
    : client.load(source.data, source.fileName, onProgress, source.sheet);
}

/** What the store keeps about a source (a file's name, a demo's seed and size). */
export function sourceRefOf(source: Source | null, fileName: string): SourceRef {
  return source?.type === 'demo'
    ? { type: 'demo', seed: source.seed, rows: source.rows, ...(source.demo ? { demo: source.demo } : {}) }
    : { type: 'file', fileName };
}

/** A saved analysis's source from the store: the demo it names, or its stored file (null: not stored). */
export async function storedSource(store: StudioStore, id: string, fileId: string): Promise<Source | null> {
  const meta = await store.getMeta(id);
  if (meta?.source.type === 'demo') return { type: 'demo', seed: meta.source.seed, rows: meta.source.rows, ...(meta.source.demo ? { demo: meta.source.demo } : {}) };
  const file = await store.loadFile(fileId);
  return file ? { type: 'file', data: file.data, fileName: file.fileName } : null;
}

/** A dropped exported report (.html, .htm) or analysis (.json), checked against the import schema
 *  before anything is shown or saved; null for any other file (a table to analyse). */
export async function readExport(file: File): Promise<ReturnType<typeof importJson> | null> {
  const lower = file.name.toLowerCase();
  if (!(lower.endsWith('.html') || lower.endsWith('.htm') || lower.endsWith('.json'))) return null;
  const text = await file.text();
  return lower.endsWith('.json') ? importJson(text) : importReportHtml(text);
}

/** The analysis options the mapping step's choices ask for. */
export function mappingOptions(summary: TableSummary, mapping: Mapping): AnalysisOptions {
  const types = changedTypes(summary, mapping.types);
  const options: AnalysisOptions = { seed: DEFAULT_SEED, ...urlAnalysisOptions(), kind: mapping.kind, roles: mapping.roles };
  if (Object.keys(types).length > 0) options.types = types;
  if (mapping.ignore.length > 0) options.ignore = mapping.ignore;
  Object.assign(options, mappingChoices(mapping));
  if (mapping.formats) Object.assign(options, mapping.formats);
  return options;
}

/** The mapping's problems (blocking ones keep "Analyse" disabled, and no analysis starts ahead of the confirm). */
export function mappingChecks(summary: TableSummary, mapping: Mapping): MappingCheck[] {
  return checkMapping(summary.columns, mapping.kind, mapping.roles, { unit: mapping.rfmUnit ?? summary.rfm?.unit ?? null });
}

/** Why a reopened analysis cannot be re-run. */
export const NOT_STORED = 'The original data of this analysis is not stored in this browser, so it cannot be re-run. Open the file again.';

/** The table behind the current analysis: where it came from, and loading it into the worker. */
export class TableSource {
  /** the current table's source (null after a reopen, until it is needed again) */
  source: Source | null = null;
  /** the saved analysis whose stored file holds this table (null: not saved yet) */
  savedId: string | null = null;

  constructor(
    private readonly client: EngineClient,
    private readonly store: StudioStore,
  ) {}

  /** Another table (or none): forgets the previous one. */
  set(source: Source | null, savedId: string | null = null): void {
    this.source = source;
    this.savedId = savedId;
  }

  /** Loads a source into the worker. */
  load(source: Source, onProgress: OnProgress) {
    return loadSource(this.client, source, onProgress);
  }

  /** The current source, found again in the store for a reopened analysis (null: its data is not stored). */
  async current(analysisId: string | null): Promise<Source | null> {
    if (this.source) return this.source;
    if (!analysisId) return null;
    return (this.source = await storedSource(this.store, analysisId, this.savedId ?? analysisId));
  }

  /** Loads the current analysis's table into a fresh worker: null when it is loaded, else why not. */
  async reload(analysisId: string | null, onProgress: OnProgress): Promise<string | null> {
    const source = await this.current(analysisId);
    if (!source) return NOT_STORED;
    const loaded = await this.load(source, onProgress);
    return loaded.ok ? null : loaded.message;
  }
}

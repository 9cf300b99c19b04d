/**
 * The engine behind the worker and the CLI: holds the loaded table between load() and analyze().
 * createEngine(env) returns a plain object implementing EngineApi.
 */
import type { AnalyzeResult, EngineApi, LoadResult } from './api';
import type { AnalysisOptions, OnProgress } from './types';
import { parseCsv } from './data/parse';
import { inspectTable, summarize, type Inspected } from './data/prepare';
import { generateDemoCsv } from './data/demo';
import { runAnalysis, type Runners } from './pipeline';
import { initBackend, type BackendEnv } from './tensor/backend';

export interface EngineEnv extends BackendEnv {
  /** backend preference (default 'auto') */
  backend?: AnalysisOptions['backend'];
  /** where stages run (default: all in this thread) */
  runners?: Runners;
}

/** Create an engine; the tfjs backend is initialised on first analyze(). */
export function createEngine(env: EngineEnv = {}): EngineApi {
  let table: Inspected | null = null;

  async function load(source: Blob | string, fileName: string, onProgress?: OnProgress): Promise<LoadResult> {
    table = null;
    const parsed = await parseCsv(source, fileName, onProgress);
    if (!parsed.ok) return parsed;
    table = inspectTable(parsed.table);
    return { ok: true, summary: summarize(table) };
  }

  return {
    load,
    async loadDemo(seed = 42, rows = 7043) {
      return load(generateDemoCsv(seed, rows), `demo-telco-${rows}.csv`);
    },
    async analyze(options: AnalysisOptions, onProgress?: OnProgress): Promise<AnalyzeResult> {
      if (!table) return { ok: false, code: 'no-table', message: 'Load a file first.' };
      await initBackend(options.backend ?? env.backend ?? 'auto', env);
      return runAnalysis(table, options, onProgress ?? (() => {}), env.runners);
    },
  };
}

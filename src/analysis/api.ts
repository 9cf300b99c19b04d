/**
 * The engine's public API: what workers/analysis.worker.ts exposes over comlink and what the
 * CLI calls directly. A plain object, testable in Node without a Worker.
 * User-data problems come back as {ok: false, code, message}; programmer errors throw.
 */
import type { AnalysisOptions, OnProgress } from './types';
import type { AnalysisResult } from './result';
import type { OriginalRows } from './data/originals';
import type { TableSummary } from './data/summary';
import type { SavedModel } from './savedModel';
import type { ScoreFileOutcome } from './model/scoreNewFile';

export type { ScoreFileOutcome };

export type { OriginalRows };

export type { TableSummary, FormatQuestions, LogPeriod, SetAsideIds } from './data/summary';

/** Which demo: the Telco-like customer table, or the shop's invoice log (lifetime models). */
export type DemoKind = 'telco' | 'shop';

import type { RefinementPatch } from './refine';
import type { LifetimeFitTiming } from './lifetime/benchFit';

export type Failure = { ok: false; code: string; message: string; details?: string };
export type LoadResult = { ok: true; summary: TableSummary } | Failure;
export type AnalyzeResult = { ok: true; result: AnalysisResult } | Failure;
/** analyze() for a thread boundary: `result.ids` moved into one U+0000-joined string (`packedIds`),
 *  which clones in ~1 ms where 70,000 separate strings cost the receiving thread ~15 ms. */
export type PackedAnalyzeResult = { ok: true; result: AnalysisResult; packedIds?: string } | Failure;

export interface EngineApi {
  /** Parse a CSV (Blob streamed in chunks, or a string) and keep it in the engine for analyze(). */
  load(source: Blob | string, fileName: string, onProgress?: OnProgress, sheet?: string): Promise<LoadResult>;
  /** Generate a seeded synthetic demo and keep it: 'telco', a Telco-like customer table (default
   *  7,043 rows), or 'shop', an invoice log from a BG/NBD process with Gamma-Gamma spend (rows = customers). */
  loadDemo(seed?: number, rows?: number, kind?: DemoKind): Promise<LoadResult>;
  /** Run the full analysis on the loaded table with the given options (roles override detection). */
  analyze(options: AnalysisOptions, onProgress?: OnProgress): Promise<AnalyzeResult>;
  /** analyze(), with the ids packed for a cheap structured clone (see PackedAnalyzeResult). */
  analyzePacked(options: AnalysisOptions, onProgress?: OnProgress): Promise<PackedAnalyzeResult>;
  /** Runs the next refinement the last analyze() left pending (result.refining, refine.ts) and
   *  returns its patch for applyPatch; null when none is left (or a load/analyze came since). */
  refine(): Promise<RefinementPatch | null>;
  /** Gets the engine ready while the page waits for a file: the tfjs backend, then a short
   *  warm-up run on a small demo table (see warmup.ts) that stops as soon as a file arrives. */
  warm(): Promise<EngineStatus>;
  /** The loaded file's original rows of these customers (matched on the id column; logs: up to
   *  `maxRows` purchase lines each). Null when no table is loaded. */
  originalRows(idColumn: string | null, ids: string[], maxRows?: number): Promise<OriginalRows | null>;
  /** Scores a new CSV with a saved model, without retraining: findings, drift report and scores.csv
   *  (model/scoreNewFile.ts). The loaded table is left as it is. */
  scoreNewFile(model: SavedModel, source: Blob | string, fileName: string): Promise<ScoreFileOutcome>;
  /** tfjs memory of this engine's thread (leak checks across many analyses). */
  memory(): Promise<EngineMemory>;
  /** Bench only: BG/NBD + Gamma-Gamma fitted on a synthetic log of `customers` in this thread (the worker, in the page), timed. */
  benchLifetimeFit(customers: number, seed?: number): Promise<LifetimeFitTiming>;
  /** Test/debug only: throws an uncaught error in this thread on the next tick (a simulated crash). */
  crash(): void;
}

/** What warm() reports: the compute backend in use, in words, and how the warm-up went. */
export interface EngineStatus {
  /** tfjs backend name: webgpu, webgl, wasm or cpu */
  name: string;
  backend: string;
  /** warm-up time (backend included), ms */
  warmMs: number;
  /** the warm-up stopped early because a file or an analysis came first */
  stopped: boolean;
}

export interface EngineMemory {
  numTensors: number;
  numBytes: number;
  /** whether the tfjs backend has been initialised yet (before it, tfjs holds nothing) */
  backendReady: boolean;
}

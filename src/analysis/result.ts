/** The complete analysis result: what analyze() returns, what is saved and exported. */
import type { AnalysisOptions, ColumnInfo, Roles, TableKind, TenureUnit, Warning } from './types';
import type { SegmentationResult } from './segment/types';
import type { ChurnResult } from './churn/types';
import type { BusinessResult } from './business/types';
import type { SavedModel } from './savedModel';
import type { LifetimeResult } from './lifetime/index';

/** 2: currency, model, lifetime, survivalModel and the active/lost split are always present (resultUpgrade.ts migrates 1). */
export const RESULT_VERSION = 2;

import type { SurvivalResult } from './survival/run';

/** A pending refinement as the result lists it (plain data, saved with the result; refine.ts). */
export interface RefiningEntry {
  /** stable name: 'survival', 'churn.treeshap', ... */
  key: string;
  /** what is being refined, in words for the page ("survival model") */
  label: string;
  /** result paths this refinement rewrites (dotted: 'survivalModel', 'churn.reasons') */
  marks: string[];
}

export interface AnalysisResult {
  type: 'retention-studio/analysis';
  version: number;
  createdAt: string;
  fileName: string;
  /** customers analysed */
  rows: number;
  /** rows in the input file (transactions: invoice lines) */
  inputRows: number;
  /** transaction logs: lines aggregated into customers; + the findings' `dropped` lines = inputRows (accounting.ts) */
  linesAggregated?: number;
  kind: TableKind;
  roles: Roles;
  columns: ColumnInfo[];
  warnings: Warning[];
  /** tfjs backend used, e.g. "wasm" or "typescript+wasm" */
  backend: string;
  timingsMs: Record<string, number>;
  options: AnalysisOptions;
  /** per customer ids (same order as every per-customer array) */
  ids: string[];
  segmentation: SegmentationResult | null;
  churn: ChurnResult | null;
  business: BusinessResult | null;
  /** ISO 4217 code of every money figure (the user's choice at the mapping step, else detected, else USD); results
   *  saved before version 2 are migrated to "USD" (store/migrate.ts) */
  currency: string;
  /** unit the file's tenure column counts in; the engine converted it to months (absent: no tenure column) */
  tenureUnit?: TenureUnit;
  /** the fitted pipeline, to score new files and export as SQL (model/); null for transaction logs. Absent in results saved before it existed. */
  model?: SavedModel | null;
  /** transaction logs: BG/NBD + Gamma-Gamma, back-test, cohorts (null for customer tables or when skipped) */
  lifetime?: LifetimeResult | null;
  /** customer tables with a tenure and a churn flag ('left'): ridge Cox model, out-of-fold C-index, conditional
   *  curves per active customer (survival/run.ts). Named apart from business.survival (the Kaplan-Meier curves),
   *  which analysis.json already lists at its top level as "survival". Absent in results saved before it existed. */
  survivalModel?: SurvivalResult | null;
  /** work still running after the dashboard was shown (refine.ts), in the order it will land;
   *  absent when the result is complete (always, from the CLI) */
  refining?: RefiningEntry[];
}

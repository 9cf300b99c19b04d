/**
 * The saved model (the contract; src/analysis/model/ builds and reads it; here beside result.ts so
 * the result can name it without a folder cycle): a fitted pipeline as versioned, plain JSON (issue 16). It holds what is
 * needed to score a new file without retraining: how each input column is read and imputed,
 * the segment centroids, the scoring churn model(s) with their calibration, the lifetime-value
 * parameters, and a reference distribution per feature for the drift report.
 */
import type { Roles } from './types';

export const MODEL_TYPE = 'retention-studio/model';
export const MODEL_VERSION = 1;

/** How one input column is read from a file. */
export interface InputColumn {
  name: string;
  /** numeric: parsed number; boolean: 0/1 from yes/no values; categorical: trimmed text */
  kind: 'numeric' | 'boolean' | 'categorical';
  /** numeric only: decimal style the column was read with */
  decimal?: 'dot' | 'comma';
  /** numeric only: what a blank or non-numeric cell becomes (training median, or the total-spend rule) */
  impute?: { kind: 'median'; value: number } | { kind: 'tenure-x-monthly'; tenure: string; monthly: string };
}

/** A numeric feature computed from other columns (count of "Yes" service columns). */
export interface DerivedCount {
  name: string;
  /** categorical columns counted when their value is `level` */
  columns: string[];
  level: string;
}

export interface SavedSegmentation {
  /** clustering features: a column name, or log1p(column name) */
  features: string[];
  mean: number[];
  /** 1 for constant features (centred only) */
  sd: number[];
  /** k x d, row-major, in segment-id order */
  centers: number[];
  names: string[];
}

export interface SavedDesign {
  /** blank: a 0/1 "=(blank)" column follows the value (features/design.ts); absent in models saved before it existed */
  numeric: { name: string; mean: number; sd: number; blank?: boolean }[];
  /** levels with a one-hot column, in column order; "(missing)" column last when `missing` */
  categorical: { name: string; levels: string[]; missing: boolean }[];
  names: string[];
}

/** A typed-array-free encoding of a model object (see codec.ts). */
export type Encoded = unknown;

export interface SavedMember {
  name: 'logistic' | 'gbdt' | 'forest' | 'mlp';
  /** the fitted model, encoded (codec.ts) */
  model: Encoded;
  /** Platt map applied to its probabilities, null when calibration did not help */
  platt: { a: number; b: number } | null;
}

export interface SavedChurn {
  target: string;
  /** the scoring model: one member, or 'ensemble' (mean of two calibrated members) */
  best: string;
  label: string;
  design: SavedDesign;
  members: SavedMember[];
  /** the logistic model, always fitted: it explains scores (reasons) when it is not the scorer */
  explainer: Encoded;
  /** the mean calibrated probability over the training customers (CLV's relative-risk base) */
  meanProbability: number;
  /** out-of-fold ROC-AUC of the scoring model, the benchmark for an out-of-time check */
  cvRocAuc: number;
}

export interface SavedClv {
  /** monthly revenue column */
  monthly: string;
  /** base monthly churn hazard (churn events / customer-months) */
  baseHazard: number;
  margin: number;
  /** monthly discount rate r_m */
  monthlyRate: number;
  hazardMin: number;
  hazardMax: number;
  /** ISO 4217 code of the monthly revenue and so of the lifetime value (absent in models saved before it: USD) */
  currency?: string;
}

/** Training distribution of a feature: numeric by quantile bins, categorical by level. */
export type Reference =
  | { name: string; kind: 'numeric'; edges: number[]; shares: number[] }
  | { name: string; kind: 'categorical'; levels: string[]; shares: number[] };

/** A transaction log's model (kind 'transactions'): how the log becomes one row per customer, and the lifetime fits. */
export interface SavedLog {
  /** churn label window: features come from lines before (last date - window), the label from after */
  churnWindowDays: number;
  /** the per-customer table the model reads (logFeatures.ts): churn features before the cutoff,
   *  then full-period recency / frequency / monetary (segmentation) */
  features: string[];
  /** BG/NBD and Gamma-Gamma parameters of the analysis (null when the log was too small to fit) */
  lifetime: { bgnbd: { r: number; alpha: number; a: number; b: number }; gammaGamma: { p: number; q: number; gamma: number } | null } | null;
}

export interface SavedModel {
  type: typeof MODEL_TYPE;
  version: number;
  createdAt: string;
  source: { fileName: string; rows: number };
  /** 'transactions': the inputs are the columns of the per-customer table aggregated from the log (see `log`) */
  kind: 'customers' | 'transactions';
  /** transaction logs only */
  log?: SavedLog;
  roles: Roles;
  inputs: InputColumn[];
  derived: DerivedCount[];
  segmentation: SavedSegmentation | null;
  churn: SavedChurn | null;
  clv: SavedClv | null;
  reference: { features: Reference[]; score: { edges: number[]; shares: number[] } | null };
}

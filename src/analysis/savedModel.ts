/**
 * The saved model (the contract; src/analysis/model/ builds and reads it; here beside result.ts so
 * the result can name it without a folder cycle): a fitted pipeline as versioned, plain JSON (issue 16). It holds what is
 * needed to score a new file without retraining: how each input column is read and imputed,
 * the segment centroids, the scoring churn model(s) with their calibration, the lifetime-value
 * parameters, and a reference distribution per feature for the drift report.
 */
import type { Roles } from './types';

export const MODEL_TYPE = 'retention-studio/model';
/** 2: `survival` (lifetime value from each customer's own survival curve, issue 15); version 1 files still load and
 *  value customers with one average hazard (`clv`), which the scorer then says. */
export const MODEL_VERSION = 2;
/** Versions this app reads. */
export const MODEL_VERSIONS_READ: readonly number[] = [1, 2];

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

/** The Cox model of a customer table with tenure and churn flag, as the analysis used it for lifetime value
 *  (business/survivalClv.ts): each customer's curve S(t0 + m | x) / S(t0 | x) from the Breslow baseline, the
 *  customer's own months stayed t0 in the scored file, a constant-hazard tail past `capMonths`. */
export interface SavedSurvival {
  /** tenure column, and months per unit of it (1 for months, 12 for years: data/tenureUnit.ts) */
  tenure: string;
  monthsPerUnit: number;
  /** monthly revenue column */
  monthly: string;
  /** the covariates (tenure and duration proxies excluded), encoded as the churn design is */
  design: SavedDesign;
  /** coefficients on the standardised design columns: eta = sum beta_j (x_j - mean_j) / scale_j */
  beta: number[];
  mean: number[];
  scale: number[];
  /** Breslow baseline cumulative hazard at the distinct event times (ascending) */
  times: number[];
  cumHazard: number[];
  /** the longest training tenure (months): past it the baseline continues at `tailRate` a month */
  capMonths: number;
  tailRate: number;
  /** floor of a customer's monthly hazard past cap (survival/curves.ts) and in the discounted tail (business/clv.ts) */
  tailHazardMin: number;
  hazardMin: number;
  /** months ahead summed before the tail (the training's longest tenure, rounded up) */
  months: number;
  margin: number;
  /** monthly discount rate r_m */
  monthlyRate: number;
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
  /** average-hazard lifetime value: the fallback when `survival` is absent (version 1 files, tables without tenure) */
  clv: SavedClv | null;
  /** lifetime value from each customer's survival curve (version 2; absent or null: `clv` values customers) */
  survival?: SavedSurvival | null;
  reference: { features: Reference[]; score: { edges: number[]; shares: number[] } | null };
}

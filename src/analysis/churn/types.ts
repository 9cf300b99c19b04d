/** Result contract of the churn stage (issue 4). Plain data only. */

export interface CurvePoint {
  x: number;
  y: number;
}

export interface ModelReport {
  /** 'logistic' | 'mlp' | 'gbdt' | 'forest' | 'ensemble' */
  name: string;
  label: string;
  cvRocAuc: { mean: number; sd: number; folds: number[] };
  prAuc: number;
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
  brier: number;
  logLoss: number;
  topDecileLift: number;
  threshold: number;
  importance: { feature: string; value: number }[];
  /** out-of-fold ROC and PR curves (downsampled to <= 200 points) */
  roc: CurvePoint[];
  pr: CurvePoint[];
  /** mean fit time per fold, ms */
  fitMs: number;
  /** ROC-AUC of all out-of-fold scores pooled (cvRocAuc.mean averages per-fold AUCs) */
  oofRocAuc?: number;
  /** whether out-of-fold Platt scaling was applied (it lowered the Brier score) */
  calibrated?: boolean;
  /** per fold, the settings the model used or chose on that fold's training rows (GBDT depth,
   *  learning rate, minimum leaf weight, trees; logistic ridge C); absent for models without any */
  settings?: (Record<string, number> | null)[];
}

export interface CalibrationBin {
  predicted: number;
  observed: number;
  count: number;
}

/** Per-customer top reasons in compact form: for customer i, reasons
 *  reasonFeature[i*R + j] (index into reasonNames) with signed contribution reasonValue[i*R + j]
 *  in probability points; -1 = no reason. R = reasonsPerCustomer. */
export interface CustomerReasons {
  reasonsPerCustomer: number;
  reasonNames: string[];
  reasonFeature: Int16Array;
  reasonValue: Float32Array;
}

/** Of all churners, the share found among the riskiest `share` of customers by out-of-fold score
 *  (`contacted` customers, `positives` churners, `reached` of them among those contacted; reach
 *  null without churners): headlines.ts reachAt. */
export interface ContactReach {
  share: number;
  contacted: number;
  positives: number;
  reached: number;
  reach: number | null;
}

export interface ChurnResult {
  target: string;
  positiveRate: number;
  folds: number;
  models: ModelReport[];
  best: string;
  calibration: CalibrationBin[];
  /** logistic odds ratios, largest effect first */
  oddsRatios: { feature: string; oddsRatio: number }[];
  /** per customer: churn probability from the final (refit on all rows) best model */
  probability: Float64Array;
  /** per customer: out-of-fold probability of the best model (for threshold/confusion UI) */
  oof: Float64Array;
  reasons: CustomerReasons;
  /** per customer: the observed target (1 = churned), for confusion matrices at any threshold */
  actual?: Uint8Array;
  /** the churn headline's reach (headlines.ts setActual): the share of churners among the riskiest
   *  customers by `oof`, computed with `actual` in the worker; absent without labels, in older saves
   *  and imported files (the page computes it then) */
  contactReach?: ContactReach;
  warnings: import('../types').Warning[];
  /** true when each fold's settings were chosen inside its training rows (GBDT search, ridge C: the refined run); absent: fixed settings */
  tuned?: boolean;
  /** below 20,000 rows: 3 x 5-fold repeated CV whose means choose the model (a refinement: absent until it lands) */
  repeatedCv?: RepeatedCv;
  /** the fitted scoring pipeline (members with calibration, the logistic explainer); the
   *  pipeline turns it into the saved model (model/) and then drops it from the result */
  fitted?: ChurnFitted;
  /** the run's job results, kept only when asked (ChurnDistribution.keepJobs) for the refined run to reuse; the pipeline drops them */
  jobs?: import('./jobs/jobs').JobResult[];
}

/** Repeated k-fold CV (jobs/repeated.ts): every model's out-of-fold ROC-AUC over repeats x folds, mean ± sd. */
export interface RepeatedCv {
  repeats: number;
  folds: number;
  /** per model ('ensemble' = the stage's average of two, on the same pair), all repeats' fold AUCs */
  models: { name: string; mean: number; sd: number; folds: number[] }[];
  /** the model with the highest mean over the repeats: it scores the customers */
  best: string;
  /** the two models averaged as 'ensemble' (the first two by their means), null with one model */
  ensembleOf: string[] | null;
  /** the model the first k-fold CV alone would have chosen */
  firstBest: string;
}

export interface ChurnFitted {
  design: import('../features/design').Design;
  members: { name: 'logistic' | 'gbdt' | 'forest' | 'mlp'; model: import('./models/models').ChurnModel; platt: { a: number; b: number } | null }[];
  explainer: import('./models/logistic').LogisticModel;
}

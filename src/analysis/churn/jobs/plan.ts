/**
 * The churn stage's input checks and shared plan: validated options, the leak-screened frame,
 * the seeded stratified folds. Both workers build the same plan from the same frame and
 * options (it is deterministic), so any job can run in either of them.
 */
import type { CustomerFrame, Warning } from '../../types';
import { AnalysisError } from '../../errors';
import { dropLeaks } from '../leakage';
import { MAX_LEVELS } from '../../features/design';
import { stratifiedFolds } from '../evaluation/folds';
import { MODEL_NAMES, MODEL_SPECS, type ModelSpec } from '../models/models';
import type { Economics } from '../evaluation/threshold';

export interface ChurnOptions {
  seed: number;
  /** CV folds (default 5) */
  folds?: number;
  /** model names (default all: logistic, gbdt, forest, mlp) */
  models?: string[];
  /** campaign economics for the profit threshold (default: max-F1 threshold) */
  economics?: Economics;
  /** choose settings inside each training fold (GBDT search by successive halving, logistic ridge C); default: fixed settings */
  tune?: boolean;
  /** repeats of the k-fold CV whose means choose the model (default 1: the first k folds choose) */
  repeats?: number;
  /** keep the job results on the result (ChurnResult.jobs) for a later run to reuse (ChurnDistribution.reuse) */
  keepJobs?: boolean;
}

export interface ChurnPlan {
  /** the leak-screened frame every job uses */
  frame: CustomerFrame;
  y: Uint8Array;
  pos: number;
  k: number;
  fold: Int32Array;
  specs: ModelSpec[];
  seed: number;
  /** settings chosen inside each training fold (ChurnOptions.tune) */
  tune: boolean;
  /** warnings so far (fewer folds, target leaks) */
  warnings: Warning[];
}

/** Validates the frame and options and builds the plan; throws AnalysisError (churn/...) on unusable input. */
export function planChurn(frame: CustomerFrame, opts: ChurnOptions): ChurnPlan {
  const { y } = frame;
  if (!y) throw new AnalysisError('churn/no-target', 'churn: the table has no churn column (target)');
  if (y.length !== frame.n) throw new AnalysisError('churn/bad-shape', `churn: target length ${y.length} must equal n=${frame.n}`);
  let pos = 0;
  for (let i = 0; i < y.length; i++) pos += y[i] ? 1 : 0;
  if (pos === 0 || pos === frame.n)
    throw new AnalysisError('churn/single-class', `churn: every customer has churn=${pos ? 1 : 0}; both churners and stayers are needed`);
  const yy = Uint8Array.from(y, (v) => (v ? 1 : 0));
  const warnings: Warning[] = [];
  let k = opts.folds ?? 5;
  if (!Number.isInteger(k) || k < 2) throw new AnalysisError('churn/bad-folds', `churn: folds=${k} must be an integer >= 2`);
  const minority = Math.min(pos, frame.n - pos);
  if (minority < 2) throw new AnalysisError('churn/too-few', `churn: only ${minority} customer(s) in the smaller class; at least 2 are needed`);
  if (minority < k) {
    warnings.push({ code: 'churn/fewer-folds', message: `Only ${minority} customers in the smaller class: cross-validation uses ${minority} folds instead of ${k}`, count: minority });
    k = minority;
  }
  const names = opts.models ?? MODEL_NAMES;
  for (const m of names)
    if (!MODEL_NAMES.includes(m as never)) throw new AnalysisError('churn/unknown-model', `churn: model "${m}" is not one of ${MODEL_NAMES.join(', ')}`);
  if (names.length === 0) throw new AnalysisError('churn/unknown-model', 'churn: models must not be empty');
  const specs = MODEL_SPECS.filter((s) => names.includes(s.name));
  const econ = opts.economics;
  if (econ?.value && econ.value.length !== frame.n)
    throw new AnalysisError('churn/bad-shape', `churn: economics.value length ${econ.value.length} must equal n=${frame.n}`);
  const screened = dropLeaks(frame, yy);
  warnings.push(...screened.warnings);
  const fr = screened.frame;
  // fitDesign gives no columns exactly when there is no numeric column and every categorical one is id-like
  if (fr.numeric.length === 0 && fr.categorical.every((c) => c.levels.length > MAX_LEVELS))
    throw new AnalysisError('churn/no-features', 'churn: no usable feature columns are left');
  return { frame: screened.frame, y: yy, pos, k, fold: stratifiedFolds(yy, k, opts.seed), specs, seed: opts.seed, tune: opts.tune === true, warnings };
}

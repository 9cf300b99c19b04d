/**
 * The survival stage for customer tables with a tenure and a churn flag: duration proxies are
 * detected and excluded, a ridge Cox model is scored by Harrell's C-index out of fold (stratified
 * k-fold on the flag, seeded), then refitted on all customers to give every active customer
 * (flag = 0) a survival curve conditional on the months already stayed and the expected remaining
 * months, capped at the longest observed tenure.
 */
import type { CustomerFrame, Warning } from '../types';
import { fitDesign, transformDesign } from '../features/design';
import { splitFold, stratifiedFolds } from '../churn/evaluation/folds';
import { meanSd } from '../churn/evaluation/metrics';
import { fitCox, predictCoxRisk, type CoxParams } from './cox';
import { harrellC } from './cindex';
import { conditionalSurvival } from './curves';
import { detectDurationProxies } from './proxies';

export interface SurvivalOptions {
  k: number;
  seed: number;
  cox: Partial<CoxParams>;
  /** months ahead in each conditional curve (default: the longest observed tenure) */
  months?: number;
}
/** Above this many design columns the survival model is skipped with a finding: each Newton step
 *  costs O(n d^2) plus a d x d solve, six fits in all (a 1,000-column file took 84 s, Telco's 30
 *  columns well under a second). */
export const SURVIVAL_MAX_COVARIATES = 120;
export const SURVIVAL_DEFAULTS: SurvivalOptions = { k: 5, seed: 42, cox: {} };

export interface SurvivalResult {
  model: 'cox-ridge-efron';
  /** Harrell's C-index on held-out folds (population: all customers), mean and sd over folds */
  cIndex: { mean: number; sd: number; folds: number[] };
  /** covariates used (design column names) and the numeric columns left out (tenure, duration proxies) */
  covariates: string[];
  excluded: string[];
  /** cap of the expected remaining months: the longest tenure in the file */
  capMonths: number;
  /** active customers (flag = 0): row index in the frame, months stayed, risk (x.b), expected remaining months */
  active: { rows: Int32Array; tenure: Float64Array; risk: Float64Array; expectedRemaining: Float64Array };
  /** conditional survival per active customer: row-major nActive x (months + 1), entry m = P(still here m months from now | stayed so far) */
  curves: Float64Array;
  months: number;
  warnings: Warning[];
  version: 1;
}

/** Runs the survival stage; null when the frame has no tenure or no churn flag, or the flag is about the future ('will-leave': tenure is then not a time of leaving). */
export function runSurvival(frame: CustomerFrame, options: Partial<SurvivalOptions> = {}): SurvivalResult | null {
  const o = { ...SURVIVAL_DEFAULTS, ...options };
  const { tenure, y } = frame;
  if (!tenure || !y || frame.kind !== 'customers' || frame.flagMeaning === 'will-leave') return null;
  const proxies = detectDurationProxies(frame.numeric, tenure, frame.monthly);
  const warnings: Warning[] = [...proxies.warnings];
  const sub: CustomerFrame = { ...frame, numeric: frame.numeric.filter((c) => !proxies.excluded.includes(c.name)) };
  const all = Int32Array.from({ length: frame.n }, (_, i) => i);
  const design = fitDesign(sub, all);
  if (design.d > SURVIVAL_MAX_COVARIATES)
    throw Object.assign(new Error(`the table has ${design.d} model columns after encoding, more than the ${SURVIVAL_MAX_COVARIATES} the survival model handles in the browser; churn, segments and value are unaffected.`), { code: 'survival-too-wide' });
  const { X, d, names } = transformDesign(design, sub, all);
  const model = fitCox(X, d, tenure, y, o.cox);
  // out of fold: each fold's design and model are fitted on its training rows only; the full fit's
  // coefficients are just Newton's starting point (the ridge objective has one maximum)
  const fold = stratifiedFolds(y, o.k, o.seed);
  const foldC: number[] = [];
  for (let f = 0; f < o.k; f++) {
    const { train, test } = splitFold(fold, f);
    const fd = fitDesign(sub, train);
    const tr = transformDesign(fd, sub, train);
    const te = transformDesign(fd, sub, test);
    const init = fd.d === design.d ? model.beta : undefined;
    const fm = fitCox(tr.X, tr.d, Float64Array.from(train, (i) => tenure[i]), Uint8Array.from(train, (i) => y[i]), o.cox, init);
    const risk = predictCoxRisk(fm, te.X);
    foldC.push(harrellC(Float64Array.from(test, (i) => tenure[i]), Uint8Array.from(test, (i) => y[i]), risk).cIndex);
    for (const w of fm.warnings) warnings.push({ ...w, message: `fold ${f + 1}: ${w.message}` });
  }
  warnings.push(...design.warnings, ...model.warnings);
  const eta = predictCoxRisk(model, X);
  let cap = 0;
  for (let i = 0; i < frame.n; i++) cap = Math.max(cap, tenure[i]);
  const months = o.months ?? Math.ceil(cap);
  const rows = all.filter((i) => y[i] === 0);
  const curves = new Float64Array(rows.length * (months + 1));
  const expectedRemaining = new Float64Array(rows.length);
  rows.forEach((i, k) => {
    const c = conditionalSurvival(model, eta[i], tenure[i], months, cap);
    curves.set(c.curve, k * (months + 1));
    expectedRemaining[k] = c.expectedRemaining;
  });
  return {
    model: 'cox-ridge-efron',
    cIndex: { ...meanSd(foldC), folds: foldC },
    covariates: names,
    excluded: proxies.excluded,
    capMonths: cap,
    active: { rows, tenure: Float64Array.from(rows, (i) => tenure[i]), risk: Float64Array.from(rows, (i) => eta[i]), expectedRemaining },
    curves,
    months,
    warnings,
    version: 1,
  };
}

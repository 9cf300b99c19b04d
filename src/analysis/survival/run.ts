/**
 * The survival stage for customer tables with a tenure and a churn flag, in two parts:
 * - fitSurvival: duration proxies are detected and excluded, a ridge Cox model is fitted on all
 *   customers, and every active customer (flag = 0) gets a survival curve conditional on the months
 *   already stayed, the expected remaining months and the monthly hazard beyond the data (the
 *   lifetime value reads these, so this part runs before the business stage);
 * - evaluateSurvival: how good the model is, out of fold (stratified k-fold on the flag, seeded):
 *   Harrell's C-index and the time-dependent AUC at 12 and 24 months, plus the proportional-hazards
 *   check of the full model (scaled Schoenfeld residuals). The pipeline runs it as a refinement.
 */
import type { CustomerFrame, Warning } from '../types';
import { fitDesign, transformDesign, type Design } from '../features/design';
import type { Matrix } from '../math/matrix';
import { splitFold, stratifiedFolds } from '../churn/evaluation/folds';
import { meanSd } from '../churn/evaluation/metrics';
import { fitCox, predictCoxRisk, type CoxModel, type CoxParams } from './cox';
import { harrellC } from './cindex';
import { conditionalSurvival, tailBaselineRate } from './curves';
import { detectDurationProxies } from './proxies';
import { cumulativeDynamicAuc } from './tdauc';
import { checkProportionalHazards, PH_P_THRESHOLD, type PhTest } from './schoenfeld';

export interface SurvivalOptions {
  k: number;
  seed: number;
  cox: Partial<CoxParams>;
  /** months ahead in each conditional curve, also the horizon of the expected remaining months (default: the longest observed tenure) */
  months?: number;
}
/** Above this many design columns the survival model is skipped with a finding: each Newton step
 *  costs O(n d^2) plus a d x d solve, six fits in all (a 1,000-column file took 84 s, Telco's 44
 *  columns a fraction of a second). */
export const SURVIVAL_MAX_COVARIATES = 120;
export const SURVIVAL_DEFAULTS: SurvivalOptions = { k: 5, seed: 42, cox: {} };
/** Horizons of the time-dependent AUC, in months. */
export const TD_AUC_MONTHS = [12, 24];

export interface SurvivalEvaluation {
  /** Harrell's C-index on held-out folds (population: all customers), mean and sd over folds */
  cIndex: { mean: number; sd: number; folds: number[] };
  /** cumulative/dynamic AUC on held-out folds at each horizon (months): mean and sd over the folds where it is defined */
  tdAuc: { months: number[]; mean: number[]; sd: number[]; folds: number[][] };
  /** proportional-hazards check of the full model, per design column; `failing`: source columns with p < threshold */
  proportionalHazards: { tests: PhTest[]; failing: string[]; threshold: number; transform: 'rank' };
  warnings: Warning[];
}

export interface SurvivalResult {
  model: 'cox-ridge-efron';
  /** out-of-fold evaluation; null until it lands (the pipeline refines it after the dashboard) */
  cIndex: SurvivalEvaluation['cIndex'] | null;
  tdAuc: SurvivalEvaluation['tdAuc'] | null;
  proportionalHazards: SurvivalEvaluation['proportionalHazards'] | null;
  /** covariates used (design column names) and the numeric columns left out (tenure, duration proxies) */
  covariates: string[];
  excluded: string[];
  /** the longest tenure in the file: past it the curves follow a constant-hazard tail (curves.ts) */
  capMonths: number;
  /** active customers (flag = 0): row index in the frame, months stayed, risk (x.b), expected
   *  remaining months within the next `months` months (the area under the customer's conditional
   *  curve: a restricted mean, at most `months`), and the customer's monthly hazard past the
   *  longest observed tenure */
  active: { rows: Int32Array; tenure: Float64Array; risk: Float64Array; expectedRemaining: Float64Array; tailHazard: Float64Array };
  /** conditional survival per active customer: row-major nActive x (months + 1), entry m = P(still here m months from now | stayed so far) */
  curves: Float64Array;
  months: number;
  warnings: Warning[];
  version: 1;
}

/** What evaluateSurvival needs from the fit (kept out of the result). */
export interface SurvivalFit {
  result: SurvivalResult;
  sub: CustomerFrame;
  design: Design;
  X: Matrix;
  full: CoxModel;
}

/** Fits the model and the per-customer curves; null when the frame has no tenure or no churn flag,
 *  or the flag is about the future ('will-leave': tenure is then not a time of leaving). */
export function fitSurvival(frame: CustomerFrame, options: Partial<SurvivalOptions> = {}): SurvivalFit | null {
  const o = { ...SURVIVAL_DEFAULTS, ...options };
  const { tenure, y } = frame;
  if (!tenure || !y || frame.kind !== 'customers' || frame.flagMeaning === 'will-leave') return null;
  const proxies = detectDurationProxies(frame.numeric, tenure, frame.monthly);
  const sub: CustomerFrame = { ...frame, numeric: frame.numeric.filter((c) => !proxies.excluded.includes(c.name)) };
  const all = Int32Array.from({ length: frame.n }, (_, i) => i);
  const design = fitDesign(sub, all);
  if (design.d > SURVIVAL_MAX_COVARIATES)
    throw Object.assign(new Error(`the table has ${design.d} model columns after encoding, more than the ${SURVIVAL_MAX_COVARIATES} the survival model handles in the browser; churn, segments and value are unaffected.`), { code: 'survival-too-wide' });
  const { X, names } = transformDesign(design, sub, all);
  const full = fitCox(X, tenure, y, o.cox);
  const eta = predictCoxRisk(full, X);
  let cap = 0;
  for (let i = 0; i < frame.n; i++) cap = Math.max(cap, tenure[i]);
  const months = o.months ?? Math.ceil(cap);
  const rows = all.filter((i) => y[i] === 0);
  const curves = new Float64Array(rows.length * (months + 1));
  const expectedRemaining = new Float64Array(rows.length);
  const tailHazard = new Float64Array(rows.length);
  const rate = tailBaselineRate(full, cap);
  rows.forEach((i, k) => {
    const c = conditionalSurvival(full, eta[i], tenure[i], months, cap, rate);
    curves.set(c.curve, k * (months + 1));
    expectedRemaining[k] = c.expectedRemaining;
    tailHazard[k] = c.tailHazard;
  });
  const result: SurvivalResult = {
    model: 'cox-ridge-efron',
    cIndex: null,
    tdAuc: null,
    proportionalHazards: null,
    covariates: names,
    excluded: proxies.excluded,
    capMonths: cap,
    active: { rows, tenure: Float64Array.from(rows, (i) => tenure[i]), risk: Float64Array.from(rows, (i) => eta[i]), expectedRemaining, tailHazard },
    curves,
    months,
    warnings: [...proxies.warnings, ...design.warnings, ...full.warnings],
    version: 1,
  };
  return { result, sub, design, X, full };
}

/** Out-of-fold C-index and time-dependent AUC (each fold's design and model fitted on its training
 *  rows only; the full fit's coefficients are just Newton's starting point), and the PH check. */
export function evaluateSurvival(frame: CustomerFrame, fit: SurvivalFit, options: Partial<SurvivalOptions> = {}): SurvivalEvaluation {
  const o = { ...SURVIVAL_DEFAULTS, ...options };
  const tenure = frame.tenure!;
  const y = frame.y!;
  const { sub, design, full } = fit;
  const warnings: Warning[] = [];
  const fold = stratifiedFolds(y, o.k, o.seed);
  const foldC: number[] = [];
  const foldAuc: number[][] = TD_AUC_MONTHS.map(() => []);
  for (let f = 0; f < o.k; f++) {
    const { train, test } = splitFold(fold, f);
    const fd = fitDesign(sub, train);
    const tr = transformDesign(fd, sub, train);
    const te = transformDesign(fd, sub, test);
    const trainT = { time: Float64Array.from(train, (i) => tenure[i]), event: Uint8Array.from(train, (i) => y[i]) };
    const testT = { time: Float64Array.from(test, (i) => tenure[i]), event: Uint8Array.from(test, (i) => y[i]) };
    const fm = fitCox(tr.X, trainT.time, trainT.event, o.cox, fd.d === design.d ? full.beta : undefined);
    const risk = predictCoxRisk(fm, te.X);
    foldC.push(harrellC(testT.time, testT.event, risk).cIndex);
    cumulativeDynamicAuc(trainT, testT, risk, TD_AUC_MONTHS).forEach((a, h) => foldAuc[h].push(a));
    for (const w of fm.warnings) warnings.push({ ...w, message: `fold ${f + 1}: ${w.message}` });
  }
  const defined = foldAuc.map((a) => a.filter(Number.isFinite));
  const tests = checkProportionalHazards(full, fit.X, tenure, y, fit.result.covariates);
  const failing = phFailures(tests, design);
  if (failing.length > 0) warnings.push(phWarning(tests, design, failing, full.beta));
  return {
    cIndex: { ...meanSd(foldC), folds: foldC },
    tdAuc: { months: TD_AUC_MONTHS, mean: defined.map((a) => (a.length ? meanSd(a).mean : NaN)), sd: defined.map((a) => (a.length ? meanSd(a).sd : NaN)), folds: foldAuc },
    proportionalHazards: { tests, failing, threshold: PH_P_THRESHOLD, transform: 'rank' },
    warnings,
  };
}

/** Source columns with a design column failing the check, most significant first. */
function phFailures(tests: PhTest[], design: Design): string[] {
  const worst = new Map<string, number>();
  for (const g of design.groups)
    for (let j = g.start; j < g.start + g.count; j++)
      if (tests[j].p < PH_P_THRESHOLD) worst.set(g.name, Math.max(worst.get(g.name) ?? 0, tests[j].chi2));
  return [...worst.entries()].sort((a, b) => b[1] - a[1]).map(([name]) => name);
}

/** The finding in words: per failing column, its most significant level and whether its effect on
 *  leaving weakens or grows with tenure (the coefficient's trend against its sign). */
function phWarning(tests: PhTest[], design: Design, failing: string[], beta: Float64Array): Warning {
  const describe = (name: string): string => {
    const g = design.groups.find((x) => x.name === name)!;
    let j = g.start;
    for (let k = g.start; k < g.start + g.count; k++) if (tests[k].chi2 > tests[j].chi2) j = k;
    const t = tests[j];
    const label = t.column === name ? `"${name}"` : `"${name}" (${t.column.slice(name.length + 1)})`;
    return `${label}: its effect ${t.rho * beta[j] < 0 ? 'weakens' : 'grows'} the longer customers stay`;
  };
  const shown = failing.slice(0, 4).map(describe).join('; ');
  const more = failing.length > 4 ? `; and ${failing.length - 4} more` : '';
  return {
    code: 'survival/non-proportional',
    message:
      `The survival model assumes each column changes the risk of leaving by the same factor at every tenure; for ${failing.length === 1 ? 'one column' : `${failing.length} columns`} that does not hold ` +
      `(scaled Schoenfeld residuals, p < ${PH_P_THRESHOLD}): ${shown}${more}. Its C-index still measures how well it ranks customers, but its curves and expected months are approximations for customers who differ in ${failing.length === 1 ? 'that column' : 'those columns'}.`,
    count: failing.length,
    column: failing[0],
  };
}

/** Fit and evaluation at once (the CLI's order of work, and the tests'). */
export function runSurvival(frame: CustomerFrame, options: Partial<SurvivalOptions> = {}): SurvivalResult | null {
  const fit = fitSurvival(frame, options);
  if (!fit) return null;
  return withEvaluation(fit.result, evaluateSurvival(frame, fit, options));
}

/** The fitted result with its evaluation filled in. */
export function withEvaluation(result: SurvivalResult, ev: SurvivalEvaluation): SurvivalResult {
  return { ...result, cIndex: ev.cIndex, tdAuc: ev.tdAuc, proportionalHazards: ev.proportionalHazards, warnings: [...result.warnings, ...ev.warnings] };
}

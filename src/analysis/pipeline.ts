/**
 * runAnalysis(inspected table, options, onProgress) -> AnalysisResult (plain data).
 * Stages: clean -> features -> segmentation -> churn -> business; each timed and reported.
 * A stage that cannot run on this table (no target, too few rows) is skipped with a warning,
 * so a partial analysis still completes.
 * Not split: the stage order, timings and skip rules read best in one place; each stage's work
 * lives in its own folder.
 */
import type { AnalysisOptions, OnProgress, Warning } from './types';
import { DEFAULT_SEED } from './types';
import { RESULT_VERSION, type AnalysisResult } from './result';
import type { AnalyzeResult } from './api';
import { prepareFrame, type Inspected, type PrepareResult } from './data/prepare';
import { CHURN_WINDOW_DAYS, isoDay, withFormatAnswers } from './data/questions';
import { runSegmentation } from './segment/index';
import { runChurn } from './churn/index';
import { fitSurvival, type SurvivalFit } from './survival/run';

import type { ChurnRunner } from './churn/jobs/remote';
import { runBusiness, DEFAULT_BUSINESS_OPTIONS } from './business/index';
import type { SegmentationResult } from './segment/types';
import type { ChurnResult } from './churn/types';
import type { BusinessResult } from './business/types';
import { currentBackend } from './tensor/backend';
import { buildSavedModel } from './model/build';
import { resolveOptions } from './business/options';
import { gapWindow, runLifetime, type LifetimeResult, type PurchaseLog } from './lifetime/index';
import { compareOnFlag, runLifetimeTable } from './lifetime/table';
import { purchaseLog } from './data/purchaseLog';
import { applyRoleOverrides } from './data/roles';
import { refineAll, refiningEntries, type Refinement } from './refine';
import { fixedSettingsFinding, importanceRefinement, modelChoiceRefinement, skip, survivalRefinement } from './refinements';
import { churnDrivers } from './business/drivers';
import { compareOnWindow } from './lifetime/compareWindow';
import { churnView, deferredChurnRefinement, rebuilder, type Rechoice } from './rechoice';
import type { ChurnImportance, ChurnMore } from './churn/index';
import { REPEATED_CV_MAX_ROWS } from './churn/jobs/repeated';
import { detectCurrency } from './data/currency';
import { isCurrencyCode } from './format';
import { setActual } from './headlines';

export { DEFAULT_SEED };
export { skippedMessage } from './refinements';

/** Customer tables above this many rows skip the survival model (its fit is O(n d^2) per Newton step). */
export const SURVIVAL_MAX_ROWS = 50_000;

/** Stage runners that may live elsewhere. Default: in-process. In the browser, churn's jobs
 *  (one model on one fold) are shared between a second worker, on the second core, and this
 *  one once segmentation is done (`localReady`); the result is the same bits either way. */
export interface Runners {
  churn: ChurnRunner;
  /** true when churn runs (partly) in another thread: then both stages start at the same time */
  parallel?: boolean;
}

const IN_PROCESS: Runners = { churn: (frame, opts, onProgress, _ready, timings, later, importanceLater) => runChurn(frame, opts, onProgress, { timings, later, importanceLater }) };

/** Run every stage on a table; user-data problems return {ok: false}, never throw.
 *  `later`: when given, work that may finish after the dashboard is shown (refine.ts) is pushed
 *  there and listed in result.refining instead of being run; without it everything runs here. */
export async function runAnalysis(
  ins: Inspected,
  options: Partial<AnalysisOptions>,
  onProgress: OnProgress = () => {},
  runners: Runners = IN_PROCESS,
  later?: Refinement[],
  given?: GivenLog,
): Promise<AnalyzeResult> {
  const opts: AnalysisOptions = { seed: DEFAULT_SEED, folds: 5, ...options };
  const badCurrency = opts.currency !== undefined && !isCurrencyCode(opts.currency);
  const currency = opts.currency !== undefined && !badCurrency ? opts.currency : detectCurrency(ins.raw).code;
  const businessOpts = { ...opts.business, currency };
  /** stage wall times; dotted keys are parts of a stage ("segmentation.silhouette", "churn.mlp.cv") */
  const timingsMs: Record<string, number> = {};
  const churnMs: Record<string, number> = {};
  const timed = async <T>(stage: string, fn: () => T | Promise<T>): Promise<T> => {
    onProgress({ stage, fraction: 0 });
    const t0 = performance.now();
    const out = await fn();
    timingsMs[stage] = Math.round(performance.now() - t0);
    onProgress({ stage, fraction: 1 });
    return out;
  };

  // Logs: purchase-days for the lifetime stage, and the churn window from the gaps between them
  const logged = given ? given.log : (opts.kind ?? ins.kind) === 'transactions' ? readLog(ins, opts) : null;
  const window = logged && opts.churnWindowDays === undefined ? gapWindow(logged) : null;
  const churnWindowDays = opts.churnWindowDays ?? window?.days;
  const prep = await timed('clean', () => (given ? given.prepare({ ...opts, churnWindowDays, currency }) : prepareFrame(ins, { ...opts, churnWindowDays, currency })));
  if (!prep.ok) return prep;
  const { frame } = prep;
  const warnings: Warning[] = [...prep.warnings];
  if (badCurrency) warnings.push({ code: 'bad-currency', message: `"${String(opts.currency)}" is not a currency code (such as EUR or GBP): amounts are shown in ${currency}.`, count: 1 });
  let lifetime: LifetimeResult | null = null;
  if (logged && frame.kind === 'transactions') {
    lifetime = await timed('lifetime', () => lifetimeStage(logged, frame.ids, opts, window, churnWindowDays));
    warnings.push(...lifetime.warnings);
    if (lifetime.customersOut) frame.alive = lifetime.customersOut.pAlive;
  }
  if (frame.kind === 'customers' && frame.rfm) {
    // an RFM summary: the same models; P(alive) drives revenue at risk and the call list only without a churn flag
    const b = { ...DEFAULT_BUSINESS_OPTIONS, ...opts.business };
    lifetime = await timed('lifetime', () => runLifetimeTable(frame.rfm!, frame.ids, { seed: opts.seed, discountRate: b.discountRate, margin: b.margin }));
    warnings.push(...lifetime.warnings);
    if (lifetime.customersOut && !frame.y) Object.assign(frame, { alive: lifetime.customersOut.pAlive, lifetimeClv: lifetime.customersOut.clv });
  }
  if (frame.n < 2) return { ok: false, code: 'too-few-rows', message: 'At least 2 customers are needed for an analysis.' };

  // keepJobs: the refined model choice (below) reuses the jobs of the models it does not tune
  const churnOptions = { seed: opts.seed, folds: opts.folds, models: opts.models, economics: economics(opts, frame), keepJobs: frame.n <= REPEATED_CV_MAX_ROWS };
  /** the churn stage's deferred work (churn/jobs/deferred.ts): a refinement below */
  let churnRest: ChurnMore | null = null;
  // the CV jobs' permutation importance refines after the dashboard (importanceLater.ts) where the
  // refined choice reuses jobs (keepJobs) and the insights name a driver from the data, not the model's importance
  let churnImportance: ChurnImportance | null = null;
  const importanceLater = churnOptions.keepJobs && frame.y !== null && churnDrivers(frame, 1, currency).length > 0 ? (i: ChurnImportance) => (churnImportance = i) : undefined;
  // Segmentation and churn are independent: start both, so a second worker can take churn.
  const segment = (): Promise<SegmentationResult | null> =>
    frame.n >= 3
      ? timed('segmentation', () =>
          runSegmentation(frame, { seed: opts.seed, k: opts.k, kRange: opts.kRange, features: opts.segmentFeatures, currency }, stepTimer('segmentation', timingsMs, onProgress)),
        ).catch((e) => skip(warnings, 'segmentation-skipped', 'Segmentation', e))
      : Promise.resolve(null);
  if (frame.n < 3) warnings.push({ code: 'segmentation-skipped', message: 'Too few customers to form segments.', count: frame.n });
  const predict = (localReady?: Promise<unknown>): Promise<ChurnResult | null> =>
    frame.y
    ? timed('churn', () =>
        runners.churn(frame, churnOptions, onProgress, localReady, churnMs, (m) => (churnRest = m), importanceLater),
      ).catch((e) => skip(warnings, 'churn-skipped', 'Churn prediction', e))
    : Promise.resolve(null);
  // the survival fit reads neither segments nor churn scores; its findings are added below either way
  const survivalWarnings: Warning[] = [];
  const wantSurvival = frame.kind === 'customers' && !!frame.tenure && !!frame.y;
  const fitSurv = (): Promise<SurvivalFit | null> =>
    wantSurvival && frame.n <= SURVIVAL_MAX_ROWS
      ? timed('survival', () => fitSurvival(frame, { seed: opts.seed, k: opts.folds })).catch((e) => skip(survivalWarnings, 'survival-skipped', 'The survival model', e))
      : Promise.resolve(null);
  // In one thread, run them in turn so each stage's timing is its own. With a churn worker, churn
  // starts there at once and this thread fits the survival model after segmentation, then joins in.
  let segmentation: SegmentationResult | null;
  let churn: ChurnResult | null;
  let survivalRun: Promise<SurvivalFit | null>;
  if (runners.parallel) {
    const seg = segment();
    survivalRun = seg.then(fitSurv);
    [segmentation, churn] = await Promise.all([seg, predict(survivalRun)]);
  } else {
    [segmentation, churn] = [await segment(), await predict()];
    survivalRun = fitSurv();
  }
  if (segmentation) warnings.push(...segmentation.warnings);
  for (const [k, v] of Object.entries(churnMs)) timingsMs[`churn.${k}`] = v;
  // the lifetime model against the churn scores (again when the model choice changes: rechoice.ts)
  const compared = (c: ChurnResult | null, lt = lifetime): LifetimeResult | null =>
    !lt || !frame.y ? lt
    : { ...lt, ...(lt.model && logged ? { windowComparison: compareOnWindow(logged, frame, c, lt, opts) } : {}), ...(lt.customersOut && !logged ? { flagComparison: compareOnFlag(lt.customersOut.pAlive, frame.y, c) } : {}) };
  lifetime = compared(churn);
  if (churn) {
    setActual(churn, frame.y);
    warnings.push(...churn.warnings);
  }

  // Refinements: applied after the base result, in this order, now (CLI) or after the dashboard (page)
  const refinements: Refinement[] = [];
  // the deferred models' CV first: it may change the model choice, which the figures below read
  const rechoice: Rechoice = { view: churn ? churnView(churn) : null, rebuild: null };
  // the importance first: the deferred models' choice and the refined one read it
  if (churn && churnImportance) refinements.push(importanceRefinement(churnImportance));
  if (churn && churnRest) refinements.push(deferredChurnRefinement(churnRest, churn, rechoice));
  // survival: the Cox fit and curves per active customer now (lifetime values read them); its
  // out-of-fold evaluation and proportional-hazards check refine after the dashboard
  const survival = await survivalRun;
  if (wantSurvival) {
    if (frame.n > SURVIVAL_MAX_ROWS) warnings.push({ code: 'survival/skipped-large', message: `The survival model was skipped: ${frame.n} customers is more than ${SURVIVAL_MAX_ROWS}`, count: 1 });
    else {
      warnings.push(...survivalWarnings);
      if (survival) {
        warnings.push(...survival.result.warnings);
        refinements.push(survivalRefinement(frame, survival, opts));
      }
    }
  }

  // below 20,000 rows the model choice refines: settings chosen inside the folds, 3 x 5-fold repeated CV
  if (churn && frame.y && frame.n <= REPEATED_CV_MAX_ROWS) refinements.push(modelChoiceRefinement(frame, churnOptions, churn, rechoice));
  else if (churn && frame.y) warnings.push(fixedSettingsFinding(frame.n, churn)); // above: fixed settings, said in the findings

  const business: BusinessResult | null = await timed('business', () => runBusiness(frame, segmentation, churn, businessOpts, undefined, survival?.result ?? null)).catch((e) =>
    skip(warnings, 'business-skipped', 'Business figures', e),
  );
  if (business) warnings.push(...business.warnings);
  // the fitted pipeline as a saved model; the churn stage's fitted objects are not kept twice
  const savedModel = (c: ChurnResult | null, b: BusinessResult | null, seg: SegmentationResult | null, lt = lifetime, surv = survival) => buildSavedModel({
    fileName: ins.raw.fileName, frame, roles: prep.roles, columns: prep.columns, inferred: ins.inferred,
    segmentation: seg, churn: c, business: b, businessOptions: b ? resolveOptions(businessOpts) : DEFAULT_BUSINESS_OPTIONS,
    ...(frame.kind === 'transactions' ? { log: { churnWindowDays: churnWindowDays ?? CHURN_WINDOW_DAYS, lifetime: lt } } : {}),
    survival: surv,
  });
  const model = savedModel(churn, business, segmentation);
  // a changed model choice (deferred CV, refined choice) rebuilds what reads churn, from copies: the
  // result's own objects lose their typed arrays when the page's worker transfers them
  const [segKept, survKept, lifeKept] = churn ? structuredClone([segmentation, survival?.result ?? null, lifetime]) : [null, null, null];
  // (a flag, not `business`: these closures live until the refinements end and would keep the first
  // business figures' per-customer arrays, ~25 MB at 100x, whose copies went to the page)
  const hadBusiness = business !== null;
  rechoice.rebuild = rebuilder(frame, [...(churn?.warnings ?? []), ...(business?.warnings ?? [])], (c) => (hadBusiness ? runBusiness(frame, segKept, c, businessOpts, undefined, survKept) : null), (c, b) => savedModel(c, b, segKept, lifeKept, survival && survKept && { ...survival, result: survKept }), (c) => (lifeKept ? { lifetime: compared(c, lifeKept) } : {}));
  if (churn) {
    delete churn.fitted;
    delete churn.jobs;
  }
  if (segmentation) delete segmentation.fitted;

  const result: AnalysisResult = {
    type: 'retention-studio/analysis',
    version: RESULT_VERSION,
    createdAt: new Date().toISOString(),
    fileName: ins.raw.fileName,
    rows: frame.n,
    inputRows: given?.inputRows ?? ins.raw.nRows,
    ...(frame.linesAggregated !== undefined ? { linesAggregated: frame.linesAggregated } : {}),
    kind: prep.kind,
    roles: prep.roles,
    columns: prep.columns,
    warnings,
    backend: describeBackend(),
    timingsMs,
    options: opts,
    ids: frame.ids,
    segmentation,
    churn,
    business,
    currency,
    ...(frame.tenureUnit ? { tenureUnit: frame.tenureUnit } : {}),
    model,
    lifetime,
    survivalModel: survival?.result ?? null,
  };
  if (!later) return { ok: true, result: await refineAll(result, refinements) };
  later.push(...refinements);
  if (refinements.length > 0) result.refining = refiningEntries(refinements);
  return { ok: true, result };
}

/** A log read elsewhere (the CLI's DuckDB engine: `ins` is then a sample of the file for column
 *  types and roles): its purchase-days, how its customers are aggregated, and its line count. */
export interface GivenLog {
  log: PurchaseLog;
  prepare(options: Partial<AnalysisOptions>): Promise<PrepareResult>;
  inputRows: number;
}

/** The log's purchase-days, with the user's role overrides; null when the roles do not make a log. */
function readLog(ins: Inspected, opts: AnalysisOptions): PurchaseLog | null {
  const { roles, unknown } = applyRoleOverrides(ins.roles, opts.roles, ins.raw.columns.map((c) => c.name));
  if (unknown.length > 0) return null; // prepareFrame reports it
  const read = withFormatAnswers(ins, opts); // the user's day/month order and decimal mark, as prepareFrame reads them
  const r = purchaseLog(read.raw, read.inferred, roles, isoDay(opts.analysisDate));
  return r.ok ? r.log : null;
}

function lifetimeStage(log: PurchaseLog, ids: string[], opts: AnalysisOptions, window: ReturnType<typeof gapWindow> | null, days: number | undefined) {
  const b = { ...DEFAULT_BUSINESS_OPTIONS, ...opts.business };
  const end = opts.calibrationEnd ? Math.floor(Date.parse(opts.calibrationEnd) / 86_400_000) : undefined;
  const w = window ? { days: window.days, note: window.note } : { days: days ?? 90, note: `Churn window set in the mapping step: ${days ?? 90} days.` };
  const out = runLifetime(log, ids, { seed: opts.seed, discountRate: b.discountRate, margin: b.margin, calibrationEnd: Number.isFinite(end) ? end : undefined, window: w });
  if (opts.calibrationEnd && !Number.isFinite(end))
    out.warnings.push({ code: 'lifetime-bad-calibration-date', message: `The calibration date "${opts.calibrationEnd}" is not a date (YYYY-MM-DD); the last third of the log is held out instead.`, count: 1 });
  return out;
}

function economics(opts: AnalysisOptions, frame: { monthly: Float64Array | null }) {
  const b = { ...DEFAULT_BUSINESS_OPTIONS, ...opts.business };
  return { offerCost: b.offerCost, saveRate: b.saveRate, value: frame.monthly ? frame.monthly.map((m) => m * 12 * b.margin) : null };
}

/** The tfjs backend in use and why, in words (shown to the user). */
export function describeBackend(): string {
  const b = currentBackend();
  return b ? `${b.name} (${b.reason}); k-means, silhouette and tree models use TypeScript kernels` : 'typescript';
}

/** Progress pass-through that times a stage's steps: each progress detail names the step that
 *  starts ("k=3" -> kmeansSweep, "silhouette", "outliers", "profiles"; before the first one:
 *  features); the stage's last message (fraction 1) ends the current step. */
function stepTimer(stage: string, into: Record<string, number>, onProgress: OnProgress): OnProgress {
  let step: string | null = 'features';
  let t = performance.now();
  return (p) => {
    const now = performance.now();
    if (step !== null) {
      const key = `${stage}.${step}`;
      into[key] = Math.round((into[key] ?? 0) + now - t);
      const d = p.detail ?? '';
      step = p.fraction >= 1 ? null : /^k=/.test(d) ? 'kmeansSweep' : d || step;
    }
    t = now;
    onProgress(p);
  };
}

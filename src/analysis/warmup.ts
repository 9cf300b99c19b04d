/**
 * Engine warm-up while the page waits for a file: the first analysis in a fresh worker ran
 * ~40% slower than later ones (V8 compiles the hot loops of parsing, k-means, trees and the
 * tfjs kernels on first use). warmUp runs the same code on a small seeded demo table and
 * throws the results away, so the user's file meets compiled code. It yields between steps
 * and stops at the next one once `stop()` says so (a file arrived). Plain data, no DOM.
 */
import { generateDemoCsv } from './data/demo';
import { parseCsv } from './data/parse';
import { inspectTable, prepareFrame } from './data/prepare';
import { planChurn } from './churn/plan';
import { newJobCache, runJob } from './churn/jobs';
import { MODEL_NAMES } from './churn/models';
import { runSegmentation } from './segment/index';
import { runChurn } from './churn/index';
import { runBusiness } from './business/index';
import type { SegmentationResult } from './segment/types';
import type { ChurnResult } from './churn/types';
import type { CustomerFrame } from './types';
import { yieldToEvents } from './yieldToEvents';

/** Rows of the warm-up table: enough for every hot loop to be optimised, ~1 s of one core. */
export const WARMUP_ROWS = 1200;
const WARMUP_SEED = 7;

export interface WarmUpOptions {
  /** 'pipeline' (the analysis worker): segmentation, the churn stage with its scoring and
   *  assembly, and the business layer, as an analysis runs them; 'jobs' (the churn worker):
   *  one fold and one final refit of every churn model */
  mode?: 'pipeline' | 'jobs';
  /** checked between steps: true stops the warm-up there */
  stop?: () => boolean;
}

/** What ran; `stopped` when stop() cut it short. */
export interface WarmUpReport {
  steps: string[];
  stopped: boolean;
}


async function demoFrame(): Promise<CustomerFrame> {
  const parsed = await parseCsv(generateDemoCsv(WARMUP_SEED, WARMUP_ROWS), 'warm-up.csv');
  if (!parsed.ok) throw new Error(`warm-up: ${parsed.message}`);
  const prep = prepareFrame(inspectTable(parsed.table), {});
  if (!prep.ok) throw new Error(`warm-up: ${prep.message}`);
  return prep.frame;
}

type Step = [string, () => Promise<unknown>];

/** Runs parse and then the steps of `mode` on the demo table. */
export async function warmUp(opts: WarmUpOptions = {}): Promise<WarmUpReport> {
  const stop = opts.stop ?? (() => false);
  const steps: string[] = [];
  const out = (stopped: boolean): WarmUpReport => ({ steps, stopped });
  if (stop()) return out(true);
  const frame = await demoFrame();
  steps.push('parse');
  const work = opts.mode === 'pipeline' ? pipelineSteps(frame) : jobSteps(frame);
  for (const [name, run] of work) {
    await yieldToEvents();
    if (stop()) return out(true);
    await run();
    steps.push(name);
  }
  return out(false);
}

function jobSteps(frame: CustomerFrame): Step[] {
  const plan = planChurn(frame, { seed: WARMUP_SEED, folds: 3 });
  const cache = newJobCache();
  return MODEL_NAMES.flatMap((model): Step[] => [
    [`${model} fold`, () => runJob(plan, { kind: 'cv', model, fold: 0 }, cache)],
    [`${model} final`, () => runJob(plan, { kind: 'final', model }, cache)],
  ]);
}

function pipelineSteps(frame: CustomerFrame): Step[] {
  let seg: SegmentationResult | null = null;
  let churn: ChurnResult | null = null;
  return [
    ['segmentation', async () => (seg = await runSegmentation(frame, { seed: WARMUP_SEED }))],
    ['churn', async () => (churn = await runChurn(frame, { seed: WARMUP_SEED, folds: 2 }))],
    ['business', async () => runBusiness(frame, seg, churn)],
  ];
}

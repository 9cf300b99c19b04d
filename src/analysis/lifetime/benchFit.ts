/**
 * The lifetime models' bench measurement, one function for the Node bench and the browser worker
 * (EngineApi.benchLifetimeFit): a seeded synthetic log of `customers` drawn from the demo's known
 * BG/NBD + Gamma-Gamma parameters, summarised, then both models fitted; the fit is what is timed.
 */
import { DEMO_BGNBD, DEMO_SPEND, simulateLog } from './synthetic';
import { collapseLines } from './log';
import type { PurchaseLog } from './types';
import { summarize, spendSummary } from './summary';
import { fitBgnbd } from './bgnbd';
import { fitGammaGamma } from './gammaGamma';

export interface LifetimeFitTiming {
  customers: number;
  /** simulating the log and collapsing it to purchase-days, ms (not part of the fit) */
  simulateMs: number;
  /** recency/frequency/T summary, ms */
  summarizeMs: number;
  bgnbdMs: number;
  gammaGammaMs: number;
  /** BG/NBD + Gamma-Gamma fit, ms */
  fitMs: number;
  /** the two fits' process CPU time, ms (Node only) */
  fitCpuMs?: number;
  converged: boolean;
  params: Record<string, number>;
}

/** A seeded synthetic log of `customers` from the demo's known parameters, collapsed to purchase-days. */
export function benchLog(customers: number, seed: number): PurchaseLog {
  return collapseLines(simulateLog(DEMO_BGNBD, DEMO_SPEND, { customers, seed }));
}

/** Summarises `log` and fits BG/NBD + Gamma-Gamma, timed (simulateMs 0: the log is given). `cpuMs` (a process
 *  CPU clock, Node only) adds fitCpuMs: the two fits' CPU time, closer to the unshared cost on a busy machine. */
export function timeLifetimeFitOn(log: PurchaseLog, seed = 42, cpuMs?: () => number): LifetimeFitTiming {
  const t = () => performance.now();
  let last = 0;
  for (const d of log.day) if (d > last) last = d;
  const t1 = t();
  const s = summarize(log, last);
  const t2 = t();
  const c2 = cpuMs?.();
  const bg = fitBgnbd(s, seed);
  const t3 = t();
  const gg = fitGammaGamma(spendSummary(s), seed);
  const t4 = t();
  const c4 = cpuMs?.();
  return {
    customers: log.ids.length, simulateMs: 0, summarizeMs: t2 - t1, bgnbdMs: t3 - t2, gammaGammaMs: t4 - t3, fitMs: t4 - t2,
    ...(c2 !== undefined && c4 !== undefined ? { fitCpuMs: c4 - c2 } : {}),
    converged: bg.converged && gg.converged, params: { ...bg.params, ...gg.params },
  };
}

/** Times BG/NBD + Gamma-Gamma on a synthetic log of `customers` (default 100,000), seed 42. */
export function timeLifetimeFit(customers = 100_000, seed = 42): LifetimeFitTiming {
  const t0 = performance.now();
  const log = benchLog(customers, seed);
  const simulateMs = performance.now() - t0;
  return { ...timeLifetimeFitOn(log, seed), simulateMs };
}

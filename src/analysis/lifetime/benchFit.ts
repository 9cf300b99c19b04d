/**
 * The lifetime models' bench measurement, one function for the Node bench and the browser worker
 * (EngineApi.benchLifetimeFit): a seeded synthetic log of `customers` drawn from the demo's known
 * BG/NBD + Gamma-Gamma parameters, summarised, then both models fitted; the fit is what is timed.
 */
import { DEMO_BGNBD, DEMO_SPEND, simulateLog } from './synthetic';
import { collapseLines } from './log';
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
  converged: boolean;
  params: Record<string, number>;
}

/** Times BG/NBD + Gamma-Gamma on a synthetic log of `customers` (default 100,000), seed 42. */
export function timeLifetimeFit(customers = 100_000, seed = 42): LifetimeFitTiming {
  const t = () => performance.now();
  const t0 = t();
  const log = collapseLines(simulateLog(DEMO_BGNBD, DEMO_SPEND, { customers, seed }));
  let last = 0;
  for (const d of log.day) if (d > last) last = d;
  const t1 = t();
  const s = summarize(log, last);
  const t2 = t();
  const bg = fitBgnbd(s, seed);
  const t3 = t();
  const gg = fitGammaGamma(spendSummary(s), seed);
  const t4 = t();
  return {
    customers, simulateMs: t1 - t0, summarizeMs: t2 - t1, bgnbdMs: t3 - t2, gammaGammaMs: t4 - t3, fitMs: t4 - t2,
    converged: bg.converged && gg.converged, params: { ...bg.params, ...gg.params },
  };
}

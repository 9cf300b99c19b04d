/**
 * The lifetime models' bench row: BG/NBD + Gamma-Gamma fitted on a seeded synthetic log of
 * 100,000 customers (src/analysis/lifetime/synthetic.ts, the demo's known parameters), timed in
 * this Node process (not the browser worker): the fit only, then scoring apart. Run alone with
 * `node --import tsx bench/lifetime.ts [customers]`; prints JSON.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runLifetime } from '../src/analysis/lifetime/index';
import { benchLog, timeLifetimeFitOn } from '../src/analysis/lifetime/benchFit';
import { summarize, type RunSummary } from './report';

export interface LifetimeRun {
  ok: boolean;
  error?: string;
  /** BG/NBD + Gamma-Gamma fit, ms */
  totalMs: number;
  stagesMs: Record<string, number>;
  peakMemoryMB: number | null;
  longestMainThreadTaskMs: number | null;
  params: Record<string, number>;
  fitCpuMs: number;
}

/** One timed fit on a fresh synthetic log of `customers` (default 100,000), seed 42: the fit as the
 *  browser worker times it (lifetime/benchFit.ts), with its process CPU time, then the whole stage apart. */
export function lifetimeRun(customers = 100_000, seed = 42): LifetimeRun {
  const t0 = performance.now();
  const log = benchLog(customers, seed);
  const simulateMs = performance.now() - t0;
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const fit = timeLifetimeFitOn(log, seed, cpuMs);
  const t4 = performance.now();
  const full = runLifetime(log, log.ids, { seed, discountRate: 0.1, margin: 0.7 });
  const t5 = performance.now();
  const ok = fit.converged && full.model !== null;
  return {
    ok,
    ...(ok ? {} : { error: 'a fit did not converge' }),
    totalMs: fit.fitMs,
    stagesMs: {
      'simulate log': Math.round(simulateMs), 'summarize': Math.round(fit.summarizeMs), 'BG/NBD fit': Math.round(fit.bgnbdMs), 'Gamma-Gamma fit': Math.round(fit.gammaGammaMs),
      'whole lifetime stage (fits, scoring, back-test, cohorts)': Math.round(t5 - t4),
    },
    /** process CPU time of the two fits (user + system), ms: closer to the unshared cost on a busy machine */
    fitCpuMs: Math.round(fit.fitCpuMs!),
    peakMemoryMB: Math.round(process.memoryUsage().rss / 2 ** 20),
    longestMainThreadTaskMs: null,
    params: fit.params,
  };
}

/** The bench row (where: 'cli', as it runs in Node): median of `runs` (default 1). */
export function lifetimeRow(customers = 100_000, runs = 1): RunSummary | null {
  const rs = Array.from({ length: runs }, () => lifetimeRun(customers));
  return summarize(`synthetic log, BG/NBD + Gamma-Gamma fit`, customers, 'cli', rs, {
    note: 'fit only (BG/NBD + Gamma-Gamma), in the bench Node process, not the browser worker; rows = customers',
    params: rs[0].params,
    fitCpuMs: rs.map((r) => r.fitCpuMs),
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.stdout.write(JSON.stringify(lifetimeRun(Number(process.argv[2] ?? 100_000)), null, 1) + '\n');
}

/**
 * The lifetime models' bench row: BG/NBD + Gamma-Gamma fitted on a seeded synthetic log of
 * 100,000 customers (src/analysis/lifetime/synthetic.ts, the demo's known parameters), timed in
 * this Node process (not the browser worker): the fit only, then scoring apart. Run alone with
 * `node --import tsx bench/lifetime.ts [customers]`; prints JSON.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_BGNBD, DEMO_SPEND, simulateLog } from '../src/analysis/lifetime/synthetic';
import { collapseLines, runLifetime } from '../src/analysis/lifetime/index';
import { summarize as summarizeLog, spendSummary } from '../src/analysis/lifetime/summary';
import { fitBgnbd } from '../src/analysis/lifetime/bgnbd';
import { fitGammaGamma } from '../src/analysis/lifetime/gammaGamma';
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

/** One timed fit on a fresh synthetic log of `customers` (default 100,000), seed 42. */
export function lifetimeRun(customers = 100_000, seed = 42): LifetimeRun {
  const t = () => performance.now();
  const t0 = t();
  const log = collapseLines(simulateLog(DEMO_BGNBD, DEMO_SPEND, { customers, seed }));
  let last = 0;
  for (const d of log.day) if (d > last) last = d;
  const t1 = t();
  const s = summarizeLog(log, last);
  const t2 = t();
  const cpu0 = process.cpuUsage();
  const bg = fitBgnbd(s, seed);
  const t3 = t();
  const gg = fitGammaGamma(spendSummary(s), seed);
  const t4 = t();
  const cpu = process.cpuUsage(cpu0);
  const full = runLifetime(log, log.ids, { seed, discountRate: 0.1, margin: 0.7 });
  const t5 = t();
  const ok = bg.converged && gg.converged && full.model !== null;
  return {
    ok,
    ...(ok ? {} : { error: 'a fit did not converge' }),
    totalMs: t4 - t2,
    stagesMs: {
      'simulate log': Math.round(t1 - t0), 'summarize': Math.round(t2 - t1), 'BG/NBD fit': Math.round(t3 - t2), 'Gamma-Gamma fit': Math.round(t4 - t3),
      'whole lifetime stage (fits, scoring, back-test, cohorts)': Math.round(t5 - t4),
    },
    /** process CPU time of the two fits (user + system), ms: closer to the unshared cost on a busy machine */
    fitCpuMs: Math.round((cpu.user + cpu.system) / 1000),
    peakMemoryMB: Math.round(process.memoryUsage().rss / 2 ** 20),
    longestMainThreadTaskMs: null,
    params: { ...bg.params, ...gg.params },
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

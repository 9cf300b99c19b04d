/**
 * The warmed 1x run's two modes (issue 19: some runs of the same build take ~700-1,000 ms more CPU in
 * every stage): N warmed runs of one built site, each with the renderer's CPU per thread name from the
 * confirm to the dashboard, and a fixed Node workload timed (CPU ms) just before and after the run, so
 * that a slow run of the machine (CPU frequency, a busy SMT sibling, steal) shows in the probe while a
 * slow run of ours (JIT tiers, deopts, GC) shows in the page's threads only. Not a benchmark row.
 *   node --import tsx bench/modes.ts <siteDir> [--runs N] [--flags "--js-flags=..."] [file.csv]
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { browserRun, serveSite } from './browser';
import { loadNow } from './proc';
import { REPO_ROOT } from './resample';

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--') && !a.endsWith('.csv') && !/^\d+$/.test(a) && args[args.indexOf(a) - 1] !== '--flags');
const runs = Number(args[args.indexOf('--runs') + 1] || 5) || 5;
const flags = args.includes('--flags') ? args[args.indexOf('--flags') + 1].split(' ').filter(Boolean) : [];
const file = args.find((a) => a.endsWith('.csv')) ?? resolve(REPO_ROOT, '../shared/data/telco/WA_Fn-UseC_-Telco-Customer-Churn.csv');
if (!dir) throw new Error('usage: bench/modes.ts <siteDir> [--runs N] [--flags "..."]');

/** CPU ms of a fixed floating-point workload in this process (the machine's speed right now). */
function probe(): number {
  const c0 = process.cpuUsage();
  let s = 0;
  for (let i = 1; i < 4e7; i++) s += Math.sqrt(i) * 1e-9;
  const c = process.cpuUsage(c0);
  if (s < 0) process.stdout.write('');
  return Math.round((c.user + c.system) / 1000);
}
/** Steal and total jiffies of all CPUs (/proc/stat). */
function stat(): [number, number] {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return [f[7] ?? 0, f.reduce((a, b) => a + b, 0)];
}

const site = await serveSite(resolve(dir));
try {
  probe();
  for (let r = 0; r < runs; r++) {
    const load = loadNow();
    const p0 = probe();
    const s0 = stat();
    const x = await browserRun(site.url, file, 300_000, { skipRefining: true, args: flags });
    const s1 = stat();
    const p1 = probe();
    if (!x.ok) throw new Error(`run ${r + 1}: ${x.error}`);
    const th = Object.entries(x.rendererCpuByThreadMs ?? {}).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k.trim()} ${v}`).join(', ');
    const st = x.stagesMs;
    process.stdout.write(
      `run ${r + 1} (load ${load.join(' ')}; probe ${p0}/${p1} ms; steal ${(((s1[0] - s0[0]) / Math.max(1, s1[1] - s0[1])) * 100).toFixed(1)}%): ` +
        `wall ${Math.round(x.totalMs)} ms, CPU ${x.rendererCpuMs} ms [${th}]; segmentation ${st.segmentation}, survival ${st.survival}, churn ${st.churn} ` +
        `(gbdt final ${st['churn.gbdt.final']}, gbdt cv ${st['churn.gbdt.cv']}, logistic cv ${st['churn.logistic.cv']}, logistic final ${st['churn.logistic.final']}, forest cv ${st['churn.forest.cv']}), engine ready ${x.engineReadyMs} ms\n`,
    );
  }
} finally {
  site.stop();
}
process.exit(0);

/**
 * Where the renderer's memory peak is: one browser run of a file, the renderer's RSS every 500 ms
 * printed beside each thread's JS heap and ArrayBuffer backing stores (page, analysis worker, churn
 * worker) and the stage the page was in (the last progress message), plus the peak RSS and JS heaps.
 * A profiling aid for issue 19's 1 GB target at 100x, not a benchmark row.
 *   node --import tsx bench/memory.ts [file.csv] [--no-build]
 * Serves bench/data/site (built here unless --no-build).
 */
import { resolve } from 'node:path';
import { browserRun, buildSite, serveSite } from './browser';
import { loadNow } from './proc';
import { REPO_ROOT } from './resample';

const argv = process.argv.slice(2);
const file = argv.find((a) => !a.startsWith('--')) ?? resolve(REPO_ROOT, '../shared/data/telco/WA_Fn-UseC_-Telco-Customer-Churn.csv');
if (!argv.includes('--no-build')) await buildSite();
const site = await serveSite();
try {
  const load = loadNow();
  const r = await browserRun(site.url, file, 600_000);
  if (!r.ok) throw new Error(r.error);
  const events = Object.entries(r.timeline.events).sort((a, b) => a[1] - b[1]);
  const stageAt = (t: number) => {
    const p = r.timeline.progress.filter(([at]) => at <= t).at(-1);
    const e = events.filter(([, at]) => at <= t).at(-1);
    return p && (!e || p[0] >= e[1]) ? `${p[1]} ${p[2]}` : (e?.[0] ?? '');
  };
  // each thread's JS heap + ArrayBuffer backing stores (typed arrays, wasm memory) at the nearest heap sample before t
  const threads = (t: number) => {
    const h = r.heapSeries.filter(([at]) => at <= t).at(-1)?.[1] ?? {};
    return ['page', 'analysis', 'churn'].map((k) => (h[k] ? `${k} ${h[k].heapMB.toFixed(0)}+${h[k].buffersMB.toFixed(0)}` : `${k} -`).padEnd(18)).join('');
  };
  process.stdout.write('     ms    RSS      JS heap+buffers MB per thread                    stage\n');
  for (const [t, mb] of r.rssSeries) process.stdout.write(`${String(t).padStart(7)} ms ${String(mb).padStart(6)} MB  ${threads(t)}${stageAt(t)}\n`);
  process.stdout.write(`load ${load.join(' ')}; pick->dashboard ${Math.round(r.totalMs)} ms; renderer peak RSS ${r.rendererPeakMB} MB; JS heap peaks: page ${r.pageHeapPeakMB?.toFixed(0)} MB, analysis worker ${r.workerHeapPeakMB?.toFixed(0)} MB\n`);
  process.stdout.write(`long tasks >= 50 ms [ms since pick, ms]: ${r.timeline.longTasks.filter(([, d]) => d >= 50).map(([at, d]) => `${at} ${d}`).join(', ') || 'none'}\n`);
  process.stdout.write(`events (ms since pick): ${events.map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
} finally {
  site.stop();
}
process.exit(0);

/**
 * Where the time of one analysis goes: opens the built site in Chromium, analyses a file and
 * prints every progress message (which job finished when, on either worker) with its time
 * since the file was picked. Not a benchmark (nothing is written); a profiling aid.
 *   node --import tsx bench/timeline.ts [file.csv] [--runs N] [--no-build] [--cold]
 */
import { browserRun, buildSite, serveSite } from './browser';
import { resolve } from 'node:path';
import { REPO_ROOT } from './resample';

const args = process.argv.slice(2);
const file = args.find((a) => a.endsWith('.csv')) ?? resolve(REPO_ROOT, '../shared/data/telco/WA_Fn-UseC_-Telco-Customer-Churn.csv');
const runs = Number(args[args.indexOf('--runs') + 1] || 1) || 1;
if (!args.includes('--no-build')) await buildSite();
const site = await serveSite();
try {
  for (let i = 0; i < runs; i++) {
    const r = await browserRun(site.url, file, 600_000, { cold: args.includes('--cold') });
    console.log(`run ${i + 1}: ${r.ok ? `${Math.round(r.totalMs)} ms` : `FAILED ${r.error}`}; engine ready ${r.engineReadyMs} ms after page load; events ${JSON.stringify(r.timeline.events)}`);
    console.log(`  stages (ms): ${JSON.stringify(r.stagesMs)}`);
    for (const [at, stage, detail] of r.timeline.progress) console.log(`  ${String(at).padStart(6)}  ${stage} ${detail}`);
  }
} finally {
  site.stop();
}

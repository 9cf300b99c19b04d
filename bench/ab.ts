/**
 * A/B of two builds of the site in one run, runs alternating (A B A B ...), so both see the same
 * machine load: wall time from the file pick to the dashboard and the renderer's CPU time from
 * the mapping confirm to the dashboard (robust on a shared machine). Not a benchmark row; a
 * profiling aid to say what one change bought.
 *   node --import tsx bench/ab.ts <siteDirA> <siteDirB> [--runs N] [--cold] [--think MS] [file.csv]
 *   (--think: wait MS on the mapping step before the confirm, as a person reading it; the wall and
 *   the CPU from the pick then include that wait and what runs during it)
 *   (--refining: also wait for the refining work after the dashboard, as npm run bench does: the
 *   renderer's peak RSS then covers the whole run, where the 100x peak usually is)
 *   (--timeline: print when each churn job finished, ms since the pick)
 *   (--flags-a "...", --flags-b "...": extra Chromium flags for that side's runs, e.g. the same site twice with
 *   --flags-a "--js-flags=--enable-lazy-source-positions" to measure V8's default against the harness's flag)
 *   (build each with: npx vite build --outDir <dir>, e.g. from a stash of the change and with it)
 */
import { resolve } from 'node:path';
import { browserRun, serveSite } from './browser';
import { loadNow } from './proc';
import { REPO_ROOT } from './resample';

const args = process.argv.slice(2);
const valueOf = (f: string) => (args.includes(f) ? args[args.indexOf(f) + 1] : undefined);
const [dirA, dirB] = args.filter((a, i) => !a.startsWith('--') && !a.endsWith('.csv') && !/^\d+$/.test(a) && !['--flags-a', '--flags-b', '--think', '--runs'].includes(args[i - 1]));
const sideFlags = [valueOf('--flags-a'), valueOf('--flags-b')].map((f) => (f ?? '').split(' ').filter(Boolean));
const runs = Number(args[args.indexOf('--runs') + 1] || 3) || 3;
const thinkMs = args.includes('--think') ? Number(args[args.indexOf('--think') + 1]) : 0;
const file = args.find((a) => a.endsWith('.csv')) ?? resolve(REPO_ROOT, '../shared/data/telco/WA_Fn-UseC_-Telco-Customer-Churn.csv');
if (!dirA || !dirB) throw new Error('usage: bench/ab.ts <siteDirA> <siteDirB> [--runs N] [--cold]');
const sites = [await serveSite(resolve(dirA)), await serveSite(resolve(dirB))];
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor((v.length - 1) / 2)];
type Got = { wall: number[]; cpu: number[]; pickCpu: number[]; churn: number[]; longest: number[]; rss: number[] };
const got: Got[] = [0, 1].map(() => ({ wall: [], cpu: [], pickCpu: [], churn: [], longest: [], rss: [] }));
try {
  for (let r = 0; r < runs; r++)
    for (const ab of [0, 1]) {
      const load = loadNow();
      // the refining work after the dashboard is waited for only with --refining (~15-50 s a run)
      const x = await browserRun(sites[ab].url, file, 300_000, { cold: args.includes('--cold'), skipRefining: !args.includes('--refining'), thinkMs, args: sideFlags[ab] });
      if (!x.ok) throw new Error(`${'AB'[ab]} run ${r + 1}: ${x.error}`);
      got[ab].wall.push(Math.round(x.totalMs));
      got[ab].cpu.push(x.rendererCpuMs ?? NaN);
      got[ab].pickCpu.push(x.rendererCpuFromPickMs ?? NaN);
      got[ab].churn.push(x.stagesMs.churn ?? NaN);
      got[ab].rss.push(Math.round(x.rendererPeakMB ?? NaN));
      got[ab].longest.push(x.longestToSavedMs);
      // --timeline: the churn stage's progress (which job finished when, ms since the pick), e.g. to see a worker wait
      if (args.includes('--timeline')) process.stdout.write(`  ${'AB'[ab]} churn: ${x.timeline.progress.filter(([, st]) => st === 'churn').map(([at, , d]) => `${at} ${d}`).join(', ')}\n`);
      process.stdout.write(`${'AB'[ab]} run ${r + 1} (load ${load.join(' ')}): pick->dashboard ${Math.round(x.totalMs)} ms (pick->parsed ${x.stagesMs['parse (file read, parse, inspect; in worker)']}, parsed->confirm ${x.stagesMs['mapping step (render + automated click)']}), confirm->dashboard ${x.stagesMs['analysis (confirm to result, all stages)']} ms, renderer CPU confirm->dashboard ${x.rendererCpuMs} ms, pick->dashboard ${x.rendererCpuFromPickMs} ms, churn ${x.stagesMs.churn} ms (scoring ${x.stagesMs['churn.scoring']} ms), business ${x.stagesMs.business} ms, segmentation ${x.stagesMs.segmentation} ms (sweep ${x.stagesMs['segmentation.kmeansSweep']} silhouette ${x.stagesMs['segmentation.silhouette']} outliers ${x.stagesMs['segmentation.outliers']} profiles ${x.stagesMs['segmentation.profiles']}), survival ${x.stagesMs.survival} ms, clean ${x.stagesMs.clean} ms, parse ${x.stagesMs.parse} ms, longest task pick->saved ${x.longestToSavedMs} ms, renderer peak RSS ${Math.round(x.rendererPeakMB ?? NaN)} MB\n`);
    }
  for (const ab of [0, 1])
    process.stdout.write(`${'AB'[ab]} (${[dirA, dirB][ab]}): median wall ${median(got[ab].wall)} ms, median renderer CPU ${median(got[ab].cpu)} ms (from the pick ${median(got[ab].pickCpu)} ms), median churn stage ${median(got[ab].churn)} ms, median longest task ${median(got[ab].longest)} ms, median renderer peak RSS ${median(got[ab].rss)} MB over ${runs} runs\n`);
} finally {
  for (const s of sites) s.stop();
}
process.exit(0);

/**
 * npm run bench [-- options]: time from file to insight, and memory, at 1x, 10x and 100x Telco,
 * in headless Chromium through the real page, through the CLI, and for the Python anchor.
 *
 * Options (env in brackets):
 *   --quick               1x only, 1 browser run, 1 CLI run          [BENCH_QUICK=1]
 *   --sizes 1,10,100      which files (scale factors)                 [BENCH_SIZES]
 *   --runs N              runs per file at 1x (default 5)             [BENCH_RUNS]
 *   --no-cold             skip the 1x runs with the file picked as the page appears
 *   --cold-only, --cold   only those, at every size (no warmed-up runs) [BENCH_COLD=1]
 *   --idle-runs N         page CPU in the 10 s after load, no file (default 5; 0 skips) [BENCH_IDLE_RUNS]
 *   --big-runs N          runs per file at 10x/100x (default 1)       [BENCH_BIG_RUNS]
 *   --cli-runs N          CLI runs per file (default: as the browser) [BENCH_CLI_RUNS]
 *   --no-browser | --no-cli | --no-anchor | --no-build | --no-lifetime
 *   --no-warehouse        skip the two warehouse rows (DuckDB scoring 7,043,000 rows; the
 *                         --engine duckdb CLI on a generated 20M-line log, ~minutes; bench/warehouse.ts)
 *   --anchor10            also run the anchor at 10x (its own resample, split protocol)
 *   --anchor100           also run the anchor at 100x (~275 s)
 *   --timeout-s N         per browser run (default 600)
 *   --keep                keep rows of the previous latest.json that this run did not redo
 * Writes bench/results/latest.json and bench/results/latest.md only (git keeps the history).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { CHROMIUM_ARGS, browserLifetimeRun, browserRun, buildSite, serveSite, type BrowserRun } from './browser';
import { anchorRun, anchorUnavailable, cliRun } from './node';
import { loadNow, machineInfo } from './proc';
import { markdown, median, medianStages, ratios, summarize, targets, type IdleSummary, type RunSummary } from './report';
import { ensureScaled, REPO_ROOT } from './resample';
import { lifetimeRow } from './lifetime';
import { duckdbCliRow, duckdbScoringRow } from './warehouse';
import { idleWithFloor, type IdleRun } from './idle';

const argv = process.argv.slice(2);
const flag = (f: string, env?: string) => argv.includes(f) || (env !== undefined && ['1', 'true'].includes(process.env[env] ?? ''));
const opt = (f: string, env: string, dflt: string) => {
  const i = argv.indexOf(f);
  return i >= 0 ? argv[i + 1] : (process.env[env] ?? dflt);
};

const quick = flag('--quick', 'BENCH_QUICK');
const sizes = (quick ? '1' : opt('--sizes', 'BENCH_SIZES', '1,10,100')).split(',').map(Number);
const runs1 = quick ? 1 : Number(opt('--runs', 'BENCH_RUNS', '5'));
const runsBig = Number(opt('--big-runs', 'BENCH_BIG_RUNS', '1'));
const cliRuns = opt('--cli-runs', 'BENCH_CLI_RUNS', '');
const timeoutMs = Number(opt('--timeout-s', 'BENCH_TIMEOUT_S', '600')) * 1000;
const doBrowser = !flag('--no-browser');
// 1x is also run cold (the file picked as the page appears) unless --no-cold; --cold-only skips the warmed runs
const coldOnly = flag('--cold-only', 'BENCH_COLD') || flag('--cold');
const doCold = !flag('--no-cold');
const idleRuns = quick ? 1 : Number(opt('--idle-runs', 'BENCH_IDLE_RUNS', '5'));
const doCli = !flag('--no-cli');
const doAnchor = !flag('--no-anchor');
const anchorScales = [1, ...(flag('--anchor10') ? [10] : []), ...(flag('--anchor100') ? [100] : [])];

const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main() {
  const loadavgAtStart = loadNow();
  const notes: string[] = [];
  const results: RunSummary[] = [];
  const files = new Map<number, string>();
  for (const s of sizes) {
    log(`file ${s}x ...`);
    files.set(s, await ensureScaled(s));
  }
  const fileName = (s: number) => basename(files.get(s)!);
  const rowsOf = (s: number) => 7043 * s;
  const nRuns = (s: number) => (s === 1 ? runs1 : runsBig);
  let chromiumVersion: string | null = null;
  let idle: IdleSummary | null = null;

  if (doBrowser) {
    if (!flag('--no-build')) log(`vite build: ${sec(await buildSite())}`);
    const site = await serveSite();
    log(`serving ${site.url}`);
    try {
      // the page alone: CPU it spends in the 10 s after load with no file (issue 19: <= 1 s), beside
      // Chromium's floor (a blank page, alternating): the page's own CPU is the difference
      if (idleRuns > 0) {
        const { site: idles, blank } = await idleWithFloor(site.url, idleRuns, log);
        const stat = (rs: IdleRun[]) => ({ median: Math.round(median(rs.map((r) => r.cpuMs))), all: rs.map((r) => r.cpuMs) });
        if (idles.length)
          idle = { runs: idles.length, cpuMs: stat(idles), byThreadMedian: medianStages(idles.map((r) => r.byThread)), engineStarted: idles.some((r) => r.engineReady), ...(blank.length ? { blankMs: stat(blank) } : {}) };
      }
      const modes: { cold: boolean; sizes: number[] }[] = [
        ...(coldOnly ? [] : [{ cold: false, sizes }]),
        ...(doCold || coldOnly ? [{ cold: true, sizes: coldOnly ? sizes : sizes.filter((s) => s === 1) }] : []),
      ];
      for (const { cold, sizes: modeSizes } of modes)
        for (const s of modeSizes) {
          const rs: (BrowserRun & { peakMemoryMB: number | null })[] = [];
          const where = cold ? 'browser-cold' : 'browser';
          for (let i = 0; i < nRuns(s); i++) {
            const r = await browserRun(site.url, files.get(s)!, timeoutMs, { cold }).catch(
              (e: Error) => ({ ok: false, error: e.message.split('\n')[0] }) as unknown as BrowserRun,
            );
            chromiumVersion ??= r.chromium ?? null;
            rs.push({ ...r, peakMemoryMB: r.rendererPeakMB ?? null });
            log(`${where} ${s}x run ${i + 1}: ${r.ok ? `${sec(r.totalMs)}, renderer peak ${Math.round(r.rendererPeakMB ?? 0)} MB, longest task ${r.longestToSavedMs} ms pick to saved, renderer CPU ${r.rendererCpuMs} ms confirm to dashboard` : `FAILED ${r.error}`}`);
          }
          const ok = rs.filter((r) => r.ok);
          const maxOf = (k: 'pageHeapPeakMB' | 'workerHeapPeakMB') => {
            const v = ok.map((r) => r[k]).filter((x): x is number => x !== null);
            return v.length ? Math.round(Math.max(...v)) : null;
          };
          const sum = summarize(fileName(s), rowsOf(s), where, rs, {
            peakMemoryWhat: 'peak RSS (VmHWM) of the Chromium renderer process holding the page and its worker (JS heaps, typed arrays, wasm memory)',
            pageJsHeapPeakMB: maxOf('pageHeapPeakMB'),
            workerJsHeapPeakMB: maxOf('workerHeapPeakMB'),
            jsHeapWhat:
              'JS heaps (CDP): the page, and the largest of the workers the page itself started (the analysis worker; the churn-model worker it starts in turn is not attached). ' +
              'Typed arrays and wasm memory live outside these heaps: the renderer peak RSS (peakMemoryMB) counts everything, both workers included.',
            longestDuringAnalysisMs: ok.length ? Math.max(...ok.map((r) => r.longestDuringAnalysisMs)) : null,
            longestToSavedMs: ok.length ? Math.max(...ok.map((r) => r.longestToSavedMs)) : null,
            longTasksPerRun: ok.map((r) => r.longTasks),
            engineReadyMsAfterPageLoad: ok.map((r) => r.engineReadyMs ?? null),
            // CPU of every renderer thread (workers, V8's compiler, main thread) from the mapping confirm to the dashboard: what the analysis costs, whatever the machine's load
            rendererCpuMsPerRun: ok.map((r) => r.rendererCpuMs ?? null),
            timelines: ok.map((r) => r.timeline),
            engine: ok[0]?.info ?? null,
            ...(ok.length < rs.length ? { unfinished: rs.filter((r) => !r.ok).map((r) => ({ error: r.error, stagesMs: r.stagesMs, rendererPeakMB: r.rendererPeakMB, workerJsHeapPeakMB: r.workerHeapPeakMB, timeline: r.timeline })) } : {}),
          });
          if (sum) results.push(sum);
        }
      if (!flag('--no-lifetime')) {
        // issue 14: the fit in the analysis worker of the page, as a user's browser runs it
        log('lifetime models in the browser worker: BG/NBD + Gamma-Gamma on 100,000 synthetic customers ...');
        const rs = [await browserLifetimeRun(site.url).catch((e: Error) => ({ ok: false, error: e.message.split('\n')[0], totalMs: NaN, stagesMs: {}, peakMemoryMB: null, longestMainThreadTaskMs: null, params: {} }))];
        const row = summarize('synthetic log, BG/NBD + Gamma-Gamma fit', 100_000, 'browser', rs, {
          note: 'fit only (BG/NBD + Gamma-Gamma), in the analysis worker of the page (EngineApi.benchLifetimeFit); rows = customers; target: under 1 s',
          params: rs[0].params,
        });
        if (row) results.push(row);
        log(`lifetime fit in the worker: ${rs[0].ok ? sec(rs[0].totalMs) : `FAILED ${rs[0].error}`}`);
      }
      if (!coldOnly)
        notes.push(
          "Browser runs: a fresh browser opens the page, moves the pointer (the engine's worker starts and warms up at the page's first use, not before), waits until the page says the analysis engine is ready (both workers started and warmed up on a small synthetic table, " +
            'engineReadyMsAfterPageLoad in the JSON), then picks the file. Times run from the pick to the dashboard shown; it is saved and its refining work (the survival model) lands after that (stages "saving" and "refining").',
        );
      if (doCold || coldOnly) notes.push('browser-cold runs: a fresh browser opens the page and picks the file at once (no pointer move: no warm-up before the pick).');
      notes.push(`Chromium ${CHROMIUM_ARGS.length ? `runs with ${CHROMIUM_ARGS.join(' ')} (e2e/chromiumFlags.ts: with Playwright's DevTools attached, V8 otherwise re-parses functions to collect source positions; bench/bare.ts checks the numbers against a Chromium with no DevTools attached)` : "runs with V8's default lazy source positions (RS_LAZY_SOURCE_POSITIONS=1)"}.`);
      if (idle) notes.push(`Idle page: a fresh browser opens the page and does nothing; CPU of its renderer process (page and workers, all threads, from /proc) from navigation to 10 s after the load event, median of ${idle.runs} runs; alternating with as many runs of a blank page (one line of text, no script: Chromium's own floor), the page's own CPU being the difference of the medians.`);
    } finally {
      site.stop();
    }
  }

  if (doCli) {
    for (const s of sizes) {
      const rs = [];
      for (let i = 0; i < (cliRuns ? Number(cliRuns) : nRuns(s)); i++) {
        const r = await cliRun(files.get(s)!);
        rs.push({ ...r, longestMainThreadTaskMs: null });
        log(`cli ${s}x run ${i + 1}: ${r.ok ? `${sec(r.totalMs)}, peak RSS ${Math.round(r.peakMemoryMB ?? 0)} MB` : `FAILED ${r.error}`}`);
      }
      const sum = summarize(fileName(s), rowsOf(s), 'cli', rs, {
        peakMemoryWhat: 'max RSS of the node process (/usr/bin/time -v)',
        engine: rs.find((r) => r.ok)?.extra ?? null,
      });
      if (sum) results.push(sum);
    }
  }

  if (doAnchor) {
    const why = anchorUnavailable();
    if (why) {
      notes.push(`Python anchor skipped: ${why}.`);
      log(`anchor skipped: ${why}`);
    } else {
      for (const s of anchorScales.filter((x) => sizes.includes(x) || x === 1)) {
        log(`anchor ${s}x (one run; ${s === 1 ? '~40 s' : s === 100 ? '~275 s' : 'a while'}) ...`);
        const r = await anchorRun(s);
        log(`anchor ${s}x: ${r.ok ? `${sec(r.totalMs)} pipeline, peak RSS ${Math.round(r.peakMemoryMB ?? 0)} MB` : `FAILED ${r.error}`}`);
        // the anchor resamples with numpy itself: same size and method as ours, not the same rows
        const sum = summarize(s === 1 ? basename(files.get(1) ?? 'WA_Fn-UseC_-Telco-Customer-Churn.csv') : fileName(s), rowsOf(s), 'anchor', [{ ...r, longestMainThreadTaskMs: null }], {
          peakMemoryWhat: 'max RSS of the python process (/usr/bin/time -v)',
          ...r.extra,
        });
        if (sum) results.push(sum);
      }
      if (!anchorScales.includes(100) && sizes.includes(100)) notes.push('Anchor at 100x not run (pass --anchor100; its reference run: 275 s, 2,659 MiB peak).');
    }
  }

  if (!flag('--no-lifetime')) {
    log('lifetime models: BG/NBD + Gamma-Gamma on 100,000 synthetic customers ...');
    const row = lifetimeRow();
    if (row) {
      results.push(row);
      log(`lifetime fit: ${sec(row.totalMs.median)}`);
    }
  }

  if (!flag('--no-warehouse')) {
    log('warehouse: DuckDB scoring Telco x 1000 (7,043,000 rows) with the exported SQL ...');
    const scoring = await duckdbScoringRow().catch((e: Error) => (log(`warehouse scoring failed: ${e.message}`), null));
    if (scoring) {
      results.push(scoring);
      log(`DuckDB scoring: ${sec(scoring.totalMs.median)}, ${(scoring as unknown as { rowsPerSecond: number }).rowsPerSecond} rows/s`);
    }
    log('warehouse: npm run analyze -- --engine duckdb on a generated 20,000,000-line invoice log ...');
    const cli = await duckdbCliRow().catch((e: Error) => (log(`warehouse CLI failed: ${e.message}`), null));
    if (cli) {
      results.push(cli);
      log(`DuckDB CLI: ${sec(cli.totalMs.median)}, peak RSS ${cli.peakMemoryMB} MB`);
    }
  }

  if (flag('--keep')) {
    // keep earlier results (latest.json) for the (file, where) pairs this invocation did not run
    const prev = resolve(REPO_ROOT, 'bench/results/latest.json');
    if (existsSync(prev)) {
      const old = JSON.parse(readFileSync(prev, 'utf8')) as { date: string; runs: RunSummary[] };
      for (const r of old.runs)
        if (!results.some((x) => x.file === r.file && x.where === r.where)) results.push({ ...r, fromEarlierRun: r.fromEarlierRun ?? old.date });
      chromiumVersion ??= (old as unknown as { machine: { chromium: string | null } }).machine?.chromium ?? null;
      notes.push(`Rows marked fromEarlierRun come from the run of ${old.date} (kept with --keep).`);
    }
  }
  const order = (r: RunSummary) => r.rows * 10 + ['browser', 'browser-cold', 'cli', 'anchor'].indexOf(r.where);
  results.sort((a, b) => order(a) - order(b));

  const machine = { ...machineInfo(chromiumVersion), loadavgAtStart, loadavgAtEnd: loadNow() };
  if (machine.loadavgAtStart[0] > machine.cpus) notes.push(`The machine was busy (load average ${machine.loadavgAtStart[0]} on ${machine.cpus} CPUs at start): times are upper bounds.`);
  const rt = ratios(results);
  const tg = targets(results, rt, idle);
  const date = new Date().toISOString();
  const out = { date, machine, options: { sizes, runs1, runsBig, anchorScales, idleRuns }, idlePage: idle, runs: results, ratios: rt, targets: tg, notes };
  const md = markdown(machine, results, rt, tg, notes, idle);
  if (flag('--dry')) {
    // a look while working on speed: print, keep the results files as they are
    process.stdout.write('\n' + md);
    return;
  }
  const dir = resolve(REPO_ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const json = JSON.stringify(out, null, 1) + '\n';
  writeFileSync(resolve(dir, 'latest.json'), json);
  writeFileSync(resolve(dir, 'latest.md'), `# Benchmark, ${date.slice(0, 10)}\n\n${md}`);
  process.stdout.write('\n' + md);
}

main().catch((e: Error) => {
  process.stderr.write(`[bench] failed: ${e.stack ?? e}\n`);
  process.exit(1);
});

/**
 * Browser side of the benchmark: build the site, serve it with `vite preview`, and drive headless
 * Chromium through the real page (file input -> mapping-confirm -> analysis-done), one fresh
 * browser per run so the renderer's peak RSS (VmHWM) belongs to that run alone.
 * Not split: one run's script (serve, launch, pick, wait for the saved dashboard and its refining,
 * sample memory) reads top to bottom; the timestamps it reads come from bench/instrument.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { chromium, type BrowserServer } from 'playwright-core';
import { heapSampler, type ThreadMemory } from './heap';
import { INSTRUMENT, type BenchRecord } from './instrument';
import { rssSampler } from './proc';
import { REPO_ROOT } from './resample';
import { rendererCpuMs } from './idle';
import { CHROMIUM_ARGS, chromiumArgs } from '../e2e/chromiumFlags';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** the flags every benchmark's Chromium gets (e2e/chromiumFlags.ts: measure the page, not the DevTools attachment) */
export { CHROMIUM_ARGS, chromiumArgs };
export const SITE_DIR = resolve(REPO_ROOT, 'bench/data/site');

export async function buildSite(outDir = SITE_DIR): Promise<number> {
  const t0 = performance.now();
  await run('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn']);
  return performance.now() - t0;
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((res, rej) => {
    const c = spawn(cmd, args, { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    c.on('error', rej);
    c.on('close', (code) => (code === 0 ? res() : rej(new Error(`${cmd} ${args.join(' ')} exited ${code}`))));
  });
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => res(p));
    });
    s.on('error', rej);
  });
}

export interface Served {
  url: string;
  stop(): void;
}

/** `vite preview` of the built site on a free port; resolves once it answers. */
export async function serveSite(outDir = SITE_DIR): Promise<Served> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    'npx',
    ['vite', 'preview', '--outDir', outDir, '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
    { cwd: REPO_ROOT, stdio: 'ignore', detached: true },
  );
  const url = `http://127.0.0.1:${port}/`;
  const stop = () => {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(url)).ok) return { url, stop };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  stop();
  throw new Error(`vite preview did not answer on ${url}`);
}

export interface BrowserRun {
  ok: boolean;
  error?: string;
  totalMs: number;
  stagesMs: Record<string, number>;
  /** peak RSS (VmHWM) of the renderer process that hosts the page and its worker, MB */
  rendererPeakMB: number | null;
  pageHeapPeakMB: number | null;
  workerHeapPeakMB: number | null;
  longestMainThreadTaskMs: number;
  longestDuringAnalysisMs: number;
  /** longest main-thread task from the file pick to the dashboard saying it is saved (first paint included) */
  longestToSavedMs: number;
  longTasks: number;
  /** the file pick in epoch ms (the page's clock; bench/phases.ts lines /proc samples up with it) */
  pickEpochMs?: number;
  /** long tasks [start, duration] and page events, ms since the file was picked */
  timeline: { longTasks: [number, number][]; events: Record<string, number>; progress: [number, string, string][] };
  info: BenchRecord['info'];
  chromium: string;
  /** page load (goto) to the page saying the engine is ready (both workers warmed up), ms */
  engineReadyMs?: number;
  /** renderer CPU (every thread of the page's processes) from the mapping confirm to the dashboard, ms */
  rendererCpuMs?: number;
  /** renderer CPU (all its threads) from the file pick to the dashboard: the cold path's whole cost */
  rendererCpuFromPickMs?: number;
  /** renderer CPU from the mapping confirm to the dashboard per Linux thread name (DedicatedWorker: both
   *  workers; ThreadPoolForegroundWorker: V8's background compilers and GC helpers), ms */
  rendererCpuByThreadMs?: Record<string, number>;
  /** [ms since the file was picked (Node's clock), renderer RSS MB] every 500 ms: where the peak is (bench/memory.ts) */
  rssSeries: [number, number][];
  /** [ms since the file was picked, JS heap and ArrayBuffer backing stores per thread] every ~250 ms (bench/memory.ts) */
  heapSeries: [number, Record<string, ThreadMemory>][];
}

/** One run: fresh browser, open the site, pick the file, confirm the mapping, wait for the dashboard. */
export async function browserRun(url: string, file: string, timeoutMs: number, opts: { cold?: boolean; skipRefining?: boolean; thinkMs?: number; args?: string[] } = {}): Promise<BrowserRun> {
  // (args: extra Chromium flags on top of CHROMIUM_ARGS, e.g. --js-flags=--trace-deopt for a diagnosis; none in the bench)
  const server: BrowserServer = await chromium.launchServer({ executablePath: CHROMIUM, headless: true, args: chromiumArgs(opts.args) });
  const browserPid = server.process().pid!;
  const browser = await chromium.connect(server.wsEndpoint());
  const rss = rssSampler(browserPid);
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(INSTRUMENT);
    const cdp = await context.newCDPSession(page);
    const heaps = await heapSampler(cdp);
    // BENCH_SETTLE_MS: wait this long after the browser's start before opening the page (default 0: at once).
    // A fresh Chromium spends its first seconds on its own start (its WebUI renderer, the browser process),
    // on the cores a --cold run needs; a person opens the page in a browser that is already running.
    const settleMs = Number(process.env.BENCH_SETTLE_MS ?? 0);
    if (settleMs > 0) await new Promise((r) => setTimeout(r, settleMs));
    const tGoto = performance.now();
    await page.goto(url);
    const input = page.getByTestId('file-input');
    await input.waitFor({ state: 'attached', timeout: 30_000 });
    // as a user would: the page is open before a file is picked. The engine warms up meanwhile
    // (backend, churn worker, a small demo run); its time from page load is reported apart.
    // (--cold: pick the file at once, the worst case of a user who drops a file the moment the page shows)
    // The engine warms up at the page's first use (a pointer move here); before it, its worker only loads (firstUse.ts).
    if (!opts.cold) {
      await page.mouse.move(200, 200);
      await page.locator('[data-testid="engine-status"][data-ready="true"]').waitFor({ state: 'attached', timeout: Number(process.env.BENCH_READY_TIMEOUT_MS ?? 60_000) });
    }
    const engineReadyMs = opts.cold ? undefined : Math.round(performance.now() - tGoto);
    const cpuPick = rendererCpuMs(browserPid);
    rss.mark();
    heaps.mark();
    await input.setInputFiles(file);
    await page.getByTestId('mapping-confirm').waitFor({ timeout: timeoutMs });
    // (thinkMs: a person reading the mapping step before the confirm; the default 0 clicks at once)
    if (opts.thinkMs) await page.waitForTimeout(opts.thinkMs);
    const cpu0 = rendererCpuMs(browserPid);
    await page.getByTestId('mapping-confirm').click({ timeout: timeoutMs });
    let cpuMs: number | undefined;
    let cpuFromPickMs: number | undefined;
    let cpuByThread: Record<string, number> | undefined;
    const done = page
      .getByTestId('analysis-done')
      .waitFor({ state: 'attached', timeout: timeoutMs })
      .then(() => {
        const now = rendererCpuMs(browserPid);
        cpuMs = cpuSince(cpu0, now);
        cpuFromPickMs = cpuSince(cpuPick, now);
        cpuByThread = Object.fromEntries(Object.keys(now).map((k) => [k, now[k] - (cpu0[k] ?? 0)]).filter(([, v]) => (v as number) > 0));
      });
    const failed = page.getByTestId('error').waitFor({ state: 'attached', timeout: timeoutMs }).then(() => 'error');
    const how = await Promise.race([done.then(() => 'done'), failed]).catch((e: Error) => `timeout: ${e.message.split('\n')[0]}`);
    if (how === 'done') {
      // the saved dashboard (the target's window for long tasks ends there), then its refining work
      await page.getByTestId('analysis-done').filter({ hasText: 'saved' }).waitFor({ timeout: 60_000 }).catch(() => {});
      if (!opts.skipRefining) await page.getByTestId('refining').waitFor({ state: 'detached', timeout: timeoutMs }).catch(() => {});
    }
    await page.waitForTimeout(300); // let late long tasks of the first paint be reported
    const rec = (await page.evaluate('window.__bench')) as BenchRecord;
    rss.sample();
    const heap = await heaps.stop();
    const out = { ...summarise(rec), rssSeries: rss.series(), heapSeries: heap.series, engineReadyMs, rendererCpuMs: cpuMs, rendererCpuFromPickMs: cpuFromPickMs, rendererCpuByThreadMs: cpuByThread, rendererPeakMB: rss.peak() || null, pageHeapPeakMB: heap.pageMB, workerHeapPeakMB: heap.workerMB, chromium: browser.version() };
    if (how === 'done' && rec.t.done) return { ...out, ok: true };
    // not finished: say how far it got (the partial stage times and memory still tell where time goes)
    const last = rec.progress.at(-1);
    const at = last ? `${last[1]} ${last[3]} (${Math.round((last[0] - (rec.t.fileChange ?? 0)) / 1000)} s in)` : 'before any progress';
    const why = how === 'error' ? `the page showed an error: ${rec.error ?? rec.failed ?? 'unknown'}` : `no analysis-done within ${Math.round(timeoutMs / 1000)} s`;
    return { ...out, ok: false, error: `${why}; last progress: ${at}` };
  } finally {
    rss.stop();
    await browser.close().catch(() => {});
    await server.close().catch(() => {});
  }
}

const cpuSince = (a: Record<string, number>, b: Record<string, number>) => Math.round(Object.keys(b).reduce((s, k) => s + Math.max(0, b[k] - (a[k] ?? 0)), 0));

/** Wall time and stage times from the in-page record (all performance.now() of the page). */
export function summarise(rec: BenchRecord) {
  const t = rec.t;
  const start = t.fileChange ?? 0;
  const w = rec.timingsMs ?? {};
  const stagesMs: Record<string, number> = {
    'parse (file read, parse, inspect; in worker)': Math.round((t.loaded ?? start) - start),
    'mapping step (render + automated click)': Math.round((t.confirm ?? 0) - (t.loaded ?? start)),
    ...Object.fromEntries(Object.entries(w).map(([k, v]) => [k, v])),
  };
  // segmentation and churn run at the same time (two workers): stage times overlap, so the
  // analysis as a whole is given too
  if (t.result && t.confirm) stagesMs['analysis (confirm to result, all stages)'] = Math.round(t.result - t.confirm);
  if (t.result && t.done) stagesMs['first paint of dashboard'] = Math.round(t.done - t.result);
  // from the file pick on (the page's own start-up, before the file, is not part of an analysis)
  const longest = rec.longtasks.filter(([s]) => s >= start).reduce((m, [, d]) => Math.max(m, d), 0);
  const during = rec.longtasks.filter(([s]) => s >= start && s < (t.result ?? Infinity)).reduce((m, [, d]) => Math.max(m, d), 0);
  // issue 19's window: from the pick to the saved dashboard, its first paint included
  const toSaved = rec.longtasks.filter(([s]) => s >= start && s < (t.saved ?? t.done ?? Infinity)).reduce((m, [, d]) => Math.max(m, d), 0);
  if (t.saved && t.done) stagesMs['saving (dashboard shown to saved)'] = Math.round(t.saved - t.done);
  if (t.refined && t.done) stagesMs['refining (after the dashboard: survival model ...)'] = Math.round(t.refined - t.done);
  return {
    pickEpochMs: rec.timeOrigin + start,
    totalMs: (t.done ?? rec.progress.at(-1)?.[0] ?? start) - start,
    stagesMs,
    longestMainThreadTaskMs: longest,
    longestDuringAnalysisMs: during,
    longestToSavedMs: toSaved,
    longTasks: rec.longtasks.length,
    timeline: {
      longTasks: rec.longtasks.map(([s, d]) => [Math.round(s - start), d] as [number, number]),
      events: Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Math.round((v ?? 0) - start)])),
      /** every progress message: [ms since the file was picked, stage, detail] (which job finished when, on either worker) */
      progress: rec.progress.map(([at, stage, , detail]) => [Math.round(at - start), stage, detail] as [number, string, string]),
    },
    info: rec.info,
  };
}

/** The lifetime row in the browser: a fresh Chromium opens the site with ?debug=1, waits for the
 *  engine, and has the analysis worker simulate a log of `customers` and time the BG/NBD +
 *  Gamma-Gamma fit there (EngineApi.benchLifetimeFit). totalMs is the fit. */
export async function browserLifetimeRun(url: string, customers = 100_000) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(`${url}?debug=1`);
    await page.mouse.move(200, 200); // the engine warms up at the page's first use (firstUse.ts)
    await page.locator('[data-testid="engine-status"][data-ready="true"]').waitFor({ state: 'attached', timeout: 60_000 });
    const r = (await page.evaluate(
      (n) => (window as unknown as { __retentionStudio: { lifetimeFit(n: number): Promise<unknown> } }).__retentionStudio.lifetimeFit(n),
      customers,
    )) as { fitMs: number; bgnbdMs: number; gammaGammaMs: number; simulateMs: number; summarizeMs: number; converged: boolean; params: Record<string, number> };
    return {
      ok: r.converged,
      ...(r.converged ? {} : { error: 'a fit did not converge' }),
      totalMs: r.fitMs,
      stagesMs: { 'simulate log (in worker)': Math.round(r.simulateMs), summarize: Math.round(r.summarizeMs), 'BG/NBD fit': Math.round(r.bgnbdMs), 'Gamma-Gamma fit': Math.round(r.gammaGammaMs) },
      peakMemoryMB: null,
      longestMainThreadTaskMs: null,
      params: r.params,
      chromium: browser.version(),
    };
  } finally {
    await browser.close().catch(() => {});
  }
}

if (process.argv[1]?.endsWith('browser.ts') && process.argv[2] === 'lifetime') {
  // the lifetime row alone: node --import tsx bench/browser.ts lifetime [customers] (builds and serves the site)
  (async () => {
    await buildSite();
    const site = await serveSite();
    try {
      process.stdout.write(JSON.stringify(await browserLifetimeRun(site.url, Number(process.argv[3] ?? 100_000)), null, 1) + '\n');
    } finally {
      site.stop();
    }
  })().catch((e: Error) => {
    process.stderr.write(`${e.stack ?? e}\n`);
    process.exit(1);
  });
}

/**
 * CPU the page burns with nobody using it (issue 19 target: <= 1 s in the 10 s after load, no
 * file): a fresh headless Chromium opens the page and does nothing; the CPU time (user + system,
 * /proc) of its renderer process (the page's main thread and its workers) is read at navigation
 * and 10 s after the load event. Per-thread CPU (Linux thread names: CrRendererMain,
 * DedicatedWorker ...) tells where it goes.
 * Chromium's own floor: the same measure for a page with one line of text and no script
 * (blankPage), alternating with the site's runs, so "the page's own CPU" is the difference of the
 * two medians. Chromium's top-chrome WebUI renderer (the omnibox popup's UI, ~1.2-2 s of CPU in a fresh
 * browser's first seconds) is not counted (proc.ts rendererPids): before session 11 it was, and it was
 * most of the 1.4-1.9 s "floor" read on the AMD machine of session 10.
 *   node --import tsx bench/idle.ts [url] [--runs N]   (without url: builds and serves the site)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { CHROMIUM, buildSite, serveSite, CHROMIUM_ARGS } from './browser';
import { loadNow, rendererPids } from './proc';
import { median } from './report';

const TICK_MS = 10; // USER_HZ = 100 on Linux

/** CPU ms per thread name of a process (threads of one name summed), from /proc/<pid>/task; the
 *  CPU of threads that already ended (a churn worker stopped after a large file's churn stage:
 *  workerApi.ts) is counted as "(ended threads)", from the process's own total. */
export function threadCpuMs(pid: number): Record<string, number> {
  const out: Record<string, number> = {};
  let tasks: string[] = [];
  let processMs = 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    processMs = (Number(f[11]) + Number(f[12])) * TICK_MS;
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const t of tasks) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${t}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replace(/[\d:]+$/, '');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out[name] = (out[name] ?? 0) + (Number(f[11]) + Number(f[12])) * TICK_MS;
    } catch {
      /* thread gone */
    }
  }
  const ended = processMs - Object.values(out).reduce((a, b) => a + b, 0);
  if (ended > 0) out['(ended threads)'] = ended;
  return out;
}

/** Renderer CPU per thread name, summed over the browser's renderer processes. */
export function rendererCpuMs(browserPid: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const pid of rendererPids(browserPid)) for (const [k, v] of Object.entries(threadCpuMs(pid))) out[k] = (out[k] ?? 0) + v;
  return out;
}

const diff = (a: Record<string, number>, b: Record<string, number>) =>
  Object.fromEntries(Object.keys(b).map((k) => [k, b[k] - (a[k] ?? 0)]).filter(([, v]) => (v as number) > 0)) as Record<string, number>;
const total = (r: Record<string, number>) => Object.values(r).reduce((s, v) => s + v, 0);

export interface IdleRun {
  /** renderer CPU (all threads) from navigation to 10 s after the load event, ms */
  cpuMs: number;
  /** the same per thread name */
  byThread: Record<string, number>;
  /** whether the page said its engine was ready within the window */
  engineReady: boolean;
}

/** One idle run: fresh browser, open the page, wait `seconds` after load, read the renderer's CPU. */
export async function idleRun(url: string, seconds = 10): Promise<IdleRun> {
  const server = await chromium.launchServer({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const browserPid = server.process().pid!;
  const browser = await chromium.connect(server.wsEndpoint());
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto('about:blank');
    const before = rendererCpuMs(browserPid);
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(seconds * 1000);
    const byThread = diff(before, rendererCpuMs(browserPid));
    const engineReady = (await page.locator('[data-testid="engine-status"][data-ready="true"]').count()) > 0;
    return { cpuMs: total(byThread), byThread, engineReady };
  } finally {
    await browser.close().catch(() => {});
    await server.close().catch(() => {});
  }
}

/** A page with one line of text and no script, on a local port: Chromium's floor for idleRun. */
export async function blankPage(): Promise<{ url: string; stop(): void }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><html><head><title>blank</title></head><body><p>Nothing here.</p></body></html>');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, stop: () => server.close() };
}

/** Site and blank page alternating, `runs` of each; the page's own CPU = median(site) - median(blank). */
export async function idleWithFloor(url: string, runs: number, log: (line: string) => void = () => {}): Promise<{ site: IdleRun[]; blank: IdleRun[] }> {
  const blank = await blankPage();
  const out = { site: [] as IdleRun[], blank: [] as IdleRun[] };
  try {
    for (let r = 0; r < runs; r++)
      for (const [which, u] of [['site', url], ['blank', blank.url]] as const) {
        const load = loadNow();
        const x = await idleRun(u).catch((e: Error) => (log(`idle ${which} run failed: ${e.message.split('\n')[0]}`), null));
        if (!x) continue;
        out[which].push(x);
        log(`idle ${which} run ${r + 1}: ${x.cpuMs} ms CPU from navigation to 10 s after load (load avg ${load.join(' ')}); engine ready: ${x.engineReady}; ${JSON.stringify(x.byThread)}`);
      }
  } finally {
    blank.stop();
  }
  return out;
}

if (process.argv[1]?.endsWith('idle.ts')) {
  const args = process.argv.slice(2);
  const i = args.indexOf('--runs');
  const runs = i >= 0 ? Number(args[i + 1]) : 3;
  const given = args.find((a) => a.startsWith('http'));
  (async () => {
    if (!given) await buildSite();
    const site = given ? { url: given, stop() {} } : await serveSite();
    try {
      const { site: s, blank: b } = await idleWithFloor(site.url, runs, (line) => process.stdout.write(`${line}\n`));
      const med = (xs: IdleRun[]) => median(xs.map((x) => x.cpuMs));
      process.stdout.write(`median: site ${med(s)} ms, blank page ${med(b)} ms, the page's own ${med(s) - med(b)} ms\n`);
    } finally {
      site.stop();
    }
  })().catch((e) => {
    process.stderr.write(`${e.stack ?? e}\n`);
    process.exit(1);
  });
}

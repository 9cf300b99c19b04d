/**
 * Where the browser's CPU goes during one Telco 1x analysis, by thread and trace event: a Chrome
 * trace (v8 compile/GC, wasm, timeline) from the confirm click to the dashboard, page warmed up
 * first as in the bench. Thread time (tdur) summed per (thread kind, event name); nested events
 * overlap, so rows do not add up. Shows e.g. TurboFan/Maglev compiles on V8's background threads
 * (ThreadPoolForegroundWorker) competing with the two workers on two cores.
 *   node --import tsx bench/trace.ts [file.csv] [--second]   (serves bench/data/site from a previous bench build;
 *   --second traces a second analysis of the file in the same page; --cold traces from the page load,
 *   the file picked as the page appears, as bench's --cold runs)
 * Also the one reader of a Chrome trace file for the other trace scripts (readTraceEvents; longtasks.ts).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, serveSite, CHROMIUM_ARGS } from './browser';
import { REPO_ROOT } from './resample';

/** One event of a Chrome trace (the fields these scripts read). */
export type TraceEvent = { ph: string; name: string; cat: string; pid: number; tid: number; ts: number; dur?: number; tdur?: number; args?: Record<string, unknown> };

/** The events of a Chrome trace file as written by browser.stopTracing: `{traceEvents: [...]}` or a bare array. */
export function readTraceEvents(path: string): TraceEvent[] {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  return Array.isArray(raw) ? raw : (raw.traceEvents ?? []);
}

// run only as a script (longtasks.ts imports readTraceEvents from here)
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const second = process.argv.includes('--second');
  const cold = process.argv.includes('--cold');
  const file = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? resolve(REPO_ROOT, '../shared/data/telco/WA_Fn-UseC_-Telco-Customer-Churn.csv');
  const out = '/tmp/retention-studio-trace.json';
  const CATEGORIES = ['v8', 'disabled-by-default-v8.compile', 'disabled-by-default-v8.gc', 'v8.wasm', 'devtools.timeline', 'toplevel'];

  const site = await serveSite();
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await (await browser.newContext()).newPage();
    if (cold) await browser.startTracing(page, { path: out, categories: CATEGORIES });
    await page.goto(site.url);
    if (!cold) {
      await page.mouse.move(100, 100);
      await page.locator('[data-testid="engine-status"][data-ready="true"]').waitFor({ state: 'attached', timeout: 120_000 });
    }
    if (second) {
      // the same file once before the traced run: what JIT work is left when the code has seen this file's data
      await page.getByTestId('file-input').setInputFiles(file);
      await page.getByTestId('mapping-confirm').click();
      await page.getByTestId('analysis-done').waitFor({ timeout: 300_000 });
      await page.getByTestId('refining').waitFor({ state: 'detached', timeout: 300_000 }); // else the next file restarts the worker
      await page.getByRole('link', { name: 'Retention Studio home' }).click();
    }
    await page.getByTestId('file-input').setInputFiles(file);
    await page.getByTestId('mapping-confirm').waitFor();
    if (!cold) await browser.startTracing(page, { path: out, categories: CATEGORIES });
    await page.getByTestId('mapping-confirm').click();
    await page.getByTestId('analysis-done').waitFor({ timeout: 300_000 });
    await browser.stopTracing();
  } finally {
    await browser.close();
    site.stop();
  }
  const events = readTraceEvents(out);
  const thread = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') thread.set(`${e.pid}:${e.tid}`, String(e.args?.name ?? '?').replace(/\d+$/, ''));
  const sums = new Map<string, number>();
  for (const e of events) {
    if (e.ph !== 'X') continue;
    const t = thread.get(`${e.pid}:${e.tid}`) ?? '?';
    if (!/ThreadPool|DedicatedWorker|CrRendererMain|Compositor/.test(t)) continue;
    const ms = (e.tdur ?? e.dur ?? 0) / 1000;
    const key = `${t} | ${e.name}`;
    sums.set(key, (sums.get(key) ?? 0) + ms);
  }
  process.stdout.write([...sums].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => `${String(Math.round(v)).padStart(6)} ms  ${k}`).join('\n') + `\n(trace: ${out})\n`);
  process.exit(0);
}

/**
 * The landing page's main-thread tasks while Plotly is preloaded (ui/Landing.svelte: at the first
 * use, after 1.5 s of quiet): a fresh Chromium opens the page, moves the pointer, waits 5 s, with a
 * Chrome trace; every main-thread task of 50 ms or more is listed with its wall and CPU time and
 * its largest trace children (v8.evaluateModule, V8.CompileCode, v8.produceModuleCache...). Several
 * built sites alternate (A B A B ...), so an A/B sees the same machine load. Not a bench row.
 *   node --import tsx bench/plotlyImport.ts <siteDir> [<siteDir> ...] [--runs N]
 */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, serveSite } from './browser';
import { loadNow } from './proc';
import { readTraceEvents } from './trace';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] || 3) || 3;
const dirs = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs');
if (!dirs.length) throw new Error('usage: bench/plotlyImport.ts <siteDir> [<siteDir> ...] [--runs N]');
const CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'v8', 'disabled-by-default-v8.compile'];

async function once(url: string): Promise<string[]> {
  const out = `/tmp/retention-studio-plotly-${process.pid}.json`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await (await browser.newContext()).newPage();
    await browser.startTracing(page, { path: out, categories: CATEGORIES });
    await page.goto(url);
    await page.mouse.move(200, 200);
    await page.waitForTimeout(5000);
    await browser.stopTracing();
  } finally {
    await browser.close().catch(() => {});
  }
  const ev = readTraceEvents(out);
  rmSync(out, { force: true });
  const names = new Map<string, string>();
  for (const e of ev) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, String((e.args as { name: string }).name));
  const main = ev.filter((e) => e.ph === 'X' && names.get(`${e.pid}:${e.tid}`) === 'CrRendererMain');
  const tasks = main.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && (e.dur ?? 0) >= 50_000).sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0));
  return tasks.map((t) => {
    const kids = new Map<string, number>();
    for (const e of main) if (e !== t && e.name !== 'RunTask' && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + (t.dur ?? 0)) kids.set(e.name, (kids.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
    const top = [...kids].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k, v]) => `${k} ${Math.round(v)}`);
    return `${Math.round((t.dur ?? 0) / 1000)} ms wall / ${Math.round((t.tdur ?? 0) / 1000)} ms CPU (${top.join(', ')})`;
  });
}

const sites = await Promise.all(dirs.map((d) => serveSite(resolve(d))));
try {
  for (let r = 0; r < runs; r++)
    for (let i = 0; i < sites.length; i++) {
      const load = loadNow();
      const tasks = await once(sites[i].url);
      process.stdout.write(`${dirs[i]} run ${r + 1} (load ${load.join(' ')}): ${tasks.length ? tasks.join('; ') : 'no task of 50 ms or more'}\n`);
    }
} finally {
  for (const s of sites) s.stop();
}
process.exit(0);

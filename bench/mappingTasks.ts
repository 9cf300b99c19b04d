/**
 * The mapping step of a wide file, A/B: main-thread long tasks (PerformanceObserver 'longtask',
 * wall time) from the file pick until the step is complete, in a fresh browser per run (the first
 * visit is the one that counts: e2e/responsiveness.spec.ts's 1,000-column test), alternating two
 * built sites. Prints each run's longest task and the sum of the time over 50 ms, then medians.
 *   node --import tsx bench/mappingTasks.ts /tmp/siteA /tmp/siteB [--runs 6] [file.csv]
 * Without a file: the corpus's thousand-columns.csv.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, serveSite, CHROMIUM_ARGS } from './browser';
import { corpus } from '../scripts/corpus';

const argv = process.argv.slice(2);
const runs = Number(argv[argv.indexOf('--runs') + 1] || 6) || 6;
const [siteA, siteB, given] = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--runs');
let file = given;
if (!file) {
  file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rs-wide-')), 'thousand-columns.csv');
  fs.writeFileSync(file, corpus().find((c) => c.case.file === 'thousand-columns.csv')!.content());
}

async function once(url: string): Promise<{ worst: number; over50: number }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __lt: { at: number; ms: number }[] };
      w.__lt = [];
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) w.__lt.push({ at: e.startTime, ms: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(url);
    await page.waitForTimeout(1500);
    const t0 = await page.evaluate(() => performance.now());
    await page.getByTestId('file-input').setInputFiles(file);
    await page.getByTestId('mapping-complete').waitFor({ state: 'attached' });
    await page.waitForTimeout(500);
    const tasks = await page.evaluate((t) => (window as unknown as { __lt: { at: number; ms: number }[] }).__lt.filter((x) => x.at >= t).map((x) => x.ms), t0);
    return { worst: Math.round(Math.max(0, ...tasks)), over50: Math.round(tasks.reduce((s, m) => s + Math.max(0, m - 50), 0)) };
  } finally {
    await browser.close();
  }
}

const a = await serveSite(siteA);
const b = await serveSite(siteB);
const res: Record<'A' | 'B', { worst: number; over50: number }[]> = { A: [], B: [] };
try {
  for (let i = 0; i < runs; i++) {
    for (const [k, s] of (i % 2 ? [['B', b], ['A', a]] : [['A', a], ['B', b]]) as ['A' | 'B', typeof a][]) {
      const r = await once(s.url);
      res[k].push(r);
      console.log(`${k} run ${i + 1}: longest ${r.worst} ms, time over 50 ms ${r.over50} ms (load ${os.loadavg()[0].toFixed(1)})`);
    }
  }
} finally {
  a.stop();
  b.stop();
}
const med = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
for (const k of ['A', 'B'] as const) console.log(`${k}: longest task median ${med(res[k].map((r) => r.worst))} ms (${res[k].map((r) => r.worst).join(', ')}), over-50 median ${med(res[k].map((r) => r.over50))} ms`);
process.exit(0);

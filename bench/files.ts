/**
 * A/B of two builds on several files analysed in a row in one page (a person comparing files, e2e's
 * corpus spec): runs alternate (A B A B ...) so both see the same machine load. Each run opens the
 * site with ?refine=0 (a new file while refining runs restarts the worker, which this is not about),
 * picks the file at once, waits `--think` ms on the mapping step, confirms, waits for the saved
 * dashboard, goes home and picks the next one. Prints the renderer's CPU (all threads) and the wall
 * time from the second pick to the last saved dashboard: what the files after the first cost,
 * e.g. the mapping step's warm-up (engine.ts) running again for each. Not a benchmark row.
 *   node --import tsx bench/files.ts <siteDirA> <siteDirB> [--runs N] [--files N] [--think MS] [file.csv]
 */
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, serveSite, CHROMIUM_ARGS } from './browser';
import { rendererCpuMs } from './idle';
import { loadNow } from './proc';
import { REPO_ROOT } from './resample';

const args = process.argv.slice(2);
const num = (flag: string, dflt: number) => (args.includes(flag) ? Number(args[args.indexOf(flag) + 1]) : dflt);
const [dirA, dirB] = args.filter((a, i) => !a.startsWith('--') && !a.endsWith('.csv') && !args[i - 1]?.startsWith('--'));
if (!dirA || !dirB) throw new Error('usage: bench/files.ts <siteDirA> <siteDirB> [--runs N] [--files N] [--think MS] [file.csv]');
const runs = num('--runs', 3);
const files = Math.max(2, num('--files', 3));
const thinkMs = num('--think', 1000);
const file = args.find((a) => a.endsWith('.csv')) ?? resolve(REPO_ROOT, '../shared/data/telco/WA_Fn-UseC_-Telco-Customer-Churn.csv');
const sites = [await serveSite(resolve(dirA)), await serveSite(resolve(dirB))];
const total = (r: Record<string, number>) => Object.values(r).reduce((s, v) => s + v, 0);
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor((v.length - 1) / 2)];

async function oneRun(url: string): Promise<{ cpu: number; wall: number }> {
  const server = await chromium.launchServer({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const browser = await chromium.connect(server.wsEndpoint());
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${url}?refine=0`);
    let cpu0 = 0;
    let t0 = 0;
    for (let f = 0; f < files; f++) {
      if (f > 0) await page.getByRole('link', { name: 'Retention Studio home' }).click();
      if (f === 1) [cpu0, t0] = [total(rendererCpuMs(server.process().pid!)), performance.now()];
      await page.getByTestId('file-input').setInputFiles(file);
      await page.getByTestId('mapping-confirm').waitFor({ timeout: 120_000 });
      await page.waitForTimeout(thinkMs);
      await page.getByTestId('mapping-confirm').click();
      await page.getByTestId('analysis-done').filter({ hasText: 'saved' }).waitFor({ timeout: 300_000 });
    }
    return { cpu: Math.round(total(rendererCpuMs(server.process().pid!)) - cpu0), wall: Math.round(performance.now() - t0) };
  } finally {
    await browser.close().catch(() => {});
    await server.close().catch(() => {});
  }
}

const got = [0, 1].map(() => ({ cpu: [] as number[], wall: [] as number[] }));
try {
  for (let r = 0; r < runs; r++)
    for (const ab of [0, 1]) {
      const load = loadNow();
      const x = await oneRun(sites[ab].url);
      got[ab].cpu.push(x.cpu);
      got[ab].wall.push(x.wall);
      process.stdout.write(`${'AB'[ab]} run ${r + 1} (load ${load.join(' ')}): files 2-${files}: renderer CPU ${x.cpu} ms, wall ${x.wall} ms\n`);
    }
  for (const ab of [0, 1])
    process.stdout.write(`${'AB'[ab]} (${[dirA, dirB][ab]}): files 2-${files}, think ${thinkMs} ms: median renderer CPU ${median(got[ab].cpu)} ms, median wall ${median(got[ab].wall)} ms over ${runs} runs\n`);
} finally {
  for (const s of sites) s.stop();
}
process.exit(0);

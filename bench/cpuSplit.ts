/**
 * Side by side, in one run: CPU time of one Telco 1x analysis in the browser (renderer threads
 * from /proc, between the file pick and the dashboard) and in Node (process.cpuUsage around
 * engine.analyze, in process, same stages: refining left out in both). On a shared machine wall
 * times mislead; CPU time says whether the browser does more work or waits more.
 *   node --import tsx bench/cpuSplit.ts [--runs N]   (uses bench/data/site from a previous bench build)
 */
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { openAsBlob } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM, serveSite, CHROMIUM_ARGS } from './browser';
import { rendererCpuMs } from './idle';
import { loadNow } from './proc';
import { createEngine } from '../src/analysis/engine';
import { REPO_ROOT } from './resample';

const TELCO = resolve(REPO_ROOT, '../shared/data/telco/WA_Fn-UseC_-Telco-Customer-Churn.csv');
const diff = (a: Record<string, number>, b: Record<string, number>) => Object.fromEntries(Object.keys(b).map((k) => [k, b[k] - (a[k] ?? 0)]).filter(([, v]) => (v as number) > 0));
const sum = (r: Record<string, number>) => Object.values(r).reduce((s, v) => s + v, 0);

async function browserCpu(url: string) {
  const server = await chromium.launchServer({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const browser = await chromium.connect(server.wsEndpoint());
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(url);
    await page.mouse.move(100, 100);
    await page.locator('[data-testid="engine-status"][data-ready="true"]').waitFor({ state: 'attached', timeout: 120_000 });
    await page.getByTestId('file-input').setInputFiles(TELCO);
    await page.getByTestId('mapping-confirm').waitFor();
    const before = rendererCpuMs(server.process().pid!);
    const t0 = performance.now();
    await page.getByTestId('mapping-confirm').click();
    await page.getByTestId('analysis-done').waitFor({ timeout: 300_000 });
    const wall = performance.now() - t0;
    const byThread = diff(before, rendererCpuMs(server.process().pid!)) as Record<string, number>;
    return { wallMs: Math.round(wall), cpuMs: sum(byThread), byThread };
  } finally {
    await browser.close().catch(() => {});
    await server.close().catch(() => {});
  }
}

async function nodeCpu() {
  const require = createRequire(import.meta.url);
  const wasmPaths = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + '/';
  const engine = createEngine({ wasmPaths, refine: 'later' });
  await engine.load(await openAsBlob(TELCO), 'telco.csv');
  await engine.warm(); // as the page: warmed up first
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await engine.analyze({ seed: 42, folds: 5 });
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  if (!r.ok) throw new Error(r.message);
  const t = r.result.timingsMs;
  return { wallMs: Math.round(wall), cpuMs: Math.round((c.user + c.system) / 1000), churnMs: t.churn, segmentationMs: t.segmentation, jobs: Object.fromEntries(Object.entries(t).filter(([k]) => k.startsWith('churn.'))) };
}

const i = process.argv.indexOf('--runs');
const runs = i >= 0 ? Number(process.argv[i + 1]) : 2;
const site = await serveSite();
try {
  for (let r = 0; r < runs; r++) {
    const l = loadNow();
    const b = await browserCpu(site.url);
    const n = await nodeCpu();
    process.stdout.write(`run ${r + 1} (load ${l.join(' ')}):\n  browser confirm->dashboard wall ${b.wallMs} ms, renderer CPU ${b.cpuMs} ms ${JSON.stringify(b.byThread)}\n  node analyze wall ${n.wallMs} ms, CPU ${n.cpuMs} ms (churn ${n.churnMs}, segmentation ${n.segmentationMs}) ${JSON.stringify(n.jobs)}\n`);
  }
} finally {
  site.stop();
}
process.exit(0);

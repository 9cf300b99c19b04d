/**
 * What the analysis worker's engine holds, in Node (one thread: churn jobs run in-process, so the
 * churn worker's frame copy is not here): the page's way (refine 'later', then each refinement),
 * with the JS heap and ArrayBuffer bytes after a full GC at each step, and their peak sampled every
 * 100 ms. A profiling aid for issue 19's 1 GB target at 100x, quieter than the browser's RSS.
 *   node --expose-gc --import tsx bench/engineMemory.ts [file.csv]
 */
import { openAsBlob } from 'node:fs';
import { basename, resolve } from 'node:path';
import { createEngine } from '../src/analysis/engine';
import { REPO_ROOT } from './resample';

const file = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? resolve(REPO_ROOT, 'bench/data/telco-x100-seed42.csv');
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const mb = (b: number) => Math.round(b / 2 ** 20);
let peak = { heap: 0, buffers: 0, sum: 0 };
const sample = () => {
  const m = process.memoryUsage();
  peak = { heap: Math.max(peak.heap, m.heapUsed), buffers: Math.max(peak.buffers, m.arrayBuffers), sum: Math.max(peak.sum, m.heapUsed + m.arrayBuffers) };
};
const timer = setInterval(sample, 100);
let stage = '';
const line = (what: string) => {
  sample();
  gc();
  const m = process.memoryUsage();
  process.stdout.write(`${what.padEnd(28)} after GC: heap ${mb(m.heapUsed)} MB, buffers ${mb(m.arrayBuffers)} MB; peak since last line: heap+buffers ${mb(peak.sum)} MB (heap ${mb(peak.heap)}, buffers ${mb(peak.buffers)}), RSS ${mb(m.rss)} MB\n`);
  peak = { heap: 0, buffers: 0, sum: 0 };
};
const wasmPaths = resolve(REPO_ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist') + '/';
const engine = createEngine({ wasmPaths, refine: 'later' });
line('start');
const loaded = await engine.load(await openAsBlob(file), basename(file));
if (!loaded.ok) throw new Error(loaded.message);
line('loaded (parse)');
const res = await engine.analyze({ seed: 42, folds: 5 }, (p) => {
  if (p.stage !== stage && p.fraction === 0) line(`before ${p.stage}`);
  stage = p.stage;
});
if (!res.ok) throw new Error(res.message);
line('result');
// the result's typed arrays by path (what ownBuffers copies and the page receives)
const sizes = new Map<string, number>();
const walk = (o: unknown, path: string, depth: number) => {
  if (!o || typeof o !== 'object' || depth > 6) return;
  for (const [k, v] of Object.entries(o)) {
    if (ArrayBuffer.isView(v)) sizes.set(`${path}.${k}`, v.byteLength);
    else if (v && typeof v === 'object' && !(Array.isArray(v) && typeof v[0] !== 'object')) walk(v, `${path}.${k}`, depth + 1);
  }
};
walk(res.result, 'result', 0);
const big = [...sizes].filter(([, b]) => b >= 2 ** 20).sort((a, b) => b[1] - a[1]);
process.stdout.write(`result typed arrays: ${mb([...sizes.values()].reduce((a, b) => a + b, 0))} MB in ${sizes.size}; >= 1 MB: ${big.map(([k, b]) => `${k} ${mb(b)}`).join(', ')}\n`);
for (let patch = await engine.refine(); patch; patch = await engine.refine()) line(`refinement ${patch.key} (sets ${Object.keys(patch.set).join(', ')})`);
clearInterval(timer);
process.exit(0);

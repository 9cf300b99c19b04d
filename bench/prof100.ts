/**
 * The 100x pipeline in one Node thread, the page's way (refinements left pending): CPU and wall
 * per stage, then the result's hand-over (ownBuffers + a structured clone with transfer, as the
 * worker's reply). For --cpu-prof runs and in-process A/B.
 *   node [--cpu-prof] --import tsx bench/prof100.ts [file.csv] [--load-only]
 * --load-only: the parse and the mapping step's summary only (parseCsv + inspectTable + summarize,
 * as engine.load), three times in one process, with a digest of the parsed table and the summary.
 */
import { openAsBlob } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { createEngine } from '../src/analysis/engine';
import { parseCsv } from '../src/analysis/data/parse';
import { inspectTable, summarize } from '../src/analysis/data/prepare';
import { ownBuffers } from '../src/analysis/workerApi';
import { REPO_ROOT } from './resample';
import { createHash, type Hash } from 'node:crypto';
import { UNSTABLE_KEYS } from '../src/cli/resultFingerprint';

/** A digest of a result's every bit (typed arrays by their bytes), timing keys aside: the in-process A/B's identity check. */
function digest(v: unknown, h: Hash = createHash('sha1')): Hash {
  if (ArrayBuffer.isView(v)) h.update(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
  else if (Array.isArray(v)) { h.update('['); for (const x of v) digest(x, h); h.update(']'); }
  else if (v && typeof v === 'object') for (const k of Object.keys(v).sort()) { if (!UNSTABLE_KEYS.has(k)) { h.update(k); digest((v as Record<string, unknown>)[k], h); } }
  else h.update(typeof v === 'number' ? (Object.is(v, -0) ? '-0' : String(v)) + ',' : JSON.stringify(v) ?? 'undefined');
  return h;
}

const file = process.argv.slice(2).find((a) => a.endsWith('.csv')) ?? resolve(REPO_ROOT, 'bench/data/telco-x100-seed42.csv');
const require = createRequire(import.meta.url);
const wasmPaths = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + '/';
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
if (process.argv.includes('--load-only')) {
  for (let rep = 1; rep <= 3; rep++) {
    const c = cpu(), t = performance.now();
    const parsed = await parseCsv(await openAsBlob(file), basename(file));
    if (!parsed.ok) throw new Error(parsed.message);
    const c1 = cpu(), t1 = performance.now();
    const ins = inspectTable(parsed.table);
    const summary = summarize(ins);
    console.log(`load ${rep}: parseCsv cpu ${(c1 - c).toFixed(0)} ms wall ${(t1 - t).toFixed(0)} ms; inspect+summary cpu ${(cpu() - c1).toFixed(0)} ms wall ${(performance.now() - t1).toFixed(0)} ms; ` +
      `digest ${digest({ table: parsed.table, inferred: ins.inferred, kind: ins.kind, roles: ins.roles, summary }).digest('hex')}`);
  }
  process.exit(0);
}
const engine = createEngine({ wasmPaths, refine: 'later' });
let c0 = cpu(), t0 = performance.now();
const loaded = await engine.load(await openAsBlob(file), basename(file));
if (!loaded.ok) throw new Error(loaded.message);
console.log(`load: cpu ${(cpu() - c0).toFixed(0)} ms wall ${(performance.now() - t0).toFixed(0)} ms`);
c0 = cpu(); t0 = performance.now();
let last = performance.now(), lastC = cpu();
const r = await engine.analyzePacked({ seed: 42, folds: 5 }, (p) => {
  if (p.fraction === 1 && !p.detail) { console.log(`  ${p.stage} done: +${(performance.now() - last).toFixed(0)} ms wall, +${(cpu() - lastC).toFixed(0)} ms cpu since previous`); last = performance.now(); lastC = cpu(); }
});
if (!r.ok) throw new Error(r.message);
console.log(`analyze: cpu ${(cpu() - c0).toFixed(0)} ms wall ${(performance.now() - t0).toFixed(0)} ms; after business: +${(performance.now() - last).toFixed(0)} ms wall +${(cpu() - lastC).toFixed(0)} ms cpu`);
console.log(JSON.stringify(r.result.timingsMs));
console.log(`result digest ${digest(r).digest('hex')}`);
c0 = cpu(); t0 = performance.now();
const { value: owned, buffers: bufs } = ownBuffers(r.result);
const c1 = cpu(), t1 = performance.now();
const copy = structuredClone({ ...r, result: owned }, { transfer: bufs });
console.log(`hand-over: ownBuffers cpu ${(c1 - c0).toFixed(0)} ms (${bufs.length} buffers, ${(bufs.reduce((s, b) => s + b.byteLength, 0) / 1e6).toFixed(1)} MB), structuredClone cpu ${(cpu() - c1).toFixed(0)} ms wall ${(performance.now() - t1).toFixed(0)} ms`);
void copy;
process.exit(0);

/**
 * Who allocates the large typed arrays, stage by stage: the page's engine in one Node thread (as
 * bench/engineMemory.ts), with the global typed array constructors replaced by counting subclasses
 * before the engine loads. Prints, per stage, the bytes of new typed arrays of at least 1 MB, by
 * call site (the first frame under src/). In the browser the analysis worker's ArrayBuffers that
 * are garbage until its next full GC set issue 19's 100x peak; this says what made them.
 * A profiling aid (the counting subclasses slow the engine 1.5-3x), not a benchmark row.
 *   node --import tsx bench/allocations.ts [file.csv] [--min-mb 1]
 */
import { openAsBlob } from 'node:fs';
import { basename, resolve } from 'node:path';

const argv = process.argv.slice(2);
const file = argv.find((a) => !a.startsWith('--') && a.endsWith('.csv')) ?? resolve(import.meta.dirname, 'data/telco-x100-seed42.csv');
const minBytes = Number(argv.includes('--min-mb') ? argv[argv.indexOf('--min-mb') + 1] : 1) * 2 ** 20;
const mb = (b: number) => (b / 2 ** 20).toFixed(1);

let stage = 'load';
/** stage -> call site -> [bytes, count] */
const byStage = new Map<string, Map<string, [number, number]>>();
const siteOf = (stack: string): string => {
  const frames = stack.split('\n').slice(2).filter((l) => l.includes('/src/'));
  return frames.slice(0, 2).map((l) => l.trim().replace(/^at /, '').replace(/\(?\/.*\/src\//, '').replace(/\)$/, '')).join(' < ') || '(outside src)';
};
const note = (bytes: number) => {
  if (bytes < minBytes) return;
  const site = siteOf(new Error().stack ?? '');
  const m = byStage.get(stage) ?? new Map<string, [number, number]>();
  byStage.set(stage, m);
  const e = m.get(site) ?? [0, 0];
  m.set(site, [e[0] + bytes, e[1] + 1]);
};
type Ctor = { new (...a: unknown[]): ArrayBufferView; BYTES_PER_ELEMENT: number };
for (const name of ['Float64Array', 'Float32Array', 'Int32Array', 'Uint32Array', 'Int16Array', 'Uint16Array', 'Int8Array', 'Uint8Array'] as const) {
  const Base = (globalThis as unknown as Record<string, Ctor>)[name];
  const Counting = class extends Base {
    constructor(...a: unknown[]) {
      super(...a);
      // a view on an existing buffer (subarray, new X(buffer, ...)) allocates nothing
      if (!(a[0] instanceof ArrayBuffer) && !(typeof SharedArrayBuffer !== 'undefined' && a[0] instanceof SharedArrayBuffer)) note(this.byteLength);
    }
  };
  Object.defineProperty(Counting, 'name', { value: name });
  (globalThis as unknown as Record<string, unknown>)[name] = Counting;
}

const { createEngine } = await import('../src/analysis/engine');
const wasmPaths = resolve(import.meta.dirname, '../node_modules/@tensorflow/tfjs-backend-wasm/dist') + '/';
const engine = createEngine({ wasmPaths, refine: 'later' });
const loaded = await engine.load(await openAsBlob(file), basename(file));
if (!loaded.ok) throw new Error(loaded.message);
const res = await engine.analyze({ seed: 42, folds: 5 }, (p) => {
  if (p.fraction === 0 || p.stage !== stage.split(' ')[0]) stage = p.stage;
});
if (!res.ok) throw new Error(res.message);
stage = 'refine';
while (await engine.refine());
for (const [s, m] of byStage) {
  const rows = [...m].sort((a, b) => b[1][0] - a[1][0]);
  process.stdout.write(`${s}: ${mb(rows.reduce((a, [, [b]]) => a + b, 0))} MB in ${rows.reduce((a, [, [, c]]) => a + c, 0)} arrays >= ${mb(minBytes)} MB\n`);
  for (const [site, [b, c]] of rows.slice(0, 25)) process.stdout.write(`  ${mb(b).padStart(7)} MB ${String(c).padStart(4)}x  ${site}\n`);
}
process.exit(0);

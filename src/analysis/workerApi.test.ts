/** The worker boundary in Node, without a Worker: the nested churn worker is the real churn
 *  worker API behind a structured clone (what postMessage does to arguments and results). */
import { describe, expect, it, vi } from 'vitest';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { CHURN_FRAME_DELAY_MS, analysisWorkerApi, churnWorkerApi, ownBuffers, type ChurnWorkerApi } from './workerApi';
import { createEngine } from './engine';
import { analysisSummary } from './analysisSummary';
import { remoteChurnApi } from './churn/jobs/remote';
import { WARMUP_ROWS } from './warmup';
import type { CustomerFrame } from './types';
import type { AnalysisResult } from './result';
import { applyPatch } from './refine';

const require = createRequire(import.meta.url);
const wasmPaths = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + '/';

/** A churn worker "across a boundary": every argument and result is structured-cloned. Without
 *  its warm-up jobs: in one thread they would interleave with the engine's tfjs work, which two
 *  real workers never share. */
function clonedChurnWorker(calls: string[], frames: CustomerFrame[] = []): ChurnWorkerApi {
  const api = remoteChurnApi({ wasmPaths });
  const across = <A extends unknown[], R>(name: string, fn: (...a: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      calls.push(name);
      return structuredClone(await fn(...(structuredClone(args) as A)));
    };
  const warmOn = async (f: CustomerFrame) => void frames.push(f);
  return { warm: across('warm', api.warm), warmOn: across('warm', warmOn), begin: across('begin', api.begin), job: across('job', api.job), end: across('end', api.end) };
}

const TIMES = new Set(['fitMs', 'timingsMs', 'createdAt']);
const strip = (r: AnalysisResult) => JSON.parse(JSON.stringify(analysisSummary(r), (k, v) => (TIMES.has(k) ? undefined : v)));

describe('ownBuffers (transfer list of a result)', () => {
  it('copies every typed array into its own buffer and lists those buffers, leaving the source intact', () => {
    const shared = new Float64Array([1, 2, 3, 4]);
    const view = new Float32Array(shared.buffer, 8, 2);
    const o = { a: shared, nested: { b: view, list: [{ c: new Int32Array([7]) }] }, nums: [1, 2], dv: new DataView(new ArrayBuffer(4)) };
    const { value, buffers } = ownBuffers(o);
    expect(buffers).toHaveLength(3);
    expect(value.a).not.toBe(shared);
    expect(o.a).toBe(shared);
    expect(Array.from(value.a)).toEqual([1, 2, 3, 4]);
    expect(value.nested.b.buffer.byteLength).toBe(8); // the view's own copy, not the whole shared buffer
    expect(Array.from(value.nested.b)).toEqual(Array.from(view));
    expect(buffers).toContain(value.nested.list[0].c.buffer);
    expect(buffers).not.toContain(shared.buffer);
    expect(value.nums).toEqual([1, 2]);
    expect(value.dv).toBe(o.dv);
  });

  it('leaves an object the result shares with a pending refinement whole after the transfer', () => {
    // a refinement's closure holding an object that is also in the result (e.g. a fitted model's reasons)
    const reasons = { scores: new Float64Array([0.1, 0.9]), codes: new Int8Array([1, -1]) };
    const result = { churn: { reasons }, n: 2 };
    const { value, buffers } = ownBuffers(result);
    const received = structuredClone(value, { transfer: buffers }); // what postMessage with a transfer list does
    expect(buffers.every((b) => b.byteLength === 0)).toBe(true); // the copies went to the page
    expect(Array.from(reasons.scores)).toEqual([0.1, 0.9]); // the closure's object still has its data
    expect(Array.from(result.churn.reasons.codes)).toEqual([1, -1]);
    expect(Array.from(received.churn.reasons.scores)).toEqual([0.1, 0.9]);
  });
});

describe('analysisWorkerApi', () => {
  it('starts the nested churn worker once, shares the jobs with it, transfers the result buffers, and gives the same result as one thread', async () => {
    const calls: string[] = [];
    const transferred: ArrayBuffer[][] = [];
    const transfer = <T,>(v: T, b: ArrayBuffer[]): T => (transferred.push(b), v);
    const start = vi.fn(() => ({ api: clonedChurnWorker(calls), stop: () => calls.push('stop') }));
    const api = analysisWorkerApi({ wasmPaths, transfer, startChurnWorker: start });
    // started idle (the page starts this worker before its first use): no churn worker until the first call
    await new Promise((r) => setTimeout(r, CHURN_FRAME_DELAY_MS + 50));
    expect(start).not.toHaveBeenCalled();
    const opts = { seed: 42, folds: 3, models: ['logistic', 'gbdt'] };
    const loaded = api.loadDemo(42, 600);
    expect(start).toHaveBeenCalledTimes(1);
    expect(calls).toEqual([]); // its warm-up table comes from this worker, once the loaded file is parsed
    expect((await loaded).ok).toBe(true);
    await vi.waitFor(() => expect(calls).toEqual(['warm']));
    const r = await api.analyzePacked(opts);
    if (!r.ok) throw new Error(r.message);
    expect(start).toHaveBeenCalledTimes(1);
    expect(calls.filter((c) => c === 'begin')).toHaveLength(1);
    expect(calls.filter((c) => c === 'job').length).toBeGreaterThan(0);
    expect(transferred).toHaveLength(1);
    const buffers = transferred[0];
    expect(buffers.length).toBeGreaterThan(0);
    expect(buffers).toContain(r.result.churn!.probability.buffer);

    const one = createEngine({ wasmPaths });
    await one.loadDemo(42, 600);
    const plain = await one.analyze(opts);
    if (!plain.ok) throw new Error(plain.message);
    expect(r.packedIds).toBe(plain.result.ids.join('\u0000'));
    // the survival model's curves come with the result (the lifetime values read them), buffers
    // transferred; its out-of-fold checks are left to refine(), a patch of plain numbers
    expect(buffers).toContain(r.result.survivalModel!.curves.buffer);
    expect(r.result.refining?.map((x) => x.key)).toEqual(['churn.importance', 'survival', 'churn.repeatedCv']);
    // the models' permutation importance first: the fold models the churn worker sent back give it
    const imp = await api.refine();
    expect(imp?.key).toBe('churn.importance');
    expect(Object.keys(imp!.set)).toEqual(['churn.models']);
    const patch = await api.refine();
    expect(patch?.key).toBe('survival');
    expect(Object.keys(patch!.set)).toEqual(['survivalModel.cIndex', 'survivalModel.tdAuc', 'survivalModel.proportionalHazards', 'survivalModel.warnings']);
    const cv = await api.refine();
    expect(cv?.key).toBe('churn.repeatedCv');
    expect(await api.refine()).toBeNull();
    const refined = applyPatch(applyPatch(applyPatch(r.result, imp!), patch!), cv!);
    expect(strip({ ...refined, ids: plain.result.ids })).toEqual(strip(plain.result));
  });

  it('a second analysis stops the one in flight at its next step (the churn worker\'s jobs included), then gives the same result as alone', async () => {
    const calls: string[] = [];
    const api = analysisWorkerApi({ wasmPaths, transfer: (v) => v, startChurnWorker: () => ({ api: clonedChurnWorker(calls), stop: () => {} }) });
    expect((await api.loadDemo(42, 600)).ok).toBe(true);
    await vi.waitFor(() => expect(calls).toEqual(['warm']));
    const optsA = { seed: 42, folds: 3, models: ['logistic', 'gbdt'] };
    const optsB = { seed: 42, folds: 3, models: ['logistic', 'gbdt'], k: 3 };
    let second: ReturnType<typeof api.analyzePacked> | null = null;
    const afterSecond: string[] = [];
    const first = api.analyzePacked(optsA, (p) => {
      if (second) afterSecond.push(`${p.stage} ${p.detail ?? ''}`);
      // mid-churn: a fold of a model came back, segmentation is running on this thread
      else if (p.stage === 'churn' && /fold/.test(p.detail ?? '')) second = api.analyzePacked(optsB);
    });
    const a = await first;
    expect(a).toMatchObject({ ok: false, code: 'stopped' });
    expect(second).not.toBeNull();
    const b = await second!;
    if (!b.ok) throw new Error(b.message);
    expect(afterSecond).toEqual([]);
    expect(b.result.segmentation?.k).toBe(3);
    const one = createEngine({ wasmPaths });
    await one.loadDemo(42, 600);
    const plain = await one.analyze(optsB);
    if (!plain.ok) throw new Error(plain.message);
    // the stopped analysis left no refinements behind: the second one's, applied, give the whole result
    let refined = b.result;
    for (let patch = await api.refine(); patch; patch = await api.refine()) refined = applyPatch(refined, patch);
    expect(strip({ ...refined, ids: plain.result.ids })).toEqual(strip(plain.result));
    expect(Array.from(refined.churn!.probability)).toEqual(Array.from(plain.result.churn!.probability));
  });

  it('ends the churn worker after a large file\'s churn stage and starts a fresh one with the next file, same results', async () => {
    const calls: string[] = [];
    const start = vi.fn(() => ({ api: clonedChurnWorker(calls), stop: () => calls.push('stop') }));
    // 300 rows count as large here (the default is CHURN_WORKER_RELEASE_ROWS)
    const api = analysisWorkerApi({ wasmPaths, transfer: (v) => v, startChurnWorker: start, releaseChurnWorkerRows: 300 });
    const opts = { seed: 42, folds: 3, models: ['logistic', 'gbdt'] };
    expect((await api.loadDemo(42, 400)).ok).toBe(true);
    const first = await api.analyzePacked(opts);
    expect(calls.filter((c) => c === 'job').length).toBeGreaterThan(0);
    expect(calls.filter((c) => c === 'stop')).toHaveLength(1); // ended once the stage was done
    expect(calls.lastIndexOf('job')).toBeLessThan(calls.indexOf('stop'));
    expect(start).toHaveBeenCalledTimes(1);
    while (await api.refine()); // the refinements run on this thread: no churn worker needed
    expect(start).toHaveBeenCalledTimes(1);
    expect((await api.loadDemo(42, 400)).ok).toBe(true);
    expect(start).toHaveBeenCalledTimes(2); // the next file starts (and warms) a fresh one
    expect(calls.filter((c) => c === 'warm')).toHaveLength(2);
    const again = await api.analyzePacked(opts);
    if (!first.ok || !again.ok) throw new Error('analysis failed');
    expect(strip(again.result)).toEqual(strip(first.result));
    // below the threshold the worker stays for the next analysis
    const small = vi.fn(() => ({ api: clonedChurnWorker([]), stop: () => calls.push('small stop') }));
    const keep = analysisWorkerApi({ wasmPaths, transfer: (v) => v, startChurnWorker: small, releaseChurnWorkerRows: 500 });
    await keep.loadDemo(42, 400);
    await keep.analyzePacked(opts);
    expect(calls).not.toContain('small stop');
  });

  it('warm() resolves once both workers are warm; a dead churn worker crashes this one with a message', async () => {
    let warmed = false;
    let die: (message: string) => void = () => {};
    const crash = vi.fn();
    const api = analysisWorkerApi({
      wasmPaths,
      transfer: (v) => v,
      crash,
      startChurnWorker(onError) {
        die = onError;
        const warm = () => new Promise<void>((res) => setTimeout(() => ((warmed = true), res()), 50));
        const fake: ChurnWorkerApi = {
          warm,
          warmOn: warm,
          begin: async () => ({ ok: true as const, result: 1 }),
          job: async () => ({ ok: false, code: null, message: 'not used' }),
          end: async () => {},
        };
        return { api: fake, stop: () => {} };
      },
    });
    const warming = api.warm();
    const loading = api.loadDemo(42, 300); // a file arrives: the engine's own warm-up stops at its next step
    const status = await warming;
    expect((await loading).ok).toBe(true);
    expect(status.stopped).toBe(true);
    expect(warmed).toBe(true);
    expect(typeof status.name).toBe('string');
    die('out of memory');
    expect(crash).toHaveBeenCalledWith(new Error('The churn model worker stopped: out of memory'));
    die('');
    expect(crash).toHaveBeenLastCalledWith(new Error('The churn model worker stopped: unknown error'));
  });
});

describe('the churn worker\'s warm-up table', () => {
  it('is built here after a file loaded at the first call has been parsed, or CHURN_FRAME_DELAY_MS after a first call without one, and sent once per churn worker', async () => {
    const calls: string[] = [];
    const frames: CustomerFrame[] = [];
    const start = vi.fn(() => ({ api: clonedChurnWorker(calls, frames), stop: () => {} }));
    const api = analysisWorkerApi({ wasmPaths, transfer: (v) => v, startChurnWorker: start });
    void api.loadDemo(42, 500).then(() => calls.push('parsed')); // a file picked as the page appears
    await vi.waitFor(() => expect(frames).toHaveLength(1), { timeout: 10_000 });
    expect(calls).toEqual(['parsed', 'warm']);
    expect(frames[0].n).toBe(WARMUP_ROWS);

    const idle = analysisWorkerApi({ wasmPaths, transfer: (v) => v, startChurnWorker: () => ({ api: clonedChurnWorker([], frames), stop: () => {} }) });
    await new Promise((r) => setTimeout(r, CHURN_FRAME_DELAY_MS + 50));
    expect(frames).toHaveLength(1); // nothing before the page's first call
    const t0 = Date.now();
    void idle.warm(); // the page's first use, no file: the table after the delay
    await vi.waitFor(() => expect(frames).toHaveLength(2), { timeout: 10_000 });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(CHURN_FRAME_DELAY_MS - 5);
    expect(frames[1].n).toBe(WARMUP_ROWS);
    void idle;
  });

  it('warmOn runs the jobs\' warm-up on the table it is given', async () => {
    const api = churnWorkerApi({ wasmPaths });
    const frame = await (await import('./warmup')).warmUpFrame(300);
    await api.warmOn(frame);
    const begun = await api.begin(frame, { seed: 1, folds: 2, models: ['logistic'] });
    expect(begun.ok).toBe(true);
  });
});

describe('churnWorkerApi', () => {
  it('answers a job before begin with a failure as data, not a throw', async () => {
    const api = churnWorkerApi({ wasmPaths });
    expect(await api.job({ kind: 'cv', model: 'logistic', fold: 0 })).toEqual({ ok: false, code: null, message: 'churn worker: job before begin' });
  });
});

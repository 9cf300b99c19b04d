import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { createEngine } from './engine';
import { resumableWarmUp, warmUp } from './warmup';
import { MODEL_NAMES } from './churn/models/models';
import { analysisSummary } from './analysisSummary';

const require = createRequire(import.meta.url);
const wasmPaths = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + '/';

describe('engine warm-up (runs while the page waits for a file)', () => {
  it('runs the pipeline (analysis worker) or the jobs of every model (churn worker), and leaves no tensors behind', async () => {
    const engine = createEngine({ wasmPaths });
    const status = await engine.warm();
    expect(status).toMatchObject({ name: 'wasm', stopped: false });
    expect(status.backend).toMatch(/^wasm/);
    expect(status.warmMs).toBeGreaterThan(0);
    const tensors = tf.memory().numTensors;
    // the forest's and the MLP's CV are deferred (churn/jobs/deferred.ts): the analysis worker warms them up last, the churn worker never runs them
    const first = MODEL_NAMES.filter((m) => m !== 'mlp' && m !== 'forest');
    const jobs2 = (models: string[]) => models.flatMap((m) => [`${m} fold 1`, `${m} fold 2`, `${m} final`]);
    // then the steps before the dashboard a second and a third time (V8 compiles their kernels with TurboFan here, not in the user's analysis)
    const again = (steps: string[]) => steps.map((s) => `${s} again`);
    const beforeDashboard = ['segmentation', 'survival', ...jobs2(first)];
    expect(await warmUp({ mode: 'pipeline' })).toEqual({ stopped: false, steps: ['parse', ...beforeDashboard, 'churn scoring', 'business', ...jobs2(['forest', 'mlp']), ...again(beforeDashboard), ...again(beforeDashboard)] });
    // the churn worker's order is the one it meets the jobs in (the queue's most expensive first): the logistic
    // final (it scores and explains every row), then the GBDT's jobs; twice
    const jobs1 = ['logistic', 'gbdt'].flatMap((m) => [`${m} fold`, `${m} final`]);
    expect(await warmUp({ mode: 'jobs' })).toEqual({ stopped: false, steps: ['parse', ...jobs1, ...again(jobs1), ...again(jobs1)] });
    // the mapping step's warm-up (a file loaded, before the confirm): no deferred models, no tfjs
    expect(await warmUp({ mode: 'mapping' })).toEqual({ stopped: false, steps: ['parse', 'segmentation', ...jobs2(first), 'churn scoring', 'business'] });
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('stops at the next step once stop() says so', async () => {
    let calls = 0;
    const r = await warmUp({ stop: () => ++calls > 2 });
    expect(r.stopped).toBe(true);
    expect(r.steps).toEqual(['parse', 'logistic fold']);
    expect(await warmUp({ stop: () => true })).toEqual({ stopped: true, steps: [] });
  });

  it('resumes where it stopped: files loaded in a row run each mapping-step warm-up step once', async () => {
    const first = MODEL_NAMES.filter((m) => m !== 'mlp' && m !== 'forest');
    const all = ['parse', 'segmentation', ...first.flatMap((m) => [`${m} fold 1`, `${m} fold 2`, `${m} final`]), 'churn scoring', 'business'];
    const w = resumableWarmUp('mapping');
    let calls = 0;
    // the first file stops it after two steps, the second after one more, the third lets it finish
    const a = await w.run(() => ++calls > 3);
    expect(a).toEqual({ stopped: true, steps: all.slice(0, 3) });
    calls = 0;
    expect(await w.run(() => ++calls > 2)).toEqual({ stopped: true, steps: all.slice(3, 4) });
    // the scoring and business steps read the job results of the earlier runs
    expect(await w.run(() => false)).toEqual({ stopped: false, steps: all.slice(4) });
    expect(await w.run(() => false)).toEqual({ stopped: false, steps: [] });
  });

  it('does not change an analysis: the same file gives the same result with and without a warm-up first', async () => {
    const opts = { seed: 42, folds: 3, models: ['logistic', 'gbdt'] };
    const cold = createEngine({ wasmPaths });
    await cold.loadDemo(42, 900);
    const a = await cold.analyze(opts);
    const warm = createEngine({ wasmPaths });
    // a file arriving during the warm-up stops it, and the analysis waits for the step in
    // flight (an MLP fit interleaved with another one on tfjs broke both in the browser)
    const warming = warm.warm();
    await new Promise((r) => setTimeout(r, 300));
    const [b] = await Promise.all([warm.loadDemo(42, 900).then(() => warm.analyze(opts)), warming]);
    expect((await warming).stopped).toBe(true);
    if (!a.ok || !b.ok) throw new Error('analysis failed');
    const TIMES = new Set(['fitMs', 'timingsMs', 'createdAt']);
    const strip = (x: typeof a.result) => JSON.parse(JSON.stringify(analysisSummary(x), (k, v) => (TIMES.has(k) ? undefined : v)));
    expect(strip(b.result)).toEqual(strip(a.result));
    // the file loaded before the warm-up's first step (the cold page): the mapping step's warm-up
    // runs between load() and analyze(), and the confirm's analysis cuts it without changing a bit
    // (two files in a row: the second resumes the mapping step's warm-up where the first stopped it)
    const mapping = createEngine({ wasmPaths });
    const warmed = mapping.warm();
    await mapping.loadDemo(7, 400);
    await new Promise((r) => setTimeout(r, 200));
    await mapping.loadDemo(42, 900);
    await new Promise((r) => setTimeout(r, 400));
    const c = await mapping.analyze(opts);
    expect((await warmed).stopped).toBe(true);
    if (!c.ok) throw new Error('analysis failed');
    expect(strip(c.result)).toEqual(strip(a.result));
  });
});

import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { createEngine } from './engine';
import { analysisSummary } from './analysisSummary';

const require = createRequire(import.meta.url);
const wasmPaths = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + '/';

describe('engine api (what the worker exposes), in Node without a Worker', () => {
  it('runs the demo end to end on the wasm backend, deterministically, without leaking tensors', async () => {
    const engine = createEngine({ wasmPaths });
    const loaded = await engine.loadDemo(42, 1500);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.summary.nRows).toBe(1500);
    expect(loaded.summary.roles).toMatchObject({ id: 'customerID', target: 'Churn' });
    const stages: string[] = [];
    const a = await engine.analyze({ seed: 42, folds: 3, models: ['logistic', 'gbdt'] }, (p) => stages.push(p.stage));
    if (!a.ok) throw new Error(a.message);
    const tensors = tf.memory().numTensors;
    const b = await engine.analyze({ seed: 42, folds: 3, models: ['logistic', 'gbdt'] });
    if (!b.ok) throw new Error(b.message);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.getBackend()).toBe('wasm');
    expect(a.result.backend).toMatch(/^wasm/);
    expect(stages).toEqual(expect.arrayContaining(['clean', 'segmentation', 'churn', 'business']));
    expect(a.result.rows).toBe(1500);
    expect(Object.keys(a.result.timingsMs)).toEqual(expect.arrayContaining(['clean', 'segmentation', 'churn', 'business']));
    // parts of stages: segmentation steps and each model's jobs (summed over the 3 folds)
    const t = a.result.timingsMs;
    for (const k of ['segmentation.features', 'segmentation.kmeansSweep', 'segmentation.silhouette', 'segmentation.outliers', 'segmentation.profiles', 'churn.logistic.cv', 'churn.gbdt.cv', 'churn.logistic.final', 'churn.scoring'])
      expect(t[k], k).toBeGreaterThanOrEqual(0);
    expect(t['churn.mlp.cv']).toBeUndefined(); // not selected
    expect(t['churn.logistic.cv'] + t['churn.gbdt.cv']).toBeGreaterThan(0);
    expect(t['segmentation.kmeansSweep']).toBeLessThanOrEqual(t.segmentation);
    // Same file + same options = same segments, same scores (timings and dates aside).
    const TIMES = new Set(['fitMs', 'timingsMs', 'createdAt']);
    const strip = (r: typeof a.result) => JSON.parse(JSON.stringify(analysisSummary(r), (k, v) => (TIMES.has(k) ? undefined : v)));
    expect(strip(b.result)).toEqual(strip(a.result));
    expect(Array.from(b.result.churn!.probability)).toEqual(Array.from(a.result.churn!.probability));
    expect(Array.from(b.result.segmentation!.labels)).toEqual(Array.from(a.result.segmentation!.labels));
    // The survival model runs after churn on customer tables with a tenure (here at once: the engine's
    // default; the page's worker refines it after the dashboard); analysis.json keeps its summary only.
    expect(a.result.timingsMs.survival).toBeGreaterThanOrEqual(0);
    const sm = a.result.survivalModel!;
    if (!sm.cIndex) throw new Error('survival evaluation missing');
    expect(sm.excluded).toEqual(expect.arrayContaining(['tenure', 'TotalCharges']));
    expect(sm.cIndex.folds).toHaveLength(3);
    expect(sm.cIndex.mean).toBeGreaterThan(0.5);
    expect(sm.cIndex.mean).toBeLessThanOrEqual(1);
    const sum = analysisSummary(a.result) as { survivalModel: { cIndex: { mean: number }; activeCustomers: number; curves?: unknown } };
    expect(sum.survivalModel.cIndex.mean).toBeCloseTo(sm.cIndex.mean, 8);
    expect(sum.survivalModel.activeCustomers).toBe(sm.active.rows.length);
    expect(sum.survivalModel.curves).toBeUndefined();
    // The whole result crosses structured clone (comlink, IndexedDB).
    expect(structuredClone(a.result).churn!.probability.length).toBe(1500);
  });
  it('returns coded failures for bad input instead of throwing', async () => {
    const engine = createEngine({ wasmPaths });
    const empty = await engine.load('', 'empty.csv');
    expect(empty).toMatchObject({ ok: false, code: 'empty-file' });
    const none = await engine.analyze({ seed: 1 });
    expect(none).toMatchObject({ ok: false, code: 'no-table' });
    await engine.load('id,plan,spend\n' + Array.from({ length: 40 }, (_, i) => `c${i},p${i % 3},${i}`).join('\n'), 'no-target.csv');
    const res = await engine.analyze({ seed: 1 });
    expect(res).toMatchObject({ ok: false, code: 'no-target' });
  });
});

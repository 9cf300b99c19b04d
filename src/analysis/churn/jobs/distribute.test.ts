/** Jobs shared between this thread and another runner give the same bits as running them all here. */
import { beforeAll, describe, it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { runChurn, type JobRunner } from '../index';
import { planChurn } from './plan';
import { newJobCache, runJob, type ChurnJob } from './jobs';
import { frameFromCsv } from '../../testing/frames';
import { mulberry32 } from '../../random';

beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
});

function csv(n: number): string {
  const rng = mulberry32(5);
  const lines = ['id,plan,tenure,spend,churn'];
  for (let i = 0; i < n; i++) {
    const plan = ['a', 'b', 'c'][Math.floor(rng() * 3)];
    const tenure = Math.round(rng() * 60);
    const spend = Math.round(20 + rng() * 80);
    const z = -1 + (plan === 'a' ? 1 : 0) - tenure / 30 + spend / 100;
    lines.push(`${i},${plan},${tenure},${spend},${rng() < 1 / (1 + Math.exp(-z)) ? 'Yes' : 'No'}`);
  }
  return lines.join('\n');
}

const strip = (v: unknown) => JSON.parse(JSON.stringify(v, (k, x) => (k === 'fitMs' ? undefined : ArrayBuffer.isView(x) ? Array.from(x as Float64Array) : x)));

describe('distributed churn jobs', () => {
  it('give the same result whichever runner ran which job, and for a model alone or among others', async () => {
    const f = await frameFromCsv(csv(500), { id: 'id', target: 'churn' });
    const opts = { seed: 9, folds: 3, models: ['logistic', 'gbdt', 'forest', 'mlp'] };
    const here = await runChurn(f, opts);
    // a "remote" with its own plan and cache (as in a worker), slow to answer, so it takes some jobs while this thread takes others
    const plan = planChurn({ ...f, ids: [] }, opts);
    const cache = newJobCache();
    const ran: ChurnJob[] = [];
    const remote: JobRunner = {
      run: async (job) => {
        ran.push(job);
        await new Promise((r) => setTimeout(r, 5));
        return structuredClone(await runJob(plan, job, cache));
      },
    };
    const tensors = tf.memory().numTensors;
    const shared = await runChurn(f, opts, undefined, { remote, localReady: new Promise((r) => setTimeout(r, 20)) });
    expect(tf.memory().numTensors).toBe(tensors);
    expect(ran.length).toBeGreaterThan(0);
    expect(ran.length).toBeLessThan(4 * 3 + 1);
    expect(strip(shared)).toEqual(strip(here));
    // one model's numbers do not depend on which other models ran
    const alone = await runChurn(f, { ...opts, models: ['gbdt'] });
    const g = (r: typeof here) => strip(r.models.find((m) => m.name === 'gbdt'));
    expect(g(alone).cvRocAuc).toEqual(g(here).cvRocAuc);
    expect(g(alone).importance).toEqual(g(here).importance);
  }, 60_000);

  it('gives the same result when the first-ranked model refits in the other worker while this thread scores', async () => {
    const f = await frameFromCsv(csv(400), { id: 'id', target: 'churn' });
    // no speculative tree refits (as above 100,000 rows), so the scoring models refit after the CV
    const opts = { seed: 3, folds: 3, models: ['gbdt', 'forest'] };
    const here = await runChurn(f, opts, undefined, { speculativeMaxRows: 0 });
    const plan = planChurn({ ...f, ids: [] }, opts);
    const cache = newJobCache();
    const ran: ChurnJob[] = [];
    const remote: JobRunner = { run: async (job) => (ran.push(job), structuredClone(await runJob(plan, job, cache))) };
    const fractions: number[] = [];
    const shared = await runChurn(f, opts, (p) => fractions.push(p.fraction), { remote, speculativeMaxRows: 0 });
    expect(strip(shared)).toEqual(strip(here));
    expect(strip(shared)).toEqual(strip(await runChurn(f, opts)));
    const first = here.models.filter((m) => m.name !== 'ensemble').sort((a, b) => b.cvRocAuc.mean - a.cvRocAuc.mean)[0].name;
    expect(ran).toContainEqual({ kind: 'final', model: first });
    // above speculativeMaxRows the logistic refit (it scores and explains every row) goes first, to the other worker
    expect(ran[0]).toEqual({ kind: 'final', model: 'logistic' });
    expect(fractions.at(-1)).toBe(1);
    expect(fractions.every((x, i) => i === 0 || x >= fractions[i - 1])).toBe(true);
  }, 60_000);
});

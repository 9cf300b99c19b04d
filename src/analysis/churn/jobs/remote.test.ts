/** The churn worker's API in Node: tfjs is set up by the first job that needs it, not at start. */
import { describe, expect, it } from 'vitest';
import { remoteChurnApi } from './remote';
import { currentBackend } from '../../tensor/backend';
import { frameFromCsv } from '../../testing/frames';
import { mulberry32 } from '../../random';

function csv(n: number): string {
  const rng = mulberry32(3);
  const lines = ['id,plan,tenure,churn'];
  for (let i = 0; i < n; i++) {
    const plan = ['a', 'b'][Math.floor(rng() * 2)];
    const tenure = Math.round(rng() * 60);
    lines.push(`${i},${plan},${tenure},${rng() < (plan === 'a' ? 0.5 : 0.2) - tenure / 300 ? 'Yes' : 'No'}`);
  }
  return lines.join('\n');
}

describe('remoteChurnApi (the churn worker)', () => {
  it('sets up no tfjs backend for the warm-up and the jobs that need none; the first MLP job sets it up', async () => {
    const api = remoteChurnApi({});
    // (this file runs in a fork of its own: no other test has set a backend up in this thread)
    expect(currentBackend()).toBeNull();
    await api.warm();
    const f = await frameFromCsv(csv(200), { id: 'id', target: 'churn' });
    const begun = await api.begin({ ...f, ids: [] }, { seed: 4, folds: 2, models: ['logistic', 'gbdt', 'forest', 'mlp'] });
    expect(begun.ok).toBe(true);
    for (const model of ['logistic', 'gbdt', 'forest'] as const) {
      const r = await api.job({ kind: 'cv', model, fold: 0 });
      expect(r.ok).toBe(true);
    }
    expect(currentBackend()).toBeNull();
    const mlp = await api.job({ kind: 'cv', model: 'mlp', fold: 0 });
    expect(mlp.ok).toBe(true);
    // Node has no WebGPU, WebGL or configured wasm binaries here: 'auto' ends on the CPU backend
    expect(currentBackend()?.name).toBe('cpu');
  });

  it("keeps the latest stage's frame when an earlier stage's begin and end arrive around it (a stopped analysis)", async () => {
    let release = () => {};
    const api = remoteChurnApi({}, () => new Promise<void>((r) => (release = r)));
    const warm = api.warm();
    const f = await frameFromCsv(csv(120), { id: 'id', target: 'churn' });
    const opts = { seed: 4, folds: 2, models: ['logistic' as const] };
    // both wait for the warm-up's step; the earlier one sets nothing once the later one has arrived
    const first = api.begin({ ...f, ids: [] }, opts);
    const second = api.begin({ ...f, ids: [] }, { ...opts, seed: 5 });
    release();
    await warm;
    const a = await first;
    const b = await second;
    if (!a.ok || !b.ok) throw new Error('begin failed');
    expect(b.result).toBeGreaterThan(a.result);
    await api.end(a.result); // the stopped stage's end, after the next one began
    const job = await api.job({ kind: 'cv', model: 'logistic', fold: 0 });
    expect(job.ok).toBe(true);
    await api.end(b.result);
    expect(await api.job({ kind: 'cv', model: 'logistic', fold: 0 })).toMatchObject({ ok: false, message: 'churn worker: job before begin' });
  });
});

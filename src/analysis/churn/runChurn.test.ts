/** runChurn on small synthetic frames: errors, leak screen, other target spellings, MLP, economics. */
import { beforeAll, describe, it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { runChurn } from './index';
import { frameFromCsv } from '../testing/frames';
import { mulberry32 } from '../random';
import type { CustomerFrame } from '../types';

beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
});

/** A bank-like churn CSV: Exited 1/0 (or True/False), a categorical and numeric drivers. */
function bankCsv(n: number, spell: (churned: boolean) => string): string {
  const rng = mulberry32(11);
  const lines = ['CustomerId,Geography,Age,Balance,IsActiveMember,Exited'];
  for (let i = 0; i < n; i++) {
    const geo = ['France', 'Germany', 'Spain'][Math.floor(rng() * 3)];
    const age = Math.round(20 + rng() * 50);
    const balance = rng() < 0.3 ? 0 : Math.round(rng() * 200000);
    const active = rng() < 0.5 ? 1 : 0;
    // churn peaks in middle age (non-linear), higher in Germany, lower for active members
    const z = -1.5 + (geo === 'Germany' ? 1 : 0) - active + 2.5 * Math.exp(-(((age - 52) / 8) ** 2));
    lines.push(`${1000 + i},${geo},${age},${balance},${active},${spell(rng() < 1 / (1 + Math.exp(-z)))}`);
  }
  return lines.join('\n');
}

describe('runChurn', () => {
  it('works on another schema with target spelled 1/0 or True/False', async () => {
    const a = await frameFromCsv(bankCsv(600, (c) => (c ? '1' : '0')), { id: 'CustomerId', target: 'Exited' });
    const b = await frameFromCsv(bankCsv(600, (c) => (c ? 'True' : 'False')), { id: 'CustomerId', target: 'Exited' });
    expect(a.y).toEqual(b.y);
    const r = await runChurn(b, { seed: 1, models: ['logistic', 'gbdt', 'forest'] });
    const m = Object.fromEntries(r.models.map((x) => [x.name, x]));
    expect(r.target).toBe('Exited');
    // the logistic's Age spline sees the middle-age bump (measured 0.791 vs the trees' 0.755; with a
    // straight Age term it trailed them by more than 0.03)
    expect(m.logistic.cvRocAuc.mean).toBeGreaterThan(m.gbdt.cvRocAuc.mean);
    expect(m.logistic.label).toMatch(/splines/);
    expect(['logistic', 'ensemble']).toContain(r.best);
    expect(r.probability.every((p) => p >= 0 && p <= 1)).toBe(true);
    expect(structuredClone(r)).toEqual(r);
    const again = await runChurn(b, { seed: 1, models: ['logistic', 'gbdt', 'forest'] });
    expect(again.probability).toEqual(r.probability);
    expect(again.models.map((x) => x.cvRocAuc.mean)).toEqual(r.models.map((x) => x.cvRocAuc.mean));
  });

  it('excludes a target-leaking column with a warning', async () => {
    const f = await frameFromCsv(bankCsv(400, (c) => (c ? 'Yes' : 'No')), { id: 'CustomerId', target: 'Exited' });
    const rng = mulberry32(5);
    const leak = Float64Array.from(f.y!, (v) => (v ? 30 + rng() * 10 : rng() * 10)); // e.g. "days since cancellation"
    const lf: CustomerFrame = { ...f, numeric: [...f.numeric, { name: 'DaysSinceCancel', values: leak }] };
    const r = await runChurn(lf, { seed: 3, models: ['logistic'] });
    expect(r.warnings).toContainEqual(expect.objectContaining({ code: 'churn/target-leak', column: 'DaysSinceCancel' }));
    expect(r.models[0].importance.map((i) => i.feature)).not.toContain('DaysSinceCancel');
    expect(r.models[0].cvRocAuc.mean).toBeLessThan(0.9);
  });

  it('trains the MLP and picks a profit threshold from economics', async () => {
    const f = await frameFromCsv(bankCsv(500, (c) => (c ? '1' : '0')), { id: 'CustomerId', target: 'Exited' });
    const before = tf.memory().numTensors;
    const value = new Float64Array(f.n).fill(1000);
    const r = await runChurn(f, { seed: 2, folds: 3, models: ['mlp', 'logistic'], economics: { offerCost: 50, saveRate: 0.3, value } });
    expect(tf.memory().numTensors).toBe(before);
    const mlp = r.models.find((m) => m.name === 'mlp')!;
    expect(mlp.cvRocAuc.folds).toHaveLength(3);
    expect(mlp.cvRocAuc.mean).toBeGreaterThan(0.65);
    // contacting pays when p * 0.3 * 1000 > 50, i.e. p > 1/6: the threshold sits near there
    for (const m of r.models) {
      expect(m.threshold).toBeGreaterThan(0.08);
      expect(m.threshold).toBeLessThan(0.35);
    }
    const noValue = await runChurn(f, { seed: 2, folds: 3, models: ['logistic'], economics: { offerCost: 50, saveRate: 0.3, value: null } });
    expect(noValue.warnings.map((w) => w.code)).toContain('churn/no-value');
  });

  it('rejects frames without a usable target', async () => {
    const f = await frameFromCsv(bankCsv(50, (c) => (c ? '1' : '0')), { id: 'CustomerId', target: 'Exited' });
    const code = (c: string) => expect.objectContaining({ code: c });
    await expect(runChurn({ ...f, y: null }, { seed: 1 })).rejects.toThrow(code('churn/no-target'));
    await expect(runChurn({ ...f, y: new Uint8Array(f.n) }, { seed: 1 })).rejects.toThrow(code('churn/single-class'));
    await expect(runChurn(f, { seed: 1, models: ['svm'] })).rejects.toThrow(code('churn/unknown-model'));
    await expect(runChurn(f, { seed: 1, folds: 1 })).rejects.toThrow(code('churn/bad-folds'));
    await expect(runChurn({ ...f, numeric: [], categorical: [] }, { seed: 1, models: ['logistic'] })).rejects.toThrow(code('churn/no-features'));
  });
});

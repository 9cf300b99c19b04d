/** Repeated cross-validation: the first repeat is the stage's own CV, the others new seeded folds. */
import { describe, it, expect } from 'vitest';
import { runChurn } from '../index';
import { frameFromCsv } from '../../testing/frames';
import { mulberry32 } from '../../random';

function csv(n: number): string {
  const rng = mulberry32(4);
  const lines = ['id,plan,months,spend,left'];
  for (let i = 0; i < n; i++) {
    const plan = rng() < 0.5 ? 'monthly' : 'yearly';
    const months = Math.floor(rng() * 60);
    const z = -1 + (plan === 'monthly' ? 1.2 : 0) - months / 30 + rng();
    lines.push(`${i},${plan},${months},${Math.round(rng() * 100)},${rng() < 1 / (1 + Math.exp(-z)) ? 'yes' : 'no'}`);
  }
  return lines.join('\n');
}

describe('repeatedCv', () => {
  it('3 x 5 folds per model: the first five are the stage CV, the rest differ; mean ± sd over all 15; they choose the model; deterministic', async () => {
    const frame = await frameFromCsv(csv(500), { id: 'id', target: 'left' });
    const opts = { seed: 7, models: ['logistic', 'gbdt'] };
    const c = await runChurn(frame, opts);
    const r = (await runChurn(frame, { ...opts, repeats: 3 })).repeatedCv!;
    expect(r.repeats).toBe(3);
    expect(r.folds).toBe(5);
    expect(r.models.map((m) => m.name)).toEqual(['logistic', 'gbdt', 'ensemble']);
    for (const m of r.models) {
      expect(m.folds).toHaveLength(15);
      const own = c.models.find((x) => x.name === m.name);
      if (own && m.name !== 'ensemble') expect(m.folds.slice(0, 5)).toEqual(own.cvRocAuc.folds);
      expect(m.folds.slice(5, 10)).not.toEqual(m.folds.slice(0, 5));
      const mean = m.folds.reduce((a, b) => a + b, 0) / 15;
      expect(m.mean).toBeCloseTo(mean, 12);
      expect(m.sd).toBeGreaterThan(0);
      expect(m.mean).toBeGreaterThan(0.6);
    }
    // the choice: the better single model, or the average of the two where its mean is higher
    const [lg, gb, ens] = r.models;
    const single = lg.mean >= gb.mean ? lg : gb;
    expect(r.best).toBe(ens.mean > single.mean ? 'ensemble' : single.name);
    expect(r.ensembleOf).toEqual(lg.mean >= gb.mean ? ['logistic', 'gbdt'] : ['gbdt', 'logistic']);
    expect(r.firstBest).toBe(c.best);
    const again = await runChurn(frame, { ...opts, repeats: 3 });
    expect(again.repeatedCv).toEqual(r);
    expect(again.best).toBe(r.best);
  });
});

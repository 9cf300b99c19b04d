/** Work done only where its result is used (issue 19): tree attributions for scoring tree models
 *  only, the forest's final refit only when the forest scores; and the permutation importance after
 *  the first result (importanceLater.ts). The result is the same either way. */
import { beforeAll, describe, it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { runChurn, type ChurnImportance, type ChurnMore, type JobRunner } from '../index';
import { planChurn } from './plan';
import { newJobCache, runJob, type ChurnJob, type FinalJobResult } from './jobs';
import { pathReasons } from './assemble';
import { attributes, treePaths } from './treePaths';
import { frameFromCsv } from '../../testing/frames';
import { mulberry32 } from '../../random';

beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
});

function csv(n: number, seed: number): string {
  const rng = mulberry32(seed);
  const lines = ['id,plan,tenure,spend,churn'];
  for (let i = 0; i < n; i++) {
    const plan = ['a', 'b', 'c'][Math.floor(rng() * 3)];
    const tenure = Math.round(rng() * 60);
    const spend = Math.round(20 + rng() * 80);
    const z = -1 + (plan === 'a' ? 1.5 : 0) - tenure / 25 + spend / 80;
    lines.push(`${i},${plan},${tenure},${spend},${rng() < 1 / (1 + Math.exp(-z)) ? 'Yes' : 'No'}`);
  }
  return lines.join('\n');
}

const members = (r: Awaited<ReturnType<typeof runChurn>>) => r.fitted!.members.map((m) => m.name);

describe('work done only where it is used', () => {
  it('final jobs carry no attributions; tree-only scoring models get theirs from treePaths, others the logistic reasons', async () => {
    const f = await frameFromCsv(csv(400, 3), { id: 'id', target: 'churn' });
    const trees = await runChurn(f, { seed: 4, folds: 3, models: ['gbdt', 'forest'] });
    const plan = planChurn(f, { seed: 4, folds: 3, models: ['gbdt', 'forest'] });
    const cache = newJobCache();
    const finals = await Promise.all(members(trees).map(async (m) => (await runJob(plan, { kind: 'final', model: m as 'gbdt' }, cache)) as FinalJobResult));
    expect(finals.every((r) => !('paths' in r) && attributes(r.model, f.n))).toBe(true);
    const want = pathReasons(finals.map((r) => treePaths(plan, r)), f.n, 3);
    expect(Array.from(trees.reasons.reasonFeature)).toEqual(Array.from(want.reasonFeature));
    expect(Array.from(trees.reasons.reasonValue)).toEqual(Array.from(want.reasonValue));
    expect(trees.reasons.reasonNames).toEqual(want.reasonNames);
    expect(trees.warnings.map((w) => w.code)).not.toContain('churn/reasons-logistic');
    // with the logistic model among the scoring ones, its reasons are shown (and no tree attribution is needed)
    const mixed = await runChurn(f, { seed: 4, folds: 3, models: ['logistic', 'gbdt'] });
    if (members(mixed).includes('logistic') && members(mixed).length > 1) expect(mixed.warnings.map((w) => w.code)).toContain('churn/reasons-logistic');
    expect(mixed.reasons.reasonFeature.length).toBe(f.n * 3);
  }, 60_000);

  it("runs the forest's final refit only when the forest scores customers, with the GBDT selected too; same result as without speculation", async () => {
    for (const seed of [1, 2, 5]) {
      const f = await frameFromCsv(csv(300, seed), { id: 'id', target: 'churn' });
      const opts = { seed, folds: 3, models: ['logistic', 'gbdt', 'forest'] };
      const timings: Record<string, number> = {};
      const r = await runChurn(f, opts, undefined, { timings });
      expect('forest.final' in timings).toBe(members(r).includes('forest'));
      expect('gbdt.final' in timings).toBe(true); // speculated: it runs with the CV jobs whether it scores or not
      const late = await runChurn(f, opts, undefined, { speculativeMaxRows: 0 });
      expect(Array.from(late.probability)).toEqual(Array.from(r.probability));
      expect(late.best).toBe(r.best);
    }
  }, 120_000);

  it('leaves the permutation importance for later: the first model table has none, the later one is the whole run\'s, before the deferred models read it', async () => {
    const f = await frameFromCsv(csv(300, 7), { id: 'id', target: 'churn' });
    const opts = { seed: 6, folds: 3, models: ['logistic', 'gbdt', 'forest', 'mlp'], keepJobs: true };
    const all = await runChurn(f, opts);
    // a "remote" worker with its own plan and cache: its fold models cross a structured clone
    const plan = planChurn({ ...f, ids: [] }, opts);
    const cache = newJobCache();
    const ran: ChurnJob[] = [];
    const remote: JobRunner = { run: async (job) => (ran.push(job), structuredClone(await runJob(plan, job, cache))) };
    let imp: ChurnImportance | null = null;
    let more: ChurnMore | null = null;
    const first = await runChurn(f, opts, undefined, { remote, importanceLater: (i) => (imp = i), later: (m) => (more = m) });
    expect(ran.some((j) => j.kind === 'cv' && j.importanceLater)).toBe(true);
    expect(first.models.map((m) => m.importance)).toEqual(first.models.map(() => []));
    expect(first.jobs!.some((j) => j.kind === 'cv' && j.foldModel)).toBe(true);
    const got = await imp!();
    expect(first.jobs!.some((j) => j.kind === 'cv' && (j.foldModel || j.importance.length === 0))).toBe(false);
    // the deferred MLP's choice over every model, after the importance: the whole run's table
    const rest = await more!();
    const table = rest.changed ? rest.churn.models : rest.models;
    const strip = (ms: typeof all.models) => ms.map(({ fitMs: _fitMs, ...m }) => m);
    expect(strip(table)).toEqual(strip(all.models));
    // (the ensemble row is the first choice's average: here logistic + GBDT, where the whole run averages
    // other members once the deferred forest is cross-validated, and the refinement then changes the choice)
    expect(rest.changed).toBe(first.best !== all.best || JSON.stringify(first.fitted?.members.map((m) => m.name)) !== JSON.stringify(all.fitted?.members.map((m) => m.name)));
    for (const m of got.models) if (m.name !== 'ensemble' || !rest.changed) expect(m.importance).toEqual(all.models.find((x) => x.name === m.name)!.importance);
    expect(got.models.map((m) => m.name)).toEqual(first.models.map((m) => m.name));
  }, 120_000);
});

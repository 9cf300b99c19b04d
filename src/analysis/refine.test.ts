import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { createEngine } from './engine';
import { analysisSummary } from './analysisSummary';
import { applyPatch, isRefining, withoutPending } from './refine';
import type { AnalysisResult } from './result';

const require = createRequire(import.meta.url);
const wasmPaths = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + '/';
const TIMES = new Set(['fitMs', 'timingsMs', 'createdAt']);
/** every value, per-customer arrays included, typed arrays as numbers; timings and dates aside */
const strip = (r: AnalysisResult) => JSON.parse(JSON.stringify(analysisSummary(r, true), (k, v) => (TIMES.has(k) ? undefined : v)));

describe('refining: work after the dashboard (refine.ts)', () => {
  it("the page's result after refining equals the CLI's (everything at once), timings aside", async () => {
    const opts = { seed: 42, folds: 3, models: ['logistic'] };
    const cli = createEngine({ wasmPaths });
    const page = createEngine({ wasmPaths, refine: 'later' });
    for (const e of [cli, page]) expect((await e.loadDemo(42, 800)).ok).toBe(true);
    const all = await cli.analyze(opts);
    const first = await page.analyze(opts);
    if (!all.ok || !first.ok) throw new Error('analysis failed');
    expect(all.result.refining).toBeUndefined();
    expect(all.result.survivalModel?.cIndex?.mean).toBeGreaterThan(0.5);
    // the page's first result: the survival model's curves are there (the lifetime values read them),
    // the models' permutation importance, the survival model's out-of-fold checks and the 3 x 3-fold
    // repeated CV pending and marked, the importance first (the later ones read it)
    expect(first.result.refining).toEqual([
      { key: 'churn.importance', label: 'churn driver importance', marks: ['churn.importance'] },
      { key: 'survival', label: 'survival model checks', marks: ['survivalModel.cIndex', 'survivalModel.tdAuc', 'survivalModel.proportionalHazards'] },
      { key: 'churn.repeatedCv', label: 'model choice (settings chosen inside the folds, repeated cross-validation 3 x 3 folds)', marks: ['churn.repeatedCv', 'churn.best', 'churn.models'] },
    ]);
    expect(first.result.survivalModel?.cIndex).toBeNull();
    // below REPEATED_CV_MAX_ROWS the choice refines, so no finding says settings stay fixed (fixedSettings.test)
    expect(first.result.warnings.map((w) => w.code)).not.toContain('churn/fixed-settings');
    expect(first.result.survivalModel?.active.expectedRemaining.length).toBeGreaterThan(0);
    expect(first.result.churn?.repeatedCv).toBeUndefined();
    expect(isRefining(first.result, 'survivalModel.cIndex')).toBe(true);
    expect(isRefining(first.result, 'survivalModel.active')).toBe(false);
    expect(isRefining(first.result, 'churn.repeatedCv')).toBe(true);
    expect(isRefining(first.result, 'churn.best')).toBe(true);
    expect(isRefining(first.result, 'churn.reasons')).toBe(false);
    // no importance yet (the chart says "refining"), where the CLI's result has it
    expect(isRefining(first.result, 'churn.importance')).toBe(true);
    expect(first.result.churn?.models.every((m) => m.importance.length === 0)).toBe(true);
    expect(all.result.churn?.models.every((m) => m.importance.length > 0)).toBe(true);
    // patches cross a worker boundary (structured clone), one per refine() call, then null
    let r = structuredClone(first.result);
    for (let patch = await page.refine(); patch; patch = await page.refine()) r = applyPatch(r, structuredClone(patch));
    expect(r.refining).toBeUndefined();
    expect(r.timingsMs['survival.evaluation']).toBeGreaterThanOrEqual(0);
    expect(r.churn?.repeatedCv?.models[0].folds).toHaveLength(9);
    // the refined run chose the ridge strength inside each training fold
    expect(r.churn?.models[0].settings?.every((s) => s === null || [3, 10, 30].includes(s.C))).toBe(true);
    expect(strip(r)).toEqual(strip(all.result));
    expect(await page.refine()).toBeNull();
  });

  it('the refined model choice (3 x 3 means, settings chosen inside the folds) drives the scores, the business figures and the saved model', async () => {
    const opts = { seed: 42, folds: 3, models: ['logistic', 'gbdt'] };
    const page = createEngine({ wasmPaths, refine: 'later' });
    expect((await page.loadDemo(42, 600)).ok).toBe(true);
    const first = await page.analyze(opts);
    if (!first.ok) throw new Error('analysis failed');
    expect(first.result.churn?.tuned).toBeUndefined();
    let r = first.result;
    for (let patch = await page.refine(); patch; patch = await page.refine()) r = applyPatch(r, structuredClone(patch));
    const c = r.churn!;
    const rc = c.repeatedCv!;
    expect(c.tuned).toBe(true);
    expect(c.best).toBe(rc.best);
    const gb = c.models.find((m) => m.name === 'gbdt')!;
    expect(gb.settings!.every((x) => x!.depth >= 2 && x!.depth <= 6)).toBe(true);
    // one probability everywhere: the churn result's, the business figures', the saved model's scoring members
    expect(Array.from(r.business!.probability!)).toEqual(Array.from(c.probability));
    expect(r.model!.churn!.best).toBe(c.best);
    expect(r.model!.churn!.members.map((m) => m.name)).toEqual(c.best === 'ensemble' ? rc.ensembleOf : [c.best]);
    // the first result's churn and business findings were replaced, not doubled
    const codes = r.warnings.map((w) => `${w.code}:${w.message}`);
    expect(new Set(codes).size).toBe(codes.length);
    expect(r.warnings.some((w) => w.code === 'churn/repeated-cv-best')).toBe(rc.best !== rc.firstBest);
  });

  it('a new analysis drops the refinements of the last one', async () => {
    const page = createEngine({ wasmPaths, refine: 'later' });
    expect((await page.loadDemo(42, 300)).ok).toBe(true);
    const a = await page.analyze({ seed: 1, folds: 3, models: ['logistic'] });
    expect(a.ok && a.result.refining?.length).toBe(3);
    expect((await page.loadDemo(42, 300)).ok).toBe(true);
    expect(await page.refine()).toBeNull();
  });

  it('applyPatch copies along the patched paths, drops and adds findings; withoutPending names what is missing', () => {
    const base = {
      warnings: [{ code: 'a', message: 'A', count: 1 }, { code: 'fallback', message: 'F', count: 1 }],
      timingsMs: { churn: 5 },
      churn: { reasons: 'old', best: 'gbdt' },
      refining: [{ key: 'x', label: 'exact reasons', marks: ['churn.reasons'] }, { key: 'y', label: 'survival model', marks: ['survivalModel'] }],
    } as unknown as AnalysisResult;
    const out = applyPatch(base, { key: 'x', set: { 'churn.reasons': 'new' }, dropWarnings: ['fallback'], warnings: [{ code: 'b', message: 'B', count: 2 }], timingsMs: { x: 7 } });
    expect(out.churn).toEqual({ reasons: 'new', best: 'gbdt' });
    expect((base.churn as unknown as { reasons: string }).reasons).toBe('old'); // the input is untouched
    expect(out.warnings.map((w) => w.code)).toEqual(['a', 'b']);
    expect(out.timingsMs).toEqual({ churn: 5, x: 7 });
    expect(out.refining?.map((r) => r.key)).toEqual(['y']);
    expect(isRefining(out, 'churn.reasons')).toBe(false);
    expect(() => applyPatch(base, { key: 'x', set: { 'nothing.here': 1 } })).toThrow(/no object at "nothing"/);
    const cut = withoutPending(out);
    expect(cut.refining).toBeUndefined();
    expect(cut.warnings.at(-1)).toMatchObject({ code: 'refining-interrupted', message: expect.stringContaining('survival model') });
  });
});

import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { StudioStore } from '../../store/db';
import type { TableSummary } from '../../analysis/api';
import { initialMapping, markRecipeFailed, recipeDate, rememberMapping } from './recipes';

let n = 0;
const store = () => new StudioStore(`recipes-test-${Date.now()}-${n++}`);
const summary: TableSummary = {
  fileName: 'a.csv', nRows: 3, kind: 'customers', roles: { id: 'id', target: 'Churn' }, header: ['id', 'Churn', 'code'], sample: [], warnings: [],
  columns: [{ name: 'id', type: 'id', missing: 0, unique: 3 }, { name: 'Churn', type: 'boolean', missing: 0, unique: 2 }, { name: 'code', type: 'numeric', missing: 0, unique: 3 }],
};

describe('mapping recipes', () => {
  it('without a stored recipe the detected mapping is used', async () => {
    const r = await initialMapping(store(), summary);
    expect(r.recipe).toBeNull();
    expect(r.mapping.roles).toEqual({ id: 'id', target: 'Churn' });
  });

  it('a stored recipe is applied and says when it was saved; the detected mapping stays available for Undo', async () => {
    const s = store();
    await rememberMapping(s, summary, { kind: 'customers', roles: { id: 'id', target: 'Churn' }, types: { code: 'categorical' }, ignore: [], saveRecipe: true }, '2026-03-01T10:00:00Z');
    const r = await initialMapping(s, summary);
    expect(r.recipe).toMatchObject({ applied: true, failedAt: null, savedAt: '2026-03-01T10:00:00Z' });
    expect(r.mapping.types).toEqual({ code: 'categorical' });
    expect(r.detected.types).toEqual({});
    expect(recipeDate(r.recipe!.savedAt)).toBe('1 March 2026');
  });

  it('the unit answers (currency, tenure unit, RFM time unit, spend total) are saved and restored; unanswered ones stay detected', async () => {
    const s = store();
    const m = { kind: 'customers' as const, roles: { id: 'id', target: 'Churn' }, types: {}, ignore: [], saveRecipe: true };
    await rememberMapping(s, summary, { ...m, currency: 'EUR', tenureUnit: 'years' as const, rfmUnit: 'days' as const, rfmSpendTotal: true }, '2026-03-01T10:00:00Z');
    const r = await initialMapping(s, summary);
    expect(r.mapping).toMatchObject({ currency: 'EUR', tenureUnit: 'years', rfmUnit: 'days', rfmSpendTotal: true });
    expect(r.detected).not.toHaveProperty('currency');
    expect(r.detected).not.toHaveProperty('tenureUnit');
    // "average" is an answer too (false), and a mapping that answered nothing stores nothing
    const t = store();
    await rememberMapping(t, summary, { ...m, rfmSpendTotal: false }, '2026-03-01T10:00:00Z');
    const again = await initialMapping(t, summary);
    expect(again.mapping.rfmSpendTotal).toBe(false);
    for (const k of ['currency', 'tenureUnit', 'rfmUnit']) expect(again.mapping).not.toHaveProperty(k);
    // a stored value that is not a known one is dropped (detected again), not passed to the engine
    await t.saveRecipe({ ...(await t.findRecipe(summary.header))!, currency: 'euro', tenureUnit: 'fortnights' as never, rfmUnit: 'weeks' });
    const odd = await initialMapping(t, summary);
    expect(odd.mapping).not.toHaveProperty('currency');
    expect(odd.mapping).not.toHaveProperty('tenureUnit');
    expect(odd.mapping.rfmUnit).toBe('weeks');
  });

  it('a recipe that led to a failed analysis is only offered, not applied, until saved again after a success', async () => {
    const s = store();
    const bad = { kind: 'transactions' as const, roles: { id: 'id' }, types: {}, ignore: [], saveRecipe: true };
    await rememberMapping(s, summary, bad, '2026-03-01T10:00:00Z');
    await markRecipeFailed(s, summary.header, '2026-03-02T10:00:00Z');
    const r = await initialMapping(s, summary);
    expect(r.recipe).toMatchObject({ applied: false, failedAt: '2026-03-02T10:00:00Z' });
    expect(r.recipe!.mapping.kind).toBe('transactions'); // what "use it anyway" would apply
    expect(r.mapping.kind).toBe('customers'); // what the page starts from: the detected mapping
    // a later successful analysis saves its mapping again, without the failure mark
    await rememberMapping(s, summary, { ...bad, kind: 'customers' }, '2026-03-03T10:00:00Z');
    expect((await initialMapping(s, summary)).recipe).toMatchObject({ applied: true, failedAt: null });
  });
});

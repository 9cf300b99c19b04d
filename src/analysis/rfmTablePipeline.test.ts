/**
 * An RFM customer table that also has a churn flag: the churn models run as for any customer table,
 * the lifetime models beside them, and the page can say which ranks whom. The flag is real: whether
 * the CDNOW customer bought again in the 39 weeks after the calibration end (../shared/data/cdnow).
 */
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { createEngine } from './engine';
import { summarize } from './lifetime/summary';
import { cdnowSummaryCsv, dayOf, haveCdnow, loadCdnow } from './testing/cdnow';

const require = createRequire(import.meta.url);
const wasmPaths = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + '/';

describe.skipIf(!haveCdnow())('pipeline: RFM customer table with a churn flag', () => {
  it('churn model ranks the call list; P(alive) is fitted beside it and compared on the flag', async () => {
    const log = loadCdnow();
    const s = summarize(log, dayOf('19970930'), dayOf('19980630'));
    const lines = cdnowSummaryCsv('weeks', log).trim().split('\n');
    const csv = [`${lines[0]},Churn`, ...lines.slice(1).map((l, i) => `${l},${s.holdout[i] === 0 ? 'Yes' : 'No'}`)].join('\n');
    const engine = createEngine({ wasmPaths });
    const loaded = await engine.load(csv, 'cdnow_flag.csv');
    if (!loaded.ok) throw new Error(loaded.message);
    expect(loaded.summary.roles).toMatchObject({ target: 'Churn', repeats: 'frequency', age: 'T' });
    const a = await engine.analyze({ seed: 42, folds: 3, models: ['logistic'] });
    if (!a.ok) throw new Error(a.message);
    const r = a.result;
    expect(r.churn).not.toBeNull();
    expect(r.lifetime!.source).toBe('table');
    expect(r.lifetime!.model!.params.r.toPrecision(3)).toBe('0.243');
    expect(r.business!.revenue!.probabilitySource).not.toMatch(/P\(alive\)/);
    const fc = r.lifetime!.flagComparison!;
    expect(fc.customers).toBe(2357);
    expect(fc.model).toBe(r.churn!.best);
    // on "no purchase in the next 39 weeks" the churn model (trained on the flag, out of fold) ranks far
    // better than 1 - P(alive), which never saw the flag and puts one-time buyers (P(alive) = 1) last
    expect(fc.aucAlive).toBeCloseTo(0.316, 3);
    expect(fc.aucModel!).toBeGreaterThan(0.75);
  }, 120_000);
});

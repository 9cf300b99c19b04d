/** "Score a new file" through the engine API (what the page's worker runs): the same findings,
 *  drift and scores.csv as scoring in this thread, and a bad file comes back as a failure. */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine';
import { generateDemoCsv } from '../data/demo';
import { parseCsv } from '../data/parse';
import { scoreFile } from './score';
import { driftReport } from './drift';
import { scoresCsv } from './scoresCsv';

describe('engine.scoreNewFile', () => {
  it('scores a later file in the engine as scoreFile does, leaving the loaded table alone', async () => {
    const engine = createEngine({ backend: 'cpu' });
    expect((await engine.loadDemo(42, 600)).ok).toBe(true);
    const res = await engine.analyze({ seed: 42, folds: 3, k: 3, kRange: [3, 3], models: ['logistic'] });
    if (!res.ok) throw new Error(res.message);
    const model = structuredClone(res.result.model!);
    const next = generateDemoCsv(7, 400);
    const out = await engine.scoreNewFile(model, next, 'next.csv');
    if (!out.ok) throw new Error(out.message);
    const parsed = await parseCsv(next, 'next.csv');
    if (!parsed.ok) throw new Error(parsed.message);
    const s = scoreFile(model, parsed.table);
    expect(out.n).toBe(400);
    expect(out.csv).toBe(scoresCsv(model, s));
    expect(out.drift).toEqual(driftReport(model, s));
    // the sentence on the page says the method the values came from: the analysis's own when it had survival curves
    expect(out.clvMethod).toBe(s.clvMethod.text);
    expect(s.clvMethod.method).toBe(res.result.business!.kpis.clv.basis === 'survival-curves' ? 'survival-curves' : 'average-hazard');
    expect(out.csv.split(/\r?\n/)[0]).toBe('customer_id,segment,segment_name,churn_probability,lifetime_value_usd,top_reasons');
    // the table loaded for the analysis is still there: the same analysis runs again
    const again = await engine.analyze({ seed: 42, folds: 3, k: 3, kRange: [3, 3], models: ['logistic'] });
    expect(again.ok && again.result.rows).toBe(600);
  });

  it('a file that is not a table comes back as a failure with a message', async () => {
    const engine = createEngine({ backend: 'cpu' });
    expect((await engine.loadDemo(42, 300)).ok).toBe(true);
    const res = await engine.analyze({ seed: 42, folds: 3, k: 3, kRange: [3, 3], models: ['logistic'] });
    if (!res.ok) throw new Error(res.message);
    const out = await engine.scoreNewFile(res.result.model!, '', 'empty.csv');
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.message.length).toBeGreaterThan(10);
  });
});

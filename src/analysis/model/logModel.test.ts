/**
 * Transaction logs keep a saved model (kind 'transactions'): the per-customer aggregation (churn
 * window, role columns), the churn and segment models over the aggregated table, and the
 * lifetime parameters. Re-scoring the training log gives the analysis's probabilities and
 * segments; a later log from the same process is scored out of time; tripled amounts raise the
 * drift flag on Monetary. Data: the seeded shop demo (BG/NBD purchases, Gamma-Gamma spend).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../engine';
import { simulatedCsv } from '../lifetime/synthetic';
import { parseCsv } from '../data/parse';
import { parseSavedModelText } from './validate';
import { scoreLog } from './logFeatures';
import { scoreNewFile } from './scoreNewFile';
import { driftReport } from './drift';
import { exportSql } from '../sql/exportSql';
import type { AnalysisResult } from '../result';
import type { SavedModel } from './types';

let result: AnalysisResult;
let model: SavedModel;

async function raw(text: string, name: string) {
  const p = await parseCsv(text, name);
  if (!p.ok) throw new Error(p.message);
  return p.table;
}

beforeAll(async () => {
  const engine = createEngine({ backend: 'cpu' });
  expect((await engine.load(simulatedCsv(1500, 42), 'shop.csv')).ok).toBe(true);
  const res = await engine.analyze({ seed: 42, folds: 3, models: ['logistic', 'gbdt'] });
  if (!res.ok) throw new Error(res.message);
  result = res.result;
  const parsed = parseSavedModelText(JSON.stringify(result.model));
  if (!parsed.ok) throw new Error(parsed.message);
  model = parsed.model;
}, 300_000);

describe('saved model of a transaction log', () => {
  it('holds the aggregation, the churn and segment models and the lifetime parameters', () => {
    expect(result.kind).toBe('transactions');
    expect(model.kind).toBe('transactions');
    expect(model.log!.churnWindowDays).toBeGreaterThan(0);
    expect(model.log!.features).toEqual(['Recency (days)', 'Frequency (orders)', 'Monetary', 'Tenure (months)', 'Average order value', 'Recency, whole log (days)', 'Orders, whole log', 'Spend, whole log']);
    expect(model.churn).not.toBeNull();
    expect(model.segmentation!.features).toEqual(['log1p(Recency, whole log (days))', 'log1p(Orders, whole log)', 'log1p(Spend, whole log)']);
    const bg = model.log!.lifetime!.bgnbd;
    expect(bg.r).toBeCloseTo(result.lifetime!.model!.params.r, 12);
    expect(bg.b).toBeCloseTo(result.lifetime!.model!.params.b, 12);
  });

  it('re-scores its own log with the analysis probabilities and segments', async () => {
    const r = scoreLog(model, await raw(simulatedCsv(1500, 42), 'shop.csv'));
    if (!r.ok) throw new Error(r.message);
    expect(r.scored.ids).toEqual(result.ids);
    const p = result.churn!.probability;
    let maxD = 0;
    for (let i = 0; i < p.length; i++) maxD = Math.max(maxD, Math.abs(r.scored.probability![i] - p[i]));
    expect(maxD).toBeLessThan(1e-12);
    expect(Array.from(r.scored.segment!)).toEqual(Array.from(result.segmentation!.labels));
    expect(Array.from(r.scored.actual!)).toEqual(Array.from(result.churn!.actual!));
  });

  it("scores a later log out of time (its own last window is the outcome) and writes scores.csv", async () => {
    const out = await scoreNewFile(model, simulatedCsv(1200, 7), 'next.csv');
    if (!out.ok) throw new Error(out.message);
    expect(out.n).toBeGreaterThan(500);
    const o = out.drift.outcome!;
    expect(o.customers).toBe(out.n);
    expect(o.rocAuc!).toBeGreaterThan(0.6);
    expect(out.drift.features.find((f) => f.name === 'Monetary')!.psi).toBeLessThan(0.1);
  });

  it('tripled amounts raise the drift flag on Monetary', async () => {
    const text = simulatedCsv(1200, 7).replace(/,(\d+\.\d\d)\n/g, (_, a: string) => `,${(3 * Number(a)).toFixed(2)}\n`);
    const r = scoreLog(model, await raw(text, 'tripled.csv'));
    if (!r.ok) throw new Error(r.message);
    const f = driftReport(model, r.scored).features.find((x) => x.name === 'Monetary')!;
    expect(f.psi).toBeGreaterThan(0.25);
  });

  it('a customer-table model refuses a log, and the SQL names the per-customer table it reads', async () => {
    expect(scoreLog({ ...model, kind: 'customers' }, await raw(simulatedCsv(50, 1), 'x.csv')).ok).toBe(false);
    expect(exportSql(model, { dialect: 'duckdb', table: 'features' }).notes[0]).toMatch(/per-customer table/);
  });
});

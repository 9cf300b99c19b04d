/** The lifetime stage inside the pipeline: the shop demo through the engine, as the worker runs it. */
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { createEngine } from './engine';
import { analysisSummary } from './analysisSummary';

const require = createRequire(import.meta.url);
const wasmPaths = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + '/';

describe('pipeline: lifetime for transaction logs', () => {
  it('fits BG/NBD + Gamma-Gamma on the shop demo, back-tests it, and feeds P(alive) to revenue at risk', async () => {
    const engine = createEngine({ wasmPaths });
    const loaded = await engine.loadDemo(42, 600, 'shop');
    if (!loaded.ok) throw new Error(loaded.message);
    expect(loaded.summary.kind).toBe('transactions');
    const a = await engine.analyze({ seed: 42, folds: 2, models: ['logistic'], calibrationEnd: '2024-10-31' });
    if (!a.ok) throw new Error(a.message);
    const l = a.result.lifetime!;
    expect(l.model!.converged).toBe(true);
    expect(l.spend!.method).toBe('gamma-gamma');
    expect(l.backtest!.calibrationEnd).toBe(Date.UTC(2024, 9, 31) / 86_400_000);
    expect(l.window!.days).toBeGreaterThanOrEqual(14);
    expect(a.result.options.churnWindowDays).toBeUndefined();
    // per-customer outputs follow the analysis' customers
    expect(l.customersOut!.pAlive.length).toBe(a.result.rows);
    expect(l.customersOut!.pAlive.every((p) => p >= 0 && p <= 1)).toBe(true);
    expect(a.result.business!.revenue!.probabilitySource).toMatch(/1 - P\(alive\)/);
    expect(l.cohorts.cohorts.length).toBeGreaterThan(2);
    expect(l.movements.length).toBeGreaterThan(12);
    // the summary (analysis.json) keeps the model and back-test, drops the per-customer arrays
    const s = analysisSummary(a.result) as { lifetime: { model: unknown; customersOut: Record<string, unknown> } };
    expect(s.lifetime.model).toBeTruthy();
    expect(s.lifetime.customersOut.pAlive).toBeUndefined();
  }, 60_000);
});

describe('pipeline: the window label ranked by P(alive) and by the churn model', () => {
  it('gives both ROC-AUCs out of sample on the shop demo', async () => {
    const engine = createEngine({ wasmPaths });
    const loaded = await engine.loadDemo(42, 600, 'shop');
    if (!loaded.ok) throw new Error(loaded.message);
    const a = await engine.analyze({ seed: 42, folds: 2, models: ['logistic'] });
    if (!a.ok) throw new Error(a.message);
    const w = a.result.lifetime!.windowComparison!;
    expect(w.customers).toBe(a.result.rows);
    expect(w.aucAlive).toBeGreaterThan(0.5);
    expect(w.aucAlive).toBeLessThanOrEqual(1);
    expect(w.aucModel).toBeGreaterThan(0.5);
    expect(w.model).toBe('logistic');
    // the same among those who had bought again before the window: fewer customers, both AUCs
    const rb = w.repeatBuyers!;
    expect(rb.customers).toBeGreaterThan(1);
    expect(rb.customers).toBeLessThan(w.customers);
    expect(rb.aucAlive).toBeGreaterThan(0.5);
    expect(rb.aucModel).toBeGreaterThan(0);
  }, 60_000);
});

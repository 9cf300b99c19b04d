/**
 * The CLI's DuckDB engine on small logs, against the in-memory engine: the same analysis.json
 * (timings aside) and customers.csv on the shop demo log, on the corpus fixture log (placeholder
 * ids, cancellations) and on a parquet copy written by DuckDB; scores.csv (every customer, the
 * exported SQL run in DuckDB) carries the analysis's probabilities; above --max-customers the
 * models train on a stratified sample, stated as a finding, and every customer is still scored.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { createEngine } from '../../analysis/engine';
import { initBackend } from '../../analysis/tensor/backend';
import { analysisSummary } from '../../analysis/analysisSummary';
import { simulatedCsv } from '../../analysis/lifetime/synthetic';
import { customersCsv } from '../../report/csv';
import type { AnalysisResult } from '../../analysis/result';
import { analyzeLogWithDuckdb } from './analyzeLog';

const TIMES = new Set(['timingsMs', 'fitMs', 'createdAt']);
const strip = (r: AnalysisResult) => JSON.parse(JSON.stringify(analysisSummary(r), (k, v) => (TIMES.has(k) ? undefined : v)));
const OPTS = { seed: 42, folds: 3, models: ['logistic', 'gbdt'] };
const dir = mkdtempSync(join(tmpdir(), 'rs-duckcli-'));
const SHOP = join(dir, 'shop.csv');
const FIXTURE = resolve(import.meta.dirname, '../../analysis/data/fixtures/transactions.csv');

async function inMemory(file: string): Promise<AnalysisResult> {
  const engine = createEngine({ backend: 'cpu' });
  const loaded = await engine.load(readFileSync(file, 'utf8'), file.split('/').pop()!);
  if (!loaded.ok) throw new Error(loaded.message);
  const r = await engine.analyze(OPTS);
  if (!r.ok) throw new Error(r.message);
  return r.result;
}

async function viaDuckdb(file: string, name: string, max?: number, exactSumLines?: number) {
  const out = mkdtempSync(join(dir, 'out-'));
  const r = await analyzeLogWithDuckdb(file, name, { ...OPTS, seed: 42 }, out, undefined, max, exactSumLines);
  if (!r.ok) throw new Error(r.message);
  return r;
}

beforeAll(async () => {
  writeFileSync(SHOP, simulatedCsv(800, 42));
  await initBackend('cpu');
});

describe('analyze --engine duckdb', () => {
  it('gives the in-memory analysis.json and customers.csv on a log, and scores every customer with the exported SQL', async () => {
    const mem = await inMemory(SHOP);
    const duck = await viaDuckdb(SHOP, 'shop.csv');
    expect(strip(duck.result)).toEqual(strip(mem));
    expect(customersCsv(duck.result)).toBe(customersCsv(mem));
    const lines = readFileSync(duck.scored!.file, 'utf8').trim().split('\n');
    expect(lines.length - 1).toBe(mem.rows);
    const p = new Map(lines.slice(1).map((l) => l.split(',')).map((c) => [c[0], Number(c[3])]));
    let maxD = 0;
    mem.ids.forEach((id, i) => (maxD = Math.max(maxD, Math.abs(p.get(id)! - mem.churn!.probability[i]))));
    expect(maxD).toBeLessThan(1e-9);
  });

  it('the same on the fixture log with placeholder ids and cancellations', async () => {
    const mem = await inMemory(FIXTURE);
    const duck = await viaDuckdb(FIXTURE, 'transactions.csv');
    expect(strip(duck.result)).toEqual(strip(mem));
    expect(duck.result.warnings.map((w) => w.code)).toContain('placeholder-ids');
  });

  it('above the exact-sum limit, DuckDB adds the amounts out of core: a finding says so, and analysis.json (10 digits) is unchanged', async () => {
    const exact = await viaDuckdb(FIXTURE, 'transactions.csv');
    const summed = await viaDuckdb(FIXTURE, 'transactions.csv', undefined, 0);
    const codes = (r: AnalysisResult) => r.warnings.map((w) => w.code);
    expect(codes(summed.result)).toContain('duckdb-sum-order');
    expect(codes(exact.result)).not.toContain('duckdb-sum-order');
    const noFinding = (r: AnalysisResult) => strip({ ...r, warnings: r.warnings.filter((w) => w.code !== 'duckdb-sum-order') });
    expect(noFinding(summed.result)).toEqual(noFinding(exact.result));
  });

  it('reads parquet (written by DuckDB from the CSV) to the same analysis', async () => {
    const pq = join(dir, 'shop.parquet');
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    await db.run(`COPY (SELECT * FROM read_csv('${SHOP}')) TO '${pq}' (FORMAT parquet)`);
    db.closeSync();
    const fromCsv = await viaDuckdb(SHOP, 'shop.csv');
    const fromParquet = await viaDuckdb(pq, 'shop.csv');
    expect(strip(fromParquet.result)).toEqual(strip(fromCsv.result));
  });

  it('above the in-memory limit: a stratified sample trains the models (a finding says so), every customer is scored', async () => {
    const r = await viaDuckdb(SHOP, 'shop.csv', 300);
    expect(r.result.rows).toBe(300);
    const w = r.result.warnings.find((x) => x.code === 'duckdb-sample')!;
    expect(w.message).toMatch(/800 customers .* sample of 300 \(stratified by the churn label, seed 42\)/);
    expect(r.scored!.customers).toBe(800);
    expect(readFileSync(r.scored!.file, 'utf8').trim().split('\n').length).toBe(801);
    // the churn share is kept in the sample (stratified)
    const mem = await inMemory(SHOP);
    const share = (y: Uint8Array) => y.reduce((s, v) => s + v, 0) / y.length;
    expect(Math.abs(share(r.result.churn!.actual!) - share(mem.churn!.actual!))).toBeLessThan(0.01);
  });
});

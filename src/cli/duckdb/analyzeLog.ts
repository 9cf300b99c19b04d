/**
 * `npm run analyze -- big.csv --engine duckdb` (or .parquet): an invoice log of any size,
 * aggregated per customer in DuckDB (aggregate.ts), analysed by the engine on every customer,
 * or on a stated, seeded sample stratified by the churn label when there are more than
 * `maxCustomers`; then every customer is scored back in DuckDB with the exported SQL of the
 * analysis's saved model (scores.csv). Below the limit, analysis.json and customers.csv are the
 * in-memory engine's (test: duckdb.test.ts).
 */
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { AnalyzeResult } from '../../analysis/api';
import type { AnalysisOptions, CustomerFrame, OnProgress, Warning } from '../../analysis/types';
import { prepareFrame } from '../../analysis/data/prepare';
import { CHURN_WINDOW_DAYS } from '../../analysis/data/questions';
import { runAnalysis } from '../../analysis/pipeline';
import { logFeatureColumns } from '../../analysis/model/logFeatures';
import { exportSql } from '../../analysis/sql/exportSql';
import { mulberry32 } from '../../analysis/random';
import { openLog, lit, q } from './logTable';
import { duckLog, EXACT_SUM_LINES } from './aggregate';

/** Customers analysed in memory at most (default); above it the models train on a sample. */
export const MAX_CUSTOMERS = 250_000;

export type DuckAnalysis = AnalyzeResult & { scored?: { customers: number; file: string; seconds: number } };

/** Runs the analysis of `file` through DuckDB; writes `<out>/scores.csv` (every customer, exported SQL) when there is a saved model. */
export async function analyzeLogWithDuckdb(file: string, fileName: string, options: AnalysisOptions, out: string, onProgress: OnProgress = () => {}, maxCustomers = MAX_CUSTOMERS, exactSumLines = EXACT_SUM_LINES): Promise<DuckAnalysis> {
  const db = await openLog(file, fileName);
  try {
    const ins = db.sample;
    if ((options.kind ?? ins.kind) !== 'transactions')
      return { ok: false, code: 'duckdb-not-a-log', message: 'The DuckDB engine reads invoice logs (one line per purchase); this file looks like a customer table. Run it without --engine duckdb.' };
    const roles = { ...ins.roles };
    const exact = db.lines <= exactSumLines;
    const dl = await duckLog(db.duck, ins, roles, exact);
    if ('ok' in dl) return dl;
    let full: CustomerFrame | null = null;
    const res = await runAnalysis(ins, options, onProgress, undefined, undefined, {
      log: dl.log,
      inputRows: db.lines,
      async prepare(o) {
        const agg = await dl.aggregate(o.churnWindowDays ?? CHURN_WINDOW_DAYS);
        if (agg.ok) {
          full = agg.frame;
          if (agg.frame.n > maxCustomers) agg.frame = sampleFrame(agg.frame, maxCustomers, options.seed, agg.warnings);
        }
        return prepareFrame(ins, o, () => agg);
      },
    });
    if (!res.ok || !res.result.model || !full) return res;
    const t0 = performance.now();
    const customers = await featureTable(db.duck, full, res.result.model.roles.id ?? 'customer_id');
    const { sql } = exportSql(res.result.model, { dialect: 'duckdb', table: 'features' });
    const path = join(out, 'scores.csv');
    await db.duck.run(`COPY (SELECT customer_id, segment, segment_name, churn_probability FROM (${sql}) s) TO ${lit(path)} (HEADER, DELIMITER ',')`);
    return { ...res, scored: { customers, file: path, seconds: (performance.now() - t0) / 1000 } };
  } finally {
    db.close();
  }
}

/** `max` customers drawn without replacement, stratified by the churn label (each class in proportion), seeded; in their original order. */
function sampleFrame(f: CustomerFrame, max: number, seed: number, warnings: Warning[]): CustomerFrame {
  const rnd = mulberry32(seed);
  const keep = new Uint8Array(f.n);
  const classes = f.y ? [0, 1].map((c) => Array.from({ length: f.n }, (_, i) => i).filter((i) => f.y![i] === c)) : [Array.from({ length: f.n }, (_, i) => i)];
  for (const idx of classes) {
    const take = Math.round((idx.length * max) / f.n);
    for (let j = 0; j < take; j++) {
      const k = j + Math.floor(rnd() * (idx.length - j));
      [idx[j], idx[k]] = [idx[k], idx[j]];
      keep[idx[j]] = 1;
    }
  }
  const rows = Array.from({ length: f.n }, (_, i) => i).filter((i) => keep[i]);
  const pick = (v: Float64Array | null) => (v ? Float64Array.from(rows, (i) => v[i]) : null);
  warnings.push({
    code: 'duckdb-sample',
    message: `${f.n.toLocaleString('en-US')} customers are more than ${max.toLocaleString('en-US')} the engine analyses in memory: the models were trained on a sample of ${rows.length.toLocaleString('en-US')} (stratified by the churn label, seed ${seed}), and every customer was scored in DuckDB with the exported SQL (scores.csv).`,
    count: rows.length,
  });
  return {
    ...f,
    n: rows.length,
    ids: rows.map((i) => f.ids[i]),
    y: f.y ? Uint8Array.from(rows, (i) => f.y![i]) : null,
    tenure: pick(f.tenure),
    monthly: pick(f.monthly),
    total: pick(f.total),
    recency: pick(f.recency),
    frequency: pick(f.frequency),
    monetary: pick(f.monetary),
    numeric: f.numeric.map((c) => ({ ...c, values: pick(c.values)! })),
    categorical: [],
  };
}

/** Table `features`: every customer's row of the per-customer table the saved model reads. */
async function featureTable(duck: DuckDBConnection, f: CustomerFrame, idName: string): Promise<number> {
  const cols = logFeatureColumns(f);
  await duck.run(`CREATE OR REPLACE TABLE features (${q(idName)} VARCHAR, ${cols.map((c) => `${q(c.name)} DOUBLE`).join(', ')})`);
  const app = await duck.createAppender('features');
  for (let i = 0; i < f.n; i++) {
    app.appendVarchar(f.ids[i]);
    for (const c of cols) app.appendDouble(c.values[i]);
    app.endRow();
  }
  app.flushSync();
  app.closeSync();
  return f.n;
}

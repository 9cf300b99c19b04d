/**
 * A transaction log's saved model reads a per-customer table, not the log: the churn features
 * from purchases before the cutoff (Recency (days), Frequency (orders), Monetary, Tenure
 * (months), Average order value) and the full-period recency / frequency / monetary that
 * segmentation clusters on. This module builds that table from an aggregated log (the same
 * aggregation as the analysis, data/transactions.ts) and scores a later log with the model.
 * The SQL export reads the same table by the same column names (the CLI's DuckDB engine).
 */
import type { CustomerFrame, RawTable, Warning } from '../types';
import { inspectTable, prepareFrame } from '../data/prepare';
import { scoreFile, type Scored } from './score';
import type { SavedModel } from './types';
import { LOG_RFM } from './logNames';

/** The table's numeric columns (name, values), in order. */
export function logFeatureColumns(frame: CustomerFrame): { name: string; values: Float64Array }[] {
  const out = frame.numeric.map((f) => ({ name: f.name, values: f.values }));
  for (const r of ['recency', 'frequency', 'monetary'] as const) if (frame[r]) out.push({ name: LOG_RFM[r], values: frame[r]! });
  return out;
}

/** The per-customer table of an aggregated log as a raw text table: the id column (named as the log's), then the features. */
export function logFeatureTable(frame: CustomerFrame, idName: string, fileName: string): RawTable {
  const text = (v: Float64Array) => {
    const index = new Map<string, number>();
    const levels: string[] = [];
    const codes = new Int32Array(v.length);
    for (let i = 0; i < v.length; i++) {
      const s = Number.isFinite(v[i]) ? String(v[i]) : '';
      let k = index.get(s);
      if (k === undefined) index.set(s, (k = levels.push(s) - 1));
      codes[i] = k;
    }
    return { levels, codes };
  };
  return {
    fileName,
    nRows: frame.n,
    columns: [{ name: idName, levels: frame.ids.slice(), codes: Int32Array.from(frame.ids, (_, i) => i) }, ...logFeatureColumns(frame).map((c) => ({ name: c.name, ...text(c.values) }))],
    parseWarnings: [],
  };
}

export type ScoredLog = { ok: true; scored: Scored; frame: CustomerFrame; warnings: Warning[] } | { ok: false; code: string; message: string };

/**
 * Scores a later transaction log with a log model: the log is aggregated with the model's role
 * columns and churn window (features before the new log's own cutoff), every customer scored;
 * `actual` is the new log's label (no purchase in its last window): an out-of-time check.
 */
export function scoreLog(model: SavedModel, raw: RawTable): ScoredLog {
  if (model.kind !== 'transactions' || !model.log) return { ok: false, code: 'score/not-a-log-model', message: 'This saved model was trained on a customer table, not on a transaction log: score a customer table with it.' };
  const prep = prepareFrame({ ...inspectTable(raw), kind: 'transactions' }, { kind: 'transactions', roles: model.roles, churnWindowDays: model.log.churnWindowDays });
  if (!prep.ok) return prep;
  const frame = prep.frame;
  const scored = scoreFile(model, logFeatureTable(frame, model.roles.id ?? 'customer_id', raw.fileName));
  if (frame.y) scored.actual = Int8Array.from(frame.y);
  return { ok: true, scored, frame, warnings: prep.warnings };
}

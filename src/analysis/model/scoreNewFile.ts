/**
 * "Score a new file with this model": parse the file, score it with the saved model (no
 * retraining), compare it with the training data (drift) and write scores.csv, all in the
 * engine's thread (the page's worker, or the CLI's process), so the page only shows the outcome.
 */
import { parseCsv } from '../data/parse';
import type { RawTable, Warning } from '../types';
import { scoreFile, type Scored } from './score';
import { scoreLog } from './logFeatures';
import { driftReport, type DriftReport } from './drift';
import { scoresCsv } from './scoresCsv';
import type { SavedModel } from './types';

export type ScoreFileOutcome =
  | { ok: true; file: string; n: number; findings: Warning[]; drift: DriftReport; csv: string; clvMethod: string }
  | { ok: false; code: string; message: string };

/** A parsed file scored with `model`: a customer table row by row, a transaction log (log model)
 *  aggregated per customer first; findings of both steps. */
export function scoreTable(model: SavedModel, raw: RawTable, mapping?: Record<string, string>): { ok: true; scored: Scored; findings: Warning[] } | { ok: false; code: string; message: string } {
  if (model.kind !== 'transactions') {
    const scored = scoreFile(model, raw, mapping);
    return { ok: true, scored, findings: scored.findings };
  }
  const r = scoreLog(model, raw);
  return r.ok ? { ok: true, scored: r.scored, findings: [...r.warnings, ...r.scored.findings] } : r;
}

/** Scores `source` (a CSV Blob or text) with `model`; `mapping` renames saved columns to the file's. */
export async function scoreNewFile(model: SavedModel, source: Blob | string, fileName: string, mapping?: Record<string, string>): Promise<ScoreFileOutcome> {
  const parsed = await parseCsv(source, fileName);
  if (!parsed.ok) return { ok: false, code: parsed.code, message: parsed.message };
  const t = scoreTable(model, parsed.table, mapping);
  if (!t.ok) return t;
  const drift = driftReport(model, t.scored);
  return { ok: true, file: fileName, n: t.scored.n, findings: [...t.findings, ...drift.findings], drift, csv: scoresCsv(model, t.scored), clvMethod: t.scored.clvMethod.text };
}

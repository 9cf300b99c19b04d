/** Test helpers: analyses of the real Telco file and their saved models (JSON round-tripped). */
import { parseCsv } from '../data/parse';
import { inspectTable } from '../data/prepare';
import { runAnalysis } from '../pipeline';
import { applyPatch, type Refinement } from '../refine';
import type { AnalysisResult } from '../result';
import type { RawTable } from '../types';
import type { SavedModel } from '../savedModel';
import { telcoText } from './telco';

/** A CSV text parsed into a raw table. */
export async function rawOf(text: string, name = 'file.csv'): Promise<RawTable> {
  const parsed = await parseCsv(text, name);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.table;
}

/** The Telco analysis with the given churn models, and its saved model after a JSON round trip.
 *  first: the first result only (the page's first dashboard: refining work left pending, so the
 *  k-fold model choice with fixed settings), else the refined result (what the CLI writes).
 *  'models': the first result with its deferred models cross-validated (the importance, then the
 *  choice over every model with fixed settings; no tuning, no repeated CV). */
export async function telcoAnalysis(models?: string[], first: boolean | 'models' = false): Promise<{ result: AnalysisResult; model: SavedModel; raw: RawTable }> {
  const raw = await rawOf(telcoText(), 'telco.csv');
  const later: Refinement[] | undefined = first ? [] : undefined;
  const res = await runAnalysis(inspectTable(raw), { seed: 42, folds: 3, k: 4, kRange: [4, 4], ...(models ? { models } : {}) }, undefined, undefined, later);
  if (!res.ok) throw new Error(res.message);
  let result = res.result;
  if (first === 'models') for (const r of later!.filter((x) => x.key === 'churn.importance' || x.key === 'churn.models')) result = applyPatch(result, await r.run());
  const model = JSON.parse(JSON.stringify(result.model)) as SavedModel;
  return { result, model, raw };
}

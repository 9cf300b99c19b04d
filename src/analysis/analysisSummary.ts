/**
 * analysis.json: the summary view of a result (no per-customer arrays), written by the CLI and
 * comparable with the browser's result. The full export with typed arrays is src/report/json.ts.
 */
import type { AnalysisResult } from './result';

/** JSON-ready copy: typed arrays become number arrays; per-customer arrays are dropped unless asked. */
export function analysisSummary(result: AnalysisResult, perCustomer = false): unknown {
  const n = result.rows;
  // Per-customer data: typed arrays with one entry per customer, the ids, the compact reasons and
  // the PCA sample. Every per-customer column is a typed array except the ids, so a plain array
  // (a cohort grid, monthly movements) is kept even when its length happens to equal the customers.
  const isPerCustomer = (v: unknown, key: string) =>
    ArrayBuffer.isView(v) ? (v as unknown as ArrayLike<unknown>).length === n && n > 1
      : Array.isArray(v) ? key === 'ids' && v.length === n
        : key === 'pca' || key === 'reasons';
  const walk = (v: unknown): unknown => {
    if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>, round);
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === 'number') return round(v);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) if (perCustomer || !isPerCustomer(x, k)) out[k] = walk(x);
      return out;
    }
    return v;
  };
  // the saved model is written whole, unrounded, as model.json
  const out = walk({ ...result, model: undefined }) as Record<string, unknown>;
  delete out.model;
  // the survival model: its summary only (the per-active-customer curves are not per-row arrays of length n)
  const sm = result.survivalModel;
  if (sm && !perCustomer)
    out.survivalModel = walk({ model: sm.model, cIndex: sm.cIndex, tdAuc: sm.tdAuc, proportionalHazards: sm.proportionalHazards, covariates: sm.covariates, excluded: sm.excluded, capMonths: sm.capMonths, activeCustomers: sm.active.rows.length, warnings: sm.warnings });
  // The business layer's keys also sit at the top level, as analysis.json documents them.
  const b = out.business as Record<string, unknown> | null;
  if (b) for (const k of ['population', 'lost', 'plan', 'kpis', 'survival', 'revenue', 'priorities', 'recommendations', 'insights']) out[k] = b[k];
  return out;
}

function round(x: number): number | null {
  if (!Number.isFinite(x)) return null;
  return Number.isInteger(x) ? x : Number(x.toPrecision(10));
}

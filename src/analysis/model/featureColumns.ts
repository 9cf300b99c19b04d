/**
 * A segmentation feature by the name of the column it reads: the one naming of "tenure", "monthly",
 * "total" (role keys) and a log's "recency"/"frequency"/"monetary" that the saved model uses to read a
 * new file and the page uses to label them (the profile heat-map, the Segments note), so the page shows
 * the user's own column names ("MonthlyCharges"), as the drivers and "How they differ" do.
 */
import type { Roles, TableKind, TenureUnit } from '../types';
import { baseName } from './reference';
import { logFeatureName } from './logNames';

const ROLE_KEYS = ['tenure', 'monthly', 'total'] as const;
/** A log's role keys that no table column holds (the profile heat-map's columns): in words. */
const LOG_ROLE_WORDS = { tenure: 'Months since first purchase', monthly: 'Spend per month', total: 'Spend, whole log' } as const;

/** The column a feature reads: a log's "log1p(recency)" -> "log1p(Recency, whole log (days))", a customer
 *  table's "monthly" -> roles.monthly ("MonthlyCharges"); any other name as it is. */
export function featureColumn(f: string, kind: TableKind, roles: Roles): string {
  if (kind === 'transactions') return logFeatureName(f);
  const m = /^log1p\((.+)\)$/.exec(f);
  const base = m ? m[1] : f;
  const col = (ROLE_KEYS as readonly string[]).includes(base) ? (roles[base as (typeof ROLE_KEYS)[number]] ?? base) : base;
  return m ? `log1p(${col})` : col;
}

/** A feature as the page names it: its column (featureColumn) without the log scale the clustering used,
 *  and the tenure role "in months" when the file counted in another unit (the engine converted it, as the
 *  drivers say): "tenure", "MonthlyCharges", "tenure_years in months", "Recency, whole log (days)". */
export function featureLabel(f: string, r: { kind: TableKind; roles: Roles; tenureUnit?: TenureUnit }): string {
  const base = baseName(f);
  if (r.kind === 'transactions' && Object.hasOwn(LOG_ROLE_WORDS, base)) return LOG_ROLE_WORDS[base as keyof typeof LOG_ROLE_WORDS];
  const col = featureColumn(base, r.kind, r.roles);
  return base === 'tenure' && r.kind === 'customers' && r.tenureUnit && r.tenureUnit !== 'months' ? `${col} in months` : col;
}
